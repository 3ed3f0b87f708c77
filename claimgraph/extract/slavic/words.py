"""The Russian, Ukrainian and Bulgarian lexicons (``data/lexicons/slavic_*.json``), one
language's part at a time, with word lists lemmatised the way text is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from ...lexicons import lexicon
from ..lemmas import lemma


def part(concept: str, language: str) -> dict[str, Any]:
    """``language``'s entries of ``data/lexicons/slavic_<concept>.json``."""
    return dict(lexicon(f"slavic_{concept}")[language])


def lemma_phrase(phrase: str, language: str) -> str:
    """A word or phrase as the lemmas of its words ('заявил' -> 'заявить')."""
    return " ".join(lemma(w, language) for w in phrase.split())


@cache
def cue_verbs(language: str) -> dict[str, str]:
    """Lemma of a reporting verb -> stance."""
    return {lemma_phrase(w, language): s for w, s in part("cues", language)["verbs"].items()}


@cache
def lemma_set(concept: str, key: str, language: str) -> frozenset[str]:
    """The lemmas of the word list ``key`` of ``slavic_<concept>.json``."""
    return frozenset(lemma_phrase(w, language) for w in part(concept, language)[key])


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, longest first, a space matching any run of spaces."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_BG_SKI = re.compile(r"\w{3,}[сцш]к(?:и|ия|ият|а|ата|о|ото|ите)")


def bg_adjective(word: str) -> bool:
    """Whether a lower-case Bulgarian word is an inflected adjective ('външните',
    'регионалната', 'здравна', 'кестрийската'): an '-ски' form, or a form of an '-ен'
    lemma that drops its 'е' ('външен' -> 'външн-'). In 'на външните работи' such a word
    is followed by the noun it describes."""
    low = word.lower()
    if not low.isalpha() or word[:1].isupper():
        return False
    if _BG_SKI.fullmatch(low):
        return True
    base = lemma(low, "bg")
    return base != low and base.endswith("ен") and low.startswith(base[:-2] + "н")
