"""Corrections in the store: audited, undoable, kept apart from the records, applied to the
stories they touch (changing only their versions), and outliving a new extraction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from claimgraph.store import Ingester, Store
from claimgraph.store.errors import BadQuery, CorrectionNotFound, StatementNotFound
from claimgraph.store.schema import documents
from tests.grading.stories import fire_story

from .store_fakes import record, statement


def _speakers(store, story_id):
    return {c["speaker"] for c in store.story(story_id)["claims"]}


@pytest.fixture
def real(db):
    flood = record("w1", "Mayor Ilse Brandt said 300 homes were evacuated in Oderburg.",
                   title="Oderburg evacuates 300 homes", publisher="Oderburg Post",
                   published="2024-04-10",
                   statements=[statement("s1", "Ilse Brandt", "300 homes were evacuated")])
    with Store.open(db, write=True) as store:
        Ingester(store).run([(r["document"]["id"], r) for r in [*fire_story(), flood]])
        yield store


def _story_of(store, doc_id):
    return next(s["id"] for s in store.stories().items if doc_id in s["documents"])


def test_a_correction_is_audited_and_changes_only_its_storys_version(real):
    fire, flood = _story_of(real, "f1"), _story_of(real, "w1")
    versions = {s: real.story_version(s) for s in (fire, flood)}
    made = real.correct("speaker", real.statement("f2", "s1"), after="  Fennick  Fire Service ",
                        author="kim", note="the hospital read out the service's figure")
    assert made.id == "x1" and made.created and made.active
    assert (made.before, made.after, made.author) == ("Anton Reyes", "Fennick Fire Service", "kim")
    assert made.target.text.startswith("40 workers injured")
    assert real.story_version(fire) != versions[fire]
    assert real.story_version(flood) == versions[flood]
    story = real.story(fire)
    assert "Anton Reyes" not in {c["speaker"] for c in story["claims"]}
    assert [c["id"] for c in story["corrections"]] == ["x1"]
    assert real.story(flood)["corrections"] == []
    # the record itself is as extracted
    assert real.document("f2")["statements"][0]["speaker"]["name"] == "Anton Reyes"
    assert [c.id for c in real.corrections(document="f2")] == ["x1"]
    assert real.corrections(story=flood) == []


def test_undo_keeps_the_correction_on_record(real):
    fire = _story_of(real, "f1")
    real.correct("reject", real.statement("f3", "s1"), author="kim")
    assert "Fennick Chemical Workers' Union" not in _speakers(real, fire)
    corrected = real.story_version(fire)
    undone, changed = real.undo_correction("x1", author="lee")
    assert changed and undone.undone and undone.undone_by == "lee"
    assert real.story_version(fire) != corrected
    assert "Fennick Chemical Workers' Union" in _speakers(real, fire)
    assert real.undo_correction("x1")[1] is False
    [kept] = real.corrections()
    assert kept.undone == undone.undone and real.corrections(active_only=True) == []
    with pytest.raises(CorrectionNotFound):
        real.undo_correction("x9")
    with pytest.raises(CorrectionNotFound):
        real.undo_correction("c1")


def test_the_records_a_story_is_built_from_carry_the_corrections(real):
    fire = _story_of(real, "f1")
    real.correct("reject", real.statement("f3", "s1"))
    real.correct("cue", real.statement("f1", "s1"),
                 after={"text": "claimed", "lemma": "claim", "stance": "distancing"})
    _story, records = real.story_with_records(fire)
    by_id = {r["document"]["id"]: r for r in records}
    assert by_id["f3"]["statements"] == []
    assert by_id["f1"]["statements"][0]["cue"]["text"] == "claimed"
    assert by_id["f1"]["statements"][0]["cue"]["span"]  # where the cue was in the text


def test_merge_split_and_claim_references(real):
    fire = _story_of(real, "f1")
    story = real.story(fire)
    union = next(c for c in story["claims"] if c["speaker"].endswith("Union"))
    root = real.statement_ref(f"{fire}#{union['id']}")
    assert (root.document, root.statement) == ("f3", "s1")
    merged = real.correct("merge", real.statement_ref("f1#s1"), other=root)
    assert merged.other is not None and merged.other.document == "f3"
    claims = real.story(fire)["claims"]
    assert len(claims) == 2 and claims[0]["documents"] == ["f1", "f3", "f4"]
    real.correct("split", real.statement("f3", "s1"))  # a later split takes it out again
    assert len(real.story(fire)["claims"]) == 3


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda s: s.statement("f1", "s9"), StatementNotFound, "has no statement 's9'"),
    (lambda s: s.statement("nope", "s1"), StatementNotFound, "no document with id 'nope'"),
    (lambda s: s.statement_ref("f1"), StatementNotFound, "names no statement"),
    (lambda s: s.statement_ref(f"{_story_of(s, 'f1')}#c9"), StatementNotFound, "has no claim c9"),
    (lambda s: s.correct("merge", s.statement("f1", "s1"), other=s.statement("w1", "s1")),
     BadQuery, "different stories"),
    (lambda s: s.correct("merge", s.statement("f1", "s1"), other=s.statement("f1", "s1")),
     BadQuery, "two different claims"),
    (lambda s: s.correct("speaker", s.statement("f1", "s1"), after=" "), BadQuery, "name"),
    (lambda s: s.correct("cue", s.statement("f1", "s1"), after={"text": "said", "stance": "x"}),
     BadQuery, "stance"),
    (lambda s: s.correct("via", s.statement("f1", "s1"), after=["", "A"]), BadQuery, "empty"),
    (lambda s: s.correct("retitle", s.statement("f1", "s1")), BadQuery, "unknown correction"),
])
def test_bad_corrections_are_refused(real, call, error, message):
    with pytest.raises(error, match=message):
        call(real)
    assert real.corrections() == []


def test_corrections_outlive_a_reingest_and_a_new_extraction(real):
    fire = _story_of(real, "f1")
    real.correct("reject", real.statement("f3", "s1"))
    summary = Ingester(real).run([(r["document"]["id"], r) for r in fire_story()])
    assert summary.unchanged == 4 and summary.new == 0
    assert "Fennick Chemical Workers' Union" not in _speakers(real, fire)
    # A new extraction of f3 finds one statement more, before the corrected one.
    with real.read() as conn:
        stored = json.loads(conn.execute(select(documents.c.record)
                                         .where(documents.c.id == "f3")).scalar_one())
    old = stored["statements"][0]
    stored["statements"] = [{**old, "id": "s1", "content": {
        "text": "The blaze broke out on Sunday night", "spans": [[108, 143]]},
        "quantities": []}, {**old, "id": "s2"}]
    with real.write() as conn:
        conn.execute(update(documents).where(documents.c.id == "f3")
                     .values(record=json.dumps(stored)))
    story = real.story(fire)
    assert "more than 60" not in " ".join(c["text"] for c in story["claims"])
    assert story["corrections"][0]["applied"] is True


def test_story_search_and_readable_titles(real):
    found = real.search_stories("injured workers")
    assert [s["documents"] for s in found.items] == [["f1", "f2", "f3", "f4"]]
    assert found.items[0]["title"] == "Forty hurt in Fennick chemical plant fire"
    assert real.search_stories("Oderburg OR Fennick").total == 2
    assert real.search_stories("zeppelin").total == 0
    page = real.search_stories("Oderburg OR Fennick", limit=1)
    assert page.next == "1" and len(page.items) == 1
    assert real.search_stories("Oderburg OR Fennick", limit=1, offset=1).next is None
    with pytest.raises(BadQuery):
        real.search_stories("?!")


def test_a_story_without_a_headline_is_titled_by_its_first_claim(db):
    text = ("Mayor Ilse Brandt said that the water would recede by Friday and that schools "
            "in Oderburg would reopen next week.")
    untitled = record("u1", text, publisher="Oderburg Post", published="2024-04-11",
                      statements=[statement("s1", "Ilse Brandt", "that the water would recede "
                                            "by Friday and that schools in Oderburg would "
                                            "reopen next week")])
    with Store.open(db, write=True) as store:
        Ingester(store).run([("u1", untitled)])
        [item] = store.stories().items
        title = ("Ilse Brandt: The water would recede by Friday and that schools in Oderburg "
                 "would reopen next week")
        assert item["title"] == title
        assert store.story(item["id"])["title"] == title


def test_claim_versions_follow_corrections_not_grades(real):
    fire, flood = _story_of(real, "f1"), _story_of(real, "w1")
    before = real.claim_versions()
    assert set(before) == {fire, flood}
    real.grade_source("Fennick Fire Service", "B")
    assert real.claim_versions() == before
    real.correct("split", real.statement("f4", "s1"))
    after = real.claim_versions()
    assert after[fire] != before[fire] and after[flood] == before[flood]
    real.undo_correction("x1")
    assert real.claim_versions()[fire] not in (before[fire], after[fire])
