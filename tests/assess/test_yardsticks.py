"""Yardstick lookups for assessments: terms, surface phrases, ranges and suggestions."""

from __future__ import annotations

import pytest

from claimgraph.assess import yardsticks as y
from claimgraph.errors import InvalidAssessment


def test_scale_names_and_unknown_scale():
    assert [y.scale_id(s) for s in ("phia", "ICD203", " misp ")] == ["PHIA", "ICD203", "MISP"]
    with pytest.raises(InvalidAssessment, match="use one of phia, icd203, misp"):
        y.scale_id("kent")


@pytest.mark.parametrize("term, scale, expected", [
    ("highly likely", "PHIA", ("highly likely", 0.80, 0.90)),
    ("Probable", "PHIA", ("likely", 0.55, 0.75)),  # an official synonym
    ("highly probable", "ICD203", ("very likely", 0.80, 0.95)),
    ("very-likely", "MISP", ("very likely", 0.80, 0.95)),  # a MISP tag value
    ("roughly even odds", "MISP", ("roughly even chance", 0.45, 0.55)),
])
def test_term_band(term, scale, expected):
    band = y.term_band(term, scale)
    assert (band.term, band.low, band.high) == expected


def test_unknown_term_names_the_scale_terms():
    with pytest.raises(InvalidAssessment, match="not a term of the PHIA yardstick.*remote chance"):
        y.term_band("very likely", "PHIA")
    with pytest.raises(InvalidAssessment, match="MISP"):
        y.term_band("high", "MISP")  # a confidence level, not a probability


def test_surface_phrases_include_adverbs_and_articles():
    assert y.phrase_band("almost certainly", "PHIA").term == "almost certain"
    assert y.phrase_band("a realistic possibility", "PHIA").term == "realistic possibility"
    assert y.phrase_band("realistic possibility", "ICD203") is None
    assert y.phrase_band("very likely", "MISP").term == "very likely"
    assert y.phrase_band("improbably", "MISP").term == "unlikely"


def test_contains_respects_exclusive_upper_bounds_for_single_values():
    almost = y.term_band("almost certain", "PHIA")
    assert y.contains(almost, 0.97) and not y.contains(almost, 1.0)
    assert y.contains(almost, 0.95, 1.0)  # a range may be written with closed ends
    likely = y.term_band("likely", "PHIA")
    assert y.contains(likely, 0.55) and y.contains(likely, 0.75)
    assert not y.contains(likely, 0.6, 0.8)


def test_nearest_band_and_gaps():
    assert y.nearest_band(0.6, "PHIA").term == "likely"
    assert y.nearest_band(0.78, "PHIA").term == "highly likely"  # a PHIA gap: nearest edge
    assert y.nearest_band(0.6, "ICD203").term == "likely"


@pytest.mark.parametrize("term, scale, expected", [
    ("likely", "PHIA", "unlikely"),
    ("highly likely", "PHIA", "highly unlikely"),
    ("almost certain", "PHIA", "remote chance"),
    ("realistic possibility", "PHIA", "unlikely"),
    ("unlikely", "PHIA", "likely"),
    ("very likely", "ICD203", "very unlikely"),
    ("almost certain", "ICD203", "almost no chance"),
])
def test_opposite_of_a_negated_term(term, scale, expected):
    assert y.opposite(y.term_band(term, scale), scale).term == expected


@pytest.mark.parametrize("raw, value", [("0.7", 0.7), ("70%", 0.7), (" 5 % ", 0.05), ("1", 1.0)])
def test_parse_probability(raw, value):
    assert y.parse_probability(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["70", "-0.1", "120%", "likely"])
def test_parse_probability_refuses(raw):
    with pytest.raises(InvalidAssessment):
        y.parse_probability(raw)
