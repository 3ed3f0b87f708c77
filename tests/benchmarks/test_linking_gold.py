"""The story fixture sets' gold files agree with their documents.

Every set scored by ``benchmarks/score_linking.py`` is checked: each document belongs to exactly
one gold story, each root is a document of its story, and each drift finding names a known kind
at a re-reporting document whose text or headline holds the wording the gold quotes.
"""

from __future__ import annotations

import pytest

from benchmarks.score_linking import FIXTURES, KINDS, load_set

SETS = sorted(p.name[4 : -len(".gold.json")] for p in FIXTURES.glob("set_*.gold.json"))


def test_every_gold_file_has_its_documents():
    for name in ("j", "k", "l", "m"):
        assert name in SETS
    for name in SETS:
        assert (FIXTURES / f"set_{name}.jsonl").exists(), name


@pytest.mark.parametrize("name", SETS)
def test_gold_stories_cover_the_documents_once(name):
    docs, gold = load_set(name)
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)), "document ids repeat"
    placed = [d for story in gold["stories"] for d in story["documents"]]
    assert len(placed) == len(set(placed)), "a document is in two stories"
    assert sorted(placed) == sorted(ids)
    for story in gold["stories"]:
        assert story["root"]["document"] in story["documents"], story["id"]
        assert story["root"]["speaker"], story["id"]
        assert story["independent_chains"] >= 1, story["id"]


@pytest.mark.parametrize("name", SETS)
def test_drift_findings_quote_their_documents(name):
    docs, gold = load_set(name)
    by_id = {d["id"]: d for d in docs}
    story_of = {d: s for s in gold["stories"] for d in s["documents"]}
    seen = set()
    for finding in gold["drift"]:
        document, kind = finding["document"], finding["kind"]
        assert kind in KINDS, finding
        assert (document, kind) not in seen, f"{document} {kind} listed twice"
        seen.add((document, kind))
        story = story_of[document]
        assert document != story["root"]["document"], f"{document} is its story's root"
        doc = by_id[document]
        assert finding["after"] in doc["text"] or finding["after"] in (doc.get("title") or ""), (
            f"{document}: {finding['after']!r} is not in its text or headline"
        )
