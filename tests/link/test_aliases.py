"""The story's alias table merges one source named several ways into one root and chain."""

from __future__ import annotations

from claimgraph.link.story import build_story

from .builders import quantity, record, statement

A = ("The port chief said 38 containers fell overboard from the Calder Star on Wednesday "
     "during the storm at Port Rensby.")
B = ("Oskar Lind said 38 containers fell overboard from the Calder Star on Wednesday during "
     "the storm at Port Rensby.")


def _records():
    return [
        record("a", A, "Halvor Today", "2025-04-09", statements=[statement(
            A, "s1", "38 containers fell overboard from the Calder Star on Wednesday during the "
                     "storm at Port Rensby", "port chief", "said",
            quantities=[quantity(A, "38 containers", 38, unit="containers")])]),
        record("b", B, "Westwind Daily", "2025-04-09", statements=[statement(
            B, "s1", "38 containers fell overboard from the Calder Star on Wednesday during the "
                     "storm at Port Rensby", "Oskar Lind", "said",
            quantities=[quantity(B, "38 containers", 38, unit="containers")])]),
    ]


def test_an_alias_names_the_root_by_the_name_it_stands_for():
    assert build_story("S", _records())["root"]["speaker"] == "port chief"
    merged = build_story("S", _records(), aliases=[("the port chief", "Oskar Lind")])
    assert merged["root"]["speaker"] == "Oskar Lind"
    assert [c["documents"] for c in merged["claims"]] == [["a", "b"]]


def test_two_names_of_one_person_are_one_chain_with_an_alias():
    records = _records()
    records[0]["statements"][0]["speaker"]["name"] = "Ossi Lind"
    assert build_story("S", records)["independent_chains"] == 2
    merged = build_story("S", records, aliases=[("Ossi Lind", "Oskar Lind")])
    assert merged["independent_chains"] == 1
    assert {c["speaker"] for c in merged["claims"]} == {"Oskar Lind"}


def test_an_alias_does_not_take_a_mention_naming_someone_else():
    records = _records()
    other = "the port chief of Vell"
    records[0]["statements"][0]["speaker"]["name"] = other
    story = build_story("S", records, aliases=[("the port chief", "Oskar Lind")])
    assert other in {c["speaker"] for c in story["claims"]}
