"""The story detail and summary: shape (JSON Schema), root, chains and spans that point at text."""

from __future__ import annotations

import json

import pytest
from jsonschema import ValidationError

from claimgraph.link import link_records
from claimgraph.link.story import build_story, story_title, summarise, trim_title
from claimgraph.schemas import validate

from .builders import record
from .scenarios import berthing, vostrel_story


def test_story_detail_matches_its_schema_and_survives_json():
    story = build_story("S1", vostrel_story())
    validate("story", story)
    assert json.loads(json.dumps(story)) == story


def test_root_chains_and_documents():
    story = build_story("S1", list(reversed(vostrel_story())))  # input order does not matter
    order = [d["id"] for d in story["documents"]]
    assert order[:2] == ["u1", "r1"] and order[-1] == "r4"  # r1 cites u1, published the same day
    assert {k: story["root"][k] for k in ("speaker", "date", "document")} == {
        "speaker": "Mirek Danov",
        "date": "2024-03-03",
        "document": "u1",
    }
    assert story["independent_chains"] == 1
    first = story["claims"][0]
    assert first["first_seen"] == "2024-03-05" and first["said_on"] == "2024-03-03"
    assert {"document": "r3", "statement": "s1"} in first["statements"]


def test_every_finding_points_at_its_words():
    records = vostrel_story()
    texts = {r["document"]["id"]: r["document"]["text"] for r in records}
    story = build_story("S1", records)
    assert story["drift"]
    for finding in story["drift"]:
        for side in (finding["before"], finding["after"]):
            start, end = side["span"]
            assert texts[side["document"]][start:end] == side["text"]


def test_story_without_statements_still_has_a_shape():
    story = build_story("S2", [record("d", "Nothing attributed here at all.", "Post", None)])
    validate("story", story)
    assert story["root"] is None and story["claims"] == [] and story["independent_chains"] == 1


def test_summary_matches_its_schema():
    item = summarise("S1", vostrel_story())
    validate("stories", item)
    assert item["size"] == 5
    assert (item["first_published"], item["last_published"]) == ("2024-03-05", "2024-03-07")
    assert item["outlets"][0] == "Aldorian Ministry of Defence"


def test_schema_rejects_an_unknown_drift_kind():
    story = build_story("S1", vostrel_story())
    story["drift"][0]["kind"] = "tone_changed"
    with pytest.raises(ValidationError):
        validate("story", story)


def test_linked_stories_all_validate():
    for story in link_records(vostrel_story() + [berthing()]):
        validate("story", story)


def test_titles_are_one_trimmed_line():
    assert trim_title("  Twelve dead as\n Selva floods  ") == "Twelve dead as Selva floods"
    long = "word " * 40
    assert trim_title(long) == ("word " * 19).strip() + "…"
    assert len(trim_title(long)) <= 100
    untitled = record("d", "Officials met. Nothing was said about the bridge.", "Post", None)
    untitled["document"]["title"] = None
    assert story_title([untitled]) == "Officials met."
    assert story_title([]) is None
