"""Source grades in the store: kept with their history, shown on stories, and a story's
version changes with them."""

from __future__ import annotations

import pytest

from claimgraph.store import Ingester, Store
from claimgraph.store.errors import BadQuery
from tests.grading.stories import fire_story


@pytest.fixture
def real(db):
    with Store.open(db, write=True) as store:
        Ingester(store).run([(r["document"]["id"], r) for r in fire_story()])
        yield store


def test_the_latest_grade_is_in_force_and_the_others_are_its_history(real):
    assert real.source_grades() == []
    real.grade_source("Fennick Fire Service", "c", note="first look", author="kim")
    real.grade_source("  fennick   fire service ", "B", author="lee")
    [graded] = real.source_grades()
    assert (graded.name, graded.grade, graded.author) == ("fennick fire service", "B", "lee")
    assert [g.grade for g in real.grade_history("Fennick Fire Service")] == ["B", "C"]
    assert real.grade_history("Fennick Fire Service")[1].note == "first look"


@pytest.mark.parametrize(("name", "grade"), [("X", "G"), ("X", "AB"), ("  ", "A"), ("X", "")])
def test_bad_grades_are_refused(real, name, grade):
    with pytest.raises(BadQuery):
        real.grade_source(name, grade)
    assert real.source_grades() == []


def test_a_grade_shows_on_the_story_and_changes_its_version(real):
    [item] = real.stories().items
    before = real.story_version(item["id"])
    story = real.story(item["id"])
    fire = next(c for c in story["claims"] if c["speaker"] == "Fennick Fire Service")
    assert fire["admiralty"] == "F3"
    real.grade_source("Fennick Fire Service", "B")
    assert real.story_version(item["id"]) != before
    fire = next(c for c in real.story(item["id"])["claims"]
                if c["speaker"] == "Fennick Fire Service")
    assert fire["admiralty"] == "B3" and fire["reliability"]["term"] == "usually reliable"


def test_every_story_builds_each_story(real):
    other = fire_story("g")[0]
    other["document"].update(published="2024-09-01", text=other["document"]["text"] + " ")
    Ingester(real).run([("g1", other)])  # weeks later: a story of its own
    stories = list(real.every_story(batch=1))  # one story a page: paging is exercised
    assert [s["id"] for s in stories] == [s["id"] for s in reversed(real.stories().items)]
    assert len(stories) == 2 and all(s["claims"] for s in stories)
