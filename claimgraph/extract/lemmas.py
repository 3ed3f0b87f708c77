"""Lemmas of Russian, Ukrainian and Bulgarian words: one lemmatiser per language.

Russian and Ukrainian words go through pymorphy3 with its OpenCorpora and LanguageTool
dictionaries (``pymorphy3-dicts-ru``, ``pymorphy3-dicts-uk``); Bulgarian words through
simplemma's dictionary. All ship in their wheels; nothing is downloaded. Extraction
(the ``claimgraph_lemmas`` component), the cue and speaker lexicons and search (the
lemma column and the query) all use :func:`lemma`, so a word is read the same way
wherever it appears. A language without a lemmatiser has none (:func:`lemmatiser`
returns None). This module does not import spaCy, so search can use it cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

LANGUAGES = ("ru", "uk", "bg")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@cache
def _morph(language: str):  # type: ignore[no-untyped-def]
    import pymorphy3  # imported on first use: loading a dictionary takes a fifth of a second

    return pymorphy3.MorphAnalyzer(lang=language)


@cache
def analyser(language: str):  # type: ignore[no-untyped-def]
    """pymorphy3's analyser for ``language`` ('ru' or 'uk'), else None."""
    return _morph(language) if language in ("ru", "uk") else None


def _pymorphy(language: str) -> Callable[[str], str]:
    morph = _morph(language)

    @lru_cache(maxsize=200_000)
    def lemmatise(word: str) -> str:
        return str(morph.parse(word)[0].normal_form)

    return lemmatise


def _simplemma(language: str) -> Callable[[str], str]:
    import simplemma

    @lru_cache(maxsize=200_000)
    def lemmatise(word: str) -> str:
        return str(simplemma.lemmatize(word, lang=language)).lower()

    return lemmatise


@cache
def lemmatiser(language: str | None) -> Callable[[str], str] | None:
    """The function from a word to its lemma (lower case) for ``language``, or None."""
    if language in ("ru", "uk"):
        return _pymorphy(language)
    if language == "bg":
        return _simplemma(language)
    return None


def lemma(word: str, language: str) -> str:
    """The lemma of ``word`` in ``language`` (lower case); the word itself, lower-cased,
    when the language has no lemmatiser or the token is no word."""
    low = word.lower().replace("ё", "е")
    find = lemmatiser(language)
    if find is None or not low[:1].isalpha():
        return low
    return find(low).replace("ё", "е")


def lemma_text(text: str, language: str | None) -> str | None:
    """``text`` as a space-separated run of lemmas, for a search index; None when the
    language has no lemmatiser."""
    if lemmatiser(language) is None:
        return None
    assert language is not None
    return " ".join(lemma(m.group(), language) for m in WORD.finditer(text))
