"""Property tests of quantity extraction: figures written with thousands separators, scale
words and approximators read back as the value and approximator written; any text is read
without an error, and every quantity found keeps the invariants of the output format."""

from __future__ import annotations

import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph import pipeline  # noqa: F401  (registers the Doc extensions)
from claimgraph.extract import quantities  # noqa: F401  (registers claimgraph_quantities)
from claimgraph.lexicons import lexicon
from claimgraph.model import Approx

from .models import model_with

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
APPROX = set(typing.get_args(Approx))
# The common approximators written before a figure, and what each means (the lexicon's).
BEFORE = ["", "about", "around", "roughly", "approximately", "nearly", "almost", "more than",
          "over", "at least", "up to", "fewer than", "less than", "as many as", "no more than"]
AFTER = ["", " or more"]
NOUNS = ["reservists", "workers", "containers", "homes", "refugees", "soldiers"]
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


@pytest.fixture(scope="module")
def nlp():
    return model_with("claimgraph_quantities")


def approximator(before: str, after: str = "") -> str:
    table = lexicon("quantities")
    if after:
        return str(table["approximators_after"][after.strip()])
    return str(table["approximators_before"][before]) if before else "exact"


def quantities_of(nlp, text: str):
    doc = nlp(text)
    found = doc._.quantities
    for q in found:
        assert text[q.span[0]:q.span[1]] == q.text
        assert q.approx in APPROX
        if q.approx in ("range", "vague"):
            assert q.value is None and q.low is not None and q.high is not None
            assert q.low <= q.high
        else:
            assert q.value is not None
    return found


def grouped(n: int, separator: str = ",") -> str:
    return f"{n:,}".replace(",", separator)


# Figures as news writes them: 4,000 / 1 250 000 (narrow or no-break spaces) / 3.5 million /
# 12 thousand.
figures = st.one_of(
    st.tuples(st.integers(1_000, 999_999_999).filter(lambda n: not 1900 <= n <= 2100),
              st.sampled_from([",", "\u202f", "\u00a0", "\u2009"]))
    .map(lambda t: (grouped(*t), float(t[0]))),
    st.tuples(st.integers(1, 999), st.integers(0, 9), st.sampled_from(sorted(SCALES)))
    .map(lambda t: (f"{t[0]}.{t[1]} {t[2]}" if t[1] else f"{t[0]} {t[2]}",
                    (t[0] + t[1] / 10) * SCALES[t[2]])),
)


@SETTINGS
@given(figure=figures, before=st.sampled_from(BEFORE), noun=st.sampled_from(NOUNS),
       after=st.sampled_from(AFTER))
def test_written_figures_read_back_as_their_value(nlp, figure, before, noun, after):
    written, value = figure
    if after:
        before = ""  # one approximator a figure
    phrase = f"{before} {written}{after} {noun}".strip()
    text = f"The ministry said {phrase} had been moved to the coast."
    found = quantities_of(nlp, text)
    assert len(found) == 1, found
    [q] = found
    assert q.value == pytest.approx(value)
    assert q.approx == approximator(before, after)
    assert q.unit == noun
    assert written in q.text


@SETTINGS
@given(low=st.integers(1_000, 499_999), step=st.integers(1, 500_000), noun=st.sampled_from(NOUNS))
def test_written_ranges_read_back_as_their_bounds(nlp, low, step, noun):
    high = low + step
    text = f"Officials said between {grouped(low)} and {grouped(high)} {noun} had left."
    [q] = quantities_of(nlp, text)
    assert (q.approx, q.low, q.high) == ("range", low, high)


words = st.sampled_from(
    ["about", "over", "4,000", "1.5", "million", "3", "-", "to", "and", "between", "$", "%",
     "£2bn", "12m", "thousands", "of", "reservists", "in", "2024", "March", "5", "km", "or",
     "more", "some", "a", "few", "hundred", ",", ".", "(", ")", "~", ">", "1/2", "½", "-plus"])
texts = st.one_of(
    st.text(max_size=200),
    st.lists(words, max_size=30).map(" ".join),
    st.lists(words, max_size=30).map("".join),
)


@SETTINGS
@given(text=texts)
def test_any_text_is_read_without_an_error(nlp, text):
    quantities_of(nlp, text)
