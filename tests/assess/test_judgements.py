"""A new assessment from user input: term, probability, confidence, dates and evidence."""

from __future__ import annotations

import pytest

from claimgraph.assess.judgements import new_assessment, parse_evidence
from claimgraph.errors import InvalidAssessment

TEXT = "It is highly likely that the port reopens before 1 June 2025."


def test_range_from_the_term_and_forecast_at_its_midpoint():
    a = new_assessment(TEXT, "highly likely", author="  R. Hale ", resolves_by="2025-06-01",
                       confidence="moderate", created="2025-01-10T09:00:00+00:00")
    assert (a.scale, a.term, a.low, a.high, a.probability) == ("PHIA", "highly likely", 0.8,
                                                               0.9, None)
    assert a.forecast == pytest.approx(0.85)
    assert a.author == "R. Hale" and a.resolves_by == "2025-06-01" and a.brier is None
    a.outcome = False
    assert a.brier == pytest.approx(0.85 ** 2)


def test_explicit_probability_inside_the_range():
    a = new_assessment(TEXT, "probable", scale="icd203", probability=0.78)
    assert (a.term, a.scale, a.forecast) == ("likely", "ICD203", 0.78)


def test_probability_outside_the_range_names_the_term_that_holds_it():
    with pytest.raises(InvalidAssessment,
                       match=r"60% is outside 'highly likely' on PHIA \(80-90%\); "
                             r"'likely' \(55-75%\) holds it"):
        new_assessment(TEXT, "highly likely", probability=0.6)
    with pytest.raises(InvalidAssessment, match="falls between terms; the nearest is 'likely'"):
        new_assessment(TEXT, "highly likely", probability=0.77)  # in a PHIA gap


@pytest.mark.parametrize("kwargs, message", [
    ({"term": "very likely"}, "not a term of the PHIA yardstick"),
    ({"term": "likely", "scale": "kent"}, "unknown scale"),
    ({"term": "likely", "confidence": "medium"}, "confidence 'medium'"),
    ({"term": "likely", "resolves_by": "1 June"}, "resolves_by must be a date"),
    ({"term": "likely", "evidence": ["c3"]}, "not a claim reference"),
])
def test_refusals_are_one_line(kwargs, message):
    with pytest.raises(InvalidAssessment, match=message) as info:
        new_assessment(TEXT, **kwargs)
    assert "\n" not in str(info.value)


def test_empty_text_is_refused():
    with pytest.raises(InvalidAssessment, match="empty"):
        new_assessment("  ", "likely")


def test_evidence_references_are_parsed_and_deduplicated():
    a = new_assessment(TEXT, "likely", evidence=["story:ab12#c3", "story:ab12#c3", "s:x#c10"])
    assert [e.ref for e in a.evidence] == ["story:ab12#c3", "s:x#c10"]
    assert parse_evidence(" story:ab12#c7 ").claim == "c7"
