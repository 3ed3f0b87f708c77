"""Text normalisation shared by the linking steps: terms, names, numbers, sentences.

Everything here works on plain strings so that fingerprints can be built from a stored
record without loading a spaCy model.

Words are letters and digits of any script: a Cyrillic or Greek report must have words, or
its MinHash is empty and it cannot be told apart from any other document without words.
Words and names are compared NFKC-normalised and casefolded, so "Gdan\u0301sk" (a combining
accent) meets "Gdańsk" and "STRASSE" meets "straße".
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..extract import lemmas
from . import concepts

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Letters of scripts written without spaces between words (kana, han): each is a word of its
# own, so that shingles are character trigrams there rather than whole clauses.
UNSPACED = (
    "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"  # kana, not the middle dot
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # han
)
CACHED_TEXT = 2000  # texts up to this length (statements, sentences) are read once
INNER_MARKS = "'’\\-"  # inside a word, as in "Kovac's" or "Kręglewska-Ożarowska"
# No uppercase letter or combining mark lies in planes 2-13 (Unicode 15), so these suffice.
_SCANNED = (range(0x20000), range(0xE0000, min(0xE1000, sys.maxunicode + 1)))


@cache
def char_class(categories: frozenset[str]) -> str:
    """The body of a regex character class for the Unicode general ``categories``.

    Python's ``re`` has no ``\\p{...}``; the class is built on first use, not at import.
    """
    ranges: list[tuple[int, int]] = []
    for block in _SCANNED:
        for cp in block:
            if unicodedata.category(chr(cp)) not in categories:
                continue
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


def _marks() -> str:
    return char_class(frozenset({"Mn", "Mc", "Me"}))


def _upper() -> str:
    return char_class(frozenset({"Lu", "Lt"}))


def _lower() -> str:
    return char_class(frozenset({"Ll", "Lm"})) + _marks()


@cache
def word_pattern() -> re.Pattern[str]:
    """A word: one character of an unspaced script, or letters and digits of any other script
    (``\\w`` less underscore) with their combining marks and inner apostrophes or hyphens."""
    letter = rf"[^\W_{UNSPACED}]"
    return re.compile(
        rf"{letter}+(?:[{_marks()}]+{letter}*|[{INNER_MARKS}]+{letter}+)*|[{UNSPACED}]"
    )


@cache
def capitalised_pattern() -> re.Pattern[str]:
    """Runs of capitalised words, in any cased script: "Zofia Kręglewska", "Аркадий Соломатин"."""
    word = rf"[{_upper()}][{_lower()}'’]+"
    return re.compile(rf"\b{word}(?:[- ]{word})*")


@cache
def sentence_end_pattern() -> re.Pattern[str]:
    """A sentence break: end punctuation before a capital or digit, or a blank line."""
    return re.compile(
        rf"(?<=[.!?])[\"'”’»)]*\s+(?=[\"'“‘«„(]?[{_upper()}0-9])|\n\s*\n"
    )


def normalise(text: str) -> str:
    """NFKC: one spelling for composed and decomposed accents, full-width letters, ligatures."""
    return unicodedata.normalize("NFKC", text)


def fold(word: str) -> str:
    """The caseless form words are compared in: ``casefold`` rather than ``lower``, so that
    "STRASSE" meets "straße" and a word-final Greek sigma meets a medial one."""
    return word.casefold()


@cache
def lexicon(name: str) -> dict[str, Any]:
    """A JSON lexicon from ``claimgraph/data/lexicons``."""
    path = resources.files("claimgraph") / "data" / "lexicons" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words and those of the lemmatised languages (Russian, Ukrainian,
    Bulgarian): no word of one is a word of the other, so one set serves all."""
    from spacy.lang.bg.stop_words import STOP_WORDS as BG
    from spacy.lang.en.stop_words import STOP_WORDS  # here: spaCy loads only when words do
    from spacy.lang.ru.stop_words import STOP_WORDS as RU
    from spacy.lang.uk.stop_words import STOP_WORDS as UK

    data = lexicon("linking")
    return (
        frozenset(STOP_WORDS)
        | frozenset(data["stopwords_extra"])
        | frozenset(data["calendar_words"])
        | frozenset(RU) | frozenset(UK) | frozenset(BG)
    )


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return frozenset(lexicon("linking")["speaker_titles"])


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "guarding"/"guard", "Aldorian"/"Aldoria".

    A word outside the Latin script (a Cyrillic name, "Журавлёва") becomes its concept
    ("Министерства" -> ``ministry``) or its name key (``~zrvlv``), so that names meet across
    inflections, spellings and scripts (:mod:`claimgraph.link.concepts`)."""
    if concepts.script_word(word):
        found = concepts.word_concepts(word)
        return found[0] if found else concepts.name_key(word)
    w = fold(word).replace("’", "'")
    w = w.removesuffix("'s")
    w = w.strip("'-")
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied") or len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif (
        len(w) > 4
        and w.endswith("ed")
        or len(w) > 4
        and w.endswith(("ches", "shes", "sses", "xes"))
    ):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ian"):
        w = w[:-1]  # demonym to place: "aldorian" -> "aldoria"
    return w


def words(text: str) -> list[str]:
    """The words of ``text``, NFKC-normalised but in their own case."""
    return word_pattern().findall(normalise(text))


def terms(text: str, language: str | None = None) -> Counter[str]:
    """Content-word stems of ``text`` with counts; stop words and numbers left out.

    In Russian, Ukrainian and Bulgarian (``language``) a word is its lemma, or its concept
    when the concept table lists it; a capitalised word inside a sentence is a name and
    gets its :func:`stem` (a name key), as :func:`names` gives it."""
    language = language if concepts.lemmatised(language) else None
    if len(text) > CACHED_TEXT:
        return Counter(dict(_terms(text, language)))
    return Counter(dict(_cached_terms(text, language)))


@lru_cache(maxsize=16384)
def _cached_terms(text: str, language: str | None) -> tuple[tuple[str, int], ...]:
    """:func:`terms` once per sentence: a story's re-reports repeat their sources' words."""
    return _terms(text, language)


def _terms(text: str, language: str | None) -> tuple[tuple[str, int], ...]:
    if language is not None:
        return tuple(_lemma_terms(normalise(text), language).items())
    stop = stopwords()
    out: Counter[str] = Counter()
    for w in words(text):
        lw = fold(w)
        if lw in stop or len(lw) < 3:
            continue
        for part in lw.split("-"):
            if len(part) >= 3 and part not in stop and _has_letter(part):
                out[stem(part)] += 1
    return tuple(out.items())


@cache
def _news_words(language: str) -> frozenset[str]:
    """Lemmas that carry no story identity in ``language``, as "said" and "Tuesday" in
    English: the reporting verbs, months and weekdays of its extraction lexicons."""
    from ..extract.slavic.words import cue_verbs, part

    dates = part("dates", language)
    forms = [*dates["months"], *(w for day in dates["weekdays"] for w in day)]
    return frozenset(cue_verbs(language)) | {lemmas.lemma(w, language) for w in forms}


def _lemma_terms(text: str, language: str) -> Counter[str]:
    stop = stopwords() | _news_words(language)
    out: Counter[str] = Counter()
    for m in word_pattern().finditer(text):
        w = m.group()
        lw = fold(w)
        if lw in stop or len(lw) < 3 or not _has_letter(lw):
            continue
        if w[0].isupper() and not _at_sentence_start(text, m.start()):
            out[stem(w)] += 1
            continue
        lemma = lemmas.lemma(w, language)
        if lemma in stop:
            continue
        for key in concepts.lemma_concepts(lemma, language) or (lemma,):
            out[key] += 1
    return out


def unit_words(unit: str, language: str | None = None) -> list[str]:
    """The words of a quantity's unit as linking compares them: English stems; in a
    lemmatised language each word's concept, else its lemma ("военнослужащих" -> ``troops``)."""
    if not concepts.lemmatised(language):
        return [stem(w) for w in words(unit)]
    assert language is not None
    out: list[str] = []
    for w in words(unit):
        lemma = lemmas.lemma(w, language)
        out.extend(concepts.lemma_concepts(lemma, language)[:1] or (lemma,))
    return out


