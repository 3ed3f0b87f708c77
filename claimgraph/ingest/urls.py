"""A URL as a document: the page fetched (:mod:`.fetch`), its main text and metadata read by
the HTML reader, or its text as it is for a plain-text page."""

from __future__ import annotations

import httpx

from ..errors import InputError
from ..model import Document
from .fetch import Page, fetch
from .readers import MAX_BYTES, decode, headline

HTML_TYPES = {"text/html", "application/xhtml+xml"}


def document_from_page(page: Page, label: str) -> Document:
    """The article of a fetched page; InputError for a page that is neither HTML nor text."""
    if page.content_type in HTML_TYPES:
        from trafilatura.utils import decode_file  # trafilatura: only for HTML

        from .html import document_from_html

        if not page.body.strip():
            raise InputError(label, "empty page")
        html = page.body.decode(page.charset, errors="replace") if _known(page.charset) \
            else decode_file(page.body)
        return document_from_html(html, label, url=page.url)
    if page.content_type == "text/plain":
        text = page.body.decode(page.charset, errors="replace") if _known(page.charset) \
            else decode(page.body, label)
        if not text.strip():
            raise InputError(label, "empty page")
        return Document(text=text, title=headline(text), url=page.url)
    raise InputError(label, f"not an HTML or text page ({page.content_type})")


def _known(charset: str | None) -> bool:
    if not charset:
        return False
    try:
        b"".decode(charset)
    except LookupError:
        return False
    return True


def document_from_url(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
                      http: httpx.Client | None = None) -> Document:
    """Fetch ``url`` and read it; FetchError or InputError with one line when that fails."""
    return document_from_page(fetch(url, allow_private=allow_private, max_bytes=max_bytes,
                                    http=http), url)
