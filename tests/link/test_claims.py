"""Claims and independent chains on hand-built records."""

from __future__ import annotations

from claimgraph.link.claims import build_claims, chains

from .builders import quantity, record, statement
from .scenarios import vostrel_story


def test_one_claim_per_proposition_of_one_source():
    claims = build_claims(vostrel_story())
    by_root = {(c.root.doc_id, c.root.sid): c for c in claims}
    called_up = by_root[("u1", "s1")]
    coast = by_root[("u1", "s2")]
    assert called_up.documents == ["u1", "r1", "r2", "r3", "r4"]
    assert coast.documents == [
        "u1",
        "r1",
        "r4",
    ]  # 1,500 "sent into battle" restates "guarding the coast"
    assert called_up.proposition != coast.proposition


def test_rereports_of_one_root_are_one_chain():
    story_chains = chains(build_claims(vostrel_story()))
    called_up = next(
        ch for ch in story_chains if ch[0].root.sid == "s1" and ch[0].root.doc_id == "u1"
    )
    assert len(called_up) == 1


def test_another_count_is_another_chain():
    ems = "The Selva emergency service said 12 people died in the Oderburg flood."
    hospital = (
        "Dr Anton Reyes, director of Oderburg General Hospital, said 14 people died in the "
        "Oderburg flood."
    )
    copy = (
        "The Selva emergency service said 12 people died in the Oderburg flood, "
        "the Courier reported."
    )
    records = [
        record(
            "a",
            ems,
            "Chronicle",
            "2024-03-14",
            statements=[
                statement(
                    ems,
                    "s1",
                    "12 people died in the Oderburg flood",
                    "Selva emergency service",
                    "said",
                    quantities=[quantity(ems, "12 people", 12, "people")],
                )
            ],
        ),
        record(
            "b",
            hospital,
            "Ledger",
            "2024-03-15",
            statements=[
                statement(
                    hospital,
                    "s1",
                    "14 people died in the Oderburg flood",
                    "Anton Reyes",
                    "said",
                    quantities=[quantity(hospital, "14 people", 14, "people")],
                )
            ],
        ),
        record(
            "c",
            copy,
            "Gazette",
            "2024-03-15",
            statements=[
                statement(
                    copy,
                    "s1",
                    "12 people died in the Oderburg flood",
                    "Selva emergency service",
                    "said",
                    quantities=[quantity(copy, "12 people", 12, "people")],
                )
            ],
        ),
    ]
    claims = build_claims(records)
    assert len({c.proposition for c in claims}) == 1
    story_chains = chains(claims)
    assert len(story_chains) == 2
    assert sorted(len({d for c in ch for d in c.documents}) for ch in story_chains) == [1, 2]


def test_an_unnamed_or_partial_source_is_not_another_chain():
    ems = "The Selva emergency service said 12 people died in the Oderburg flood."
    vague = "Twelve people died in the Oderburg flood, Selva said."
    records = [
        record(
            "a",
            ems,
            "Chronicle",
            "2024-03-14",
            statements=[
                statement(
                    ems,
                    "s1",
                    "12 people died in the Oderburg flood",
                    "Selva emergency service",
                    "said",
                    quantities=[quantity(ems, "12 people", 12, "people")],
                )
            ],
        ),
        record(
            "b",
            vague,
            "Ledger",
            "2024-03-15",
            statements=[
                statement(
                    vague,
                    "s1",
                    "Twelve people died in the Oderburg flood",
                    "Selva",
                    "said",
                    quantities=[quantity(vague, "Twelve people", 12, "people")],
                )
            ],
        ),
    ]
    assert len(chains(build_claims(records))) == 1
