"""The store's story assignment with claimgraph.link equals the linker's own in-memory index."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from claimgraph.link.index import StoryIndex
from claimgraph.store import Ingester, Store
from claimgraph.store.schema import documents

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "set_a.jsonl"


def _records() -> list[dict]:
    """The fixture's documents as records without statements (no extraction needed)."""
    out = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        out.append({"document": {k: doc.get(k) for k in
                                 ("id", "title", "publisher", "published", "url", "text")},
                    "entities": [], "statements": [], "citations": []})
    return out


def test_same_stories_as_the_in_memory_index(db):
    records = _records()
    index = StoryIndex()
    # The index gets its own copies: ingest fills in nothing, but keep the runs independent.
    expected = {r["document"]["id"]: index.add(json.loads(json.dumps(r))) for r in records}
    with Store.open(db, write=True) as store:
        summary = Ingester(store, batch_size=7).run([(r["document"]["id"], r) for r in records])
        assert summary.new == len(records)
        with store.read() as conn:
            got = dict(conn.execute(select(documents.c.id, documents.c.story_id)).all())
        listed = store.stories(limit=1000)
    assert got == expected
    assert listed.total == len(set(expected.values()))
    assert sum(s["size"] for s in listed.items) == len(records)


def test_a_kept_build_is_the_story_built_again(db, tmp_path):
    """What a read returns from a kept build is what building the story gives."""
    records = _records()[:12]
    with Store.open(db, write=True) as store:
        ingester = Ingester(store)
        summary = ingester.run([(r["document"]["id"], r) for r in records])
        ingester.build_touched(summary)
        assert summary.built == len(summary.touched) > 1
        for story_id in summary.touched:
            kept = store.story(story_id)
            fresh = store.linker.build_story(story_id, store.story_records(story_id))
            assert json.dumps(kept, sort_keys=True) == json.dumps(fresh, sort_keys=True)
