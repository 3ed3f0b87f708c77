"""Quantities: numbers with their approximator and the object or unit they count.

:func:`find_quantities` reads a parsed ``Doc`` and returns :class:`~claimgraph.model.Quantity`
values for counts ("about 4,000 reservists"), measures ("90 miles"), money ("$2.3bn"),
percentages ("12%"), ranges ("between 300 and 400") and vague amounts ("thousands of").
It skips numbers that are dates or times ("in 2024", "5 March", "3pm"), ordinals ("3rd"),
phone numbers, labels and names ("Article 50", "S&P 500", "Covid-19") and sports scores
("a 3-1 win").

How: one compiled regular expression finds the numerals in the text (digits with
``,``/``.``/space grouping and magnitudes, number words, vague plurals); short anchored
expressions read the words around each (currency, percent, approximator, range
connector); the spaCy tokens there decide the date and name exclusions and the counted
noun. The cost is one regex pass over the text plus work per numeral found.

Conventions (also in ``data/lexicons/quantities.json``):
- ``value`` is the number as stated; ranges and vague amounts have ``value`` None and
  carry ``low``/``high``. Vague plurals read as [scale, 10 x scale]: "thousands" is
  1,000-10,000, "tens of thousands" 10,000-100,000, "dozens" 12-120; "several thousand"
  is 3,000-9,000 and "a few hundred" 200-500.
- ``unit`` is an ISO 4217 code for money ("$" -> "USD", "£" -> "GBP"), "%" for
  percentages, the attached unit for "10km" or "45p", else the counted noun phrase as
  written ("reservists", "job cuts", "barrels of oil"), or None; a rate is added as
  "per X" ("$52 a barrel" -> "USD per barrel", "325,000 barrels per day").
- "from 5% to 7%" after a change verb ("rose", "cut") and "by $3bn to $40bn" are two
  values, not a range; "from 5 to 10 km" and "between 300 and 400" are ranges.
- ``text``/``span`` cover approximator, currency, number and unit as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..lexicons import lexicon
from ..model import Approx, Quantity

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)

_SPACE_GROUP = "[ \u00a0\u2009\u202f]"
_NAME_ENTS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PERSON"})
_BIG_SCALES = frozenset({"hundred", "thousand", "lakh", "million", "crore", "billion", "trillion"})
_NOUNISH = frozenset({"NOUN", "PROPN"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first; a space matches any run of spaces."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class _Rules:
    """The lexicon, compiled once."""

    numeral: re.Pattern[str]
    sign_before: re.Pattern[str]
    unit_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    currency_after: re.Pattern[str]
    code_after: re.Pattern[str]
    percent_after: re.Pattern[str]
    clock_after: re.Pattern[str]
    approx_before: re.Pattern[str]
    approx_after: re.Pattern[str]
    number_words: dict[str, int]
    scale_words: dict[str, int]
    magnitudes: dict[str, int]
    fractions: dict[str, int]
    vague_plurals: dict[str, int]
    vague_quantifiers: dict[str, list[int]]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    percent_words: dict[str, str]
    approximators_before: dict[str, str]
    approximators_after: dict[str, str]
    attached_units: dict[str, str]
    length_adjectives: frozenset[str]
    duration_units: frozenset[str]
    calendar_words: frozenset[str]
    half_blockers: frozenset[str]
    sign_words: frozenset[str]
    sign_after_words: frozenset[str]
    year_prepositions: frozenset[str]
    hyphen_prefixes: frozenset[str]
    label_words: frozenset[str]
    one_before: frozenset[str]
    one_after: frozenset[str]
    compound_blacklist: frozenset[str]
    score_words: frozenset[str]
    change_verbs: frozenset[str]
    spread_period: re.Pattern[str]  # a duration 'over' may spread a figure across
    measured_before: re.Pattern[str]  # words before 'over' that measure the duration


@cache
def _rules() -> _Rules:
    lex: dict[str, Any] = lexicon("quantities")
    words, scales, fractions = lex["number_words"], lex["scale_words"], lex["fraction_words"]
    w_alt, s_alt, f_alt = _alt(words), _alt(scales), _alt(fractions)
    plurals = {k: v for k, v in lex["vague_plurals"].items() if k != "tens"}
    symbols = lex["currency_symbols"]
    letter_ending = [s for s in symbols if s[-1].isalpha()] + lex["currency_codes"]
    after_currency = "".join(
        f"|(?<=(?<![A-Za-z]){re.escape(s)})" for s in sorted(set(letter_ending)))
    digits = (
        rf"(?=\.?\d)(?:(?<![\w.,/:]){after_currency})"  # "USD10m", "RM2.70", "$US160"
        r"(?P<digits>(?:\d{1,2},(?:\d\d,)+\d{3}"  # Indian grouping: "12,34,567"
        r"|\d{1,3}(?:,\d{3})+"
        rf"|\d{{1,3}}(?:{_SPACE_GROUP}\d{{3}})+"  # "30 000", "30\u202f000"
        r"|\d+)(?:\.\d+)?|\.\d+)"
        r"(?![\d:]|[.,/]\d)"  # not "12:30", "192.168.1.2", "24/7"
        r"(?P<suffix>°\s?[CF]?|[a-zA-Z]+[23²³]?(?:[/-][a-zA-Z]+)?)?(?!\w)"
        rf"(?:\s+(?P<dscale>(?:dozens|{s_alt}|{_alt(lex['spaced_magnitudes'])})"
        r"(?:\s+(?:million|billion))?)\b)?"
    )
    number_words = (
        r"(?<![\w-])"
        rf"(?P<words>(?:(?:a|an|half(?:\s+an?)?)\s+(?:{s_alt})|{w_alt})\b"
        rf"(?:(?:\s*-\s*|\s+(?:and\s+)?)(?:a\s+half|{w_alt}|{s_alt})\b)*)"
        rf"(?:(?:\s*-\s*|\s+)(?P<frac>{f_alt})\b)?"
    )
    fraction = (
        r"(?<![\w-])(?P<frac1>(?:a|one)[\s-]+(?:" + f_alt + r")|half)"
        r"(?=\s+(?:of|the|its|their|his|her|our|your|all|these|those)\b)"
    )
    vague = (
        r"(?<![\w-])(?P<vague>"
        rf"(?P<vq>{_alt(lex['vague_quantifiers'])})\s+(?P<vs>{s_alt})"
        r"(?:\s+(?P<vs2>thousand|million|billion))?"
        rf"|(?:(?P<vp1>tens|dozens|scores|hundreds)\s+of\s+)?(?P<vp>{_alt(plurals)}))\b"
    )
    spaced_units = [u for u in lex["attached_units"] if u not in lex["spaced_unit_exclusions"]]
    spaced_units += lex["unit_words"]
    word_symbols = [s for s in symbols if s[0].isalpha()]
    sign_symbols = [s for s in symbols if not s[0].isalpha()]
    codes = _alt(lex["currency_codes"])
    approx_before = lex["approximators_before"]
    approx_after = lex["approximators_after"]
    attached = [k for k in approx_after if not k[0].isalpha()]
    spaced = [k for k in approx_after if k[0].isalpha()]
    phone = (  # matched first so that its digit groups are skipped, not read as amounts
        r"(?=[+(0-9])(?<![\w.,])(?P<phone>\+\d{1,3}[\s.-]?\(?\d[\d\s().-]{5,}\d"
        r"|\(?0\d{1,4}\)?[\s.-]\d{3,4}[\s.-]?\d{3,4}"
        r"|\(?\d{3}\)?[\s.-]\d{3}[.-]\d{4})(?![\w])"
    )
    spread = lex["spread_over"]
    return _Rules(
        spread_period=re.compile(rf"\s*(?:{_alt(lex['duration_units'])})\b"
                                 rf"(?!\s+(?:{_alt(spread['after'])})\b)", re.I),
        measured_before=re.compile(rf"\b(?:{_alt(spread['before'])})\s*$", re.I),
        numeral=re.compile(
            f"{phone}|{vague}|{fraction}|{number_words}|{digits}", re.IGNORECASE),
        sign_before=re.compile(
            rf"(?:(?<!\w)(?:{_alt(lex['sign_words'])})[\s-]*|(?P<dash>[-−]))$", re.IGNORECASE),
        unit_after=re.compile(rf"\s*(?:{_alt(spaced_units)})(?![\w-])", re.IGNORECASE),
        currency_before=re.compile(
            rf"(?:(?:{_alt(sign_symbols)})|(?<![A-Za-z])(?:{_alt(word_symbols)}|{codes}))\s?$"
        ),
        currency_after=re.compile(  # not "22 euro cents": the unit is then cents
            rf"\s+(?:{_alt(lex['currency_words'])})\b(?!\s+cents?\b)", re.IGNORECASE),
        code_after=re.compile(rf"\s?(?:{codes})\b"),
        percent_after=re.compile(rf"\s?(?:{_alt(lex['percent_words'])})(?!\w)", re.IGNORECASE),
        clock_after=re.compile(rf"\s?(?:{_alt(lex['clock_words'])})(?!\w)", re.IGNORECASE),
        approx_before=re.compile(
            rf"(?:(?<!\w)(?P<a>{_alt(k for k in approx_before if k[0].isalpha())})"
            rf"|(?P<s>{_alt(k for k in approx_before if not k[0].isalpha())}))\s*$",
            re.IGNORECASE,
        ),
        approx_after=re.compile(
            rf"(?:\s*(?P<a1>{_alt(attached)})|\s+(?P<a2>{_alt(spaced)}))(?!\w)", re.IGNORECASE
        ),
        number_words=words,
        scale_words=scales,
        magnitudes=lex["magnitude_suffixes"],
        fractions=fractions,
        vague_plurals=lex["vague_plurals"],
        vague_quantifiers=lex["vague_quantifiers"],
        currency_symbols={_symbol_key(k): v for k, v in symbols.items()},
        currency_words=lex["currency_words"],
        percent_words=lex["percent_words"],
        approximators_before=lex["approximators_before"],
        approximators_after=approx_after,
        attached_units=lex["attached_units"],
        length_adjectives=frozenset(lex["length_adjectives"]),
        duration_units=frozenset(lex["duration_units"]),
        calendar_words=frozenset(lex["calendar_words"]),
        half_blockers=frozenset(lex["half_blockers"]),
        sign_words=frozenset(lex["sign_words"]),
        sign_after_words=frozenset(lex["sign_after_words"]),
        year_prepositions=frozenset(lex["year_prepositions"]),
        # "sub-500", "minus-5": words that may be hyphenated onto a number
        hyphen_prefixes=frozenset(k[:-1] for k in approx_before if k.endswith("-"))
        | frozenset(lex["sign_words"]),
        label_words=frozenset(lex["label_words"]),
        one_before=frozenset(lex["pronoun_one_before"]),
        one_after=frozenset(lex["pronoun_one_after"]),
        compound_blacklist=frozenset(lex["compound_blacklist"]),
        score_words=frozenset(lex["score_words"]),
        change_verbs=frozenset(lex["change_verbs"]),
    )


def _symbol_key(symbol: str) -> str:
    return "".join(symbol.split()).upper()


def _key(phrase: str) -> str:
    """Lexicon key for a matched phrase: lower case, single spaces."""
    return " ".join(phrase.lower().split())


class _Tokens:
    """Character offset -> token lookups over one Doc (built on first use)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._starts: list[int] | None = None

    def _index(self, char: int) -> int:
        if self._starts is None:
            self._starts = self.doc.to_array("IDX").tolist()
        return bisect_right(self._starts, char) - 1

    def at(self, char: int) -> Token:
        """The token that contains ``char``."""
        return self.doc[max(self._index(char), 0)]

    def after(self, char: int) -> Token | None:
        """The first non-space token that starts at or after ``char``."""
        i = self._index(char)
        doc = self.doc
        if i < 0 or doc[i].idx < char:
            i += 1
        while i < len(doc) and doc[i].is_space:
            i += 1
        return doc[i] if i < len(doc) else None

    def before(self, char: int) -> Token | None:
        """The last non-space token that ends at or before ``char``."""
        i = self._index(char - 1) if char > 0 else -1
        doc = self.doc
        while i >= 0 and (doc[i].is_space or doc[i].idx + len(doc[i]) > char):
            i -= 1
        return doc[i] if i >= 0 else None


