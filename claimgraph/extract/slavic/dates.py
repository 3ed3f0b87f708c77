"""Dates in Russian, Ukrainian and Bulgarian text, normalised against the publication date.

Candidates are found with the month, weekday and relative words of
``data/lexicons/slavic_dates.json``: '3 марта', '3 березня 2024 року', '5 април 2024 г.',
'15.03.2025', 'в марте', 'у вівторок', 'в прошлую среду', 'вчера', 'миналата седмица'.
Values follow the English extractor's TIMEX3 forms (``2025-03-03``, ``2025-03``, ``2024``,
``2025-W10``). A day and month without a year take the year that puts them nearest the
publication date; a weekday is the latest one on or before it ('в прошлую среду': the
latest before the publication date's week). Relative words ('вчера', 'на прошлой неделе')
are read by dateparser with the document's language and the publication date as its
base. Without a publication date only dates that carry their year get a value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ...model import DateMention
from ..dates import parse_anchor, timex_value
from ..spans import text_of
from .words import alternation, part


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    pattern: re.Pattern[str]
    forward: frozenset[str]
    future: re.Pattern[str]


@cache
def _words(language: str) -> _Words:
    lex = part("dates", language)
    months: dict[str, int] = lex["months"]
    weekdays = {w: i for i, forms in enumerate(lex["weekdays"]) for w in forms}
    mon = alternation(months)
    wd = alternation(weekdays)
    last = alternation(lex["last"])
    prep = alternation(lex["prepositions"])
    year_word = alternation(lex["year_words"])
    rel = alternation(lex["relative"])
    pattern = re.compile(
        rf"(?<![\w.])(?:"
        rf"(?P<num>(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>\d{{4}}))"
        rf"|(?P<dm>(?P<d>[0-3]?\d)(?:-?(?:го|е|ти|ви|ри|ми))?\s+(?P<m>{mon})"
        rf"(?:\s+(?P<y>\d{{4}})(?:\s*(?:{year_word})(?!\w))?)?)"
        rf"|(?P<my>(?:(?:{prep})\s+)?(?P<m2>{mon})(?:\s+(?P<y2>\d{{4}})(?:\s*(?:{year_word})(?!\w))?)?)"
        rf"|(?P<yr>(?:(?:{prep})\s+)?(?P<y3>(?:1[89]|20)\d\d)\s*(?:{year_word})(?!\w))"
        rf"|(?P<wd>(?:(?:{prep})\s+)?(?:(?P<last>{last})\s+)?(?P<w>{wd}))"
        rf"|(?P<rel>{rel})"
        rf")(?![\w])",
        re.IGNORECASE,
    )
    future = re.compile(rf"(?<![\w-])(?:{alternation(lex['future'])})(?![\w-])", re.IGNORECASE)
    return _Words(months, weekdays, pattern, frozenset(lex["forward"]), future)


def _nearest(anchor: dt.date, month: int, day: int) -> dt.date | None:
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


@lru_cache(maxsize=16)
def _parser(language: str, anchor: dt.date):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser  # slow to import: only when a date needs it

    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=[language],
                          settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})


def _relative(phrase: str, language: str, anchor: dt.date | None) -> str | None:
    if anchor is None:
        return None
    return timex_value(_parser(language, anchor).get_date_data(" ".join(phrase.lower().split())))


def _value(m: re.Match[str], words: _Words, language: str, anchor: dt.date | None) -> str | None:
    g = m.groupdict()
    try:
        if g["num"]:
            return dt.date(int(g["ny"]), int(g["nm"]), int(g["nd"])).isoformat()
        if g["dm"]:
            month, day = words.months[g["m"].lower()], int(g["d"])
            if g["y"]:
                return dt.date(int(g["y"]), month, day).isoformat()
            found = _nearest(anchor, month, day) if anchor else None
            return found.isoformat() if found else None
    except ValueError:
        return None
    if g["my"]:
        month = words.months[g["m2"].lower()]
        if g["y2"]:
            return f"{int(g['y2']):04d}-{month:02d}"
        found = _nearest(anchor, month, 15) if anchor else None
        return f"{found.year:04d}-{month:02d}" if found else None
    if g["yr"]:
        return g["y3"]
    if g["wd"]:
        if anchor is None or m.start("w") == m.start("wd"):
            return None  # 'среда' alone is as often 'the environment' as 'Wednesday'
        weekday = words.weekdays[g["w"].lower()]
        prep = " ".join(m.group("wd")[:m.start("w") - m.start("wd")].lower().split())
        clause = re.split(r"[.!?,;:—]\s", m.string[max(0, m.start() - 200):m.start()])[-1]
        if not g["last"] and (prep in words.forward or words.future.search(clause)):
            ahead = (weekday - anchor.weekday()) % 7 or 7  # 'к пятнице', 'ще ... в събота'
            return (anchor + dt.timedelta(days=ahead)).isoformat()
        back = (anchor.weekday() - weekday) % 7
        if g["last"]:
            back = back or 7
            if back <= anchor.weekday():  # 'last Wednesday': not in the publication week
                back += 7
        return (anchor - dt.timedelta(days=back)).isoformat()
    return _relative(m.group(), language, anchor)


def find_dates(doc: Doc, language: str) -> list[DateMention]:
    """Date mentions of ``doc`` with values, in text order."""
    document = doc._.document
    anchor = parse_anchor(getattr(document, "published", None))
    text = text_of(doc)
    words = _words(language)
    found = []
    for m in words.pattern.finditer(text):
        value = _value(m, words, language, anchor)
        if value is None:
            continue
        start = m.start()
        if m.group("my") or m.group("yr") or m.group("wd"):
            start = m.start("m2") if m.group("my") else m.start("y3") if m.group("yr") else (
                m.start("last") if m.group("last") else m.start("w"))
        found.append(DateMention(text=text[start:m.end()], value=value, span=(start, m.end())))
    return found


def make_dates(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    language = nlp.lang

    def component(doc: Doc) -> Doc:
        doc._.dates = find_dates(doc, language)
        return doc

    return component
