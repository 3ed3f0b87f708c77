"""Turn command-line paths into documents, one clear error per bad input.

``read_inputs`` yields ``(label, Document | InputError)`` in input order and never
raises for a bad input, so one broken file does not stop the others.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .html import document_from_html

MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

Item = tuple[str, "Document | InputError"]


@dataclass
class Defaults:
    """Metadata from the command line, filling what an input lacks."""

    publisher: str | None = None
    date: str | None = None
    url: str | None = None

    def fill(self, doc: Document, path: str | None) -> Document:
        doc.publisher = doc.publisher or self.publisher
        doc.published = doc.published or self.date
        doc.url = doc.url or self.url
        doc.path = path
        return doc


def decode(data: bytes, label: str, max_bytes: int = MAX_BYTES) -> str:
    """UTF-8 text of ``data``, or InputError naming what is wrong with it."""
    if len(data) > max_bytes:
        raise InputError(label, f"too large ({len(data) / 1e6:.1f} MB; the limit is "
                                f"{max_bytes / 1e6:.1f} MB): split it into smaller documents")
    if not data.strip():
        raise InputError(label, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(label, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(label, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset "
                                f"{exc.start}); convert it, e.g. iconv -f latin1 -t utf-8") from None


def _json_documents(text: str, label: str, defaults: Defaults, path: str | None,
                    max_bytes: int) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            yield where, defaults.fill(document_from_json(line, where, max_bytes), path)
        except InputError as exc:
            yield where, exc


def document_from_json(line: str, label: str, max_bytes: int = MAX_BYTES) -> Document:
    """One input line ``{"id"?, "url"?, "title"?, "publisher"?, "published"?, "text"|"html"}``."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(label, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(label, "expected a JSON object per line")
    if isinstance(obj.get("document"), dict):  # an extraction record: re-read its document
        obj = obj["document"]
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(label, 'no "text" or "html" field')
    if len((text or html or "").encode("utf-8")) > max_bytes:
        raise InputError(label, f"document too large (limit {max_bytes / 1e6:.1f} MB)")
    if isinstance(text, str):
        if not text.strip():
            raise InputError(label, 'empty "text"')
        doc = Document(text=text)
    else:
        doc = document_from_html(html, label, url=obj.get("url"))
    for key in ("id", "title", "publisher", "published", "url", "language"):
        value = obj.get(key)
        if isinstance(value, str) and value:
            setattr(doc, key, value)
    return doc


def _file_items(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield label, InputError(label, exc.strerror or str(exc))
        return
    try:
        text = decode(data, label, max_bytes)
    except InputError as exc:
        yield label, exc
        return
    yield from _text_items(text, label, path.suffix.lower(), defaults, label, max_bytes)


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    return first == "{"


def _text_items(text: str, label: str, suffix: str, defaults: Defaults, path: str | None,
                max_bytes: int) -> Iterator[Item]:
    if suffix in JSONL_SUFFIXES or (suffix == "" and _looks_like_jsonl(text)):
        yield from _json_documents(text, label, defaults, path, max_bytes)
        return
    try:
        if suffix in HTML_SUFFIXES or (suffix == "" and text.lstrip()[:1] == "<"):
            doc = document_from_html(text, label, url=defaults.url)
        else:
            doc = Document(text=text)
        yield label, defaults.fill(doc, path)
    except InputError as exc:
        yield label, exc


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_inputs(paths: list[str], publisher: str | None = None, date: str | None = None,
                url: str | None = None, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Documents from files, folders and ``-`` (stdin), in the order given."""
    defaults = Defaults(publisher, date, url)
    for raw in paths:
        if raw == "-":
            try:
                text = decode(sys.stdin.buffer.read(), "<stdin>", max_bytes)
            except InputError as exc:
                yield "<stdin>", exc
                continue
            yield from _text_items(text, "<stdin>", "", defaults, None, max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                yield raw, InputError(raw, "folder holds no .txt, .html or .jsonl files")
            for file in files:
                yield from _file_items(file, defaults, max_bytes)
        elif path.exists():
            yield from _file_items(path, defaults, max_bytes)
        else:
            yield raw, InputError(raw, "no such file or directory")