@dataclass
class _Cand:
    """A quantity being read: offsets grow as context words are attached."""

    start: int
    end: int
    num_start: int
    num_end: int
    kind: str  # "digits", "words", "vague" or "range"
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    raw: Decimal | None = None  # value before a magnitude word was applied
    magnitude: Decimal | None = None
    approx: str = "exact"
    unit: str | None = None
    currency: str | None = None
    percent: bool = False
    year_like: bool = False
    integer_literal: bool = False  # plain digits: no grouping, decimals or magnitude
    drop: bool = False


def _number(text: str) -> Decimal | None:
    cleaned = re.sub(r"[,\s\u00a0\u2009\u202f]", "", text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _word_value(phrase: str, rules: _Rules) -> tuple[Decimal, int, Decimal | None] | None:
    """Value of a number-word phrase, how many characters of it were used, and the scale
    word it ends with ("five thousand" -> 1000), which a range may share.

    Stops before a word that cannot continue the number ("three and four" reads "three").
    """
    total, current = Decimal(0), Decimal(0)
    used, last_scale = 0, Decimal(0)
    ending_scale: Decimal | None = None
    tokens = list(re.finditer(r"[A-Za-z]+", phrase))
    i = 0
    while i < len(tokens):
        word = tokens[i].group().lower()
        if word == "and":
            nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            prev = tokens[i - 1].group().lower() if i else ""
            after = tokens[i + 2].group().lower() if i + 2 < len(tokens) else ""
            if nxt == "a" and after == "half" and current:  # "two and a half"
                current += Decimal("0.5")
                used, i = tokens[i + 2].end(), i + 3
                continue
            if prev in _BIG_SCALES and nxt in rules.number_words:
                i += 1
                continue
            break
        if word in ("a", "an"):
            current = current or Decimal(1)
        elif word == "half":
            current = Decimal("0.5") if not current else current + Decimal("0.5")
        elif word in rules.number_words:
            n = Decimal(rules.number_words[word])
            small = current % 100
            if current and not ((small == 0 and n < 100) or (small % 10 == 0 and small and n < 10)):
                break
            current += n
        elif word in rules.scale_words:
            scale = Decimal(rules.scale_words[word])
            if word in ("hundred", "dozen"):
                current = (current or Decimal(1)) * scale
            elif current == 0 and total and scale > last_scale:
                total *= scale  # "ten thousand million"
            else:
                total += (current or Decimal(1)) * scale
                current = Decimal(0)
            last_scale = scale
        else:
            break
        used = tokens[i].end()
        ending_scale = Decimal(rules.scale_words[word]) if word in rules.scale_words else None
        i += 1
    if not used:
        return None
    return total + current, used, ending_scale


def _to_number(value: Decimal | None) -> float | None:
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def _read_numeral(m: re.Match[str], text: str, rules: _Rules, tokens: _Tokens) -> _Cand | None:
    """The numeral itself plus what is written right next to it (currency, %, magnitude)."""
    if m.group("phone") is not None:
        return None
    if m.group("vague") is not None:
        return _read_vague(m, text, rules)
    if m.group("frac1") is not None:
        return _read_fraction(m, text, rules)
    if m.group("words") is not None:
        c = _read_words(m, text, rules)
    else:
        c = _read_digits(m, text, rules, tokens)
    if c is None:
        return None
    sign = rules.sign_before.search(text, max(0, c.num_start - 12), c.num_start)
    if sign and sign.group("dash") and not _dash_is_sign(text, sign.start(), rules):
        sign = None
    if sign and c.value is not None:
        c.value, c.raw = -c.value, -(c.raw or Decimal(0))
        c.start = c.num_start = sign.start()
        c.integer_literal = c.year_like = False
    _read_currency_and_percent(c, text, rules)
    return c


def _dash_is_sign(text: str, pos: int, rules: _Rules) -> bool:
    """Whether the dash at ``pos`` is a minus: "fell to -5%", "(-3)", not "COVID -19"."""
    before = text[max(0, pos - 20):pos].rstrip()
    if not before or before[-1] in "(<>=≤≥~:\n":
        return True  # "(-3)", "<= -30"
    return before[-1].isalpha() and text[pos - 1].isspace() and (
        _preceding_word(text, pos) in rules.sign_after_words)


def _read_fraction(m: re.Match[str], text: str, rules: _Rules) -> _Cand | None:
    phrase = m.group("frac1").lower()
    if phrase == "half":
        if _preceding_word(text, m.start()) in rules.half_blockers:
            return None  # "the first half of the year"
        value = Decimal("0.5")
    else:
        value = 1 / Decimal(rules.fractions[re.split(r"[\s-]+", phrase)[-1]])
    return _Cand(m.start(), m.end(), m.start(), m.end(), "words", value=value, raw=value)


def _read_words(m: re.Match[str], text: str, rules: _Rules) -> _Cand | None:
    parsed = _word_value(m.group("words"), rules)
    if parsed is None:
        return None
    value, used, scale = parsed
    end = m.start("words") + used
    frac = m.group("frac")
    if frac and used == len(m.group("words")):
        if not 0 < value < 20 or value % 1:
            return None  # "twenty-fifth": an ordinal
        # "two quarters" may be periods of a year; "three-quarters", "two quarters of" are parts
        if frac.lower() not in ("quarter", "quarters") or "-" in text[end:m.start("frac")] or (
            _OF.match(text, m.end("frac"))
        ):
            value = value / Decimal(rules.fractions[frac.lower()])
            end, scale = m.end("frac"), None
    c = _Cand(m.start(), end, m.start(), end, "words", value=value, raw=value)
    if scale is not None and value >= scale:
        c.magnitude, c.raw = scale, value / scale
    return c


_OF = re.compile(r"\s+of\b", re.IGNORECASE)


def _read_vague(m: re.Match[str], text: str, rules: _Rules) -> _Cand | None:
    c = _Cand(m.start(), m.end(), m.start(), m.end(), "vague", approx="vague")
    if m.group("vq"):
        low, high = rules.vague_quantifiers[_key(m.group("vq"))]
        scale = Decimal(rules.scale_words[m.group("vs").lower()])
        if m.group("vs2"):
            scale *= Decimal(rules.scale_words[m.group("vs2").lower()])
        c.low, c.high = low * scale, high * scale
        return c
    scale = Decimal(rules.vague_plurals[m.group("vp").lower()])
    if m.group("vp1"):
        scale *= Decimal(rules.vague_plurals[m.group("vp1").lower()])
    elif m.group("vp").lower() == "scores" and not _OF.match(text, m.end()):
        return None  # "scores" alone is usually goals or results
    c.low, c.high = scale, scale * 10
    return c


_HYPHENATED_CODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]+)-$")


