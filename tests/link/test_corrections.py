"""Analysts' corrections flow into claims, chains, credibility, provenance and drift."""

from __future__ import annotations

import copy

from claimgraph.link.corrections import correct_records, locate
from claimgraph.link.story import build_story
from claimgraph.model import Correction, StatementRef
from claimgraph.schemas import validate
from tests.grading.stories import fire_story

from .scenarios import vostrel_story


def ref(records, doc: str, sid: str) -> StatementRef:
    """The statement as the store would name it: with its content as it reads now."""
    record = next(r for r in records if r["document"]["id"] == doc)
    st = next(s for s in record["statements"] if s["id"] == sid)
    span = st["content"]["spans"][0]
    return StatementRef(doc, sid, st["content"]["text"], (span[0], span[1]))


def fix(n: int, action: str, target: StatementRef, **kw) -> Correction:
    return Correction(action=action, target=target, id=f"x{n}", **kw)  # type: ignore[arg-type]


def drift(story) -> set[tuple[str, str]]:
    return {(f["kind"], f["after"]["document"]) for f in story["drift"]}


def test_a_rejected_statement_leaves_its_claim_and_its_drift():
    records = vostrel_story()
    assert ("approximator_changed", "r3") in drift(build_story("S", records))
    story = build_story("S", records, corrections=[fix(1, "reject", ref(records, "r3", "s1"))])
    validate("story", story)
    assert ("approximator_changed", "r3") not in drift(story)
    assert "r3" not in story["claims"][0]["documents"]
    assert story["corrections"][0]["applied"] is True
    assert records[3]["statements"][0]["id"] == "s1"  # the records given are not touched


def test_a_corrected_cue_changes_cue_drift():
    records = vostrel_story()
    assert ("cue_hardened", "r4") in drift(build_story("S", records))
    said = {"text": "boasted", "lemma": "boast", "stance": "distancing"}
    story = build_story("S", records, corrections=[
        fix(1, "cue", ref(records, "r4", "s1"), after=said)])
    assert ("cue_hardened", "r4") not in drift(story)
    assert ("action_changed", "r4") in drift(story)


def test_a_corrected_speaker_makes_two_sources_one():
    records = fire_story()
    records = [r for r in records if r["document"]["id"] != "f3"]
    before = build_story("S", records)
    assert [c["credibility"]["code"] for c in before["claims"]] == ["1", "1"]
    story = build_story("S", records, corrections=[
        fix(1, "speaker", ref(records, "f2", "s1"), before="Anton Reyes",
            after="Fennick Fire Service")])
    validate("story", story)
    assert len(story["chains"]) == 1  # the hospital's words were the fire service's
    assert {c["speaker"] for c in story["claims"]} == {"Fennick Fire Service"}
    assert all(c["credibility"]["code"] == "6" for c in story["claims"])


def test_a_corrected_via_names_the_go_between_in_the_provenance():
    records = fire_story()

    def go_betweens(story):
        tree = next(p["tree"] for p in story["provenance"] if p["claim"] == "c2")
        return [n["name"] for n in tree["children"] if n["node"] == "source"]

    assert go_betweens(build_story("S", records)) == []
    story = build_story("S", records, corrections=[
        fix(1, "via", ref(records, "f2", "s1"), after=["Fennick Radio"])])
    assert go_betweens(story) == ["Fennick Radio"]


def test_a_merge_joins_two_claims_and_their_drift_shows():
    records = fire_story()
    before = build_story("S", records)
    assert len(before["claims"]) == 3 and not drift(before)
    story = build_story("S", records, corrections=[
        fix(1, "merge", ref(records, "f1", "s1"), other=ref(records, "f3", "s1"))])
    validate("story", story)
    [fire, hospital] = story["claims"]
    assert fire["root"] == {"document": "f1", "statement": "s1"}  # the earlier root is kept
    assert fire["documents"] == ["f1", "f3", "f4"] and hospital["speaker"] == "Anton Reyes"
    assert ("quantity_changed", "f3") in drift(story)
    assert [c["id"] for c in story["claims"]] == ["c1", "c2"]


def test_a_split_takes_a_statement_out_of_its_claim():
    records = vostrel_story()
    story = build_story("S", records, corrections=[fix(1, "split", ref(records, "r4", "s1"))])
    validate("story", story)
    roots = [(c["root"]["document"], c["root"]["statement"]) for c in story["claims"]]
    assert ("r4", "s1") in roots
    coast = next(c for c in story["claims"] if c["root"] == {"document": "u1", "statement": "s2"})
    assert "r4" not in coast["documents"]
    assert not {("cue_hardened", "r4"), ("action_changed", "r4")} & drift(story)


def test_undone_and_foreign_corrections_change_nothing():
    records = vostrel_story()
    plain = build_story("S", records)
    undone = fix(1, "reject", ref(records, "r3", "s1"), undone="2026-01-01T00:00:00+00:00")
    elsewhere = fix(2, "reject", StatementRef("other-doc", "s1", "x", (0, 1)))
    story = build_story("S", records, corrections=[undone, elsewhere])
    assert story["claims"] == plain["claims"] and story["drift"] == plain["drift"]
    assert story["corrections"] == []


def test_a_correction_finds_its_statement_after_a_new_extraction():
    records = vostrel_story()
    target = ref(records, "r3", "s1")
    renumbered = copy.deepcopy(records)
    r3 = renumbered[3]
    r3["statements"][0]["id"] = "s2"
    r3["statements"].insert(0, {**copy.deepcopy(r3["statements"][0]), "id": "s1",
                                "content": {"text": "Vostrel governor Mirek Danov",
                                            "spans": [[0, 28]]}, "quantities": []})
    assert locate(r3, target) == "s2"
    story = build_story("S", renumbered, corrections=[fix(1, "reject", target)])
    assert ("approximator_changed", "r3") not in drift(story)
    # a content span moved a little: the statement covering most of the old span
    r3["statements"][1]["content"]["text"] = "over 4,000 reservists had been called up"
    assert locate(r3, target) == "s2"
    # the statement is gone: the correction stays on record but does nothing
    del r3["statements"][1]
    result = correct_records(renumbered, [fix(1, "reject", target)])
    assert result.applied == {"x1": False}
    story = build_story("S", renumbered, corrections=[fix(1, "reject", target)])
    assert story["corrections"][0]["applied"] is False


def test_a_rejected_statement_of_a_report_speaking_for_its_publisher_is_no_claim():
    # in a mission's own report a plain sentence is the mission's statement; one an analyst
    # rejected is no statement and no plain sentence either
    from .builders import record, statement

    text = ("The Mission recorded 37 violations of the ceasefire, the Mission said. Monitors "
            "visited four weapons sites, the Mission said. Soldiers stopped a patrol near "
            "Veshti and turned it back at a checkpoint.")
    contents = ["The Mission recorded 37 violations of the ceasefire",
                "Monitors visited four weapons sites",
                "Soldiers stopped a patrol near Veshti and turned it back"]
    records = [record("m", text, "Tazra Monitoring Mission", "2025-12-15", statements=[
        statement(text, f"s{i}", c, "Tazra Monitoring Mission", "said")
        for i, c in enumerate(contents, 1)])]
    story = build_story("S", records, corrections=[fix(1, "reject", ref(records, "m", "s3"))])
    assert [c["text"] for c in story["claims"]] == contents[:2]
