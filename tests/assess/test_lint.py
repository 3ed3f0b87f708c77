"""The yardstick lint: each warning code on sentences that should and should not raise it."""

from __future__ import annotations

import pytest

from claimgraph.assess.lint import CODES, Linter, warning_dicts


@pytest.fixture(scope="module")
def linter(nlp):
    return Linter(nlp)


def codes(linter, text, scale="PHIA"):
    return [(w.code, w.text) for w in linter(text, scale)]


@pytest.mark.parametrize("text, scale", [
    ("It is highly likely that the ceasefire will hold until the end of March 2026.", "PHIA"),
    ("We judge it a realistic possibility that the strike goes ahead within a month.", "PHIA"),
    ("It is very likely that the botnet returns within weeks.", "ICD203"),
    ("It is very likely that the botnet returns within weeks.", "MISP"),
    ("It is likely (70%) that the port closes before the harvest.", "PHIA"),
    ("It is highly likely that the depot was hit by a drone.", "PHIA"),  # about the past
    ("The spokesman could not be reached for comment on Monday.", "PHIA"),
    ("The convoy crossed the border on 3 May.", "PHIA"),
])
def test_clean_judgements_raise_nothing(linter, text, scale):
    assert codes(linter, text, scale) == []


def test_off_scale_hedges_and_other_scales_terms(linter):
    assert codes(linter, "The regime may fall before the summer.") == [("off_scale", "may")]
    [w] = linter("It is very likely that the minister resigns by Friday.")
    assert (w.code, w.text) == ("off_scale", "very likely")
    assert "ICD 203" in w.message and "'highly likely' (80-90%)" in w.message
    [w] = linter("There is a realistic possibility that talks resume in May.", "ICD203")
    assert "not of ICD 203" in w.message and "'roughly even chance'" in w.message


def test_mixed_scales_span_runs_from_one_scale_to_the_other(linter):
    text = ("There is a realistic possibility that talks resume next month, and it is very "
            "likely that sanctions stay in place this year.")
    found = {w.code: w for w in linter(text)}
    assert set(found) == {"mixed_scales", "off_scale"}
    mixed = found["mixed_scales"]
    assert mixed.text.startswith("realistic possibility") and mixed.text.endswith("very likely")
    assert "PHIA" in mixed.message and "ICD 203" in mixed.message


def test_numbers_outside_and_inside_a_terms_range(linter):
    [w] = linter("It is highly likely (60%) that the regime falls by the end of 2025.")
    assert (w.code, w.text) == ("number_outside_range", "highly likely (60%")
    assert "80-90%" in w.message and "'likely' (55-75%)" in w.message
    assert codes(linter, "It is likely (78%) that the group claims it within days.",
                 "ICD203") == []
    assert codes(linter, "It is likely (78%) that the group claims it within days.") == [
        ("number_outside_range", "likely (78%")]
    # A percentage that is not the term's own is no annotation of it.
    assert codes(linter, "It is likely that turnout, at 60% last time, rises by May.") == []


def test_hedge_inside_a_statement_of_fact(linter):
    found = codes(linter, "Imagery confirms that the bridge was probably destroyed on 3 May.")
    assert found == [("hedged_fact", "probably")]
    # The judgement stands apart from the fact it cites: no warning.
    assert codes(linter, "It is highly likely that the depot burned, as the ministry "
                         "confirmed on Tuesday that fires were seen.") == []
    # A fact verb that is negated establishes nothing.
    assert codes(linter, "Officials could not confirm whether the convoy had crossed.") == []


def test_judgement_without_a_time_frame(linter):
    assert codes(linter, "It is highly likely that the regime will fall.") == [
        ("no_time_frame", "highly likely")]
    for frame in ("by the end of 2025", "within weeks", "before the rainy season",
                  "in the near term", "soon"):
        assert codes(linter, f"It is highly likely that the regime will fall {frame}.") == []


def test_each_sentence_needs_its_own_time_frame(linter):
    text = ("It is likely that the ceasefire holds until May. It is unlikely that the "
            "talks resume.")
    [w] = linter(text)
    assert (w.code, w.text) == ("no_time_frame", "unlikely")
    assert text[w.span[0]:w.span[1]] == "unlikely" and w.span[0] > text.index(".")


def test_negated_terms_get_the_scales_own_term(linter):
    [w] = linter("It is not likely that the talks resume before the summer.")
    assert (w.code, w.text) == ("negated_term", "not likely")
    assert "write 'unlikely' (25-35%)" in w.message
    [w] = linter("It is not likely that the talks resume before the summer.", "ICD203")
    assert "write 'unlikely' (20-45%)" in w.message
    [w] = linter("There is no realistic possibility that the dam is repaired this year.")
    assert w.code == "negated_term" and "'unlikely'" in w.message


def test_machine_tags_count_as_misp(linter):
    text = ('It is estimative-language:likelihood-probability="likely" that the actor returns, '
            "and a realistic possibility that it retools by May.")
    assert {w.code for w in linter(text)} == {"off_scale", "mixed_scales"}
    assert codes(linter, 'It is estimative-language:likelihood-probability="likely" that '
                         "the actor returns by May.", "MISP") == []


def test_warnings_are_in_text_order_with_known_codes_and_serialise(linter):
    text = "The regime could collapse. It is highly likely (50%) that talks fail."
    warnings = linter(text)
    assert [w.span[0] for w in warnings] == sorted(w.span[0] for w in warnings)
    assert {w.code for w in warnings} <= set(CODES)
    assert {w.code for w in warnings} == {"off_scale", "no_time_frame", "number_outside_range"}
    dicts = warning_dicts(warnings)
    assert all(text[d["span"][0]:d["span"][1]] == d["text"] for d in dicts)
    assert linter("   ") == []
