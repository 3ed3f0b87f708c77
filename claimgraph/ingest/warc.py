"""WARC files (warcio): each ``response`` record of an HTML page answered 200 is a document,
read by the HTML reader with the record's target URI as its URL.

Records are addressed by their byte offset in the file, so a batch can hand out ranges of
one file: :func:`page_offsets` lists the pages' offsets, and :func:`warc_items` reads those
from ``start`` up to ``stop``. A gzipped WARC must be compressed record by record (as
crawlers write them); a file gzipped whole is refused by warcio with a clear message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import Document
from .fetch import Page
from .readers import MAX_BYTES
from .urls import HTML_TYPES, document_from_page

Item = tuple[str, "Document | InputError"]


def _is_page(record: Any) -> bool:
    """A response record of an HTML page answered 200."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return kind in HTML_TYPES


def _records(fh: BinaryIO) -> Iterator[tuple[Any, Any]]:
    from warcio.archiveiterator import ArchiveIterator  # warcio: only for WARC input

    iterator = ArchiveIterator(fh)
    for record in iterator:
        yield iterator, record


def _failure(label: str, exc: Exception) -> InputError:
    return InputError(label, f"not a readable WARC file ({str(exc).strip().splitlines()[0]})"
                      if str(exc).strip() else "not a readable WARC file")


def page_offsets(path: Path) -> list[int]:
    """Byte offsets of the HTML pages' response records in the WARC file ``path``."""
    offsets = []
    with path.open("rb") as fh:
        for iterator, record in _records(fh):
            if _is_page(record):
                offsets.append(iterator.get_record_offset())
    return offsets


def _document(record: Any, label: str, max_bytes: int) -> Document:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    body = record.content_stream().read(max_bytes + 1)  # transfer and content encodings undone
    if len(body) > max_bytes:
        raise InputError(label, f"too large (over {max_bytes / 2**20:g} MiB)")
    kind, _, params = (record.http_headers.get_header("Content-Type") or "").partition(";")
    charset = next((p.split("=", 1)[1].strip().strip('"') for p in params.split(";")
                    if p.strip().lower().startswith("charset=")), None)
    return document_from_page(Page(url or "", 200, kind.strip().lower(), charset, body), label)


def warc_items(path: Path, start: int = 0, stop: int | None = None,
               max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """``(label, Document | InputError)`` for each HTML page whose record starts in
    ``[start, stop)``; labels are ``path@offset URL``."""
    try:
        with path.open("rb") as fh:
            fh.seek(start)
            for iterator, record in _records(fh):
                if not _is_page(record):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                try:
                    doc: Document | InputError = _document(record, str(path), max_bytes)
                except InputError as exc:
                    doc = exc
                offset = iterator.get_record_offset()  # after reading: it reads to the end
                if stop is not None and offset >= stop:
                    return
                label = f"{path}@{offset} {url}".rstrip()
                if isinstance(doc, InputError):
                    yield label, InputError(label, doc.reason)
                else:
                    doc.path = str(path)
                    yield label, doc
    except OSError as exc:
        yield str(path), InputError(str(path), exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001 - warcio raises plain exceptions for bad files
        yield f"{path}@{start}", _failure(str(path), exc)
