"""Linking through the relay: drift at the hop that made it, sources named around a
re-report, and a relayed statement meeting its relay's own report."""

from __future__ import annotations

from claimgraph.link.speakers import speaker_match
from claimgraph.link.statements import views
from claimgraph.link.story import build_story

from .builders import quantity, record, statement


def _chain():
    """A states 'about 300'; B cites A faithfully; C cites B and writes 'over 300'; D cites C."""
    texts = {
        "a": "The port authority said about 300 containers had been damaged.",
        "b": "About 300 containers had been damaged, the port authority said, according to "
             "the Harbour Gazette.",
        "c": "Over 300 containers had been damaged, the port authority said, according to "
             "Coast Wire.",
        "d": "Over 300 containers had been damaged, the port authority said, according to "
             "Tide Daily.",
    }
    publishers = {"a": "Harbour Gazette", "b": "Coast Wire", "c": "Tide Daily",
                  "d": "Bay Evening Post"}
    records = []
    for day, key in enumerate("abcd", 1):
        text = texts[key]
        figure = "about 300 containers" if key in "ab" else "over 300 containers"
        shown = figure if key == "a" else figure.capitalize()
        approx = "about" if key in "ab" else "more_than"
        st = statement(text, "s1", text.split(",")[0] if key != "a" else
                       "about 300 containers had been damaged", "port authority", "said",
                       quantities=[quantity(text, shown, 300, "containers", approx)])
        records.append(record(key, text, publishers[key], f"2025-04-0{day}", statements=[st]))
    return records


def test_drift_is_reported_once_at_the_hop_that_made_it():
    story = build_story("S", _chain())
    found = {(f["after"]["document"], f["kind"]) for f in story["drift"]}
    assert found == {("c", "approximator_changed")}
    finding = story["drift"][0]
    assert finding["before"]["document"] == "b"  # compared with what it re-reports


def test_source_named_in_the_headline_or_next_sentence_is_no_dropped_attribution():
    src = "The ministry said 40 people were detained in Osk."
    rep = "Forty people were detained in Osk. The ministry gave the figure on Monday."
    records = [
        record("src", src, "Velsian Ministry", "2025-04-01",
               statements=[statement(src, "s1", "40 people were detained in Osk", "ministry",
                                     "said")]),
        record("rep", rep, "Daily Courier", "2025-04-02", title="40 detained in Osk - ministry",
               statements=[statement(rep, "s1", "Forty people were detained in Osk",
                                     kind="assertion")]),
    ]
    kinds = {f["kind"] for f in build_story("S", records)["drift"]}
    assert "attribution_dropped" not in kinds


def test_a_statement_relayed_by_an_agency_meets_the_agency_s_own_report():
    minister = "The minister said roughly 2,000 homes were without power."
    agency = "Velpress says more than 2,000 homes are without power."
    a = record("m", minister, "Daily Courier", "2025-04-01",
               statements=[statement(minister, "s1", "roughly 2,000 homes were without power",
                                     "Ilse Varn", "said", via=["Velpress"])])
    b = record("v", agency, "Tide Daily", "2025-04-01",
               statements=[statement(agency, "s1", "more than 2,000 homes are without power",
                                     "Velpress", "says")])
    va, vb = views(a, 0)[0], views(b, 1)[0]
    assert speaker_match(va, vb) == 0.5  # may be one source: the words decide
    unrelated = record("u", agency, "Tide Daily", "2025-04-01",
                       statements=[statement(agency, "s1", "more than 2,000 homes are without "
                                             "power", "Osk council", "says")])
    assert speaker_match(va, views(unrelated, 1)[0]) == 0.0
    story = build_story("S", [a, b])
    assert [c["documents"] for c in story["claims"]] == [["m", "v"]]
