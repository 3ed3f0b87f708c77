"""Turn command-line paths and URLs into documents, one clear error per bad input.

``read_inputs`` yields ``(label, Document | InputError)`` in input order and never
raises for a bad input, so one broken file does not stop the others. With
``records=True`` a JSON line that is already an extraction record (``document`` +
``statements``) comes through as that dict, for storing as it is.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Document

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
MAX_BYTES = 10 * 1024 * 1024  # per document; a JSON Lines file may hold many
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
WARC_SUFFIXES = (".warc", ".warc.gz")

Item = tuple[str, "Document | dict[str, Any] | InputError"]


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

    def fill_record(self, record: dict[str, Any], path: str | None) -> dict[str, Any]:
        doc = record["document"]
        for key, value in (("publisher", self.publisher), ("published", self.date),
                           ("url", self.url), ("path", path)):
            if value and not doc.get(key):
                doc[key] = value
        return record


def is_url(arg: str) -> bool:
    """True for a command-line argument that names an http:// or https:// URL."""
    return arg[:8].lower().startswith(("http://", "https://"))


def is_warc(path: Path | str) -> bool:
    """True for a WARC file name (.warc, or .warc.gz compressed record by record)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def is_extraction_record(obj: Any) -> bool:
    """True for a JSON object that is already an extraction record (document + statements)."""
    return isinstance(obj, dict) and isinstance(obj.get("document"), dict) \
        and isinstance(obj.get("statements"), list)


def _too_large(size: int, label: str, max_bytes: int) -> InputError:
    return InputError(label, f"too large ({size / 2**20:.1f} MiB; the limit is "
                             f"{max_bytes / 2**20:g} MiB): split it into smaller documents")


def decode(data: bytes, label: str) -> str:
    """UTF-8 text of ``data``, or InputError naming what is wrong with it."""
    if not data.strip():
        raise InputError(label, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(label, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(label, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset "
                                f"{exc.start}); convert it, e.g. iconv -f latin1 -t utf-8") from None


def item_from_object(obj: Any, label: str, defaults: Defaults, path: str | None,
                     records: bool = False, max_bytes: int = MAX_BYTES) -> Item:
    """One JSON value ``{"id"?, "url"?, "title"?, "publisher"?, "published"?, "text"|"html"}``
    as a Document (or, with ``records``, an extraction record kept as it is)."""
    if not isinstance(obj, dict):
        return label, InputError(label, "expected a JSON object per line")
    if is_extraction_record(obj):
        if records:
            return label, defaults.fill_record(obj, path)
        obj = obj["document"]  # re-extract the record's document
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return label, InputError(label, 'no "text" or "html" field')
    size = len((text or html or "").encode("utf-8"))
    if size > max_bytes:
        return label, _too_large(size, label, max_bytes)
    try:
        if isinstance(text, str):
            if not text.strip():
                raise InputError(label, 'empty "text"')
            doc = Document(text=text)
        else:
            from .html import document_from_html  # trafilatura: only for HTML
            doc = document_from_html(html, label, url=obj.get("url"))
    except InputError as exc:
        return label, exc
    language = obj.get("language")
    if isinstance(language, str) and language and not LANGUAGE_CODE.fullmatch(language):
        return label, InputError(label, f'"language" {language[:40]!r} is not a language code '
                                        "(ISO 639-1, such as 'en' or 'uk')")
    for key in ("id", "title", "publisher", "published", "url", "language"):
        value = obj.get(key)
        if isinstance(value, str) and value:
            setattr(doc, key, value)
    return label, defaults.fill(doc, path)


def lines_of(text: str) -> list[str]:
    """The lines of JSON Lines text: broken at "\n" only (a "\r" before it goes with it).

    Not ``str.splitlines``, which also breaks at U+2028, U+2029, U+0085 and form feeds:
    JSON strings may hold those as they are, and text taken from web pages often does.
    """
    return [line.removesuffix("\r") for line in text.split("\n")]


def json_lines(text: str, label: str) -> Iterator[tuple[str, int, Any]]:
    """``(where, line number, value or InputError)`` for each non-blank line of JSON Lines;
    ``where`` is ``label:number``, for messages that name the line."""
    for number, line in enumerate(lines_of(text), 1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            yield where, number, json.loads(line)
        except json.JSONDecodeError as exc:
            # 'Unterminated string starting at' + ' at column' would say 'at at'
            message = exc.msg.removesuffix(" at")
            yield where, number, InputError(where, f"malformed JSON ({message} at column "
                                                   f"{exc.colno})")


def _json_lines(text: str, label: str, defaults: Defaults, path: str | None, records: bool,
                max_bytes: int) -> Iterator[Item]:
    for where, _number, obj in json_lines(text, label):
        if isinstance(obj, InputError):
            yield where, obj
        else:
            yield item_from_object(obj, where, defaults, path, records, max_bytes)


def headline(text: str) -> str | None:
    """The first line of a plain text when it reads as a headline: short, on its own
    line, and not ending like a sentence of body text."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > 150 or len(first.split()) > 20:
        return None
    if first.endswith((".", ",", ";")) and not first.endswith("..."):
        return None
    return first


