"""Listings for the API: documents, statements, entities, stories, with stable pagination."""

from __future__ import annotations

import pytest

from claimgraph.store import Ingester
from claimgraph.store.errors import BadQuery, DocumentNotFound, StoryNotFound

from .store_fakes import record, statement


def _corpus():
    recs = []
    for i in range(12):
        recs.append(record(
            f"d{i:02d}", f"Text of document {i}.", title=f"Topic{i % 3} {('alpha', 'bravo', 'charlie')[i % 3]}",
            publisher=f"Outlet {i % 4}", published=f"2024-03-{i + 1:02d}" if i != 5 else None,
            statements=[statement("s1", "Ilse Brandt" if i % 2 else "Mirek Danov",
                                  f"claim {i}", kind="direct" if i % 3 == 0 else "indirect",
                                  said_on=f"2024-02-{i + 1:02d}" if i == 7 else None,
                                  quantities=i % 2, estimates=1 if i % 4 == 0 else 0)],
            entities=[{"id": "e1", "name": "Ilse Brandt", "type": "PERSON", "aliases": [],
                       "roles": ["mayor"], "mentions": [[0, 4], [9, 12]]}] if i % 2 else []))
    return recs


@pytest.fixture
def filled(store):
    Ingester(store, batch_size=5).run([(r["document"]["id"], r) for r in _corpus()])
    return store


def _all_pages(fetch, **kw):
    items, cursor, pages = [], None, 0
    while True:
        page = fetch(cursor=cursor, **kw)
        items.extend(page.items)
        pages += 1
        if not page.next:
            return items, page.total, pages
        cursor = page.next


def test_documents_newest_first_paged_without_gaps_or_repeats(filled):
    items, total, pages = _all_pages(filled.documents, limit=5)
    ids = [d["id"] for d in items]
    assert total == 12 and pages == 3 and len(set(ids)) == 12
    assert ids[0] == "d11" and ids[-1] == "d05"  # undated last
    dates = [d["published"] for d in items if d["published"]]
    assert dates == sorted(dates, reverse=True)
    assert filled.documents(publisher="Outlet 1").total == 3
    assert filled.documents(since="2024-03-10", until="2024-03-11").total == 2


def test_pages_stay_stable_while_documents_arrive(filled):
    first = filled.documents(limit=4)
    Ingester(filled).run([("new", record("z", "A brand new document.", published="2024-03-30"))])
    second = filled.documents(limit=4, cursor=first.next)
    assert [d["id"] for d in second.items] == ["d07", "d06", "d04", "d03"]


def test_statement_filters(filled):
    assert filled.statements().total == 12
    assert filled.statements(speaker="brandt").total == 6
    assert filled.statements(kind="direct").total == 4
    assert filled.statements(has_quantity=True).total == 6
    assert filled.statements(has_estimate=True).total == 3
    assert filled.statements(has_estimate=False, has_quantity=False).total == 3
    # said_on wins over the document date: d07 was said in February.
    feb = filled.statements(until="2024-02-29")
    assert [s["document"] for s in feb.items] == ["d07"]
    items, total, _ = _all_pages(filled.statements, limit=5, speaker="danov")
    assert total == 6 and len({(s["document"], s["id"]) for s in items}) == 6
    one = filled.statements(document="d03").items[0]
    assert one["speaker"]["name"] == "Ilse Brandt" and one["quantities"] == 1


def test_entities_counted_by_documents(filled):
    page = filled.entities(type="PERSON")
    assert page.items == [{"name": "Ilse Brandt", "type": "PERSON", "documents": 6}]
    assert filled.entities(name="zzz").total == 0


def test_stories_newest_first_with_outlets(filled):
    items, total, pages = _all_pages(filled.stories, limit=2)
    assert total == 3 and pages == 2
    assert [s["size"] for s in items] == [4, 4, 4]
    last = [s["last_published"] for s in items]
    assert last == sorted(last, reverse=True)
    assert all(len(s["outlets"]) >= 1 for s in items)
    assert filled.stories(min_size=5).total == 0
    story = items[0]
    records = filled.story_records(story["id"])
    assert len(records) == story["size"]
    ids = [r["document"]["id"] for r in records]
    assert ids == sorted(ids) == story["documents"]  # in ingest order


def test_unknown_ids_and_bad_arguments(filled):
    with pytest.raises(StoryNotFound, match="claimgraph stories"):
        filled.story("story-nope")
    with pytest.raises(DocumentNotFound):
        filled.document("nope")
    with pytest.raises(BadQuery, match="cursor"):
        filled.documents(cursor="garbage!")
    with pytest.raises(BadQuery, match="limit"):
        filled.stories(limit=0)
    with pytest.raises(BadQuery, match="date"):
        filled.statements(since="03/05/2024")


def test_story_version_changes_only_when_the_story_grows(tmp_path):
    from claimgraph.store import Ingester, Store
    from tests.store.store_fakes import record, statement

    db = tmp_path / "v.db"
    text = "Mayor Ilse Brandt said 300 homes were evacuated in Oderburg."
    first = record("f1", text, title="Oderburg floods", publisher="Post", published="2024-04-10",
                   statements=[statement("s1", "Ilse Brandt", "300 homes were evacuated")])
    with Store.open(db, write=True) as store:
        Ingester(store).run([("f1", first)])
        story = store.stories().items[0]["id"]
        before = store.story_version(story)
        assert before.startswith("1:")
        copy = record("f2", text + " More rain is due.", title="Oderburg floods", publisher="Wire",
                      published="2024-04-10",
                      statements=[statement("s1", "Ilse Brandt", "300 homes were evacuated")])
        Ingester(store).run([("f2", copy)])
        assert store.story_version(story) != before


def test_every_record_streamed_in_ingest_order(filled):
    stories = {d["id"]: d["story"] for d in filled.documents(limit=50).items}
    streamed = list(filled.iter_records(batch=5))
    assert [r["document"]["id"] for _s, r in streamed] == [f"d{i:02d}" for i in range(12)]
    assert all(story == stories[r["document"]["id"]] for story, r in streamed)
    assert streamed[3][1]["document"]["text"] == "Text of document 3."
    one = stories["d04"]
    assert [r["document"]["id"] for _s, r in filled.iter_records(story=one, batch=1)] \
        == [r["document"]["id"] for r in filled.story_records(one)]
    with pytest.raises(StoryNotFound):
        list(filled.iter_records(story="story:nope"))


def test_every_story_id_once(filled):
    ids = list(filled.story_ids(batch=2))
    assert sorted(ids) == sorted(s["id"] for s in filled.stories(limit=50).items)
    assert len(ids) == len(set(ids)) == 3
    detail, records = filled.story_with_records(ids[0])
    assert detail["id"] == ids[0] and len(records) == len(detail["documents"])
