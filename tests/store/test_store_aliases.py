"""The entity alias table: filled from documents at ingest, edited by analysts, read by stories."""

from __future__ import annotations

import pytest

from claimgraph.store import Ingester, Store
from claimgraph.store.errors import BadQuery

from ..link.builders import record, statement

A = "Oskar Lind said 38 containers fell overboard from the Calder Star on Wednesday."
B = "Ossi Lind said 38 containers fell overboard from the Calder Star on Wednesday."


def _records():
    lind = {"id": "e1", "name": "Oskar Lind", "type": "PERSON", "aliases": ["Lind"],
            "roles": ["the port's harbour master"], "mentions": []}
    return [
        record("a", A, "Halvor Today", "2025-04-09", entities=[lind], statements=[statement(
            A, "s1", "38 containers fell overboard from the Calder Star on Wednesday",
            "Oskar Lind", "said")]),
        record("b", B, "Westwind Daily", "2025-04-09", statements=[statement(
            B, "s1", "38 containers fell overboard from the Calder Star on Wednesday",
            "Ossi Lind", "said")]),
    ]


@pytest.fixture
def real(db):
    with Store.open(db, write=True) as store:
        Ingester(store).run([(r["document"]["id"], r) for r in _records()])
        yield store


def test_documents_aliases_are_stored_at_ingest(real):
    rows = {(r["alias"], r["name"], r["kind"], r["document"]) for r in real.aliases()}
    assert rows == {("Lind", "Oskar Lind", "alias", "a"),
                    ("the port's harbour master", "Oskar Lind", "role", "a")}


def test_an_analysts_alias_merges_the_story_and_changes_its_version(real):
    story_id = real.stories().items[0]["id"]
    assert real.story(story_id)["independent_chains"] == 2
    before = real.story_version(story_id)
    real.add_alias("Ossi Lind", "Oskar Lind", author="analyst1")
    real.add_alias("Ossi Lind", "Oskar Lind", author="analyst1")  # idempotent
    assert real.story_version(story_id) != before
    assert real.story(story_id)["independent_chains"] == 1
    assert [r["author"] for r in real.aliases(analyst_only=True)] == ["analyst1"]
    assert real.remove_alias("Ossi Lind", "Oskar Lind") == 1
    assert real.story(story_id)["independent_chains"] == 2
    assert real.remove_alias("Ossi Lind", "Oskar Lind") == 0


def test_an_alias_needs_two_names(real):
    with pytest.raises(BadQuery):
        real.add_alias("Oskar Lind", " Oskar Lind ")
