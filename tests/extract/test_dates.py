"""Date extraction and TIMEX3 normalisation (claimgraph.extract.dates)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import sys
from pathlib import Path

import pytest

from claimgraph import pipeline  # noqa: F401  (registers the Doc extensions)
from claimgraph.extract.dates import (
    calendar_date,
    clause_tense,
    date_in,
    find_dates,
    make_component,
    parse_anchor,
    resolve_date,
)
from claimgraph.model import DateMention, Document
from claimgraph.nlp import load_model

ROOT = Path(__file__).resolve().parents[2]
DATASETS = Path(os.environ.get("CLAIMGRAPH_DATASETS", ROOT.parent / "shared" / "datasets"))

THU = dt.date(2024, 3, 7)  # a Thursday in ISO week 2024-W10


@pytest.fixture(scope="module")
def nlp():
    nlp = load_model()
    nlp.add_pipe("claimgraph_dates")
    return nlp


def dates_of(nlp, text: str, published: str | None = "2024-03-07") -> list[DateMention]:
    doc = nlp.make_doc(text)
    doc._.document = Document(text=text, published=published)
    return nlp(doc)._.dates


def values(mentions: list[DateMention]) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in mentions]


# ------------------------------------------------------------------ resolve_date: relative


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Tuesday", "2024-03-05"),  # most recent Tuesday on or before publication
        ("Thursday", "2024-03-07"),  # the publication day itself
        ("Friday", "2024-03-01"),
        ("last Tuesday", "2024-03-05"),
        ("last Thursday", "2024-02-29"),  # "last" excludes the day itself
        ("next Tuesday", "2024-03-12"),
        ("Tuesday morning", "2024-03-05"),
        ("yesterday", "2024-03-06"),
        ("today", "2024-03-07"),
        ("tomorrow", "2024-03-08"),
        ("last night", "2024-03-06"),
        ("the day before yesterday", "2024-03-05"),
        ("last week", "2024-W09"),
        ("the last week", "2024-W09"),  # TimeML reads it as the previous week
        ("this week", "2024-W10"),
        ("earlier this week", "2024-W10"),
        ("next week", "2024-W11"),
        ("last weekend", "2024-W09-WE"),
        ("this month", "2024-03"),
        ("earlier this month", "2024-03"),
        ("last month", "2024-02"),
        ("next month", "2024-04"),
        ("last year", "2023"),
        ("this year's", "2024"),
        ("this fiscal year", "2024"),
        ("next year", "2025"),
        ("last quarter", "2023-Q4"),
        ("this quarter", "2024-Q1"),
        ("last decade", "201"),
        ("two days ago", "2024-03-05"),
        ("three weeks ago", "2024-W07"),
        ("six months ago", "2023-09"),
        ("four years ago", "2020"),
        ("twenty-five years ago", "1999"),
        ("a year ago", "2023"),
        ("two years from now", "2026"),
        ("in three weeks' time", "2024-W13"),
        ("a few days ago", "PAST_REF"),
    ],
)
def test_relative_expressions(text: str, expected: str) -> None:
    assert resolve_date(text, THU) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("27 June", "2024-06-27"),  # year from the anchor
        ("June 27", "2024-06-27"),
        ("on 3 March", "2024-03-03"),
        ("the 3rd of March", "2024-03-03"),
        ("Feb. 28", "2024-02-28"),
        ("22 December", "2023-12-22"),  # nearer last December than next
        ("in March", "2024-03"),
        ("mid-March", "2024-03"),
        ("in August", "2024-08"),
        ("in November", "2023-11"),
        ("last July", "2023-07"),
        ("next July", "2024-07"),
        ("late last July", "2023-07"),
        ("October of next year", "2025-10"),
        ("the first quarter", "2024-Q1"),
        ("last summer", "2023-SU"),
        ("this weekend", "2024-W10-WE"),
        ("Christmas", "2023-12-25"),
    ],
)
def test_dates_without_a_year_take_it_from_the_anchor(text: str, expected: str) -> None:
    assert resolve_date(text, THU) == expected


def test_tense_moves_days_and_months() -> None:
    assert resolve_date("on Tuesday", THU, tense="future") == "2024-03-12"
    assert resolve_date("on Thursday", THU, tense="future") == "2024-03-07"
    assert resolve_date("on Saturday", THU, tense="present") == "2024-03-09"
    assert resolve_date("in February", THU, tense="present") == "2024-02"
    assert resolve_date("27 June", THU, tense="past") == "2023-06-27"
    assert resolve_date("2 March", THU, tense="future") == "2025-03-02"
    assert resolve_date("in October", THU, tense="past") == "2023-10"
    assert resolve_date("in February", THU, tense="future") == "2025-02"
    assert resolve_date("the fourth quarter", THU, tense="past") == "2023-Q4"
    # explicit words beat tense
    assert resolve_date("last Tuesday", THU, tense="future") == "2024-03-05"
    assert resolve_date("next Friday", THU, tense="past") == "2024-03-08"


# ------------------------------------------------------------------ resolve_date: absolute


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3 March 2024", "2024-03-03"),
        ("March 3, 2024", "2024-03-03"),
        ("Tuesday, 5 March 2024", "2024-03-05"),
        ("the 5th of March 2024", "2024-03-05"),
        ("Sept. 11, 2001", "2001-09-11"),
        ("2024-03-05", "2024-03-05"),
        ("25/12/2023", "2023-12-25"),
        ("March 2023", "2023-03"),
        ("in 2019", "2019"),
        ("fiscal 2013", "2013"),
        ("the 1990s", "199"),
        ("the 20th century", "19"),
        ("the twenty-first century", "20"),
        ("the first quarter of 2023", "2023-Q1"),
        ("Q4 2023", "2023-Q4"),
        ("third-quarter", "2024-Q3"),
        ("the second half of 2023", "2023-H2"),
        ("summer 2019", "2019-SU"),
        ("Easter 2024", "2024-03-31"),
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("in the past", "PAST_REF"),
        ("in the future", "FUTURE_REF"),
    ],
)
def test_absolute_expressions(text: str, expected: str) -> None:
    assert resolve_date(text, THU) == expected


def test_numeric_dates_follow_the_date_order() -> None:
    assert resolve_date("05/03/2024", THU) == "2024-05-03"
    assert resolve_date("05/03/2024", THU, date_order="DMY") == "2024-03-05"
    assert resolve_date("31/12/2023", THU, date_order="MDY") == "2023-12-31"
    assert resolve_date("2/30/2024", THU) is None


def test_dateparser_covers_formats_the_rules_do_not() -> None:
    assert resolve_date("05-Mar-2024", THU) == "2024-03-05"


@pytest.mark.parametrize(
    "text",
    [
        "five years",
        "two weeks",
        "the past five years",
        "the next few months",
        "over the past week",
        "the first half",
        "48",
        "several days",
        "hello",
        "",
        "the week",
    ],
)
def test_durations_and_non_dates_have_no_value(text: str) -> None:
    assert resolve_date(text, THU) is None


def test_without_an_anchor_only_absolute_dates_get_values() -> None:
    assert resolve_date("3 March 2024", None) == "2024-03-03"
    assert resolve_date("2019", None) == "2019"
    assert resolve_date("now", None) == "PRESENT_REF"
    for text in ("on Tuesday", "27 June", "last week", "yesterday", "in March", "two days ago"):
        assert resolve_date(text, None) is None, text


def test_week_and_leap_year_edges() -> None:
    assert resolve_date("last week", dt.date(2024, 1, 3)) == "2023-W52"
    assert resolve_date("last week", dt.date(2021, 1, 6)) == "2020-W53"
    assert resolve_date("29 February", dt.date(2023, 3, 1)) == "2024-02-29"
    assert resolve_date("last month", dt.date(2024, 1, 15)) == "2023-12"
    assert resolve_date("last winter", THU) == "2023-WI"


def test_anchor_forms() -> None:
    assert parse_anchor("2024-03-07") == THU
    assert parse_anchor("2024-03-07T10:30:00Z") == THU
    assert parse_anchor(dt.datetime(2024, 3, 7, 9)) == THU
    assert parse_anchor("March 7") is None
    assert resolve_date("yesterday", "2024-03-07") == "2024-03-06"


def test_calendar_date_and_lookup() -> None:
    assert calendar_date("2024-03-05") == dt.date(2024, 3, 5)
    assert calendar_date("2024-W09") is None
    assert calendar_date(None) is None
    mentions = [
        DateMention("Tuesday", "2024-03-05", (10, 17)),
        DateMention("last week", "2024-W09", (30, 39)),
    ]
    assert date_in(mentions, 0, 20) is mentions[0]
    assert date_in(mentions, 25, 35) is mentions[1]
    assert date_in(mentions, 18, 29) is None


# -------------------------------------------------------------------- find_dates on text


def test_brief_examples(nlp) -> None:
    mentions = dates_of(nlp, "The ministry said on 3 March that talks had failed.", "2024-03-05")
    assert values(mentions) == [("3 March", "2024-03-03")]
    mentions = dates_of(nlp, "The ministry said on Tuesday that talks had failed.", "2024-03-07")
    assert values(mentions) == [("Tuesday", "2024-03-05")]


def test_future_context_moves_weekday_forward(nlp) -> None:
    mentions = dates_of(nlp, "The committee will meet on Tuesday to decide.")
    assert values(mentions) == [("Tuesday", "2024-03-12")]
    mentions = dates_of(nlp, "The summit takes place on Saturday.")
    assert values(mentions) == [("Saturday", "2024-03-09")]
    mentions = dates_of(nlp, "As of February, the store accounts for 70% of sales.")
    assert values(mentions) == [("February", "2024-02")]
    mentions = dates_of(nlp, "The minister is due to visit Kyiv on Saturday.")
    assert values(mentions) == [("Saturday", "2024-03-09")]
    mentions = dates_of(nlp, "The ministry said on Tuesday it would reply next week.")
    assert values(mentions) == [("Tuesday", "2024-03-05"), ("next week", "2024-W11")]
    mentions = dates_of(
        nlp, "The agency said on Monday that it would publish the report on Friday."
    )
    assert values(mentions) == [("Monday", "2024-03-04"), ("Friday", "2024-03-08")]


def test_spans_point_into_the_text(nlp) -> None:
    text = (
        "The minister said on Tuesday that 3 March 2024 was last week; two days ago and "
        "earlier this week, in March, in 2019, last year, this month, on 27 June and yesterday."
    )
    mentions = dates_of(nlp, text)
    for m in mentions:
        assert text[m.span[0] : m.span[1]] == m.text
    assert values(mentions) == [
        ("Tuesday", "2024-03-05"),
        ("3 March 2024", "2024-03-03"),
        ("last week", "2024-W09"),
        ("two days ago", "2024-03-05"),
        ("earlier this week", "2024-W10"),
        ("March", "2024-03"),
        ("2019", "2019"),
        ("last year", "2023"),
        ("this month", "2024-03"),
        ("27 June", "2023-06-27"),
        ("yesterday", "2024-03-06"),  # past tense: last June
    ]


def test_modifiers_are_part_of_the_span(nlp) -> None:
    mentions = dates_of(nlp, "Prices rose in early December and again at the end of January.")
    assert values(mentions) == [("early December", "2023-12"), ("the end of January", "2024-01")]


def test_without_publication_date_only_absolute_dates(nlp) -> None:
    text = "He said on Tuesday that the deal, signed on 3 March 2024, dated from 2019."
    assert values(dates_of(nlp, text, None)) == [("3 March 2024", "2024-03-03"), ("2019", "2019")]


def test_year_ranges_split(nlp) -> None:
    mentions = dates_of(nlp, "The pandemic of 2009-2010 and the flu of 1957-58 were severe.")
    assert [m.value for m in mentions] == ["2009", "2010", "1957", "1958"]


def test_not_dates(nlp) -> None:
    text = (
        "Raymond Roth, 48, served for five years. Some 2000 people attend every Monday. "
        "Theresa May spoke after the fall of the government."
    )
    assert dates_of(nlp, text) == []


def test_month_names_need_date_context(nlp) -> None:
    mentions = dates_of(nlp, "Theresa May said the vote would be held in May.")
    assert values(mentions) == [("May", "2024-05")]


def test_refs_can_be_turned_off(nlp) -> None:
    assert values(dates_of(nlp, "Prices are now falling.")) == [("now", "PRESENT_REF")]
    doc = nlp.make_doc("Prices are now falling.")
    doc._.document = Document(text=doc.text, published="2024-03-07")
    assert find_dates(nlp(doc), refs=False) == []


def test_component_config(nlp) -> None:
    text = "It was signed on 05/03/2024."
    assert [m.value for m in dates_of(nlp, text)] == ["2024-05-03"]
    dmy = make_component(nlp, "dates_dmy", refs=True, date_order="DMY")
    doc = nlp.make_doc(text)
    doc._.document = Document(text=text, published="2024-03-07")
    assert [m.value for m in dmy(nlp(doc))._.dates] == ["2024-03-05"]
    config = nlp.get_pipe_config("claimgraph_dates")
    assert (config["refs"], config["date_order"]) == (True, "MDY")
    with pytest.raises(ValueError, match="date_order"):
        make_component(nlp, "bad", refs=True, date_order="YMD")  # type: ignore[arg-type]


def test_clause_tense(nlp) -> None:
    doc = nlp("He said on Monday that she will arrive on Friday.")
    assert clause_tense(doc[3:4]) == "past"
    assert clause_tense(doc[9:10]) == "future"


# ------------------------------------------------------------------- against TempEval-3


TEMPEVAL = DATASETS / "tempeval3-platinum"


@pytest.mark.skipif(not TEMPEVAL.is_dir(), reason="TempEval-3 platinum data not present")
def test_tempeval_scores_hold(nlp) -> None:
    spec = importlib.util.spec_from_file_location(
        "score_tempeval", ROOT / "benchmarks" / "score_tempeval.py"
    )
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = scorer  # its dataclasses look their module up
    spec.loader.exec_module(scorer)
    docs = [scorer.read_tml(p) for p in sorted(TEMPEVAL.glob("*.tml"))]
    assert sum(t.type == "DATE" for d in docs for t in d.timexes) == 96
    scores = scorer.score(docs, scorer.predict(nlp, docs))
    assert scores["f1"] >= 0.88
    assert scores["value_accuracy_found"] >= 0.93