def _text_items(text: str, label: str, suffix: str, defaults: Defaults, path: str | None,
                records: bool, max_bytes: int) -> Iterator[Item]:
    if suffix in JSONL_SUFFIXES or (suffix == "" and text.lstrip()[:1] == "{"):
        yield from _json_lines(text, label, defaults, path, records, max_bytes)
        return
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        yield label, _too_large(size, label, max_bytes)
        return
    try:
        if suffix in HTML_SUFFIXES or (suffix == "" and text.lstrip()[:1] == "<"):
            from .html import document_from_html  # trafilatura: only for HTML
            doc = document_from_html(text, label, url=defaults.url)
        else:
            doc = Document(text=text, title=headline(text))
        yield label, defaults.fill(doc, path)
    except InputError as exc:
        yield label, exc


def file_items(path: Path, defaults: Defaults, records: bool = False,
               max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """The documents of one file: a text or HTML page, JSON Lines, or a WARC file."""
    label = str(path)
    if is_warc(path):
        from .warc import warc_items  # warcio: only for WARC files

        for where, doc in warc_items(path, max_bytes=max_bytes):
            yield where, doc if isinstance(doc, InputError) else defaults.fill(doc, label)
        return
    try:
        text = decode(path.read_bytes(), label)
    except OSError as exc:
        yield label, InputError(label, exc.strerror or str(exc))
        return
    except InputError as exc:
        yield label, exc
        return
    found = False
    for where, value in _text_items(text, label, path.suffix.lower(), defaults, label, records,
                                    max_bytes):
        found = True
        if isinstance(value, Document) and not value.text.strip():
            value = InputError(where, "no text (empty or only white space)")
        yield where, value
    if not found:
        yield label, InputError(label, "no documents (only blank lines)")


def folder_files(folder: Path) -> list[Path]:
    """The readable files under ``folder``, sorted, hidden ones left out."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and (p.suffix.lower() in KNOWN_SUFFIXES or is_warc(p))
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_inputs(paths: list[str], publisher: str | None = None, date: str | None = None,
                url: str | None = None, max_bytes: int = MAX_BYTES,
                records: bool = False, allow_private: bool = False) -> Iterator[Item]:
    """Documents from files, folders, ``-`` (stdin) and http(s) URLs, in the order given.

    A URL is fetched (:mod:`.fetch`); private addresses are refused unless
    ``allow_private``."""
    defaults = Defaults(publisher, date, url)
    web = _Web(allow_private, max_bytes)
    try:
        yield from _read(paths, defaults, max_bytes, records, web)
    finally:
        web.close()


class _Web:
    """One HTTP client for all the URLs of a run, made when the first one comes."""

    def __init__(self, allow_private: bool, max_bytes: int) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self._http: Any = None

    def item(self, url: str, defaults: Defaults) -> Item:
        from .fetch import client  # httpx: only when a URL is given
        from .urls import document_from_url

        if self._http is None:
            self._http = client(self.allow_private)
        try:
            doc = document_from_url(url, max_bytes=self.max_bytes, http=self._http)
        except InputError as exc:
            return url, exc
        return url, defaults.fill(doc, None)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()


def _read(paths: list[str], defaults: Defaults, max_bytes: int, records: bool,
          web: _Web) -> Iterator[Item]:
    for raw in paths:
        if is_url(raw):
            yield web.item(raw, defaults)
            continue
        if raw == "-":
            try:
                text = decode(sys.stdin.buffer.read(), "<stdin>")
            except InputError as exc:
                yield "<stdin>", exc
                continue
            yield from _text_items(text, "<stdin>", "", defaults, None, records, max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            files = folder_files(path)
            if not files:
                yield raw, InputError(raw, "folder holds no .txt, .html, .jsonl or .warc files")
            for file in files:
                yield from file_items(file, defaults, records, max_bytes)
        elif path.exists():
            yield from file_items(path, defaults, records, max_bytes)
        else:
            yield raw, InputError(raw, "no such file or directory")