def _read_digits(m: re.Match[str], text: str, rules: _Rules, tokens: _Tokens) -> _Cand | None:
    literal = m.group("digits")
    start = m.start("digits")
    if re.match(r"0\d", literal):  # "007", "0800 ...": codes, not amounts
        return None
    code = _HYPHENATED_CODE.search(text, max(0, start - 12), start)
    if code and code.group(1).lower() not in rules.hyphen_prefixes:
        return None  # "Covid-19", "F-35"; but "minus-5", "sub-500"
    value = _number(literal)
    if value is None:
        return None
    c = _Cand(start, m.end(), start, m.end(), "digits", value=value, raw=value)
    c.integer_literal = literal.isdigit()
    c.year_like = c.integer_literal and len(literal) == 4 and 1000 <= value <= 2100
    suffix = m.group("suffix")
    if suffix:
        low_suffix = suffix.lower()
        if low_suffix == "m" and not _m_is_million(c, suffix, text, rules, tokens):
            c.unit = "m"
        elif low_suffix in rules.magnitudes:
            c.magnitude = Decimal(rules.magnitudes[low_suffix])
        elif low_suffix in rules.percent_words:
            c.percent, c.unit = True, rules.percent_words[low_suffix]
        elif low_suffix in rules.attached_units:
            c.unit = rules.attached_units[low_suffix]
        elif suffix.startswith("°"):
            c.unit = "°" + suffix[1:].strip()
        else:
            return None  # "3rd", "1990s", "4G", "9am"
        c.integer_literal = c.year_like = False
    if m.group("dscale"):
        c.magnitude = Decimal(1)
        for word in m.group("dscale").lower().split():
            scale = rules.scale_words.get(word.removesuffix("s")) or rules.magnitudes[word]
            c.magnitude *= Decimal(scale)
        c.integer_literal = c.year_like = False
    if c.magnitude is not None:
        c.value = value * c.magnitude
    return c


