"""Provenance trees: speaker -> first document -> the documents that cite or copy it."""

from __future__ import annotations

from claimgraph.link.claims import build_claims
from claimgraph.link.provenance import copy_similarity, document_links, provenance_tree

from .builders import record, statement
from .scenarios import vostrel_story


def _tree(records, claim_index=0):
    claim = build_claims(records)[claim_index]
    return provenance_tree(claim, {r["document"]["id"]: r for r in records})


def test_rereports_hang_under_the_update_they_cite():
    tree = _tree(vostrel_story())
    assert (
        tree["node"] == "speaker" and tree["name"] == "Mirek Danov" and tree["date"] == "2024-03-03"
    )
    links = document_links(tree)
    assert links[0] == (None, "u1", "reports")
    assert {(parent, doc) for parent, doc, _ in links[1:]} == {
        ("u1", d) for d in ("r1", "r2", "r3", "r4")
    }
    assert {link for _, _, link in links[1:]} == {"cites"}


def test_wire_copy_hangs_under_the_wire_story():
    wire = (
        "KOLMAR - Taras Belik claimed that air defences had shot down 25 drones over the "
        "city on Saturday, the regional administration said in a statement on Monday."
    )
    copy = "From our partners. " + wire
    other = (
        "Officials in Kolmar were quoted as saying that Taras Belik claimed that air defences had "
        "shot down 25 drones over the city. Residents reported loud explosions overnight."
    )
    content = "that air defences had shot down 25 drones over the city"
    records = [
        record(
            "w",
            wire,
            "Coastal Wire Service",
            "2024-06-10",
            statements=[statement(wire, "s1", content, "Taras Belik", "claimed")],
        ),
        record(
            "c",
            copy,
            "Lakeside Journal",
            "2024-06-11",
            statements=[statement(copy, "s1", content, "Taras Belik", "claimed")],
        ),
        record(
            "o",
            other,
            "Evening Dispatch",
            "2024-06-11",
            statements=[statement(other, "s1", content, "Taras Belik", "claimed")],
        ),
    ]
    assert copy_similarity(wire, copy) > 0.8
    links = document_links(_tree(records))
    assert (None, "w", "reports") in links
    assert ("w", "c", "copy") in links
    assert (None, "o", "reports") in links  # its own access to the speaker


def test_named_go_between_becomes_a_source_node():
    first = (
        "Governor Anya Kress said on Monday that the Varn bridge was closed for repairs after "
        "cracks were found."
    )
    relayed = "According to state television, Kress said the Varn bridge was closed for repairs."
    content = "the Varn bridge was closed for repairs"
    records = [
        record(
            "a",
            first,
            "Morning Post",
            "2024-07-01",
            statements=[statement(first, "s1", content, "Anya Kress", "said")],
        ),
        record(
            "b",
            relayed,
            "Evening Post",
            "2024-07-02",
            statements=[
                statement(relayed, "s1", content, "Kress", "said", via=["state television"])
            ],
        ),
    ]
    tree = _tree(records)
    kinds = [child["node"] for child in tree["children"]]
    assert kinds == ["document", "source"]
    assert tree["children"][1]["name"] == "state television"
    assert tree["children"][1]["children"][0]["document"] == "b"
