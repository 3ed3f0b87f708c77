"""Provenance trees: speaker -> first document -> the documents that cite or copy it."""

from __future__ import annotations

from claimgraph.link.claims import build_claims
from claimgraph.link.provenance import (
    StoryCopies,
    copy_similarity,
    document_links,
    provenance_tree,
)

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


_FAMILIES = [
    ("Taras Belik claimed that air defences had shot down 25 drones over Kolmar on "
     "Saturday night, and that debris had damaged two houses in the northern districts.",
     "that air defences had shot down 25 drones over Kolmar on Saturday night"),
    ("The port authority said that 14 container ships were waiting outside Selva harbour "
     "after a crane collapsed on Friday, and that unloading would resume on Monday.",
     "that 14 container ships were waiting outside Selva harbour"),
    ("Mayor Ilse Brandt said that the river would crest at 6.2 metres in Oderburg on "
     "Wednesday, and that 3,000 residents had been told to leave their homes.",
     "that the river would crest at 6.2 metres in Oderburg on Wednesday"),
]


def _family_story(n: int) -> list[dict]:
    """``n`` documents: three reports, each copied again and again under other outlets,
    every copy closing with a line of its own (a store keeps one document per text)."""
    out = []
    for i in range(n):
        body, content = _FAMILIES[i % 3]
        speaker = body.split(" said")[0].split(" claimed")[0]
        text = f"{body}\n\nFiled by desk {i} at {i % 24:02d}:{i % 60:02d}."
        out.append(record(f"d{i:03d}", text, f"Outlet {i % 7}", f"2024-03-{5 + i // 40:02d}",
                          statements=[statement(text, "s1", content, speaker,
                                                "claimed" if "claimed" in body else "said")]))
    return out


def test_copies_in_a_large_story_hang_under_an_earlier_copy_of_their_own_text():
    # over 32 texts, copies are found through MinHash bands, not by comparing every pair
    records = _family_story(120)
    by_id = {r["document"]["id"]: r for r in records}
    for claim in build_claims(records):
        links = document_links(provenance_tree(claim, by_id))
        assert links[0][2] == "reports"
        for parent, doc, link in links[1:]:
            assert link == "copy" and parent < doc, (parent, doc, link)
            assert int(parent[1:]) % 3 == int(doc[1:]) % 3
            assert copy_similarity(by_id[parent]["document"]["text"],
                                   by_id[doc]["document"]["text"]) >= 0.5


def test_an_outlet_naming_itself_cites_no_one():
    first = "ULVERIN (PNA) - At least nine people were killed in a landslide, the directorate said."
    update = "ULVERIN (PNA) - The toll of the landslide has risen to 17, the directorate said."
    records = [
        record(doc, text, "Pellarian News Agency", day, statements=[statement(
            text, "s1", text.split(" - ")[1].split(",")[0], "directorate", "said")])
        for doc, text, day in (("a", first, "2024-03-05"), ("b", update, "2024-03-06"))]
    claims = build_claims(records)
    by_id = {r["document"]["id"]: r for r in records}
    links = [link for c in claims for link in document_links(provenance_tree(c, by_id))]
    assert ("a", "b", "cites") not in links


def test_a_large_story_ranks_each_copy_with_the_earlier_copies_of_its_text():
    records = _family_story(120)
    copies = StoryCopies(records)
    for i, r in enumerate(records[3:], 3):
        ranked = copies.ranked(r["document"]["id"])
        assert ranked and ranked[0][0] >= 0.5
        close = [doc for score, doc in ranked if score >= 0.5]
        assert all(int(doc[1:]) % 3 == i % 3 and int(doc[1:]) < i for doc in close)
