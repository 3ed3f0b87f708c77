"""Quantities in Russian, Ukrainian and Bulgarian text: numbers with multiplier words,
decimal commas, approximators, ranges and vague amounts.

'3,7 тис.' is 3700, '1,2 млн' 1,200,000, '30 000' 30000; 'около 4000' is ``about``,
'более'/'понад'/'над' ``more_than``, 'до' ``up_to``, 'не менее'/'щонайменше'/'поне'
``at_least`` (the approximator names of the English extractor); 'от 300 до 400' and
'300-400' are a ``range``; 'тысячи'/'сотні'/'десетки' without a number are ``vague``
(low = the scale, high = ten times it). Numbers inside a date ('3 марта', '15.03.2025')
and years ('в 2024 году') are no quantities. ``unit`` is a currency code, '%', or the
word after the number as written. The words are ``data/lexicons/slavic_quantities.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ...model import Approx, DateMention, Quantity
from ..spans import text_of
from .words import alternation, part

_GROUP = "[ \u00a0\u2009\u202f]"


@dataclass(frozen=True)
class _Rules:
    numeral: re.Pattern[str]
    approx_before: re.Pattern[str]
    range_gap: re.Pattern[str]
    range_from: re.Pattern[str]
    unit_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    year_after: re.Pattern[str]
    multipliers: dict[str, int]
    number_words: dict[str, float]
    approximators: dict[str, str]
    vague: dict[str, int]
    percent: frozenset[str]
    currencies: dict[str, str]
    stop_units: frozenset[str]
    change_before: re.Pattern[str]


@cache
def _rules(language: str) -> _Rules:
    lex = part("quantities", language)
    dates = part("dates", language)
    mult = alternation(lex["multipliers"])
    words = alternation(lex["number_words"])
    vague = alternation(lex["vague"])
    tail = (rf"(?:\s*(?P<mult>{mult})(?![\w-])\.?)?"
            rf"(?:\s*(?P<pct>{alternation(lex['percent'])})(?![\w-]))?"
            rf"(?:\s*(?P<cur>{alternation(k for k in lex['currencies'] if k[0].isalpha())})"
            r"(?![\w-]))?")
    numeral = re.compile(
        r"(?<![\w.,/:-])(?:"
        rf"(?P<digits>\d{{1,3}}(?:{_GROUP}\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\d]|[.,:/]\d)"
        rf"|(?P<words>{words})(?![\w-])"
        rf"|(?P<vague>{vague})(?![\w-])"
        rf"){tail}",
        re.IGNORECASE,
    )
    from_words = alternation(lex["range"]["from"])
    to_words = alternation(lex["range"]["to"])
    symbols = [k for k in lex["currencies"] if not k[0].isalpha()]
    return _Rules(
        numeral=numeral,
        approx_before=re.compile(
            rf"(?<![\w-])(?P<a>{alternation(lex['approximators_before'])})\s*(?:(?:на|за)\s+)?$",
            re.IGNORECASE),
        change_before=re.compile(
            rf"(?<![\w-])(?:{alternation(lex['change_verbs'])})[\w-]*(?:\s+[^\s.!?]+){{0,6}}\s+$",
            re.IGNORECASE),
        range_gap=re.compile(rf"\s*(?:[-–—]|(?:{to_words})(?![\w-]))\s*", re.IGNORECASE),
        range_from=re.compile(rf"(?<![\w-])(?:{from_words})\s*$", re.IGNORECASE),
        unit_after=re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)*)"),
        currency_before=re.compile(rf"(?:{alternation(symbols)})\s?$"),
        year_after=re.compile(rf"\s*(?:{alternation(dates['year_words'])})(?!\w)", re.IGNORECASE),
        multipliers={k.lower(): v for k, v in lex["multipliers"].items()},
        number_words={k.lower(): v for k, v in lex["number_words"].items()},
        approximators={" ".join(k.lower().split()): v
                       for k, v in lex["approximators_before"].items()},
        vague={" ".join(k.lower().split()): v for k, v in lex["vague"].items()},
        percent=frozenset(p.lower() for p in lex["percent"]),
        currencies={k.lower(): v for k, v in lex["currencies"].items()},
        stop_units=frozenset(w.lower() for w in dates["prepositions"] + lex["not_counts"])
        | frozenset(dates["months"]),
    )


@dataclass
class _Cand:
    start: int
    end: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    approx: str = "exact"
    unit: str | None = None
    year_like: bool = False
    factor: Decimal = Decimal(1)


def _decimal(literal: str) -> Decimal | None:
    cleaned = re.sub(f"{_GROUP}", "", literal).replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _read(m: re.Match[str], rules: _Rules) -> _Cand | None:
    mult = m.group("mult")
    factor = Decimal(rules.multipliers[mult.lower().rstrip(".")]) if mult else Decimal(1)
    if m.group("vague") is not None:
        if mult:  # 'сотни тысяч'
            scale = Decimal(rules.vague[" ".join(m.group("vague").lower().split())]) * factor
        else:
            scale = Decimal(rules.vague[" ".join(m.group("vague").lower().split())])
        return _Cand(m.start(), m.end(), None, scale, scale * 10, "vague")
    if m.group("words") is not None:
        value = Decimal(str(rules.number_words[m.group("words").lower()]))
    else:
        literal = m.group("digits")
        value = _decimal(literal)
        if value is None:
            return None
    cand = _Cand(m.start(), m.end(), value * factor, factor=factor)
    cand.year_like = (m.group("digits") is not None and m.group("digits").isdigit()
                      and len(m.group("digits")) == 4 and 1800 <= value <= 2100 and not mult)
    if m.group("pct"):
        cand.unit = "%"
    elif m.group("cur"):
        cand.unit = rules.currencies[m.group("cur").lower()]
    return cand


def _number(value: Decimal | None) -> float | None:
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def _in_dates(start: int, end: int, dates: list[DateMention]) -> bool:
    return any(s < end and start < e for s, e in (d.span for d in dates))


def find_quantities(doc: Doc, language: str) -> list[Quantity]:
    """Every quantity of ``doc`` outside its dates, in text order."""
    text = text_of(doc)
    rules = _rules(language)
    dates = doc._.dates or []
    cands: list[_Cand] = []
    for m in rules.numeral.finditer(text):
        if _in_dates(m.start(), m.end(), dates):
            continue
        cand = _read(m, rules)
        if cand is None:
            continue
        if cand.year_like and rules.year_after.match(text, cand.end):
            continue  # '2024 года'
        if m.group("digits") is not None and cand.unit is None:
            symbol = rules.currency_before.search(text, max(0, cand.start - 3), cand.start)
            if symbol:
                cand.unit = rules.currencies[symbol.group().strip().lower()]
                cand.start = symbol.start()
        cands.append(cand)
    found: list[Quantity] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and cand.value is not None and nxt.value is not None:
            gap = rules.range_gap.fullmatch(text, cand.end, nxt.start)
            lead = rules.range_from.search(text, max(0, cand.start - 6), cand.start)
            dash = gap is not None and not gap.group().strip().isalpha()
            if gap is not None and (lead or dash) and not (cand.year_like and nxt.year_like):
                low = cand.value
                if cand.factor == 1 and cand.value * nxt.factor <= nxt.value:
                    low = cand.value * nxt.factor  # '300-400 тыс.': both in thousands
                start = lead.start() if lead else cand.start
                merged = _Cand(start, nxt.end, None, low, nxt.value, "range", nxt.unit or cand.unit)
                cands[i + 1] = merged
                i += 1
                continue
        found.append(_finish(cand, text, rules))
        i += 1
    return [q for q in found if q is not None]


def _finish(cand: _Cand, text: str, rules: _Rules) -> Quantity | None:
    if cand.approx == "exact":
        before = rules.approx_before.search(text, max(0, cand.start - 30), cand.start)
        if before:
            cand.approx = rules.approximators[" ".join(before.group("a").lower().split())]
            cand.start = before.start()
            if cand.approx == "up_to" and rules.change_before.search(
                    text, max(0, before.start() - 80), before.start()):
                cand.approx = "exact"  # 'замедлилась до 6,8%': the level reached
    if cand.year_like and cand.approx == "exact":
        nxt = rules.unit_after.match(text, cand.end)
        if nxt is None or nxt.group(1).lower() in rules.stop_units:
            return None  # a year standing alone
    if cand.unit is None:
        after = rules.unit_after.match(text, cand.end)
        if after and after.group(1).lower() not in rules.stop_units:
            cand.unit = after.group(1)
            cand.end = after.end()
    approx: Approx = cand.approx  # type: ignore[assignment]
    return Quantity(text=text[cand.start:cand.end], value=_number(cand.value),
                    span=(cand.start, cand.end), low=_number(cand.low), high=_number(cand.high),
                    unit=cand.unit, approx=approx)


def make_quantities(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    language = nlp.lang

    def component(doc: Doc) -> Doc:
        doc._.quantities = find_quantities(doc, language)
        return doc

    return component
