"""Text normalisation shared by the linking steps: terms, names, numbers, sentences.

Everything here works on plain strings so that fingerprints can be built from a stored
record without loading a spaCy model.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
CAPITALISED = re.compile(r"\b[A-Z][a-z'’]+(?:[- ][A-Z][a-z'’]+)*")
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@cache
def lexicon(name: str) -> dict[str, Any]:
    """A JSON lexicon from ``claimgraph/data/lexicons``."""
    path = resources.files("claimgraph") / "data" / "lexicons" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = lexicon("linking")
    return (
        frozenset(STOP_WORDS)
        | frozenset(data["stopwords_extra"])
        | frozenset(data["calendar_words"])
    )


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return frozenset(lexicon("linking")["speaker_titles"])


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "guarding"/"guard", "Aldorian"/"Aldoria"."""
    w = word.lower().replace("’", "'")
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
    return WORD.findall(text)


def terms(text: str) -> Counter[str]:
    """Content-word stems of ``text`` with counts; stop words and numbers left out."""
    stop = stopwords()
    out: Counter[str] = Counter()
    for w in words(text):
        lw = w.lower()
        if lw in stop or len(lw) < 3:
            continue
        for part in lw.split("-"):
            if len(part) >= 3 and part not in stop:
                out[stem(part)] += 1
    return out


def names(text: str) -> set[str]:
    """Proper-name phrases: capitalised runs not at a sentence start, as lower-case stems."""
    stop = stopwords()
    out: set[str] = set()
    for m in CAPITALISED.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        phrase = [t for t in re.split(r"[- ]", m.group(0)) if t]
        sentence_start = m.start() == 0 or re.search(r"([.!?\"“”:]\s*|\n\s*)$", before) is not None
        if sentence_start:
            phrase = phrase[1:]  # the first word may just be capitalised by position
        kept = [stem(t) for t in phrase if t.lower() not in stop and len(t) > 2]
        if kept:
            out.add(" ".join(kept))
            out.update(kept)
    return out


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
    return tuple(stem(t) for t in words(name) if t.lower() not in drop and len(t) > 1)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation; good enough to find an unattributed restatement."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
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
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0
