"""Watch RSS and Atom feeds: each round reads every feed, stores the items not seen before,
and remembers them in the store (:mod:`claimgraph.store.feeds`).

A feed that cannot be fetched or read, and an item whose page cannot be fetched for a
network reason, are tried again next round; an item that fails for good (a page without
an article, a refused address) is remembered with its reason and not tried again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ClaimgraphError, InputError
from .ingest.feeds import item_document, parse_feed
from .ingest.fetch import FetchError, client, fetch
from .model import Document
from .store import Ingester, Store
from .store.feeds import SeenItem, mark_seen, seen
from .store.ingest import Extractor

Log = Callable[[str], None]
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY = 10.0


def parse_every(value: str) -> float:
    """'90s', '10m', '1h', '1d' or plain seconds, as seconds; ClaimgraphError otherwise."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
    if m is None:
        raise ClaimgraphError(f"--every {value!r} is not a duration; write e.g. 90s, 10m or 1h")
    seconds = float(m.group(1)) * UNITS[m.group(2) or "s"]
    if seconds < MIN_EVERY:
        raise ClaimgraphError(f"--every must be at least {MIN_EVERY:g} seconds")
    return seconds


@dataclass
class FeedRound:
    """What one round did with one feed."""

    feed: str
    items: int = 0
    new: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0  # for good: remembered, not tried again
    retry: int = 0  # network trouble: tried again next round
    error: str | None = None  # the feed itself could not be fetched or read

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed and not self.retry

    def line(self, retry_note: str = "trying again next round") -> str:
        if self.error:
            return f"{self.feed}: {self.error} ({retry_note})"
        text = f"{self.feed}: {self.items} items, {self.new} new"
        if self.new:
            text += f": {self.stored} stored, {self.unchanged} unchanged, {self.failed} failed"
        if self.retry:
            text += f", {self.retry} to retry"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("feed", "items", "new", "stored", "unchanged",
                                               "failed", "retry", "error")}


class Watcher:
    """Rounds over feeds into ``store``; ``extract`` turns new documents into records."""

    def __init__(self, store: Store, extract: Extractor, *, allow_private: bool = False,
                 log: Log = lambda line: None, once: bool = False) -> None:
        self.store = store
        # what becomes of a feed or an item that failed for a network reason
        self.retry_note = "a later run tries again" if once else "trying again next round"
        self.ingester = Ingester(store, extract=extract)
        self.allow_private = allow_private
        self.log = log
        self.http = client(allow_private)
        # ETag / Last-Modified of each feed's last answer, for a conditional next fetch.
        self._validators: dict[str, dict[str, str]] = {}

    def close(self) -> None:
        self.http.close()

    def round(self, feeds: list[str]) -> list[FeedRound]:
        return [self.feed_round(url) for url in feeds]

    def feed_round(self, url: str) -> FeedRound:
        result = FeedRound(url)
        try:
            page = fetch(url, headers=self._conditional(url), http=self.http)
            if page.not_modified:
                return result
            feed = parse_feed(page, url)
        except InputError as exc:
            result.error = exc.reason
            return result
        self._validators[url] = page.headers
        result.items = len(feed.items)
        known = seen(self.store, url, (i.key for i in feed.items),
                     (i.link for i in feed.items if i.link))
        fresh, links = [], set()
        for item in feed.items:
            if item.key in known or (item.link and (item.link in known or item.link in links)):
                continue
            fresh.append(item)
            links.add(item.link)
        result.new = len(fresh)
        batch: list[tuple[str, Document | InputError]] = []
        marks: list[SeenItem] = []
        for item in fresh:
            label = item.link or item.key
            try:
                doc = item_document(item, feed, http=self.http, allow_private=self.allow_private)
            except FetchError as exc:
                if exc.transient:
                    result.retry += 1
                    self.log(f"{exc} ({self.retry_note})")
                    continue
                batch.append((label, exc))
                marks.append(SeenItem(item.key, item.link, error=exc.reason))
                continue
            except InputError as exc:
                batch.append((label, exc))
                marks.append(SeenItem(item.key, item.link, error=exc.reason))
                continue
            batch.append((label, doc))
            marks.append(SeenItem(item.key, item.link, doc_id=doc.id))
        if batch:
            summary = self.ingester.run(batch)
            self.ingester.build_touched(summary)  # read at once, not built on first read
            for error in summary.errors:
                self.log(error)
            result.stored, result.unchanged, result.failed = (
                summary.new, summary.unchanged, summary.failed)
        # After the documents are committed: a stop in between only means one more
        # (idempotent) ingest of the same items next time.
        mark_seen(self.store, url, marks)
        return result

    def _conditional(self, url: str) -> dict[str, str]:
        validators = self._validators.get(url, {})
        headers = {}
        if "etag" in validators:
            headers["If-None-Match"] = validators["etag"]
        if "last-modified" in validators:
            headers["If-Modified-Since"] = validators["last-modified"]
        return headers
