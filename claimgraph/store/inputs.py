"""What ``ingest`` reads: extraction records as they are, and documents still to extract."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..ingest import read_inputs, readers

Item = tuple[str, "dict[str, Any] | Any"]


def ingest_items(paths: list[str], publisher: str | None = None, date: str | None = None,
                 url: str | None = None, allow_private: bool = False) -> Iterator[Item]:
    """``(label, record dict | Document | InputError)`` for each input, in order."""
    return read_inputs(paths, publisher, date, url, records=True, allow_private=allow_private)


def count_items(paths: list[str]) -> int | None:
    """How many items ``ingest_items`` will yield (for a progress bar); None when unknowable."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        if readers.is_url(raw):
            total += 1
            continue
        path = Path(raw)
        files = readers.folder_files(path) if path.is_dir() else [path] if path.exists() else []
        for file in files:
            if readers.is_warc(file):
                return None  # its pages are known only by reading it through
            if file.suffix.lower() in readers.JSONL_SUFFIXES:
                try:
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
        if not files:
            total += 1
    return total
