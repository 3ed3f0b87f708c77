"""The assessment ledger in the store: add, evidence checks, listing, resolving, versions."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.assess.judgements import new_assessment
from claimgraph.model import LintWarning
from claimgraph.store import Ingester, Store
from claimgraph.store import assessments as ledger
from claimgraph.store.errors import (
    AlreadyResolved,
    AssessmentNotFound,
    BadQuery,
    EvidenceNotFound,
    ReadOnlyDatabase,
)

from .store_fakes import FakeLinker, record, statement

TEXT = "It is highly likely that the port reopens before 1 June 2025."


class ClaimsLinker(FakeLinker):
    """The fake linker, with one claim per statement of the story's documents."""

    def build_story(self, story_id: str, records: list[dict[str, Any]],
                    aliases: Any = (), corrections: Any = (), grades: Any = ()) -> dict[str, Any]:
        story = super().build_story(story_id, records)
        views = [(r["document"]["id"], st) for r in records for st in r["statements"]]
        story["claims"] = [{"id": f"c{i}", "text": st["content"]["text"],
                            "root": {"document": doc, "statement": st["id"]}}
                           for i, (doc, st) in enumerate(views, 1)]
        return story


@pytest.fixture
def ledger_store(db):
    with Store.open(db, write=True, linker=ClaimsLinker()) as s:
        Ingester(s).run([(r["document"]["id"], r) for r in [
            record("d1", "The governor said 4,000 reservists were called up.",
                   title="Reservists called up in Vostrel", published="2025-03-05",
                   statements=[statement("s1", "Governor", "4,000 reservists were called up")]),
        ]])
        yield s


def story_id(store: Store) -> str:
    return store.stories().items[0]["id"]


def test_add_get_and_evidence_snapshot(ledger_store):
    sid = story_id(ledger_store)
    a = new_assessment(TEXT, "highly likely", confidence="high", author="Hale",
                       resolves_by="2025-06-01", evidence=[f"{sid}#c1"])
    a.warnings = [LintWarning("no_time_frame", "say by when", (6, 19), "highly likely")]
    stored = ledger.add(ledger_store, a)
    assert stored.id == "a1"
    again = ledger.get(ledger_store, "a1")
    assert again == stored
    assert (again.term, again.low, again.high, again.confidence) == ("highly likely", 0.8,
                                                                     0.9, "high")
    [e] = again.evidence
    assert (e.ref, e.document, e.statement, e.text) == (
        f"{sid}#c1", "d1", "s1", "4,000 reservists were called up")
    assert again.warnings == a.warnings
    assert again.to_dict()["evidence"][0]["ref"] == f"{sid}#c1"


def test_evidence_must_exist(ledger_store):
    sid = story_id(ledger_store)
    with pytest.raises(EvidenceNotFound, match=r"has no claim c9 \(its claims: c1\)"):
        ledger.add(ledger_store, new_assessment(TEXT, "likely", evidence=[f"{sid}#c9"]))
    with pytest.raises(EvidenceNotFound, match="no story 'story:nope'"):
        ledger.add(ledger_store, new_assessment(TEXT, "likely", evidence=["story:nope#c1"]))
    assert ledger.counts(ledger_store) == {"assessments": 0, "resolved": 0}


def test_listing_newest_first_with_pages_and_filters(ledger_store):
    for i, who in enumerate(["Hale", "Ortiz", "Hale"]):
        ledger.add(ledger_store, new_assessment(f"{TEXT} ({i})", "likely", author=who))
    ledger.resolve(ledger_store, "a2", True, "2025-05-01")
    page = ledger.listing(ledger_store, limit=2)
    assert [x["id"] for x in page.items] == ["a3", "a2"] and page.total == 3
    rest = ledger.listing(ledger_store, limit=2, cursor=page.next)
    assert [x["id"] for x in rest.items] == ["a1"] and rest.next is None
    assert [x["id"] for x in ledger.listing(ledger_store, author="Hale").items] == ["a3", "a1"]
    assert [x["id"] for x in ledger.listing(ledger_store, resolved=True).items] == ["a2"]
    assert ledger.listing(ledger_store, resolved=False).total == 2
    with pytest.raises(BadQuery):
        ledger.listing(ledger_store, cursor="nonsense")


def test_resolve_once(ledger_store):
    ledger.add(ledger_store, new_assessment(TEXT, "highly likely"))
    done = ledger.resolve(ledger_store, "a1", False, "2025-06-02")
    assert (done.outcome, done.resolved_on) == (False, "2025-06-02")
    assert done.brier == pytest.approx(0.85 ** 2)
    same = ledger.resolve(ledger_store, "a1", False, "2025-07-01")  # nothing changes
    assert same.resolved_on == "2025-06-02"
    with pytest.raises(AlreadyResolved, match="resolved false on 2025-06-02"):
        ledger.resolve(ledger_store, "a1", True, "2025-07-01")
    assert [a.id for a in ledger.resolved(ledger_store)] == ["a1"]


@pytest.mark.parametrize("ident", ["a7", "x1", "7", ""])
def test_unknown_ids(ledger_store, ident):
    with pytest.raises(AssessmentNotFound):
        ledger.get(ledger_store, ident)
    with pytest.raises(AssessmentNotFound):
        ledger.resolve(ledger_store, ident, True, "2025-01-01")


def test_version_changes_on_add_and_resolve(ledger_store):
    def version() -> str:
        with ledger_store.read() as conn:
            return ledger.version(conn)

    seen = [version()]
    ledger.add(ledger_store, new_assessment(TEXT, "likely"))
    seen.append(version())
    ledger.resolve(ledger_store, "a1", True, "2025-05-01")
    seen.append(version())
    assert len(set(seen)) == 3


def test_read_only_store_cannot_add(db):
    Store.open(db, write=True).close()
    with Store.open(db) as store:
        if store.target.dialect != "sqlite":
            pytest.skip("read-only opening is a SQLite file property")
    import os
    import stat

    os.chmod(db, stat.S_IRUSR)
    try:
        with Store.open(db) as store, pytest.raises(ReadOnlyDatabase):
            ledger.add(store, new_assessment(TEXT, "likely"))
    finally:
        os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)
