"""Watched feeds' items already handled (``feed_items``): which items of a feed are new, and
marking items seen once they are stored (or failed for good).

An item is known by its key (the feed's id for it, else its link) within its feed, and by
its link across feeds, so an article listed in two feeds is fetched once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, select

from .migrations import now
from .repository import Store
from .schema import feed_items

CHUNK = 400  # keys per IN (...): well under SQLite's bound-parameter limit


@dataclass(frozen=True)
class SeenItem:
    key: str
    link: str | None = None
    doc_id: str | None = None
    error: str | None = None


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def seen(store: Store, feed: str, keys: Iterable[str], links: Iterable[str]) -> set[str]:
    """Those of ``keys`` seen in ``feed`` and those of ``links`` seen in any feed."""
    keys, links = list(dict.fromkeys(keys)), list(dict.fromkeys(filter(None, links)))
    found: set[str] = set()
    with store.read() as conn:
        for chunk in _chunks(keys):
            found.update(conn.execute(select(feed_items.c.key).where(
                and_(feed_items.c.feed == feed, feed_items.c.key.in_(chunk)))).scalars())
        for chunk in _chunks(links):
            found.update(conn.execute(select(feed_items.c.link).where(
                feed_items.c.link.in_(chunk))).scalars())
    return found


def mark_seen(store: Store, feed: str, items: Iterable[SeenItem]) -> int:
    """Record ``items`` of ``feed`` as handled (again is a no-op); how many were new."""
    items = list({item.key: item for item in items}.values())
    if not items:
        return 0
    stamp = now()
    with store.write() as conn:
        known: set[str] = set()
        for chunk in _chunks([item.key for item in items]):
            known.update(conn.execute(select(feed_items.c.key).where(
                and_(feed_items.c.feed == feed, feed_items.c.key.in_(chunk)))).scalars())
        rows = [{"feed": feed, "key": item.key, "link": item.link, "doc_id": item.doc_id,
                 "error": item.error, "seen_at": stamp} for item in items
                if item.key not in known]
        if rows:
            conn.execute(feed_items.insert(), rows)
    return len(rows)