def _m_is_million(c: _Cand, suffix: str, text: str, rules: _Rules, tokens: _Tokens) -> bool:
    """Whether "35m" is 35 million rather than 35 metres."""
    if suffix == "M" or rules.currency_before.search(text, max(0, c.num_start - 5), c.num_start):
        return True
    nxt = tokens.after(c.end)
    if nxt is None or nxt.lower_ in rules.length_adjectives:
        return False
    if nxt.lower_ == "of":
        return True  # "35m of its devices"
    # "35m Echo devices" count millions; "a 100m sprint", "the 800m and" are distances.
    doc, head = tokens.doc, None
    for t in doc[nxt.i:min(nxt.i + 4, len(doc))]:
        if t.pos_ not in _NOUNISH and t.pos_ != "ADJ" or t.lower_ in rules.length_adjectives:
            break
        if t.pos_ in _NOUNISH:
            head = t
    if head is not None:
        return head.tag_ in _PLURAL_TAGS
    return c.value is not None and c.value % 1 != 0  # "2.7m combined sales"


def _read_currency_and_percent(c: _Cand, text: str, rules: _Rules) -> None:
    before = rules.currency_before.search(text, max(0, c.num_start - 6), c.num_start)
    if before:
        symbol = before.group().strip()
        c.currency = rules.currency_symbols.get(_symbol_key(symbol), symbol.upper())
        c.start = before.start()
    pct = None if c.percent else rules.percent_after.match(text, c.num_end)
    if pct:
        c.percent = True
        c.unit = rules.percent_words[_key(pct.group())]
        c.num_end = c.end = pct.end()
    elif not c.currency and not c.percent:
        after = rules.currency_after.match(text, c.num_end) or rules.code_after.match(
            text, c.num_end
        )
        if after:
            word = _key(after.group())
            c.currency = rules.currency_words.get(word, word.upper())
            c.num_end = c.end = after.end()
    if c.currency:
        c.unit = c.currency
        c.integer_literal = c.year_like = False
    if c.percent:
        c.integer_literal = c.year_like = False
    if not c.currency and not c.percent and rules.clock_after.match(text, c.num_end):
        c.drop = True  # "3pm", "0900 GMT"