def _has_letter(word: str) -> bool:
    """False for "2024" or the "35" of "F-35": figures are matched as numbers, not terms."""
    return any(ch.isalpha() for ch in word)


def names(text: str) -> set[str]:
    """Proper-name phrases: capitalised runs not at a sentence start, as lower-case stems."""
    return set(_names(text) if len(text) > CACHED_TEXT else _cached_names(text))


@lru_cache(maxsize=16384)
def _cached_names(text: str) -> frozenset[str]:
    return _names(text)


def _names(text: str) -> frozenset[str]:
    stop = stopwords()
    out: set[str] = set()
    text = normalise(text)
    for m in capitalised_pattern().finditer(text):
        phrase = [t for t in re.split(r"[- ]", m.group(0)) if t]
        if _at_sentence_start(text, m.start()):
            phrase = phrase[1:]  # the first word may just be capitalised by position
        kept = [stem(t) for t in phrase if fold(t) not in stop and len(t) > 2]
        if kept:
            out.add(" ".join(kept))
            out.update(kept)
    return frozenset(out)


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a quotation (also in guillemets) or a line."""
    before = text[max(0, start - 3) : start]
    return start == 0 or re.search(r"([.!?\"“”«»:]\s*|\n\s*)$", before) is not None


def number_value(digits: str, decimals: str | None = None, scale_word: str | None = None) -> float:
    value = float(digits.replace(",", "") + (("." + decimals) if decimals else ""))
    if scale_word:
        value *= SCALE_WORDS.get(scale_word.lower(), 1)
    return value


def numbers(text: str) -> set[str]:
    """Numbers that identify a story: at least 10, not a year, with any scale word applied."""
    out: set[str] = set()
    for m in NUMBER.finditer(text):
        tail = text[m.end() : m.end() + 12]
        scale = re.match(r"\s*(thousand|million|billion|trillion)\b", tail, re.IGNORECASE)
        value = number_value(m.group(1), m.group(2), scale.group(1) if scale else None)
        plain_year = (
            "," not in m.group(1) and not m.group(2) and 1900 <= value <= 2100 and not scale
        )
        if value >= 10 and not plain_year:
            out.add(format_number(value))
    return out


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@lru_cache(maxsize=65536)
def name_tokens(name: str | None) -> tuple[str, ...]:
    """A speaker or source name as stems, titles and stop words dropped."""
    if not name:
        return ()
    drop = titles() | stopwords()
    return tuple(stem(t) for t in words(name) if fold(t) not in drop and len(t) > 1)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation; good enough to find an unattributed restatement."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in sentence_end_pattern().finditer(text):
        if text[start : m.start()].strip():
            spans.append(_trim(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def set_similarity(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Cosine of two sets: ``|a & b| / sqrt(|a| |b|)``; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def weighted_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two weighted term bags, summed exactly (``math.fsum``): the same whatever
    order the terms came in, so a story never depends on the order of a set."""
    if not a or not b:
        return 0.0
    dot = math.fsum(v * b[k] for k, v in a.items() if k in b)
    na = math.sqrt(math.fsum(v * v for v in a.values()))
    nb = math.sqrt(math.fsum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0
