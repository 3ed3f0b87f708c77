"""Dates: find date expressions in a document and normalise them to TIMEX3 values.

Values follow TIMEX3 (TimeML) so they can be scored against TempEval-3:
``2024-03-05`` (day), ``2024-W09`` (ISO week), ``2024-W09-WE`` (weekend), ``2024-03``
(month), ``2024-Q1`` (quarter), ``2024-H1`` (half), ``2024-SU`` (season), ``2024``
(year), ``199`` (decade), ``19`` (century), and ``PRESENT_REF`` / ``PAST_REF`` /
``FUTURE_REF`` for "now", "recently", "the future".

Relative expressions ("on Tuesday", "last week", "27 June") are resolved against an
anchor, the document's publication date. The governing verb's tense decides which way
to look: news convention reads a bare weekday as the latest one on or before the anchor
unless the clause points ahead ("will meet on Tuesday", "takes place on Saturday"); a
day or month without a year is the latest one in a past clause, the next one in a
future clause and otherwise the one nearest the anchor. Without an anchor only
expressions that carry their own year (and the ``*_REF`` values) get a value;
mentions without a value are left out of ``doc._.dates``.

Candidates come from this module's patterns and from spaCy's DATE entities; durations
("five years"), sets ("every Monday") and ages are not dates and get no value.
``dateparser`` normalises the odd formats the rules do not cover.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Literal

from dateutil.easter import easter
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import DateMention

# "present" is the scheduled present ("the summit takes place on Saturday"): a weekday in
# it lies ahead, other dates read as if the tense were unknown.
Tense = Literal["past", "present", "future"] | None
DateOrder = Literal["MDY", "DMY"]
Anchor = dt.date | None
Match = re.Match[str]

for _name in ("document", "dates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# --------------------------------------------------------------------------- vocabulary


def _numbered(groups: str, start: int = 1) -> dict[str, int]:
    """``"january,jan | february,feb"`` -> ``{"january": 1, "jan": 1, "february": 2, ...}``."""
    return {
        name.strip(): i
        for i, names in enumerate(groups.split("|"), start)
        for name in names.split(",")
    }


MONTHS = _numbered(
    "january,jan | february,feb | march,mar | april,apr | may | june,jun | july,jul | "
    "august,aug | september,sept,sep | october,oct | november,nov | december,dec"
)
WEEKDAYS = _numbered(
    "monday,mon | tuesday,tues,tue | wednesday,wed | thursday,thurs,thur,thu | friday,fri | "
    "saturday,sat | sunday,sun",
    start=0,
)
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
NUMBER_WORDS = _numbered(
    "a,an,one | two,a couple of,couple of | three | four | five | six | seven | eight | nine | "
    "ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | "
    "nineteen | twenty"
)
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
NUMBER_WORDS |= {"eighty": 80, "ninety": 90, "a hundred": 100}
VAGUE_COUNTS = ("a few", "few", "several", "some", "many", "a number of")
ORDINALS = _numbered(
    "first | second | third | fourth | fifth | sixth | seventh | eighth | ninth | tenth | "
    "eleventh | twelfth | thirteenth | fourteenth | fifteenth | sixteenth | seventeenth | "
    "eighteenth | nineteenth | twentieth | twenty-first,twenty first"
)
# Heads whose infinitive complement points to the future: "is due to meet on Tuesday".
FUTURE_HEADS = frozenset(
    "due set expect plan schedule go intend aim hope prepare poise likely about slate bound".split()
)
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
# Modals that, without "have", put the event after the moment of speaking.
FUTURE_MODALS = frozenset({"would", "'d", "should", "may", "might", "must", "can", "could", "ca"})
SCHEDULE_VERBS = frozenset({"schedule", "slate", "reschedule", "due", "expect"})
# Present-tense speech verbs report what was said, usually before publication ("says").
SPEECH_VERBS = frozenset("say tell add claim write insist".split())

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUMW = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))
_ORDW = "|".join(sorted((re.escape(k) for k in ORDINALS), key=len, reverse=True))
_UNIT = r"(day|week|month|year|decade|centur(?:y|ie))s?"

# ------------------------------------------------------------------------- calendar helpers


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int | None, anchor: dt.date, tense: Tense) -> int:
    """The year of a day or month given without one.

    Past tense: the latest one on or before the anchor; future: the first on or after it;
    unknown: the one nearest the anchor ("22 December" in a March article is last year's,
    "27 June" this year's), the anchor's year on a tie.
    """
    here = (anchor.month, anchor.day if day is not None else 1)
    there = (month, day if day is not None else 1)
    if tense == "past":
        return anchor.year - 1 if there > here else anchor.year
    if tense == "future":
        return anchor.year + 1 if there < here else anchor.year
    if day is None:
        gap = month - anchor.month
        return anchor.year - 1 if gap > 6 else anchor.year + 1 if gap < -6 else anchor.year

    def distance(year: int) -> int:
        found = _safe_date(year, month, day)
        return abs((found - anchor).days) if found else 10**6  # 29 February: a leap year

    return min((anchor.year, anchor.year - 1, anchor.year + 1), key=distance)


def _weekday_date(weekday: int, anchor: dt.date, rel: str | None, tense: Tense) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if rel == "this" and tense is None:
        return anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=weekday)
    if tense in ("future", "present"):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _season_of(day: dt.date) -> tuple[int, str]:
    """The TIMEX3 (year, season) that contains ``day``; winter belongs to its December's year."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    for code in ("WI", "FA", "SU", "SP"):
        if day.month >= SEASON_START[code]:
            return day.year, code
    raise AssertionError("unreachable")


def _season_value(code: str, anchor: dt.date, rel: str | None, tense: Tense) -> str:
    this_year, cur_code = _season_of(anchor)
    start_this = (this_year, SEASON_START[code])
    current = (this_year, SEASON_START[cur_code])
    if rel in ("last", "past"):
        year = this_year if start_this < current else this_year - 1
    elif rel in ("next", "coming", "this coming"):
        year = this_year if start_this > current else this_year + 1
    elif tense == "past" and start_this > current:
        year = this_year - 1
    elif tense == "future" and start_this < current:
        year = this_year + 1
    else:
        year = this_year
    return f"{year}-{code}"


def _holiday(name: str, year: int) -> dt.date | None:
    if name.startswith("christmas eve"):
        return dt.date(year, 12, 24)
    if name.startswith("christmas"):
        return dt.date(year, 12, 25)
    if name == "boxing day":
        return dt.date(year, 12, 26)
    if name in ("new year's day", "new year"):
        return dt.date(year, 1, 1)
    if name == "new year's eve":
        return dt.date(year, 12, 31)
    if name in ("easter", "easter sunday"):
        return easter(year)
    if name == "good friday":
        return easter(year) - dt.timedelta(days=2)
    if name == "easter monday":
        return easter(year) + dt.timedelta(days=1)
    if name == "halloween":
        return dt.date(year, 10, 31)
    if name == "valentine's day":
        return dt.date(year, 2, 14)
    if name.startswith("thanksgiving"):  # US: fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None


def _count(word: str) -> int | None:
    """``"two"`` -> 2, ``"twenty-five"`` -> 25, ``"3"`` -> 3; vague counts -> None."""
    if word.isdigit():
        return int(word)
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _shift(anchor: dt.date, unit: str, n: int) -> str:
    """The TIMEX3 value ``n`` units from ``anchor`` (negative is earlier), at that unit's grain."""
    if unit == "day":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _iso_week(anchor + dt.timedelta(weeks=n))
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, n)
        return f"{year}-{month:02d}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{anchor.year + 10 * n:04d}"
    return f"{anchor.year + 100 * n:04d}"


