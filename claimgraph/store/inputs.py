"""What ``ingest`` reads: extraction records as they are, and documents still to extract.

JSON Lines are read line by line here, because a line that is already an extraction
record (``document`` + ``statements``) is stored as it is; every other input (input
document lines, .txt, .html, folders, stdin) goes through
:func:`claimgraph.ingest.read_inputs` and its rules.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest import read_inputs, readers
from ..ingest.html import document_from_html
from ..model import Document
from .records import is_extraction_record

Item = tuple[str, "dict[str, Any] | Any"]


def _fill(record: dict[str, Any], defaults: readers.Defaults, path: str | None) -> dict[str, Any]:
    """Command-line metadata fills what a record's document lacks."""
    doc = record["document"]
    for key, value in (("publisher", defaults.publisher), ("published", defaults.date),
                       ("url", defaults.url), ("path", path)):
        if value and not doc.get(key):
            doc[key] = value
    return record


def _jsonl_items(text: str, label: str, defaults: readers.Defaults,
                 path: str | None) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if is_extraction_record(obj):
            yield where, _fill(obj, defaults, path)
            continue
        try:
            yield where, defaults.fill(readers.document_from_json(line, where), path)
        except InputError as exc:
            yield where, exc


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in readers.JSONL_SUFFIXES


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*")
                  if p.is_file() and p.suffix.lower() in readers.KNOWN_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(path).parts))


def _file_items(path: Path, defaults: readers.Defaults) -> Iterator[Item]:
    label = str(path)
    if not _is_jsonl(path):
        yield from read_inputs([label], defaults.publisher, defaults.date, defaults.url)
        return
    try:
        text = readers.decode(path.read_bytes(), label, max_bytes=1 << 62)
    except OSError as exc:
        yield label, InputError(label, exc.strerror or str(exc))
        return
    except InputError as exc:
        yield label, exc
        return
    yield from _jsonl_items(text, label, defaults, label)


def ingest_items(paths: list[str], publisher: str | None = None, date: str | None = None,
                 url: str | None = None) -> Iterator[Item]:
    """``(label, record dict | Document | InputError)`` for each input, in order."""
    defaults = readers.Defaults(publisher, date, url)
    for raw in paths:
        if raw == "-":
            try:
                text = readers.decode(sys.stdin.buffer.read(), "<stdin>", max_bytes=1 << 62)
            except InputError as exc:
                yield "<stdin>", exc
                continue
            if text.lstrip()[:1] == "{":
                yield from _jsonl_items(text, "<stdin>", defaults, None)
                continue
            try:
                doc = document_from_html(text, "<stdin>", url=defaults.url) \
                    if text.lstrip()[:1] == "<" else Document(text=text)
            except InputError as exc:
                yield "<stdin>", exc
                continue
            yield "<stdin>", defaults.fill(doc, None)
            continue
        path = Path(raw)
        if path.is_dir():
            files = _files(path)
            if not files:
                yield raw, InputError(raw, "folder holds no .txt, .html or .jsonl files")
            for file in files:
                yield from _file_items(file, defaults)
        elif path.exists():
            yield from _file_items(path, defaults)
        else:
            yield raw, InputError(raw, "no such file or directory")


def count_items(paths: list[str]) -> int | None:
    """How many items ``ingest_items`` will yield (for a progress bar); None when unknowable."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = _files(path) if path.is_dir() else [path] if path.exists() else []
        for file in files:
            if _is_jsonl(file):
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
