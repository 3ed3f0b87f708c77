"""The MISP event of a story: loads back with PyMISP, with its objects, references and tags."""

from __future__ import annotations

import copy
import json

import pytest
from pymisp import MISPEvent

from claimgraph import scales
from claimgraph.export.errors import ExportError
from claimgraph.export.misp import event_json
from claimgraph.link import link_records
from tests.link.scenarios import vostrel_story

VERY_LIKELY = 'estimative-language:likelihood-probability="very-likely"'


def load(text: str) -> MISPEvent:
    event = MISPEvent()
    event.load(text)
    return event


def statement_objects(event: MISPEvent) -> dict[str, object]:
    """Statement annotations by document#statement (the id closes their comment)."""
    return {o.comment.rsplit("[", 1)[1].rstrip("]"): o for o in event.objects
            if o.name == "annotation" and o.get_attributes_by_relation("type")[0].value
            .startswith("statement")}


def tags(obj, relation: str = "text") -> list[str]:
    return [t.name for t in obj.get_attributes_by_relation(relation)[0].tags]


def test_event_loads_back_with_every_document_statement_and_claim(vostrel):
    detail, records = vostrel
    text = event_json(detail, records)
    assert set(json.loads(text)) == {"Event"}
    event = load(text)
    assert event.info == f"claimgraph story {detail['id']}: Defence Intelligence Update"
    assert str(event.date) == "2024-03-05"
    names = [o.name for o in event.objects]
    assert names.count("news-media") == len(records) == 5
    statements = statement_objects(event)
    assert len(statements) == 11
    claims = [o for o in event.objects if o.name == "annotation"
              and o.get_attributes_by_relation("type")[0].value == "claim"]
    assert len(claims) == len(detail["claims"]) == 3

    media = {o.get_attributes_by_relation("link")[0].value: o
             for o in event.objects if o.name == "news-media"}
    herald = media["https://example.org/r1"]
    assert herald.get_attributes_by_relation("source")[0].value == "Harbour Herald"
    assert str(herald.first_seen)[:10] == "2024-03-05"

    relayed = statements["r1#s1"]
    assert relayed.get_attributes_by_relation("text")[0].value.startswith(
        "that about 4,000 reservists")
    assert relayed.get_attributes_by_relation("type")[0].value == "statement: indirect"
    assert "Mirek Danov had claimed (distancing), via Ministry of Defence" in relayed.comment
    assert str(statements["u1#s1"].get_attributes_by_relation("creation-date")[0].value)[:10] \
        == "2024-03-03"  # when it was said, not when it was published
    refs = {(r.relationship_type, r.referenced_uuid) for r in relayed.references}
    assert ("included-in", herald.uuid) in refs
    assert ("derived-from", statements["u1#s1"].uuid) in refs

    c1 = next(o for o in claims if o.comment.startswith("claim c1:"))
    included = {r.referenced_uuid for r in c1.references if r.relationship_type == "includes"}
    assert included == {statements[k].uuid for k in ("u1#s1", "r1#s1", "r2#s2", "r3#s1", "r4#s2")}


def test_drift_is_on_the_reference_that_made_it(vostrel):
    statements = statement_objects(load(event_json(*vostrel)))
    over = next(r for r in statements["r3#s1"].references if r.relationship_type == "derived-from")
    assert over.referenced_uuid == statements["u1#s1"].uuid
    assert "approximator_changed: 'about 4,000 reservists' -> 'over 4,000 reservists'" \
        in over.comment
    dropped = next(r for r in statements["r2#s1"].references
                   if r.relationship_type == "derived-from")
    assert "hedge_dropped" in dropped.comment


def test_estimative_language_tags(vostrel):
    detail, records = vostrel
    event = load(event_json(detail, records))
    statements = statement_objects(event)
    assert scales.misp_tag(0.8, 0.9) == VERY_LIKELY
    assert tags(statements["u1#s3"]) == [VERY_LIKELY]
    assert tags(statements["r2#s1"]) == []  # the re-report that dropped the hedge
    assert tags(statements["r1#s1"]) == []
    c3 = next(o for o in event.objects if o.comment.startswith("claim c3:"))
    assert tags(c3) == [VERY_LIKELY]  # the root statement's judgement


def test_stated_confidence_is_tagged():
    records = vostrel_story()
    records[0]["statements"][2]["estimates"][0]["confidence"] = "high"
    detail = link_records(records)[0]
    statements = statement_objects(load(event_json(detail, records)))
    assert tags(statements["u1#s3"]) == [
        VERY_LIKELY, 'estimative-language:confidence-in-analytic-judgment="high"']


def test_admiralty_grades_given_become_tags(vostrel):
    detail, records = vostrel
    event = load(event_json(detail, records, {"Aldorian Ministry of Defence": "B2",
                                              "mirek  danov": "C"}))
    statements = statement_objects(event)
    reliability_b = 'admiralty-scale:source-reliability="b"'
    credibility_2 = 'admiralty-scale:information-credibility="2"'
    # The ministry's own judgement: its grade; the governor's words: his (names match
    # case- and space-insensitively); a speaker without a grade takes the publisher's.
    assert tags(statements["u1#s3"]) == [VERY_LIKELY, reliability_b, credibility_2]
    assert tags(statements["u1#s1"]) == ['admiralty-scale:source-reliability="c"']
    assert tags(statements["u1#s2"]) == [reliability_b, credibility_2]  # "Danov" has none
    assert tags(statements["r1#s2"]) == []  # Harbour Herald has no grade
    ministry = next(o for o in event.objects if o.name == "news-media"
                    and o.get_attributes_by_relation("link")[0].value.endswith("/u1"))
    assert tags(ministry, "source") == [reliability_b]  # credibility grades information


def test_bad_grade_is_one_clear_error(vostrel):
    with pytest.raises(ExportError, match="grade of 'Harbour Herald'.*Admiralty grade"):
        event_json(*vostrel, {"Harbour Herald": "Z9"})


def test_a_reexport_is_identical(vostrel):
    first = event_json(*vostrel)
    assert event_json(*copy.deepcopy(vostrel)) == first
    event = json.loads(first)["Event"]
    uuids = [event["uuid"]] + [o["uuid"] for o in event["Object"]] + [
        a["uuid"] for o in event["Object"] for a in o["Attribute"]] + [
        r["uuid"] for o in event["Object"] for r in o.get("ObjectReference", [])]
    assert len(uuids) == len(set(uuids))
