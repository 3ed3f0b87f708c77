"""The output folder of a backfill: extraction-record shards that ``claimgraph ingest`` loads,
and what says which partitions are done.

- ``NAME.jsonl``: one partition's extraction records (DESIGN section 4), one a line; not
  written when none of its documents could be read.
- ``.done/NAME.tsv``: written last, so its presence says the partition is finished; it lists
  the documents that failed (``label<TAB>reason``), and is empty when none did.
- ``failures.tsv``: every failure of the run's partitions and inputs, gathered at the end.
- ``batch.json``: the partition size and model, checked on a re-run (shards of another cut
  would not be recognised as done).

Each file is written to a hidden temporary file in the same folder and renamed into place,
so a reader never sees half a shard. Hidden files, ``.tsv`` and ``.json`` are not read by
``claimgraph ingest DIR``.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ClaimgraphError

MANIFEST = "batch.json"
DONE = ".done"
FAILURES = "failures.tsv"
FORMAT = 1


def write_atomically(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` through a temporary file renamed into place."""
    tmp = path.parent / f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    try:
        with open(tmp, "x", encoding="utf-8") as fh:  # mode from the umask, as any file
            fh.writelines(lines)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _clean(text: str) -> str:
    return " ".join(text.split())


def prepare(out: Path, partition_size: int, model: str | None) -> None:
    """Create ``out`` or check that its shards were cut the same way."""
    try:
        (out / DONE).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClaimgraphError(f"cannot create {out}: {exc.strerror or exc}") from None
    manifest = out / MANIFEST
    wanted = {"format": FORMAT, "partition_size": partition_size, "model": model}
    if manifest.exists():
        try:
            found = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if not isinstance(found, dict) or found.get("format") != FORMAT:
            raise ClaimgraphError(f"{out} holds a {MANIFEST} that is not a claimgraph batch's; "
                                  "name another --out folder")
        for key, flag in (("partition_size", "--partition-size"), ("model", "--model")):
            if found.get(key) != wanted[key]:
                raise ClaimgraphError(
                    f"{out} holds shards made with {flag} {found.get(key)}; resume with the "
                    f"same {flag}, or name another --out folder")
        return
    write_atomically(manifest, [json.dumps(wanted) + "\n"])


def done(out: Path, name: str) -> bool:
    return (out / DONE / f"{name}.tsv").exists()


def write_partition(out: Path, name: str, records: list[dict[str, Any]],
                    failures: list[tuple[str, str]]) -> None:
    """The partition's shard, then its done file (with its failures)."""
    shard = out / f"{name}.jsonl"
    if records:
        write_atomically(shard, (json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    else:
        shard.unlink(missing_ok=True)
    write_atomically(out / DONE / f"{name}.tsv",
                     (f"{_clean(label)}\t{_clean(reason)}\n" for label, reason in failures))


def failures(out: Path, names: Iterable[str]) -> list[tuple[str, str]]:
    """The failures listed in the done files of partitions ``names`` (those finished)."""
    found = []
    for name in names:
        path = out / DONE / f"{name}.tsv"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                label, _, reason = line.partition("\t")
                found.append((label, reason))
    return found


def write_failures(out: Path, rows: list[tuple[str, str]]) -> Path:
    path = out / FAILURES
    write_atomically(path, (f"{_clean(label)}\t{_clean(reason)}\n" for label, reason in rows))
    return path