def calendar_date(value: str | None) -> dt.date | None:
    """The day a TIMEX3 value names, or None when it is coarser than a day or not a date."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def parse_anchor(value: str | dt.date | None) -> dt.date | None:
    """An anchor date from an ISO string (a time part is ignored); None if it is not one."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


# -------------------------------------------------------------------------- normalisation

# "the past week", "over the next few years": a stretch of time, not a date.
_DURATION_HEAD = re.compile(
    r"^(?:the|over the|for the|in the|during the|within the) (?:last|past|next|previous|following) "
    r"(?:[\w-]+ )(?:days?|weeks?|months?|years?|decades?|centur|quarters?|weekends?|seasons?)|"
    r"^(?:the|over the|for the|in the|during the|within the) (?:last|past|next|previous|following) "
    r"(?:days|weeks|months|years|decades|centuries|quarters|few|several|couple|\d)|"
    r"^(?:the )?(?:previous|following) "
)
_LEAD = re.compile(
    r"^(?:on|in|at|since|by|until|till|from|during|before|after|through|throughout|of|as of|"
    r"around|about|circa|ca|c|the|for|starting|beginning|ending|as early as|as late as|"
    r"early|late|mid|earlier|later|the end of|end of|the beginning of|the start of|"
    r"the middle of|the turn of|the close of)(?:\s+|-)"
)
_TRAIL = re.compile(r"(?:'s|\s+(?:morning|afternoon|evening|night|overnight|local time))$")


def _clean(text: str) -> str | None:
    """Lower-case ``text`` and strip prepositions and modifiers that do not change its value."""
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"[\u2013\u2014]", "-", t)
    t = re.sub(r"(?<=\b[a-z]{3})\.|(?<=\b[a-z]{4})\.", "", t)  # "feb." -> "feb", "sept." -> "sept"
    t = re.sub(r"[,()\"]", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" .;:!?-")
    if _DURATION_HEAD.match(t):
        return None
    for _ in range(6):
        m = _LEAD.match(t)
        if not m or m.end() >= len(t):
            break
        t = t[m.end() :]
    if t in ("last night", "tonight"):
        return t
    for _ in range(2):
        stripped = _TRAIL.sub("", t)
        if not stripped or stripped == t or stripped in ("this", "last", "next", "that", "every"):
            break
        t = stripped
    return t


Rule = Callable[[Match, Anchor, Tense, DateOrder], str | None]
_RULES: list[tuple[re.Pattern[str], Rule]] = []


