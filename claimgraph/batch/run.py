"""Run a backfill on Dask: partitions handed to the workers of a local cluster (default) or
of any dask.distributed scheduler, finished partitions skipped, failures gathered.

Workers read inputs and write shards at the paths they are given, so with a remote
scheduler the inputs and ``out`` must be on a filesystem every worker sees at the same
path, and claimgraph with its spaCy model must be installed on every worker.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ClaimgraphError
from . import shards
from .partitions import Partition, Plan
from .worker import PartitionResult, run_partition, warm

Log = Callable[[str], None]
DEFAULT_PARTITION = 200
CONNECT_TIMEOUT = "20s"


@dataclass
class BatchSummary:
    documents: int = 0  # read in this run
    records: int = 0
    failed: int = 0  # documents (and unreadable inputs) of this run and earlier ones
    partitions: int = 0
    skipped: int = 0  # partitions finished by an earlier run
    partitions_failed: list[str] = field(default_factory=list)
    workers: int = 0
    seconds: float = 0.0  # extraction: from the first partition handed out to the last done
    startup_seconds: float = 0.0  # every worker loading its pipeline, before ``seconds``
    busy_seconds: float = 0.0  # partitions' own times, summed over the workers
    cpu_seconds: float = 0.0  # the workers' CPU time in partitions
    words: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    failures_file: str | None = None

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        text = (f"{self.documents} documents in {self.partitions - self.skipped} partitions "
                f"({self.records} records written")
        if self.skipped:
            text += f"; {self.skipped} partitions already done, skipped"
        text += ")"
        if self.documents:
            text += (f" in {self.seconds:.1f} s on {self.workers} worker"
                     f"{'s' * (self.workers != 1)}, {self.docs_per_second:.1f} docs/s")
        if self.failed:
            text += f"; {self.failed} failed, listed in {self.failures_file}"
        if self.partitions_failed:
            text += (f"; {len(self.partitions_failed)} partitions failed: run again to retry "
                     "them")
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "records": self.records, "failed": self.failed,
                "partitions": self.partitions, "skipped": self.skipped,
                "partitions_failed": self.partitions_failed, "workers": self.workers,
                "seconds": round(self.seconds, 3),
                "startup_seconds": round(self.startup_seconds, 3),
                "busy_seconds": round(self.busy_seconds, 3),
                "cpu_seconds": round(self.cpu_seconds, 3),
                "docs_per_second": round(self.docs_per_second, 3), "words": self.words,
                "failure_reasons": dict(self.reasons.most_common()),
                "failures_file": self.failures_file}


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A dask.distributed Client: on ``scheduler`` when given, else on a LocalCluster of
    ``workers`` processes with one thread each."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClaimgraphError(f"cannot reach the Dask scheduler at {scheduler} "
                                  f"({str(exc).splitlines()[0] if str(exc) else exc!r})") \
                from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


def _extract(client: Any, todo: list[Partition], out: Path, model: str | None,
             summary: BatchSummary, progress: Callable[..., None] | None, log: Log) -> None:
    from distributed import as_completed

    summary.workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
    started = time.perf_counter()
    client.run(warm, model)  # every worker loads the model before the clock starts
    summary.startup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    futures = client.map(run_partition, todo, out=str(out.resolve()), model=model, pure=False)
    parts = {f.key: p for f, p in zip(futures, todo, strict=True)}
    try:
        for future in as_completed(futures):
            part = parts[future.key]
            try:
                result: PartitionResult = future.result()
            except Exception as exc:  # noqa: BLE001 - a partition lost; the others go on
                summary.partitions_failed.append(part.name)
                first = str(exc).splitlines()[0] if str(exc) else ""
                log(f"partition {part.name} ({part.source}) failed: {type(exc).__name__}: "
                    f"{first}")
            else:
                summary.documents += result.documents
                summary.records += result.records
                summary.words += result.words
                summary.busy_seconds += result.seconds
                summary.cpu_seconds += result.cpu_seconds
            if progress:
                progress(part.size)
    finally:
        for future in futures:
            future.cancel()
    summary.seconds = time.perf_counter() - started


def _reason(reason: str) -> str:
    """A failure reason without the parts that differ from document to document."""
    return reason.split(" (")[0][:80]


def run_batch(work: Plan, out: Path, *, connect: Callable[[], ContextManager[Any]],
              partition_size: int, model: str | None = None,
              progress: Callable[..., None] | None = None,
              log: Log = lambda line: None) -> BatchSummary:
    """Extract the partitions of ``work`` not yet done into shards under ``out``, on the
    workers of the Dask client that ``connect()`` opens (only when there is work)."""
    shards.prepare(out, partition_size, model)
    summary = BatchSummary(partitions=len(work.partitions))
    todo = [p for p in work.partitions if not shards.done(out, p.name)]
    summary.skipped = len(work.partitions) - len(todo)
    if progress:
        progress(work.documents - sum(p.size for p in todo))
    if todo:
        with connect() as client:
            _extract(client, todo, out, model, summary, progress, log)
    rows = [(e.source, e.reason) for e in work.errors]
    rows += shards.failures(out, (p.name for p in work.partitions))
    summary.failed = len(rows)
    summary.reasons = Counter(_reason(reason) for _, reason in rows)
    summary.failures_file = str(shards.write_failures(out, rows))
    return summary
