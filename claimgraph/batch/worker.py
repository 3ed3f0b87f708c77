"""What runs on a Dask worker: one partition read, extracted and written as a shard.

Each worker process loads the spaCy pipeline once and keeps it for every partition it is
given; a lock makes a worker with several threads extract one partition at a time (spaCy
pipelines are not meant to be shared between threads).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Extraction
from . import shards
from .partitions import Partition

if TYPE_CHECKING:  # spaCy is loaded on the workers, not by the client that plans
    from spacy.language import Language

_PIPELINES: dict[str | None, Language] = {}
_LOCK = threading.Lock()


def pipeline(model: str | None) -> Language:
    """This process's pipeline for ``model``, built on first use."""
    if model not in _PIPELINES:
        from ..pipeline import build

        _PIPELINES[model] = build(model)
    return _PIPELINES[model]


def warm(model: str | None) -> str:
    """Load the pipeline and what it loads on first use now (run on every worker before
    the partitions are handed out)."""
    from ..pipeline import warm_up

    with _LOCK:
        nlp = pipeline(model)
        warm_up(nlp)
    return f"{nlp.meta.get('name')} {nlp.meta.get('version')}"


@dataclass
class PartitionResult:
    name: str
    documents: int = 0
    records: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of the worker process: the work, whatever else the machine runs
    words: int = 0


def run_partition(part: Partition, out: str, model: str | None) -> PartitionResult:
    """Extract ``part`` and write its shard and done file under ``out``."""
    from ..runner import run

    started, cpu = time.perf_counter(), time.process_time()
    result = PartitionResult(part.name)
    records: list[dict[str, Any]] = []
    with _LOCK:
        nlp = pipeline(model)
        for label, extracted in run(part.items(), nlp=nlp):
            result.documents += 1
            if isinstance(extracted, InputError):
                result.failures.append((label, extracted.reason))
            else:
                assert isinstance(extracted, Extraction)
                result.words += len(extracted.document.text.split())
                records.append(extracted.to_dict())
    shards.write_partition(Path(out), part.name, records, result.failures)
    result.records = len(records)
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu
    return result
