"""Property tests of date normalisation: any text is read without an error, every value is
TIMEX3 (ISO dates, weeks, months, quarters...), and a date a past-tense clause refers to
is never after the publication date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph import pipeline  # noqa: F401  (registers the Doc extensions)
from claimgraph.extract.dates import MONTHS, WEEKDAYS, resolve_date
from claimgraph.model import Document

from .models import model_with

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
TIMEX = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?|-W(?P<week>\d{2})(?:-WE)?"
    r"|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?|\d{2,3}|PRESENT_REF|PAST_REF|FUTURE_REF")
anchors = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
month_names = sorted(name for name in MONTHS if len(name) > 3)
weekday_names = sorted(name for name in WEEKDAYS if len(name) > 3)


def check_timex(value: str) -> None:
    """``value`` is TIMEX3, and its calendar parts are real (a day exists, a week is 1-53)."""
    m = TIMEX.fullmatch(value)
    assert m, value
    if m["day"]:
        dt.date.fromisoformat(value)
    elif m["month"]:
        assert 1 <= int(m["month"]) <= 12, value
    if m["week"]:
        assert 1 <= int(m["week"]) <= 53, value


def latest_day(value: str) -> dt.date:
    """The last day of the period a TIMEX3 value names (day, ISO week, month or year)."""
    m = TIMEX.fullmatch(value)
    assert m and m["year"], value
    year = int(m["year"])
    if m["day"]:
        return dt.date.fromisoformat(value)
    if m["week"]:
        return dt.date.fromisocalendar(year, int(m["week"]), 7)
    if m["month"]:
        month = int(m["month"])
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def earliest_day(value: str) -> dt.date:
    m = TIMEX.fullmatch(value)
    assert m and m["year"], value
    if m["day"]:
        return dt.date.fromisoformat(value)
    if m["week"]:
        return dt.date.fromisocalendar(int(m["year"]), int(m["week"]), 1)
    return dt.date(int(m["year"]), int(m["month"] or 1), 1)


# Phrases that point back from the publication date whatever the clause's tense, and ones
# that point back only in a past-tense clause ("on Tuesday", "3 March").
backward = st.one_of(
    st.sampled_from(["yesterday", "last night", "the day before yesterday", "last week",
                     "last month", "last year", "last weekend", "earlier this month"]),
    st.tuples(st.integers(1, 30), st.sampled_from(["days", "weeks", "months", "years"]))
    .map(lambda t: f"{t[0]} {t[1]} ago"),
    st.sampled_from(weekday_names).map(lambda w: f"last {w}"),
)
past_only = st.one_of(
    st.sampled_from(weekday_names).map(lambda w: f"on {w}"),
    st.tuples(st.integers(1, 28), st.sampled_from(month_names)).map(lambda t: f"{t[0]} {t[1]}"),
    st.tuples(st.sampled_from(month_names), st.integers(1, 28)).map(lambda t: f"{t[0]} {t[1]}"),
    st.sampled_from(month_names).map(lambda m: f"in {m}"),
)


@SETTINGS
@given(text=st.text(max_size=60), anchor=st.none() | anchors,
       tense=st.sampled_from([None, "past", "present", "future"]),
       order=st.sampled_from(["MDY", "DMY"]), fallback=st.booleans())
def test_any_phrase_resolves_to_timex_or_none(text, anchor, tense, order, fallback):
    value = resolve_date(text, anchor, tense, order, fallback)
    if value is not None:
        check_timex(value)


@SETTINGS
@given(phrase=backward, anchor=anchors, tense=st.sampled_from([None, "past", "present"]))
def test_phrases_that_look_back_never_land_after_publication(phrase, anchor, tense):
    value = resolve_date(phrase, anchor, tense)
    assert value is not None, phrase
    check_timex(value)
    assert earliest_day(value) <= anchor, (phrase, anchor, value)


@SETTINGS
@given(phrase=past_only, anchor=anchors)
def test_in_a_past_clause_a_date_is_never_after_publication(phrase, anchor):
    value = resolve_date(phrase, anchor, "past")
    assert value is not None, phrase
    check_timex(value)
    assert earliest_day(value) <= anchor, (phrase, anchor, value)
    assert latest_day(value) > anchor - dt.timedelta(days=366), (phrase, anchor, value)


@pytest.fixture(scope="module")
def nlp():
    return model_with("claimgraph_dates")


words = st.sampled_from(
    ["on", "last", "next", "Tuesday", "3", "March", "2024", "ago", "days", "week", "the",
     "of", "said", "will", "meet", "in", "Q3", "spring", "1990s", "/", "-", "05/03/2024",
     "29", "February", "31", "April", "yesterday", "earlier", "this", "month", ",", "."])
texts = st.one_of(st.text(max_size=200), st.lists(words, max_size=25).map(" ".join))


@SETTINGS
@given(text=texts, published=st.none() | anchors.map(str))
def test_any_text_gives_timex_dates_with_their_spans(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.document = Document(text=text, published=published)
    for mention in nlp(doc)._.dates:
        check_timex(mention.value)
        assert text[mention.span[0]:mention.span[1]] == mention.text
