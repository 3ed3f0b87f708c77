"""RSS and Atom feeds, read with feedparser from bytes fetched by :mod:`.fetch` (feedparser
never fetches anything itself), and each item as a document: the item's own content when
the feed carries the whole article, else its linked page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import feedparser
import httpx

from ..errors import InputError
from ..model import Document
from .fetch import Page
from .readers import is_url
from .urls import document_from_url

# An item's content counts as the whole article from this many words of main text; a
# shorter one is a teaser, and the linked page is fetched instead.
FULL_TEXT_WORDS = 150


@dataclass
class FeedItem:
    """One entry of a feed. ``key`` identifies it in its feed: its id, else its link."""

    key: str
    link: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    content: str | None = None  # the entry's content (HTML), longest first
    content_type: str = "text/html"


@dataclass
class Feed:
    url: str
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def _day(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _item(entry: feedparser.FeedParserDict) -> FeedItem | None:
    link = entry.get("link") or None
    if link and not is_url(link):  # feedparser offers an Atom id such as tag:... as the link
        link = None
    key = entry.get("id") or link
    contents = sorted(entry.get("content") or [], key=lambda c: -len(c.get("value") or ""))
    content = contents[0] if contents and (contents[0].get("value") or "").strip() else None
    if not key:
        if content is None:
            return None  # nothing to know it by and nothing to read
        key = "content:" + Document(text=content["value"]).id
    return FeedItem(key=key, link=link, title=entry.get("title") or None,
                    published=_day(entry.get("published_parsed") or entry.get("updated_parsed")),
                    content=content["value"] if content else None,
                    content_type=(content.get("type") or "text/html") if content else "text/html")


def parse_feed(page: Page, label: str) -> Feed:
    """The items of a fetched RSS or Atom feed; InputError when it is neither."""
    parsed = feedparser.parse(page.body, response_headers={
        "content-location": page.url,
        "content-type": page.content_type + (f"; charset={page.charset}" if page.charset else "")})
    if not parsed.get("version") and not parsed.entries:
        raise InputError(label, "not an RSS or Atom feed")
    items = [item for item in map(_item, parsed.entries) if item is not None]
    return Feed(url=page.url, title=parsed.feed.get("title") or None, items=items)


def _from_content(item: FeedItem, label: str) -> Document | None:
    """The item's own content as the document, when it holds the whole article."""
    if item.content is None:
        return None
    if "html" in item.content_type:
        from .html import document_from_html  # trafilatura: only for HTML

        html = item.content
        if "<html" not in html[:1000].lower():  # a fragment: trafilatura reads whole pages
            html = f"<html><body><article>{html}</article></body></html>"
        try:
            doc = document_from_html(html, label, url=item.link)
        except InputError:
            return None
    else:
        doc = Document(text=item.content, url=item.link)
    if len(doc.text.split()) < FULL_TEXT_WORDS and item.link:
        return None
    return doc


def _host_name(publisher: str, url: str | None) -> bool:
    """True when the HTML reader fell back on the URL's host for want of a site name."""
    host = (urlsplit(url or "").netloc or "").lower()
    return publisher.lower() in {host, host.removeprefix("www.")}


def item_document(item: FeedItem, feed: Feed, *, http: httpx.Client,
                  allow_private: bool = False) -> Document:
    """The document of one feed item: its content when whole, else its page fetched.

    Page metadata wins; the item's title and date and the feed's title fill what the page
    lacks (the feed's title also replaces a publisher that is only the URL's host). Raises FetchError (``transient`` for network trouble) or InputError."""
    label = item.link or item.key
    doc = _from_content(item, label)
    if doc is None:
        if not item.link:
            raise InputError(label, "item has neither a link nor its whole text")
        doc = document_from_url(item.link, allow_private=allow_private, http=http)
    doc.title = doc.title or item.title
    doc.published = doc.published or item.published
    if not doc.publisher or _host_name(doc.publisher, doc.url or item.link):
        doc.publisher = feed.title or doc.publisher
    doc.url = doc.url or item.link
    return doc

