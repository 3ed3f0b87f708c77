"""Wire copies in claim building: a document that repeats an earlier one statement for
statement joins the claims the earlier one's statements joined, without being scored again,
unless its publisher counts for the story's sources."""

from __future__ import annotations

import pytest

from claimgraph.link import claims as claims_module
from claimgraph.link.claims import build_claims

from .builders import quantity, record, statement


def _report(n: int, publisher: str, speaker: str = "Governor Mirek Danov") -> dict:
    text = (f"{speaker} said on Monday that about 4,000 reservists had been called up. "
            "Police said that 300 boats had been seized in Port Selva.")
    first = "about 4,000 reservists had been called up"
    second = "300 boats had been seized in Port Selva"
    statements = [
        statement(text, "s1", first, speaker, "said",
                  quantities=[quantity(text, "about 4,000 reservists", 4000, "reservists",
                                       approx="about")]),
        statement(text, "s2", second, "Police", "said",
                  quantities=[quantity(text, "300 boats", 300, "boats")]),
    ]
    return record(f"d{n}", text, publisher, "2024-03-05", statements=statements)


@pytest.fixture
def placements(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The documents whose statements were scored, one list per call."""
    seen: list[list[str]] = []
    original = claims_module._place_document

    def counting(doc_views, *args):
        seen.append([v.doc_id for v in doc_views])
        return original(doc_views, *args)

    monkeypatch.setattr(claims_module, "_place_document", counting)
    return seen


def test_copies_under_other_outlets_join_the_originals_claims_unscored(placements):
    records = [_report(0, "Selva Tribune"),
               *(_report(n, f"Outlet {n}") for n in range(1, 6))]
    claims = build_claims(records)
    assert placements == [["d0", "d0"]]  # the copies were never scored
    assert len(claims) == 2
    for claim in claims:
        assert claim.documents == [f"d{n}" for n in range(6)]
        assert len({m.sid for m in claim.members}) == 1


def test_copies_are_scored_where_a_source_is_named_after_a_publisher(placements):
    # "Mirek Danov" and "Danov Media": an outlet whose name a source of the story bears may
    # be that source, so its copy is placed as any other document
    records = [_report(0, "Selva Tribune"), _report(1, "Harbour Daily"),
               _report(2, "Danov Media")]
    build_claims(records)
    assert [docs[0] for docs in placements] == ["d0", "d2"]


def test_a_document_with_other_wording_is_scored(placements):
    records = [_report(0, "Selva Tribune"),
               _report(1, "Harbour Daily", speaker="Governor Mirek Danov's office")]
    build_claims(records)
    assert [docs[0] for docs in placements] == ["d0", "d1"]
