"""Admiralty credibility of claims and the reliability a source's record suggests, through
the real linker on hand-built stories."""

from __future__ import annotations

import pytest

from claimgraph.link.grading import (
    GRADES,
    Corroboration,
    band,
    source_records,
    sources,
    suggest,
)
from claimgraph.link.story import build_story
from claimgraph.model import SourceGrade, SourceRecord
from claimgraph.schemas import validate

from .stories import SITES, fire_story


def _by_speaker(story):
    return {c["speaker"]: c for c in story["claims"]}


def test_two_agreeing_sources_confirm_and_a_competing_figure_is_doubted():
    agreed = build_story("S", [r for r in fire_story() if r["document"]["id"] != "f3"])
    validate("story", agreed)
    claims = _by_speaker(agreed)
    assert claims["Fennick Fire Service"]["credibility"]["code"] == "1"
    assert claims["Anton Reyes"]["credibility"]["code"] == "1"
    assert claims["Fennick Fire Service"]["documents"] == ["f1", "f4"]  # a copy is no source

    disputed = _by_speaker(build_story("S", fire_story()))
    fire, union = disputed["Fennick Fire Service"], disputed["Fennick Chemical Workers' Union"]
    # one source agrees with the fire service and one disputes it: possibly true
    assert (fire["credibility"]["code"], len(fire["credibility"]["agreeing"]),
            len(fire["credibility"]["competing"])) == ("3", 1, 1)
    # the union's "more than 60" is contradicted by two sources and confirmed by none
    assert union["credibility"]["code"] == "5"
    assert union["credibility"]["term"] == "improbable"


def test_a_claim_no_other_source_speaks_to_cannot_be_judged():
    alone = build_story("S", fire_story()[:1])
    [claim] = alone["claims"]
    assert claim["credibility"] == {"code": "6", "term": "truth cannot be judged",
                                    "agreeing": [], "competing": []}
    assert claim["admiralty"] == "F6" and claim["reliability"]["grade"] is None


@pytest.mark.parametrize(("agreeing", "competing", "code"), [
    (0, 0, "6"), (1, 0, "1"), (3, 0, "1"), (2, 1, "2"), (1, 1, "3"), (2, 2, "3"),
    (1, 2, "4"), (0, 1, "4"), (0, 2, "5"), (0, 4, "5")])
def test_credibility_ladder(agreeing, competing, code):
    found = Corroboration(tuple(f"a{i}" for i in range(agreeing)),
                          tuple(f"d{i}" for i in range(competing)))
    assert found.code == code
    assert band(code).definition  # every code has the doctrine's wording in the scale file


def test_the_analysts_grade_shows_on_its_sources_claims():
    grades = [SourceGrade("fennick fire  service", "B", created="2026-01-01"),
              SourceGrade("Fennick Chemical Workers' Union", "D", created="2026-01-01"),
              SourceGrade("Fennick Chemical Workers' Union", "C", created="2026-02-01")]
    story = build_story("S", fire_story(), grades=grades)
    validate("story", story)
    claims = _by_speaker(story)
    assert claims["Fennick Fire Service"]["reliability"] == {
        "source": "Fennick Fire Service", "grade": "B", "term": "usually reliable"}
    assert claims["Fennick Fire Service"]["admiralty"] == "B3"
    assert claims["Fennick Chemical Workers' Union"]["admiralty"] == "C5"  # the later grade
    assert claims["Anton Reyes"]["admiralty"] == "F3"


def test_a_grade_of_the_full_name_covers_a_bare_surname():
    records = fire_story()
    records[1]["statements"][0]["speaker"]["name"] = "Reyes"
    story = build_story("S", records, grades=[SourceGrade("Dr Anton Reyes", "A")])
    assert _by_speaker(story)["Reyes"]["reliability"]["grade"] == "A"


def _stories(n: int, disputed: int) -> list[dict]:
    """``n`` fire stories in which the union disputes the count in ``disputed`` of them."""
    return [build_story(f"S{i}", fire_story(f"f{i}-", injured_by_union=60 if i < disputed
                                            else 40, site=SITES[i])) for i in range(n)]


def test_a_record_of_corroborated_claims_suggests_usually_reliable():
    records = {r.name: r for r in source_records(_stories(5, disputed=0))}
    fire = records["Fennick Fire Service"]
    assert (fire.claims, fire.stories, fire.judged, fire.corroborated, fire.contradicted) == \
        (5, 5, 5, 5, 0)
    assert suggest(fire) == "B"


def test_contradictions_lower_the_suggestion():
    records = {r.name: r for r in source_records(_stories(5, disputed=1))}
    assert (records["Fennick Fire Service"].corroborated,
            records["Fennick Fire Service"].contradicted) == (5, 1)
    assert suggest(records["Fennick Fire Service"]) == "C"
    union = records["Fennick Chemical Workers' Union"]
    assert (union.judged, union.corroborated, union.contradicted) == (5, 4, 1)
    assert suggest(union) == "C"
    records = {r.name: r for r in source_records(_stories(5, disputed=5))}
    assert suggest(records["Fennick Chemical Workers' Union"]) == "E"


def test_below_the_minimum_sample_the_suggestion_is_f():
    records = {r.name: r for r in source_records(_stories(GRADES.min_judged - 1, disputed=0))}
    assert records["Fennick Fire Service"].judged == GRADES.min_judged - 1
    assert suggest(records["Fennick Fire Service"]) == "F"


@pytest.mark.parametrize(("judged", "corroborated", "contradicted", "grade"), [
    (20, 20, 0, "A"), (19, 19, 0, "B"), (20, 19, 1, "B"), (10, 6, 2, "C"), (10, 4, 5, "D"),
    (10, 1, 6, "E"), (4, 4, 0, "F")])
def test_suggestion_thresholds(judged, corroborated, contradicted, grade):
    record = SourceRecord("X", claims=judged + 3, judged=judged, corroborated=corroborated,
                          contradicted=contradicted)
    assert suggest(record) == grade


def test_the_sources_table_shows_grade_suggestion_and_record():
    rows = sources(_stories(5, disputed=1),
                   [SourceGrade("Fennick Fire Service", "A", note="official", author="kim"),
                    SourceGrade("Harbour Herald", "C")])
    for row in rows:
        validate("sources", row)
    by_name = {r["name"]: r for r in rows}
    fire = by_name["Fennick Fire Service"]
    assert fire["grade"]["grade"] == "A" and fire["grade"]["author"] == "kim"
    assert fire["suggested"] == {"grade": "C", "term": "fairly reliable",
                                 "reason": "of 5 judged claim(s), 5 corroborated, 1 contradicted"}
    assert fire["record"]["corroborated_share"] == 1.0
    assert fire["record"]["contradicted_share"] == 0.2
    # a graded source without claims is listed last, with nothing to judge it by
    assert rows[-1]["name"] == "Harbour Herald" and rows[-1]["record"]["claims"] == 0
    assert rows[-1]["suggested"]["grade"] == "F"


def test_a_bare_surname_counts_for_the_full_name():
    stories = _stories(2, disputed=0)
    stories[1]["claims"][1]["speaker"] = "Reyes"
    records = {r.name: r for r in source_records(stories)}
    assert "Reyes" not in records
    assert records["Anton Reyes"].claims == 2 and records["Anton Reyes"].names == [
        "Anton Reyes", "Reyes"]
