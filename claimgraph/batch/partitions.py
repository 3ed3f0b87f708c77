"""A backfill's inputs cut into partitions of about ``size`` documents each.

JSON Lines files are cut by line (a partition knows the byte offset of its first line),
WARC files by record (the byte offsets of their HTML pages), and other files (text, HTML)
are grouped, in sorted order. A partition's name depends only on its input and range, so
a second run over the same inputs plans the same partitions and can skip those done.
Paths are made absolute: workers on other machines need the same shared paths.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..ingest import readers
from ..model import Document

Kind = Literal["jsonl", "warc", "files"]
Item = tuple[str, "Document | InputError"]


@dataclass(frozen=True)
class Partition:
    """Documents ``start`` up to ``stop`` of one input.

    jsonl: lines ``start`` to ``stop - 1`` (numbered from 1) of ``source``, the first at
    byte ``offset``; warc: records of ``source`` starting at bytes ``start`` up to ``stop``
    (None: to the end); files: ``files``, items ``start`` on of the sorted listing of
    ``source``. ``size`` counts the documents, for progress."""

    kind: Kind
    source: str
    start: int
    stop: int | None
    size: int
    offset: int = 0
    files: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        digest = hashlib.sha256(json.dumps(
            [self.kind, self.source, self.start, self.stop, list(self.files)]).encode()
        ).hexdigest()[:10]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(self.source).name.split(".")[0])[:40]
        return f"{stem or 'part'}-{self.start:010d}-{digest}"

    def items(self) -> Iterator[Item]:
        """The partition's documents, ``(label, Document | InputError)`` in order."""
        if self.kind == "jsonl":
            yield from _jsonl_items(self)
        elif self.kind == "warc":
            from ..ingest.warc import warc_items

            yield from warc_items(Path(self.source), self.start, self.stop)
        else:
            defaults = readers.Defaults()
            for file in self.files:
                yield from readers.file_items(Path(file), defaults)


@dataclass
class Plan:
    partitions: list[Partition] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)  # inputs that cannot be read

    @property
    def documents(self) -> int:
        return sum(p.size for p in self.partitions)


def _jsonl_items(part: Partition) -> Iterator[Item]:
    defaults = readers.Defaults()
    with open(part.source, "rb") as fh:
        fh.seek(part.offset)
        number = part.start - 1
        for raw in fh:
            number += 1
            if part.stop is not None and number >= part.stop:
                return
            if not raw.strip():
                continue
            where = f"{part.source}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield where, InputError(where, f"not UTF-8 text (invalid byte "
                                               f"0x{raw[exc.start]:02x})")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                message = exc.msg.removesuffix(" at")
                yield where, InputError(where, f"malformed JSON ({message} at column "
                                               f"{exc.colno})")
                continue
            yield readers.item_from_object(obj, where, defaults, part.source)


def _jsonl_partitions(path: Path, size: int) -> Iterator[Partition]:
    source = str(path)
    count = first = first_offset = 0
    number = position = 0
    with path.open("rb") as fh:
        for raw in fh:
            number += 1
            if raw.strip():
                if count == 0:
                    first, first_offset = number, position
                count += 1
                if count == size:
                    yield Partition("jsonl", source, first, number + 1, count, first_offset)
                    count = 0
            position += len(raw)
    if count:
        yield Partition("jsonl", source, first, number + 1, count, first_offset)


def _warc_partitions(path: Path, size: int) -> Iterator[Partition]:
    from ..ingest.warc import page_offsets

    offsets = page_offsets(path)
    for i in range(0, len(offsets), size):
        chunk = offsets[i:i + size]
        stop = offsets[i + size] if i + size < len(offsets) else None
        yield Partition("warc", str(path), chunk[0], stop, len(chunk))


def _file_partitions(source: str, files: list[Path], size: int) -> Iterator[Partition]:
    for i in range(0, len(files), size):
        chunk = tuple(str(f) for f in files[i:i + size])
        yield Partition("files", source, i, i + len(chunk), len(chunk), files=chunk)


def _plan_files(files: list[Path], source: str, size: int, plan: Plan) -> None:
    loose: list[Path] = []
    for file in files:
        try:
            if file.suffix.lower() in readers.JSONL_SUFFIXES:
                plan.partitions.extend(_jsonl_partitions(file, size))
            elif readers.is_warc(file):
                plan.partitions.extend(_warc_partitions(file, size))
            else:
                loose.append(file)
        except OSError as exc:
            plan.errors.append(InputError(str(file), exc.strerror or str(exc)))
        except Exception as exc:  # noqa: BLE001 - warcio raises plain exceptions for bad files
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            plan.errors.append(InputError(str(file), f"not a readable WARC file ({first})"))
    plan.partitions.extend(_file_partitions(source, loose, size))


def plan(inputs: list[str], size: int) -> Plan:
    """Partitions of at most ``size`` documents over files and folders (each folder's, then
    the files named on their own)."""
    result = Plan()
    loose: list[Path] = []
    for raw in inputs:
        path = Path(raw).expanduser().resolve()
        if path.is_dir():
            files = readers.folder_files(path)
            if not files:
                result.errors.append(InputError(raw, "folder holds no .txt, .html, .jsonl or "
                                                     ".warc files"))
            _plan_files(files, str(path), size, result)
        elif path.is_file():
            loose.append(path)
        else:
            result.errors.append(InputError(raw, "no such file or directory"))
    _plan_files(loose, "files", size, result)
    return result