def _preceding_words(text: str, pos: int, n: int = 1) -> list[str]:
    """The ``n`` words before ``pos``, nearest first, lower case."""
    words = re.findall(r"[A-Za-z]+", text[max(0, pos - 12 * n):pos])
    return [w.lower() for w in reversed(words[-n:])]


def _preceding_word(text: str, pos: int) -> str:
    words = _preceding_words(text, pos)
    return words[0] if words else ""


def _join_ranges(cands: list[_Cand], text: str, rules: _Rules) -> list[_Cand]:
    """Merge "300-400", "between 300 and 400", "from 5 to 10" into one range each."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if b is not None and not a.drop and not b.drop:
            merged = _range(a, b, text, rules)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_SCORE_AFTER = re.compile(r"\s*\(?\d{1,2}-\d{1,2}\b")
_SCORE_BEFORE = re.compile(r"\b\d{1,2}-\d{1,2}\)?\s*\(?$")
_CONNECTOR = re.compile(r"\s*(-|–|—|to|and|through|until|till)\s*", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"(?<!\w)(between|from)\s+$", re.IGNORECASE)


def _range(a: _Cand, b: _Cand, text: str, rules: _Rules) -> _Cand | None:
    gap = _CONNECTOR.fullmatch(text, a.num_end, b.start)
    if gap is None or "vague" in (a.kind, b.kind) or a.value is None or b.value is None:
        return None
    connector = gap.group(1).lower()
    hyphen = connector in ("-", "–", "—")
    lead = _RANGE_LEAD.search(text, max(0, a.start - 10), a.start)
    if connector == "and" and not (lead and lead.group(1).lower() == "between"):
        return None
    years = a.year_like and b.year_like  # "between 2014 and 2017" or "1000 to 2000 hires"
    if a.year_like and not years:
        if hyphen and b.value < 100:
            a.drop = b.drop = True  # "the 2014-15 season"
            return None
        if not b.integer_literal:
            return None  # "in 2018 to 3.9 million headsets"
    if a.currency and b.currency and a.currency != b.currency or a.percent and not b.percent:
        return None
    low, high = a.value, b.value
    shared_magnitude = (
        b.magnitude is not None and a.magnitude is None and a.raw is not None
        and b.raw is not None and a.raw <= b.raw
    )
    if shared_magnitude:
        low = a.raw * b.magnitude  # type: ignore[operator]  # "between 5 and 10 million"
    if not hyphen and connector != "and" and (a.unit or a.currency) and not shared_magnitude:
        anchor = lead.start() if lead else a.start
        before = _preceding_words(text, anchor, 3)
        if before[:1] == ["by"] or rules.change_verbs.intersection(before):
            return None  # "rose from 5% to 10%", "up by $3bn to $40bn": two values
    if hyphen and a.integer_literal and b.integer_literal and (
        low >= high
        or _next_word(text, b.num_end) in rules.score_words
        or _SCORE_AFTER.match(text, b.num_end)
        or _SCORE_BEFORE.search(text, max(0, a.start - 10), a.start)
    ):
        a.drop = b.drop = True  # "a 3-1 win", "2-2 on aggregate", "4-6 7-6 (7-3) 6-0"
        return None
    if low >= high:
        return None
    currency = a.currency or b.currency
    return _Cand(
        lead.start() if lead else a.start, b.end, a.num_start, b.num_end, "range", low=low,
        high=high, approx="range", unit=currency or b.unit or a.unit, currency=currency,
        percent=b.percent, year_like=years,
    )


_LOWER_BOUNDS = frozenset({"more_than", "at_least"})
_UPPER_BOUNDS = frozenset({"less_than", "up_to"})
_BOUND_JOIN = re.compile(r"\s*,?\s*(?:and|but)\s*", re.IGNORECASE)


def _join_bounds(cands: list[_Cand], text: str) -> list[_Cand]:
    """Merge "more than 100 and fewer than 300" into one range."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None and not prev.drop and not c.drop
            and prev.value is not None and c.value is not None
            and {prev.approx, c.approx} & _LOWER_BOUNDS and {prev.approx, c.approx} & _UPPER_BOUNDS
            and _BOUND_JOIN.fullmatch(text, prev.end, c.start)
            and prev.unit in (None, c.unit) and prev.currency in (None, c.currency)
        ):
            low, high = (prev.value, c.value) if prev.approx in _LOWER_BOUNDS else (
                c.value, prev.value)
            if low < high:  # "more than 40 and less than 10" is no range
                out[-1] = _Cand(
                    prev.start, c.end, prev.num_start, c.num_end, "range", low=low, high=high,
                    approx="range", unit=c.unit, currency=c.currency, percent=c.percent,
                )
                continue
        out.append(c)
    return out


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\W{0,3}([A-Za-z]+)", text[pos:pos + 40])
    return m.group(1).lower() if m else ""


