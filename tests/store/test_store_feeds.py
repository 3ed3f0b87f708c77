"""Watched feeds' items in the store: seen by key within a feed, by link across feeds."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import inspect, text

from claimgraph.store import Store
from claimgraph.store.feeds import SeenItem, mark_seen, seen
from claimgraph.store.migrations import UPGRADES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store" / "schema-v1.sqlite"
FEED = "https://news.test/feed.xml"
OTHER = "https://news.test/world.xml"


def test_items_are_seen_by_key_in_their_feed_and_by_link_in_any(store):
    assert seen(store, FEED, ["k1", "k2"], ["https://news.test/a"]) == set()
    added = mark_seen(store, FEED, [SeenItem("k1", "https://news.test/a", doc_id="sha256:1"),
                                    SeenItem("k2", None, error="no article text found")])
    assert added == 2
    assert seen(store, FEED, ["k1", "k2", "k3"], []) == {"k1", "k2"}
    # Another feed: its own keys are new, but an article it shares by link is not.
    assert seen(store, OTHER, ["k1"], ["https://news.test/a", "https://news.test/b"]) == {
        "https://news.test/a"}
    # Marking again changes nothing.
    assert mark_seen(store, FEED, [SeenItem("k1", "https://news.test/a")]) == 0
    with store.read() as conn:
        rows = conn.execute(text("SELECT key, link, doc_id, error FROM feed_items "
                                 "ORDER BY key")).all()
    assert [tuple(r) for r in rows] == [("k1", "https://news.test/a", "sha256:1", None),
                                        ("k2", None, None, "no article text found")]


def test_many_keys_at_once(store):
    keys = [f"k{i}" for i in range(1000)]
    assert mark_seen(store, FEED, [SeenItem(k) for k in keys]) == 1000
    assert seen(store, FEED, keys + ["new"], []) == set(keys)


def _table(db: Path) -> tuple[list, list]:
    with Store.open(db) as store, store.read() as conn:
        insp = inspect(conn)
        return ([(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns("feed_items")],
                sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                       for i in insp.get_indexes("feed_items"))
                + sorted((u["name"], tuple(u["column_names"]), True)
                         for u in insp.get_unique_constraints("feed_items")))


def test_upgrade_adds_the_table_a_new_database_gets(tmp_path):
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, old)
    step = next(v for v, (description, _) in UPGRADES.items()
                if description == "watched feed items")
    with Store.open(old, write=True) as store:
        with store.read() as conn:
            versions = conn.execute(text("SELECT version, description FROM schema_version")).all()
        assert (step, "watched feed items") in [tuple(v) for v in versions]
        assert mark_seen(store, FEED, [SeenItem("k1")]) == 1
    fresh = tmp_path / "fresh.db"
    Store.open(fresh, write=True).close()
    assert _table(old) == _table(fresh)
