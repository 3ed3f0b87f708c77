"""Ingest: idempotency, per-batch transactions, extraction only of new text, story assignment."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from claimgraph.errors import InputError
from claimgraph.model import Document
from claimgraph.store import Ingester, Store
from claimgraph.store.schema import band_keys, documents, entities, statements, stories

from .store_fakes import FakeLinker, record, statement


def _items(records):
    return [(r["document"]["id"], r) for r in records]


def _reservists(i: int, **kw):
    return record(f"r{i}", f"Report {i}: the governor said 4,000 reservists were called up.",
                  title="Vostrel reservists called up", publisher=f"Outlet {i}",
                  published=f"2024-03-0{i}", statements=[
                      statement("s1", "Mirek Danov", "4,000 reservists were called up",
                                quantities=1)], **kw)


def _flood(i: int):
    return record(f"f{i}", f"Flood report {i}: the Selva river burst its banks in Oderburg.",
                  title="Selva river flood in Oderburg", publisher="Oderburg Post",
                  published=f"2024-04-1{i}")


def _table_counts(store):
    with store.read() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (documents, statements, entities, band_keys, stories)}


def test_records_round_trip_exactly(store):
    rec = _reservists(1, entities=[{"id": "e1", "name": "Mirek Danov", "type": "PERSON",
                                    "aliases": ["Danov"], "roles": ["governor"],
                                    "mentions": [[10, 21]]}])
    summary = Ingester(store).run(_items([rec]))
    assert (summary.new, summary.unchanged, summary.failed) == (1, 0, 0)
    assert store.document("r1") == rec
    assert list(store.document("r1")["document"]) == list(rec["document"])  # key order kept


def test_reingest_changes_nothing_and_says_so(store):
    recs = [_reservists(1), _reservists(2), _flood(1)]
    first = Ingester(store).run(_items(recs))
    assert first.new == 3
    before = _table_counts(store)
    again = Ingester(store).run(_items(recs))
    assert (again.new, again.unchanged, again.failed) == (0, 3, 0)
    assert "nothing to change" in again.line()
    assert _table_counts(store) == before


def test_same_text_under_another_id_is_unchanged_and_same_id_other_text_fails(store):
    rec = _reservists(1)
    Ingester(store).run(_items([rec]))
    twin = record("other-id", rec["document"]["text"])
    clash = record("r1", "A different text that reuses the id r1.")
    summary = Ingester(store).run(_items([twin, clash]))
    assert (summary.new, summary.unchanged, summary.failed) == (0, 1, 1)
    assert "already stored with a different text" in summary.errors[0]
    assert store.counts()["documents"] == 1


def test_bad_records_and_input_errors_fail_alone(store):
    good = _reservists(1)
    no_text = {"document": {"id": "x"}, "statements": []}
    bad_statement = record("y", "Some text.")
    bad_statement["statements"] = [{"id": "s1"}]
    twice = record("z", "Other text.", statements=[statement("s1", "A", "x"),
                                                   statement("s1", "B", "y")])
    summary = Ingester(store).run([
        ("in.jsonl:1", good), ("in.jsonl:2", no_text), ("in.jsonl:3", bad_statement),
        ("in.jsonl:4", twice), ("gone.txt", InputError("gone.txt", "no such file or directory"))])
    assert (summary.new, summary.failed) == (1, 4)
    assert summary.errors == [
        'in.jsonl:2: document has no "text"',
        'in.jsonl:3: statement s1 has no "content.text"',
        "in.jsonl:4: statements id 's1' appears twice; ids must be unique per document",
        "gone.txt: no such file or directory",
    ]
    assert store.counts() == {"documents": 1, "statements": 1, "entities": 0, "stories": 1}


class Boom(Exception):
    pass


class ExplodingLinker(FakeLinker):
    """Fails while fingerprinting one document, after others in its batch were written."""

    def __init__(self, bad_id: str, exc: BaseException) -> None:
        super().__init__()
        self.bad_id, self.exc = bad_id, exc

    def fingerprint(self, rec):
        if rec["document"]["id"] == self.bad_id:
            raise self.exc
        return super().fingerprint(rec)


@pytest.mark.parametrize("exc", [Boom("crash"), KeyboardInterrupt()])
def test_a_crash_loses_only_the_batch_in_flight(db, exc):
    recs = [_reservists(i) for i in range(1, 6)]  # batches of 2: [r1 r2] [r3 r4] [r5]
    with Store.open(db, write=True, linker=ExplodingLinker("r4", exc)) as store:
        with pytest.raises(type(exc)) as info:
            Ingester(store, batch_size=2).run(_items(recs))
        assert info.value.summary.new == 2  # what was committed before the crash
        with store.read() as conn:
            ids = conn.execute(select(documents.c.id).order_by(documents.c.pk)).scalars().all()
        assert ids == ["r1", "r2"]  # r3 was written in the failed batch and rolled back
        counts = _table_counts(store)
        assert counts["statements"] == 2 and counts["stories"] == 1
        assert store.stories().items[0]["size"] == 2
    # A rerun picks up where the crash left off.
    with Store.open(db, write=True, linker=FakeLinker()) as store:
        summary = Ingester(store, batch_size=2).run(_items(recs))
        assert (summary.new, summary.unchanged) == (3, 2)
        assert store.stories().items[0]["size"] == 5


def test_documents_are_extracted_only_when_their_text_is_new(store):
    calls = []

    def extract(docs):
        calls.append([d.id for d in docs])
        return [record(d.id, d.text, title=d.title, publisher=d.publisher) for d in docs]

    docs = [Document(text=f"Document number {i}.", title=f"Title {i}") for i in range(3)]
    ingester = Ingester(store, extract=extract)
    first = ingester.run([(f"in/{i}.txt", d) for i, d in enumerate(docs)])
    assert first.new == 3 and len(calls) == 1 and len(calls[0]) == 3
    extra = Document(text="A new one.")
    second = ingester.run([(f"in/{i}.txt", d) for i, d in enumerate(docs + [extra])])
    assert (second.new, second.unchanged) == (1, 3)
    assert calls[-1] == [extra.id]


def test_an_extractor_failure_fails_only_its_document(store):
    def extract(docs):
        out = []
        for d in docs:
            if "poison" in d.text:
                raise ValueError("cannot parse")
            out.append(record(d.id, d.text))
        return out

    items = [("a.txt", Document(text="Fine text.")), ("b.txt", Document(text="poison text")),
             ("c.txt", Document(text="Also fine."))]
    summary = Ingester(store, extract=extract).run(items)
    assert (summary.new, summary.failed) == (2, 1)
    assert summary.errors == ["b.txt: extraction failed: ValueError: cannot parse"]


def test_stories_are_assigned_through_band_key_candidates(store, linker):
    recs = [_reservists(1), _flood(1), _reservists(2), _flood(2), _reservists(3)]
    summary = Ingester(store, batch_size=2).run(_items(recs))
    assert (summary.new_stories, summary.joined_stories) == (2, 3)
    page = store.stories()
    by_first = {s["documents"][0]: s for s in page.items}
    assert by_first["r1"]["id"] == linker.new_story_id("r1")
    assert by_first["r1"]["documents"] == ["r1", "r2", "r3"]
    assert by_first["r1"]["size"] == 3 and by_first["f1"]["size"] == 2
    assert by_first["r1"]["outlets"] == ["Outlet 1", "Outlet 2", "Outlet 3"]
    assert (by_first["r1"]["first_published"], by_first["r1"]["last_published"]) == \
        ("2024-03-01", "2024-03-03")
    # The third reservists report saw both earlier ones (one per story-sharing key), not floods.
    third = linker.candidate_calls[4]
    assert sorted(c[0] for c in third) == ["r1", "r2"]
    assert store.story(by_first["r1"]["id"])["documents"] == ["r1", "r2", "r3"]


def test_fanout_limits_candidates(db):
    linker = FakeLinker()
    with Store.open(db, write=True, linker=linker) as store:
        recs = [_reservists(1)] + [record(f"x{i}", f"Copy {i}.", title="Vostrel reservists "
                                          "called up", published="2024-03-01")
                                   for i in range(8)]
        Ingester(store, fanout=3, per_key=2).run(_items(recs))
        assert max(len(c) for c in linker.candidate_calls) <= 3
        # Newest documents first: the last copy saw the two before it.
        assert [c[0] for c in linker.candidate_calls[-1]][:2] == ["x6", "x5"]


def test_story_ids_are_stable_across_databases(tmp_path):
    recs = [_reservists(1), _flood(1), _reservists(2)]
    ids = []
    for name in ("a.db", "b.db"):
        with Store.open(tmp_path / name, write=True, linker=FakeLinker()) as store:
            Ingester(store).run(_items(recs))
            ids.append(sorted(s["id"] for s in store.stories().items))
    assert ids[0] == ids[1]


def test_concurrent_ingests_of_the_same_documents(db):
    """Two writers racing over the same documents store each exactly once."""
    import threading

    recs = [_reservists(i) for i in range(1, 8)] + [_flood(i) for i in range(1, 8)]
    Store.open(db, write=True).close()
    summaries, errors = [], []

    def ingest(order):
        try:
            with Store.open(db, write=True, linker=FakeLinker()) as store:
                summaries.append(Ingester(store, batch_size=3).run(_items(order)))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(recs,)),
               threading.Thread(target=ingest, args=(recs[::-1],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(s.new for s in summaries) == len(recs)
    assert sum(s.unchanged for s in summaries) == len(recs)
    with Store.open(db) as store:
        assert store.counts()["documents"] == len(recs)