# A figure joined to its unit by a hyphen and followed by a noun describes that noun
# ('6.8 million-mark fraud', '500-job cut').
_ADJECTIVAL = re.compile(r"-[^\W\d_]+\s+[^\W\d_]")


def _spread_over(text: str, over: int, c: _Cand, rules: _Rules) -> bool:
    """'cut 1,500 jobs over 18 months': a period the figure is spread over, not more than
    it (``quantities.json``, ``spread_over``)."""
    return bool(rules.spread_period.match(text, c.num_end)) \
        and not rules.measured_before.search(text, max(0, over - 20), over)


def _read_approximator(c: _Cand, text: str, rules: _Rules) -> None:
    after = rules.approx_after.match(text, c.num_end)
    if after and c.kind != "vague":
        phrase = after.group("a1") or after.group("a2")
        if phrase != "+" or not re.match(r"\s*\d", text[after.end():after.end() + 3]):
            if c.approx == "exact":
                c.approx = rules.approximators_after[_key(phrase)]
            c.num_end = c.end = after.end()
    if c.kind in ("vague", "range"):
        return
    before = rules.approx_before.search(text, max(0, c.start - 30), c.start)
    if before and _key(before.group("a") or "") == "over" and (
            _ADJECTIVAL.match(text, c.num_end) or _spread_over(text, before.start(), c, rules)):
        return  # 'charged over a 6.8 million-mark fraud', 'cut jobs over 18 months'
    if before:
        approx = rules.approximators_before[_key(before.group("a") or before.group("s"))]
        if c.approx == "exact" or approx != "about":  # "about 500 or more": at least 500
            c.approx = approx
        c.start = before.start()


def _read_approximator_after_unit(c: _Cand, text: str, rules: _Rules) -> None:
    """A spelled-out approximator after the counted thing: "7,000 steps or more a day",
    "three months or more", "50 people or so" (not "or more than", "or so of")."""
    if c.unit is None or c.approx != "exact" or c.kind in ("vague", "range"):
        return
    after = rules.approx_after.match(text, c.end)
    phrase = after and after.group("a2")
    if phrase and not re.match(r"\s+(?:than|of)\b", text[after.end():after.end() + 8]):
        c.approx = rules.approximators_after[_key(phrase)]
        c.end = after.end()


_COUNT_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass(frozen=True)
class _Around:
    """What surrounds a numeral, read once for the exclusion rules."""

    tok: Token  # the numeral's first token
    prev: Token | None  # the token before the quantity (approximator and currency included)
    nxt: Token | None  # the token after the numeral
    noun_next: bool  # a common noun follows: "16 inch", "9 citizen"
    unit_next: bool  # a plural noun or a known unit follows: "2000 people", "1520 sq m"
    known_unit_next: bool
    counted: bool  # money, a percentage or an approximator makes it an amount


def _excluded(c: _Cand, text: str, tokens: _Tokens, rules: _Rules) -> bool:
    """Whether the numeral is a date, time, label, name or pronoun rather than an amount."""
    if c.drop:
        return True
    if c.kind == "vague":
        return False
    nxt = tokens.after(c.num_end)
    word_next = nxt is not None and _is_word(nxt)
    known_unit_next = rules.unit_after.match(text, c.num_end) is not None
    around = _Around(
        tok=tokens.at(c.num_start), prev=tokens.before(c.start), nxt=nxt,
        noun_next=word_next and nxt is not None and nxt.tag_ in ("NN", "NNS"),
        unit_next=known_unit_next or word_next and nxt is not None and nxt.tag_ in _PLURAL_TAGS,
        known_unit_next=known_unit_next,
        counted=bool(c.currency or c.percent or c.approx not in ("exact", "range")),
    )
    return (
        _is_date(c, text, around, rules)
        or _is_name_or_label(c, text, around, rules)
        or _is_pronoun(c, text, around, rules)
    )