def _rule(pattern: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        _RULES.append((re.compile(pattern), func))
        return func

    return register


@_rule(r"(?:right )?now|currently|present|presently|the moment|moment|nowadays|these days")
def _present(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return "PRESENT_REF"


@_rule(r"past|recently|lately|previously|formerly")
def _past_ref(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return "PAST_REF"


@_rule(r"future")
def _future_ref(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return "FUTURE_REF"


# Days from the anchor.
_DEICTIC = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0}
_DEICTIC |= {"this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}
_DEICTIC |= {"day before yesterday": -2, "day after tomorrow": 2}


@_rule("|".join(_DEICTIC))
def _deictic(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    if anchor is None:
        return None
    return (anchor + dt.timedelta(days=_DEICTIC[m.group(0)])).isoformat()


@_rule(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
def _iso(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return day.isoformat() if day else None


@_rule(r"(\d{4})-(\d{2})")
def _iso_month(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return f"{m[1]}-{m[2]}" if 1 <= int(m[2]) <= 12 else None


@_rule(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
def _numeric(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    a, b, year = int(m[1]), int(m[3]), int(m[4])
    if year < 100:
        year += 2000 if year < 70 else 1900
    if a > 12 or (order == "DMY" and b <= 12):
        day, month = a, b
    else:
        month, day = a, b
    found = _safe_date(year, month, day)
    return found.isoformat() if found else None


def _year_of(text: str | None, anchor: dt.date | None) -> int | None:
    if text is None:
        return None
    if text.startswith("'"):
        if anchor is None:
            return None
        year = anchor.year // 100 * 100 + int(text[1:])
        return year - 100 if year > anchor.year + 10 else year
    return int(text)


def _day_month(
    day: int, month: int, year_text: str | None, anchor: dt.date | None, tense: Tense
) -> str | None:
    year = _year_of(year_text, anchor)
    if year is None:
        if anchor is None:
            return None
        year = _year_for(month, day, anchor, tense)
    found = _safe_date(year, month, day)
    return found.isoformat() if found else None


@_rule(
    rf"(?:(?:{_WD}) )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MON})(?: (\d{{4}}|'\d\d))?"
)
def _dmy(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return _day_month(int(m[1]), MONTHS[m[2]], m[3], anchor, tense)


@_rule(rf"(?:(?:{_WD}) )?(?:the )?({_ORDW}) (?:of )?({_MON})(?: (\d{{4}}))?")
def _dmy_words(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return _day_month(ORDINALS[m[1]], MONTHS[m[2]], m[3], anchor, tense)


@_rule(rf"(?:(?:{_WD}) )?({_MON}) (?:the )?(\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{4}}|'\d\d))?")
def _mdy(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return _day_month(int(m[2]), MONTHS[m[1]], m[3], anchor, tense)


@_rule(rf"({_MON}) (?:of )?(last|this|next) year")
def _month_of_year(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    if anchor is None:
        return None
    year = anchor.year + _REL_SIGN[m[2]]
    return f"{year:04d}-{MONTHS[m[1]]:02d}"


@_rule(rf"({_MON}) (?:of )?(\d{{4}}|'\d\d)")
def _month_year(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    year = _year_of(m[2], anchor)
    return f"{year:04d}-{MONTHS[m[1]]:02d}" if year is not None else None


@_rule(rf"(?:(last|next|this|coming|this coming|past) )?({_MON})")
def _month(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    if anchor is None:
        return None
    month, rel = MONTHS[m[2]], m[1]
    if rel in ("last", "past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = _year_for(month, None, anchor, None if rel == "this" else tense)
    return f"{year:04d}-{month:02d}"


@_rule(rf"(?:(last|next|this|coming|this coming|past) )?({_WD})")
def _weekday(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    if anchor is None:
        return None
    return _weekday_date(WEEKDAYS[m[2]], anchor, m[1], tense).isoformat()


@_rule(r"(?:the )?(?:year |fiscal (?:year )?|fy ?|calendar (?:year )?)?(1\d{3}|20\d{2})")
def _year(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return m[1]


@_rule(r"(?:the )?(1\d|20)(\d)0s|'(\d)0s")
def _decade(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    if m[1]:
        return f"{m[1]}{m[2]}"
    if anchor is None:
        return None
    century = anchor.year // 100
    decade = century * 10 + int(m[3])
    return str(decade - 10 if decade * 10 > anchor.year else decade)


@_rule(rf"(\d{{1,2}})(?:st|nd|rd|th) century|({_ORDW}) century")
def _century(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    n = int(m[1]) if m[1] else ORDINALS[m[2]]
    return f"{n - 1:02d}"


_REL_SIGN = {"last": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_REL_SIGN["this coming"] = 1


@_rule(
    r"(last|past|this|current|next|coming|this coming) (?:fiscal |financial |calendar )?"
    r"(week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)"
)
def _relative_unit(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    if anchor is None:
        return None
    rel, unit = m[1], m[2]
    sign = _REL_SIGN[rel]
    if unit in SEASONS:
        return _season_value(SEASONS[unit], anchor, rel if sign else "this", None)
    if unit == "weekend":
        return _iso_week(anchor + dt.timedelta(weeks=sign)) + "-WE"
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + sign
        year = anchor.year + (q // 4)
        return f"{year}-Q{q % 4 + 1}"
    if unit == "decade":
        return str(anchor.year // 10 + sign)
    if unit == "century":
        return f"{anchor.year // 100 + sign:02d}"
    return _shift(anchor, unit, sign)


@_rule(
    rf"({_NUMW}|\d+|(?:{_NUMW})-(?:{_NUMW})|{'|'.join(VAGUE_COUNTS)}) {_UNIT} "
    r"(ago|before now|from now|hence|later than now)"
)
def _ago(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    n = _count(m[1])
    future = m[3] in ("from now", "hence")
    if n is None:
        return "FUTURE_REF" if future else "PAST_REF"
    if anchor is None:
        return None
    unit = "century" if m[2].startswith("centur") else m[2]
    return _shift(anchor, unit, n if future else -n)


@_rule(rf"({_NUMW}|\d+) {_UNIT}'? time")
def _in_time(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    n = _count(m[1])
    if n is None or anchor is None:
        return None
    unit = "century" if m[2].startswith("centur") else m[2]
    return _shift(anchor, unit, n)


_Q = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3}
_Q |= {"q3": 3, "fourth": 4, "4th": 4, "q4": 4, "final": 4}


def _unit_year(text: str | None, anchor: dt.date | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    if anchor is None:
        return None
    return anchor.year + {"last": -1, "this": 0, "next": 1}[text.split()[0]]


@_rule(
    r"(first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:quarter|qtr)"
    r"(?: (?:of )?(?:fiscal )?(?:the year|(\d{4})|((?:last|this|next) year)))?"
    r"|(q[1-4])(?: (\d{4}))?"
)
def _quarter(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    q = _Q[m[1] or m[4]]
    year = _unit_year(m[2] or m[3] or m[5], anchor)
    if year is None:
        if anchor is None:
            return None
        year = _year_for(3 * q - 2, None, anchor, tense)
    return f"{year}-Q{q}"


@_rule(r"(first|second|1st|2nd) half (?:of )?(?:the year|(\d{4})|((?:last|this|next) year))")
def _half(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    half = 1 if m[1] in ("first", "1st") else 2
    year = _unit_year(m[2] or m[3], anchor)
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
    return f"{year}-H{half}"


@_rule(r"(spring|summer|autumn|fall|winter)")
def _season(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return _season_value(SEASONS[m[1]], anchor, None, tense) if anchor else None


@_rule(r"(spring|summer|autumn|fall|winter) (?:of )?(\d{4})")
def _season_year(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    return f"{m[2]}-{SEASONS[m[1]]}"


_HOLIDAYS = (
    r"christmas eve|christmas day|christmas|boxing day|new year's day|new year's eve|"
    r"easter sunday|easter monday|easter|good friday|halloween|valentine's day|"
    r"thanksgiving day|thanksgiving"
)


@_rule(rf"({_HOLIDAYS})(?: (\d{{4}}))?")
def _holiday_rule(m: Match, anchor: Anchor, tense: Tense, order: DateOrder) -> str | None:
    if m[2]:
        found = _holiday(m[1], int(m[2]))
    elif anchor is None:
        return None
    else:
        found = _holiday(m[1], anchor.year)
        if found is not None:
            found = _holiday(m[1], _year_for(found.month, found.day, anchor, tense))
    return found.isoformat() if found else None


# Text that dateparser may read as a date: a month name, a four-digit year or digits with
# date separators; a bare number ("aged 48") or a duration is not one.
_MAYBE_DATE = re.compile(rf"\b(?:{_MON})\b|\b\d{{4}}\b|\d[/.-]\d")
_DURATION = re.compile(rf"\b{_UNIT}\b(?! ago)|\b(?:hours?|minutes?|seconds?|per|%)")


@lru_cache(maxsize=4)
def _dateparser(anchor: dt.date | None, tense: Tense, order: DateOrder):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser  # imported lazily: it is slow to load

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": {"past": "past", "future": "future"}.get(
            tense or "", "current_period"
        ),
        "DATE_ORDER": order,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


def load_fallback() -> None:
    """Import dateparser and read its English data now rather than at the first odd date
    format a document has (a quarter of a second)."""
    _dateparser(None, None, "MDY").get_date_data("5 March 2024")


def _with_dateparser(
    text: str, anchor: dt.date | None, tense: Tense, order: DateOrder
) -> str | None:
    if not _MAYBE_DATE.search(text) or _DURATION.search(text):
        return None
    if anchor is None and not re.search(r"\b\d{4}\b", text):
        return None  # dateparser would fill a missing year from today's clock
    return timex_value(_dateparser(anchor, tense, order).get_date_data(text))


def timex_value(data: Any) -> str | None:
    """A dateparser result as a TIMEX3 value at the period it names: year, month, ISO week
    or day; None when it found no date."""
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return f"{day.year:04d}"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if data.period == "week":
        return _iso_week(day)
    return day.isoformat()


@lru_cache(maxsize=8192)
def _resolve_clean(
    text: str, anchor: dt.date | None, tense: Tense, order: DateOrder, fallback: bool
) -> str | None:
    for pattern, rule in _RULES:
        m = pattern.fullmatch(text)
        if m:
            return rule(m, anchor, tense, order)
    return _with_dateparser(text, anchor, tense, order) if fallback else None


def resolve_date(
    text: str,
    anchor: dt.date | str | None,
    tense: Tense = None,
    date_order: DateOrder = "MDY",
    fallback: bool = True,
) -> str | None:
    """The TIMEX3 value of the date phrase ``text`` relative to ``anchor``, or None.

    ``anchor`` is the publication date (a date or ISO string). ``tense`` is the tense
    of the clause the phrase sits in (see :func:`clause_tense`); None means unknown,
    which reads a bare weekday as the latest one on or before the anchor (news
    convention) and a day or month without a year as the one nearest the anchor.
    ``date_order`` decides "05/03/2024" when both numbers could be a month. ``fallback``
    lets ``dateparser`` try formats the rules do not know. Durations ("five years") and
    phrases that are not dates give None; so do relative phrases when there is no anchor.
    """
    clean = _clean(text)
    if not clean:
        return None
    return _resolve_clean(clean, parse_anchor(anchor), tense, date_order, fallback)


# ----------------------------------------------------------------------------- detection

_MONTH_CAP = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|"
    r"Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_WD_CAP = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_ANY = rf"(?:{_WD_CAP}|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_REL = r"(?i:last|next|this|coming|this coming)"
_ORD_SUFFIX = r"(?:st|nd|rd|th)"
_REL_YEAR = r"(?:last|this|next)\s+year"

# (kind, pattern, needs_context). Longest match wins where candidates overlap; a match that
# needs context must stand after a date preposition ("in May") or inside a spaCy DATE.
_SCAN: list[tuple[str, str, bool]] = [
    ("iso", r"\b\d{4}-\d{2}-\d{2}\b", False),
    ("numeric", r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b", False),
    # "Tuesday, the 5th of March 2024", "3 Mar"
    (
        "dmy",
        rf"\b(?:{_WD_ANY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH_CAP}"
        rf"(?:,?\s+(?:{_YEAR}|'\d\d))?(?!\w)",
        False,
    ),
    # "Tuesday, March 5th, 2024", "Feb. 28"; not "May 5%" nor "March 1,000"
    (
        "mdy",
        rf"\b(?:{_WD_ANY},?\s+)?{_MONTH_CAP}\s+(?:the\s+)?{_DAY}"
        rf"(?!\s*(?:%|:|\.\d|,\d))\b(?:,?\s+{_YEAR})?(?!\w)",
        False,
    ),
    ("month_year", rf"\b{_MONTH_CAP}(?:\s+of)?,?\s+(?:{_YEAR}|'\d\d)\b", False),
    ("month_rel_year", rf"\b{_MONTH_FULL}\s+(?:of\s+)?(?i:{_REL_YEAR})\b", False),
    ("month", rf"\b(?:{_REL}\s+)?{_MONTH_FULL}\b(?!\s*\d)", True),
    # not "the fall of Rome" nor "the Summer Olympics"
    (
        "season",
        r"\b(?:(?i:last|next|this|coming)\s+)?"
        r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)\b(?!\s+of\s+(?!\d)|\s+[A-Z])",
        True,
    ),
    ("weekday", rf"\b(?:{_REL}\s+)?{_WD_CAP}\b", False),
    ("year_range", rf"\b{_YEAR}\s?[-\u2013/]\s?(?:{_YEAR}|\d\d)\b(?![-/]\d)", True),
    ("year", rf"(?<![\d$£€.,])\b(?:(?i:fiscal|fy)\s?)?{_YEAR}\b(?![\d.,]\d|\s*%)", True),
    ("decade", r"(?<!\w)(?:the\s+)?(?:(?:1\d|20)\d0s|'\d0s)\b", False),
    ("century", rf"(?i:\b(?:the\s+)?(?:\d{{1,2}}{_ORD_SUFFIX}|{_ORDW})[- ]century\b)", False),
    (
        "deictic",
        r"(?i:\b(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|"
        r"today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b)",
        False,
    ),
    (
        "relative",
        r"(?i:\b(?:(?:earlier|later|early|late)\s+)?(?:last|this|next|coming|"
        r"this\s+coming|the\s+coming|the\s+current|the\s+last|the\s+past)\s+"
        r"(?:(?:fiscal|financial|calendar)\s+)?(?:week(?:end)?|month|year|quarter|"
        r"decade|century|spring|summer|autumn|fall|winter)\b)",
        False,
    ),
    (
        "ago",
        rf"(?i:\b(?:{_NUMW}|\d+|(?:{_NUMW})-(?:{_NUMW})|{'|'.join(VAGUE_COUNTS)})\s+"
        rf"{_UNIT}\s+(?:ago|from\s+now|hence))\b",
        False,
    ),
    ("in_time", rf"(?i:\bin\s+(?:{_NUMW}|\d+)\s+{_UNIT}'?\s+time)\b", False),
    (
        "quarter",
        rf"(?i:\b(?:the\s+)?(?:first|second|third|fourth|final|1st|2nd|3rd|4th)"
        rf"[- ]quarter(?:\s+of\s+(?:{_YEAR}|{_REL_YEAR}))?\b)|\bQ[1-4](?:\s+{_YEAR})?\b",
        False,
    ),
    ("half", rf"(?i:\b(?:the\s+)?(?:first|second)\s+half\s+of\s+(?:{_YEAR}|{_REL_YEAR}))\b", False),
    ("season_year", rf"\b(?i:spring|summer|autumn|fall|winter)(?:\s+of)?\s+{_YEAR}\b", False),
    (
        "holiday",
        rf"\b(?:Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year's\s+(?:Day|Eve)|"
        rf"Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Halloween|Valentine's\s+Day|"
        rf"Thanksgiving(?:\s+Day)?)(?:\s+{_YEAR})?\b",
        False,
    ),
]
# "now", "recently", "in the past": kept unless the component's ``refs`` is off; not "in the
# past several months" (a duration) nor "now-defunct".
_REFS: list[tuple[str, str, bool]] = [
    (
        "ref",
        r"(?i:\b(?:right\s+now|now|currently|at\s+present|presently|at\s+the\s+moment|"
        r"nowadays|these\s+days|recently|lately|(?:in\s+)?the\s+past|in\s+the\s+future)\b)"
        r"(?![-\u2013]\w|\s+(?:[\w-]+\s+)?(?i:days?|weeks?|months?|years?|decades?|few|"
        r"several|couple|\d))",
        False,
    ),
]
# A pattern runs only near hits of its gate, a cheap regex that starts with a literal
# (Python's re scans those fast); a full pattern tried at every position of every
# document would cost more than the rest of the extractor.
_MONTH_GATE = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_SEASON_GATE = r"[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all"
_GATES = {
    "iso": r"\d{4}-\d\d-\d\d",
    "numeric": r"\d/\d",
    "dmy": _MONTH_GATE,
    "mdy": _MONTH_GATE,
    "month_year": _MONTH_GATE,
    "month_rel_year": _MONTH_GATE,
    "month": _MONTH_GATE,
    "season": _SEASON_GATE,
    "season_year": _SEASON_GATE,
    "weekday": r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
    "year_range": r"1\d{3}|20\d\d",
    "year": r"1\d{3}|20\d\d",
    "decade": r"0s",
    "century": r"[Cc]entury|CENTURY",
    "deictic": r"[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Nn]ight|[Mm]orning|[Aa]fternoon"
    r"|[Ee]vening",
    "relative": r"[Ww]eek|[Mm]onth|[Yy]ear|[Qq]uarter|[Dd]ecade|[Cc]entury|" + _SEASON_GATE,
    "ago": r"ago|AGO|from now|hence",
    "in_time": r"time",
    "quarter": r"[Qq]uarter|QUARTER|Q[1-4]",
    "half": r"half",
    "holiday": r"Christmas|Boxing|New Year|Easter|Good Friday|Halloween|Valentine|Thanksgiving",
    "ref": r"[Nn]ow|NOW|[Cc]urrently|[Pp]resent|moment|these days|[Rr]ecently|[Ll]ately|past"
    r"|future",
}
_WINDOW_BEFORE = 45  # longest stretch of a match before its gate word ("Tuesday, the 5th of ")
_WINDOW_AFTER = 110  # longest stretch from the gate word to the end of a match, with lookahead
_LOOKAHEAD = 40

Scanner = tuple[str, re.Pattern[str], bool, re.Pattern[str]]
_SCANNERS: list[Scanner] = [(k, re.compile(p), ctx, re.compile(_GATES[k])) for k, p, ctx in _SCAN]
_REF_SCANNERS: list[Scanner] = [
    (k, re.compile(p), ctx, re.compile(_GATES[k])) for k, p, ctx in _REFS
]


def _windows(gate: re.Pattern[str], text: str) -> list[list[int]]:
    """Stretches of ``text`` around ``gate`` hits where a gated pattern may match."""
    n = len(text)
    windows: list[list[int]] = []
    for hit in gate.finditer(text):
        lo, hi = max(0, hit.start() - _WINDOW_BEFORE), min(n, hit.end() + _WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return windows


def _gated_matches(
    pattern: re.Pattern[str], gate: re.Pattern[str], text: str,
    windows: list[list[int]] | None = None,
) -> list[re.Match[str]]:
    """``pattern``'s matches in ``text``, searched only in windows around ``gate`` hits
    (``windows``: those of :func:`_windows`, when already found)."""
    n = len(text)
    if windows is None:
        windows = _windows(gate, text)
    found: dict[tuple[int, int], re.Match[str]] = {}
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, hi):
            whole: re.Match[str] | None = m
            if hi < n and m.end() > hi - _LOOKAHEAD:
                # the window's end may have cut the match or its lookahead: match again, whole
                whole = pattern.match(text, m.start(), min(n, m.start() + 3 * _WINDOW_AFTER))
            if whole is not None:
                found[whole.span()] = whole
    return list(found.values())


# Words before a bare month or year that make it a date: "in March", "since 2019".
_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|during|before|after|through|throughout|of|between|"
    r"early|late|mid|end|beginning|start|middle|around|circa|last|next|this|"
    r"spring|summer|autumn|winter|fall|year|fiscal)\s+(?:the\s+)?|mid-|\()$"
)
# Joiners that make a year a date but a month only when spaCy agrees ("Blair and May").
_YEAR_CONTEXT_BEFORE = re.compile(r"(?i:\b(?:and|or|to|for|as of|than)\s+)$")
_SET_BEFORE = re.compile(r"(?i:\b(?:every|each|per)\s+)$")
_MODIFIER_BEFORE = re.compile(
    r"(?i:\b(?:(?:early|late|mid)(?:\s+|-)|(?:the\s+)?(?:end|beginning|start|middle|turn|close)"
    r"\s+of\s+(?:the\s+)?))$"
)
_NOT_DATE_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "TIME"})
_ENT_LEAD = re.compile(
    r"^(?i:(?:the|about|around|some|nearly|almost|by|from|until|since|as of)\s+)+"
)
_ENT_SPLIT = re.compile(
    r"\s*(?:,\s*|\s+and\s+|\s+or\s+|\s+to\s+|\s+through\s+|\s+[-\u2013\u2014]\s+|"
    r"(?<=\d)[-\u2013\u2014](?=\d))\s*"
)
# Kinds whose value does not depend on the tense of the clause around them.
_TENSE_FREE = frozenset(
    "iso numeric month_year month_rel_year year year_range decade century deictic relative ago "
    "in_time season_year ref".split()
)


def _in_date_entity(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.ent_type_ == "DATE" for t in span)


def _looks_like_count(doc: Doc, start: int, end: int) -> bool:
    """True when spaCy reads the number at ``start`` as a count ("2000 people"), not a year."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.ent_type_ in _NOT_DATE_LABELS or t.dep_ == "nummod" for t in span if t.like_num)


def _annotated(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)`` read from a C array: the Python loop there is slow."""
    return len(doc) > 0 and bool(doc.to_array(attr).any())


def _accept(doc: Doc, text: str, kind: str, start: int, end: int, ents: bool, parsed: bool) -> bool:
    """Whether a pattern match that needs context is a date where it stands."""
    before = text[max(0, start - 30) : start]
    if _SET_BEFORE.search(before):
        return False
    if kind in ("year", "year_range"):
        if ents and _in_date_entity(doc, start, end):
            return True
        if parsed and _looks_like_count(doc, start, end):
            return False
        return bool(_CONTEXT_BEFORE.search(before) or _YEAR_CONTEXT_BEFORE.search(before))
    if re.match(r"(?i:last|next|this|coming)\s", text[start:end]):
        return True
    if _CONTEXT_BEFORE.search(before) or _MODIFIER_BEFORE.search(before):
        return True
    return ents and _in_date_entity(doc, start, end)


def _candidates(doc: Doc, text: str, refs: bool) -> list[tuple[int, int, str]]:
    ents, parsed = _annotated(doc, "ENT_IOB"), _annotated(doc, "DEP")
    found: list[tuple[int, int, str]] = []
    windows: dict[re.Pattern[str], list[list[int]]] = {}  # several kinds share a gate
    for kind, pattern, needs_context, gate in _SCANNERS + (_REF_SCANNERS if refs else []):
        if gate not in windows:
            windows[gate] = _windows(gate, text)
        for m in _gated_matches(pattern, gate, text, windows[gate]):
            start, end = m.span()
            if needs_context and not _accept(doc, text, kind, start, end, ents, parsed):
                continue
            if kind == "year_range":
                found.extend(_split_year_range(m))
                continue
            if _SET_BEFORE.search(text[max(0, start - 12) : start]):
                continue  # "every Monday": a set of dates
            found.append((start, end, kind))
    return _longest_first(found)


def _split_year_range(m: re.Match[str]) -> list[tuple[int, int, str]]:
    """Split a year range: TimeML marks "2009-2010" and "1957-58" as two dates each."""
    first = re.match(r"\d{4}", m.group())
    second = re.search(r"\d+$", m.group())
    assert first is not None and second is not None
    kind = "year" if len(second.group()) == 4 else "short_year"
    return [
        (m.start(), m.start() + 4, "year"),
        (m.start() + second.start(), m.start() + second.end(), kind),
    ]


def _longest_first(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    kept: list[tuple[int, int, str]] = []
    for cand in found:
        if all(cand[1] <= k[0] or cand[0] >= k[1] for k in kept):
            kept.append(cand)
    return sorted(kept)


def _extend_modifier(text: str, start: int) -> int:
    """Include "early", "mid-", "the end of" before a date in its span."""
    m = _MODIFIER_BEFORE.search(text[max(0, start - 30) : start])
    return start - (len(m.group()) if m else 0)


def _verb_tense(verb: Token, depth: int = 0) -> Tense:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    perfect = any(a.lemma_ == "have" for a in aux)
    if words & FUTURE_AUX:
        return "future"
    if words & FUTURE_MODALS and not perfect:
        return "future"  # "should be completed in October", "said he would resign on Friday"
    if verb.lemma_ in SCHEDULE_VERBS:
        return "future"  # "a hearing has been scheduled for June 3"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in FUTURE_HEADS:
        return "future"  # "is due to meet on Tuesday"
    if "to" in words and verb.dep_ in ("acl", "relcl"):
        return "future"  # "an event to be held on October 12"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in aux):
        return "future"  # "is meeting on Tuesday": an arrangement
    if verb.tag_ in ("VBZ", "VBP") and not aux and verb.lemma_ not in SPEECH_VERBS:
        return "present"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBN" and "to" not in words:
        return "past"  # "has said", "killed on Tuesday"
    if (
        verb.tag_ in ("VB", "VBG", "VBN")
        and verb.dep_ in ("xcomp", "conj")
        and depth < 3
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        # an untensed verb takes its tense from the verb it depends on: "agreed to sell in October"
        return _verb_tense(verb.head, depth + 1)
    return None


def _reattach(verb: Token, date: Token) -> Token:
    """The verb a date belongs to when the parser hangs it on the wrong clause.

    In "said on Tuesday it would reply" the parser may attach "on Tuesday" to "reply";
    a date that stands between a verb and the subject of that verb's complement
    belongs to the outer verb.
    """
    if verb.dep_ not in ("ccomp", "advcl") or not verb.head.i < date.i < verb.i:
        return verb
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return verb.head if subjects and date.i < min(subjects) else verb


def clause_tense(span: Span) -> Tense:
    """The tense of the clause governing ``span``: "past", "present", "future" or None.

    The verb the span hangs from decides ("said" past, "will meet" future), except that
    "since" always looks back and "until" looks ahead unless the verb is a simple past.
    """
    if span.root.dep == 0:
        return None  # not parsed
    root = span.root
    prep = root.head.lower_ if root.dep_ == "pobj" else ""
    if prep == "since":
        return "past"
    tok = root
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            tok = _reattach(tok, root)
            if prep in ("until", "till", "through"):
                simple_past = tok.tag_ == "VBD" or any(
                    c.tag_ == "VBD" for c in tok.children if c.dep_ in ("aux", "auxpass")
                )
                return "past" if simple_past else "future"
            return _verb_tense(tok)
        if tok.head is tok:
            break
        tok = tok.head
    return "future" if prep in ("until", "till", "through") else None


def _document(doc: Doc) -> object | None:
    return doc._.document if Doc.has_extension("document") else None


def _text(doc: Doc) -> str:
    """The doc's text; ``Doc.text`` joins every token in Python, so reuse the source string."""
    source = getattr(_document(doc), "text", None)
    if (
        isinstance(source, str)
        and len(doc)
        and doc[-1].idx + len(doc[-1].text_with_ws) == len(source)
        and source.startswith(doc[0].text)
    ):
        return source
    return doc.text


def _tense_at(doc: Doc, start: int, end: int) -> Tense:
    span = doc.char_span(start, end, alignment_mode="expand")
    return clause_tense(span) if span is not None else None


def _short_year_value(text: str, start: int) -> str | None:
    """The value of "58" in "1957-58": the century of the year before it."""
    first = re.search(r"(\d{2})\d\d\s?[-\u2013/]\s?$", text[max(0, start - 8) : start])
    return first[1] + text[start : start + 2] if first else None


NAME_LABELS = ("ORG", "FAC", "PRODUCT", "WORK_OF_ART")


def find_dates(doc: Doc, refs: bool = True, date_order: DateOrder = "MDY") -> list[DateMention]:
    """Date mentions in ``doc`` with TIMEX3 values, anchored on ``doc._.document.published``.

    ``refs`` keeps "now", "recently" and "in the past" (as ``*_REF`` values). Mentions
    without a value (relative ones when the document has no date) are left out.
    """
    anchor = parse_anchor(getattr(_document(doc), "published", None))
    text = _text(doc)
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_LABELS]
    # 'Ostmarra Today', 'The Sunday Times': a date word inside a name dates nothing
    spans = [c for c in _candidates(doc, text, refs)
             if not any(s <= c[0] and c[1] <= e for s, e in names)]
    out: list[DateMention] = []
    for start, end, kind in spans:
        if kind == "short_year":
            value = _short_year_value(text, start)
        else:
            tense = None if kind in _TENSE_FREE else _tense_at(doc, start, end)
            value = resolve_date(text[start:end], anchor, tense, date_order, fallback=False)
        if value is not None:
            start = _extend_modifier(text, start)
            out.append(DateMention(text=text[start:end], value=value, span=(start, end)))
    out.extend(_from_entities(doc, text, anchor, spans, date_order))
    out.sort(key=lambda d: d.span)
    return out


def _from_entities(
    doc: Doc,
    text: str,
    anchor: dt.date | None,
    taken: Sequence[tuple[int, int, str]],
    date_order: DateOrder,
) -> list[DateMention]:
    """spaCy DATE entities the patterns missed, split at "and", "to" and dashes."""
    out: list[DateMention] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = ent.start_char, ent.end_char
        if any(not (end <= s or start >= e) for s, e, _ in taken):
            continue
        pos = start
        for piece in _ENT_SPLIT.split(ent.text) if _ENT_SPLIT.search(ent.text) else [ent.text]:
            offset = text.find(piece, pos, end) if piece else -1
            if offset < 0:
                continue
            pos = offset + len(piece)
            lead = _ENT_LEAD.match(piece)
            p_start = offset + (lead.end() if lead else 0)
            piece_text = text[p_start:pos]
            if not piece_text or _SET_BEFORE.search(text[max(0, p_start - 12) : p_start]):
                continue
            # the whole piece decides the value ("the past five years": a duration), while
            # the span leaves out a leading "the" or "about"
            value = resolve_date(piece, anchor, _tense_at(doc, p_start, pos), date_order)
            if value is not None:
                out.append(DateMention(text=piece_text, value=value, span=(p_start, pos)))
    return out


def date_in(dates: Sequence[DateMention], start: int, end: int) -> DateMention | None:
    """The date mention that overlaps ``[start, end)`` the most, or None."""
    best, best_overlap = None, 0
    for mention in dates:
        overlap = min(end, mention.span[1]) - max(start, mention.span[0])
        if overlap > best_overlap:
            best, best_overlap = mention, overlap
    return best


@Language.factory(
    "claimgraph_dates",
    assigns=["doc._.dates"],
    default_config={"refs": True, "date_order": "MDY"},
)
def make_component(
    nlp: Language, name: str, refs: bool, date_order: DateOrder
) -> Callable[[Doc], Doc]:
    """The date extractor: sets ``doc._.dates`` to a list of :class:`DateMention`."""
    if date_order not in ("MDY", "DMY"):
        raise ValueError(f"date_order must be 'MDY' or 'DMY', not {date_order!r}")

    def component(doc: Doc) -> Doc:
        doc._.dates = find_dates(doc, refs=refs, date_order=date_order)
        return doc

    return component
