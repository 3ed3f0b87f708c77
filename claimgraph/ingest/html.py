"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

import trafilatura

from ..errors import InputError
from ..model import Document

MIN_WORDS = 8


def document_from_html(html: str, source: str, *, url: str | None = None) -> Document:
    """The article of ``html`` as a Document; InputError when the page holds no article."""
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if len(text.split()) < MIN_WORDS:  # navigation crumbs are not an article
        raise InputError(source, "no article text found in the HTML")
    return Document(
        text=text,
        title=getattr(result, "title", None),
        publisher=getattr(result, "sitename", None),
        published=getattr(result, "date", None),
        url=url or getattr(result, "url", None),
    )