def _is_date(c: _Cand, text: str, a: _Around, rules: _Rules) -> bool:
    """Years, days of the month and clock times ("in 2024", "5 March", "at 9")."""
    ent = a.tok.ent_type_
    if c.year_like and not a.counted and not a.known_unit_next and (
        ent == "DATE"
        or not a.unit_next and (
            ent not in _COUNT_ENTS or _preceding_word(text, c.start) in rules.year_prepositions)
        or _POSSESSIVE.match(text, c.num_end)
    ):
        return True  # "in 2024", "by 2120", "2022's market rout"; not "2000 people"
    if not c.currency and not c.percent:
        for near in (a.prev, a.nxt):
            if near is not None and near.text[0].isupper() and _calendar(near, rules):
                return True  # "5 March", "Sept. 20-24"
    if ent not in ("DATE", "TIME") or a.known_unit_next or _is_duration(text, c.num_end, rules):
        return False  # durations ("three years", "10-year-old") are amounts
    if c.year_like:
        return True
    if ent == "TIME":
        # "at 9" is a time; "at 9 ksi" a measure the tagger took for one
        return a.nxt is None or a.nxt.ent_type_ == "TIME" or not a.noun_next
    doc = a.tok.doc
    window = doc[max(a.tok.i - 3, 0):a.tok.i + 4]
    return any(t.ent_type_ == ent and _calendar(t, rules) for t in window)


def _is_name_or_label(c: _Cand, text: str, a: _Around, rules: _Rules) -> bool:
    """Numbers that name or label something: "Apollo 11", "Article 50", "S&P 500", "(4)"."""
    plain = c.kind == "words" or c.integer_literal
    if a.tok.ent_type_ in _NAME_ENTS and plain and not a.counted and c.unit is None:
        if not a.unit_next:
            return True
    simple = c.kind in ("words", "digits") and c.magnitude is None and not a.counted
    if not simple or a.prev is None or a.unit_next:
        return False
    if a.prev.lower_ in rules.label_words:
        return True  # "Article 50", "day one"
    if a.prev.tag_ in ("NNP", "NNPS") and not a.noun_next and plain:
        return True  # "S&P 500 gained", "BBC One"
    # "Dak Prescott (4)", "Scotland (8)": a shirt number, seed or list label
    return text[c.start - 1:c.start] == "(" and text[c.num_end:c.num_end + 1] == ")"


def _is_pronoun(c: _Cand, text: str, a: _Around, rules: _Rules) -> bool:
    """"one" as a pronoun: "no one", "the one", "one another", "one 52,000 ... refinery"."""
    if c.kind != "words" or text[c.num_start:c.num_end].lower() != "one":
        return False
    if a.prev is not None and a.prev.lower_ in rules.one_before:
        return True
    return a.nxt is not None and (a.nxt.lower_ in rules.one_after or a.nxt.like_num)


_POSSESSIVE = re.compile(r"['’′]s\b")


def _is_word(t: Token) -> bool:
    """A token made of letters (and hyphens or dots), not a number or symbol."""
    return t.text.replace("-", "").replace(".", "").isalpha()


def _calendar(t: Token, rules: _Rules) -> bool:
    return t.lower_.replace(".", "") in rules.calendar_words


_WORD_AFTER = re.compile(r"[\s-]*([A-Za-z]+)")


def _is_duration(text: str, pos: int, rules: _Rules) -> bool:
    m = _WORD_AFTER.match(text, pos)
    return m is not None and m.group(1).lower() in rules.duration_units


def _read_unit(c: _Cand, text: str, tokens: _Tokens, rules: _Rules) -> None:
    """Attach the unit or counted noun phrase that follows the number, then a rate."""
    if c.unit is None:
        _read_counted(c, text, tokens, rules)
    if c.unit is not None and not c.drop:
        _read_rate(c, text, tokens)


def _read_counted(c: _Cand, text: str, tokens: _Tokens, rules: _Rules) -> None:
    pos = c.num_end
    hyphen = re.match(r"-([A-Za-z]+(?:-[A-Za-z]+)*)", text[pos:pos + 40])
    if hyphen:
        first = hyphen.group(1).split("-")[0].lower()
        if first in rules.compound_blacklist:
            c.drop = True  # "one-off", "two-way"
            return
        if first != "strong":
            c.unit = hyphen.group(1)
            c.end = max(c.end, pos + hyphen.end())
            return
        pos += hyphen.end()  # "a 30,000-strong force": the force is counted
    known = rules.unit_after.match(text, pos)
    if known:
        c.unit = known.group().strip()  # "784 HP", "450 sq ft": whatever the tagger made of it
        c.end = max(c.end, known.end())
        return
    phrase = _noun_phrase(c, text, pos, tokens)
    if phrase is None:
        return
    if phrase.proper and c.kind in ("digits", "range") and c.approx in ("exact", "range") and (
        c.integer_literal or c.kind == "range"
    ):
        c.drop = True  # "575 Wilbraham Road", "787 Dreamliner": an address or a model
        return
    if phrase.proper and phrase.words == 1:
        return  # one name ("dozens of Kia and ..."), not a counted object
    c.unit = text[phrase.start:phrase.end]
    c.end = max(c.end, phrase.end)


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    words: int
    proper: bool  # only proper nouns: a name or an address rather than a counted object


_NOT_RATES = frozenset({"ago", "earlier", "later", "before", "after", "previously"})


def _read_rate(c: _Cand, text: str, tokens: _Tokens) -> None:
    """Extend the unit with a rate: "$52 a barrel" -> "USD per barrel", "barrels per day"."""
    t = tokens.after(c.end)
    if t is None or text[c.end:t.idx].strip() or t.lower_ not in ("per", "a", "an", "each"):
        return
    doc = tokens.doc
    if t.i + 1 >= len(doc):
        return
    noun = doc[t.i + 1]
    if noun.tag_ != "NN" or not _is_word(noun) or noun.lower_ == "cent":
        return
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if after is not None and (after.pos_ in _NOUNISH or after.lower_ in _NOT_RATES):
        return  # "a year ago", "a barrel price"
    c.unit = f"{c.unit} per {noun.text}"
    c.end = noun.idx + len(noun.text)


def _noun_phrase(c: _Cand, text: str, pos: int, tokens: _Tokens) -> _Phrase | None:
    """The noun phrase right after ``pos`` ("reservists", "of its Echo devices" -> "Echo
    devices", "barrels of oil"), if any."""
    doc = tokens.doc
    first = tokens.after(pos)
    if first is None or text[pos:first.idx].strip():
        return None
    i = first.i
    partitive = first.lower_ == "of"
    if partitive:
        i += 1
        while i < len(doc) and i - first.i <= 2 and doc[i].tag_ in ("DT", "PRP$", "PDT"):
            i += 1
    own_ent = tokens.at(c.num_start).ent_type_
    words = _nominal(doc, i, own_ent)
    if not words:
        return None
    end = words[-1]
    nxt = end.i + 1
    if not partitive and nxt + 1 < len(doc) and doc[nxt].lower_ == "of":
        tail = _nominal(doc, nxt + 1, own_ent)  # "barrels of oil", "categories of products"
        if tail:
            end = tail[-1]
    proper = all(w.tag_ in ("NNP", "HYPH") for w in words)
    return _Phrase(words[0].idx, end.idx + len(end.text), len(words), proper)


def _nominal(doc: Doc, i: int, own_ent: str) -> list[Token]:
    """Adjectives and nouns from token ``i`` up to the last noun (at most five tokens)."""
    words: list[Token] = []
    j = i
    while j < len(doc) and len(words) < 5:
        t = doc[j]
        if j > i and t.is_sent_start:
            break
        if t.ent_type_ in ("DATE", "TIME") and t.ent_type_ != own_ent:
            break  # "$2.3bn last year": the date is not what is counted
        if _is_word(t) and (t.pos_ in _NOUNISH or t.pos_ == "ADJ"):
            words.append(t)
        elif (t.tag_ == "HYPH" or t.text == "-") and words and not t.whitespace_ \
                and not doc[j - 1].whitespace_:  # "e-bikes", tagged a noun at times
            words.append(t)
        else:
            break
        j += 1
    while words and words[-1].pos_ not in _NOUNISH:
        words.pop()
    return words


def _doc_text(doc: Doc) -> str:
    """The Doc's text; the Document's copy when it is the same, since Doc.text is rebuilt
    from every token on each access."""
    document = doc._.document if Doc.has_extension("document") else None
    text = getattr(document, "text", None)
    if isinstance(text, str) and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity stated in ``doc``, in text order. Needs tagger, parser and NER."""
    text = _doc_text(doc)
    rules = _rules()
    tokens = _Tokens(doc)
    cands: list[_Cand] = []
    pos = 0
    while (m := rules.numeral.search(text, pos)) is not None:
        c = _read_numeral(m, text, rules, tokens)
        if c is not None:
            cands.append(c)
        # Rescan after what was used: "three and four" reads "three", then "four".
        pos = max(c.num_end if c is not None else m.end(), m.start() + 1)
    if not cands:
        return []
    cands = _join_ranges(cands, text, rules)
    for c in cands:
        _read_approximator(c, text, rules)
    found: list[Quantity] = []
    last_end = 0
    for c in _join_bounds(cands, text):
        if c.num_start < last_end:
            continue  # already read as part of the previous quantity's unit
        if _excluded(c, text, tokens, rules):
            continue
        _read_unit(c, text, tokens, rules)
        if c.drop:
            continue
        _read_approximator_after_unit(c, text, rules)
        last_end = c.end
        approx: Approx = c.approx  # type: ignore[assignment]
        found.append(Quantity(
            text=text[c.start:c.end], value=_to_number(c.value), span=(c.start, c.end),
            low=_to_number(c.low), high=_to_number(c.high), unit=c.unit, approx=approx,
        ))
    return found


@Language.factory("claimgraph_quantities", assigns=["doc._.quantities"])
def make_component(nlp: Language, name: str) -> Any:
    """spaCy component writing :func:`find_quantities` to ``doc._.quantities``."""

    def component(doc: Doc) -> Doc:
        doc._.quantities = find_quantities(doc)
        return doc

    return component
