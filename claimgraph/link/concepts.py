"""Language-neutral keys: how a Russian, Ukrainian or Bulgarian report meets an English one.

Two documents in one language are compared word for word (English stems, Cyrillic lemmas).
Across languages the words differ, so each is compared through a key that does not depend
on the language:

- a **concept** of ``data/lexicons/concepts.json`` for counted units and the words news copy
  uses for what happened ("военнослужащих", "військових", "военнослужещи" and "troops" are
  the concept ``troops``); Cyrillic entries are lemmatised the way text is
  (:mod:`claimgraph.extract.lemmas`), English ones stemmed the way linking stems;
- a **name key** for everything else: the word transliterated to Latin letters (anyascii),
  then reduced to a consonant skeleton, so that the spellings one name gets in four
  languages meet ("Журавлёв", "Журавльов", "Zhuravlyov" -> ``~zrvlv``; "Кестрии",
  "Kestria" -> ``~kstr``). Name keys carry a ``~`` so they are never mistaken for an English
  stem.

Figures, dates, hedges and cue stances need no key: extraction gives them as values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from ..extract.lemmas import LANGUAGES as LEMMATISED
from ..extract.lemmas import lemma
from ..lexicons import lexicon

NAME_MARK = "~"
# Case endings that carry a consonant, which the skeleton would otherwise keep
# ("Лесневского", "Журавлёвым"): cut before transliterating a word of six letters or more.
_CASE_ENDING = re.compile(r"(?:ого|его|ому|ему|ыми|ими|ами|ями|ым|им|ом|ем|ах|ях)$")
# Spellings of one sound across transliteration schemes, longest first.
_DIGRAPHS = (
    ("shch", "s"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("ch", "c"), ("sh", "s"),
    ("ck", "k"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("x", "ks"), ("w", "v"), ("q", "k"),
    ("g", "h"),
)
_VOWELS = "aeiouyj"


def script_word(word: str) -> bool:
    """Whether ``word`` has a Cyrillic letter: the script whose words get name keys."""
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def lemmatised(language: str | None) -> bool:
    """Whether linking reads ``language`` through lemmas rather than English stems."""
    return language in LEMMATISED


@lru_cache(maxsize=65536)
def latin(word: str) -> str:
    """``word`` in lower-case ASCII letters: transliterated, accents and apostrophes gone."""
    from anyascii import anyascii  # here: only documents outside Latin script need it

    low = word.lower()
    if script_word(low) and len(low) >= 6:
        low = _CASE_ENDING.sub("", low)
    text = unicodedata.normalize("NFKD", anyascii(low))
    return re.sub(r"[^a-z]", "", text.lower())


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """The consonant skeleton of a word in any script, marked with ``~``: one spelling-
    and case-independent key for a name ("Zhuravlyov", "Журавлёв", "Журавльова" ->
    ``~zrvlv``). A leading vowel is kept as ``_`` so "Ормунд" is not "Рмунд"."""
    return skeleton(latin(word))


def skeleton(w: str) -> str:
    """The name key of a word already in lower-case ASCII letters (:func:`latin`)."""
    if not w:
        return ""
    if len(w) > 3 and w.endswith("s"):
        w = w[:-1]  # as English stems are: "Reyes" is stemmed "reye", "Рейес" must meet it
    for spelled, sound in _DIGRAPHS:
        w = w.replace(spelled, sound)
    head = "_" if w[0] in _VOWELS else w[0]
    body = "".join(ch for ch in w[1:] if ch not in _VOWELS)
    return NAME_MARK + re.sub(r"(.)\1+", r"\1", head + body)


@cache
def _table() -> dict[str, Any]:
    return lexicon("concepts")


@cache
def _lemma_index(language: str) -> dict[str, tuple[str, ...]]:
    """Lemma -> concepts, for one of the lemmatised languages."""
    out: dict[str, list[str]] = {}
    for concept, words in _table()["concepts"].items():
        for word in words.get(language) or []:
            key = lemma(word, language)
            if concept not in out.setdefault(key, []):
                out[key].append(concept)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _english_index() -> dict[str, tuple[str, ...]]:
    """English stem -> concepts; a concept name is its own key."""
    from . import text as tx

    out: dict[str, list[str]] = {}
    for concept, words in _table()["concepts"].items():
        for word in [concept, *(words.get("en") or [])]:
            for part in tx.words(word) or [word]:
                key = tx.stem(part)
                if concept not in out.setdefault(key, []):
                    out[key].append(concept)
    return {k: tuple(v) for k, v in out.items()}


@cache
def concept_names() -> frozenset[str]:
    return frozenset(_table()["concepts"])


def lemma_concepts(lemma_form: str, language: str) -> tuple[str, ...]:
    """The concepts a lemma of ``language`` stands for; () when the table has none."""
    return _lemma_index(language).get(lemma_form, ())


def _guess_languages(word: str) -> tuple[str, ...]:
    """The lemmatised languages to try a word without a known language in, likeliest first."""
    low = word.lower()
    if any(ch in low for ch in "іїєґ"):
        return ("uk",)
    if any(ch in low for ch in "ыэё"):
        return ("ru",)
    if "ъ" in low[:-1] or "ѝ" in low:
        return ("bg",)
    return ("ru", "uk", "bg")


@lru_cache(maxsize=65536)
def word_concepts(word: str) -> tuple[str, ...]:
    """The concepts a Cyrillic word of unknown language stands for ("Министерства",
    "обороны" in a speaker's name); () when none."""
    for language in _guess_languages(word):
        found = lemma_concepts(lemma(word, language), language)
        if found:
            return found
    return ()


@lru_cache(maxsize=65536)
def neutral(term: str) -> str:
    """A term's language-neutral key: a concept, or a name key.

    ``term`` is what the one-language steps compare: an English stem, a Cyrillic lemma, a
    concept or a name key. English stems that the table lists become their concept."""
    if not term or term.startswith(NAME_MARK) or term in concept_names():
        return term
    if script_word(term):
        found = word_concepts(term)
        return found[0] if found else name_key(term)
    found = _english_index().get(term, ())
    return found[0] if found else name_key(term)


def neutral_set(terms: Iterable[str]) -> frozenset[str]:
    return _neutral_set(terms if isinstance(terms, frozenset) else frozenset(terms))


@lru_cache(maxsize=16384)
def _neutral_set(terms: frozenset[str]) -> frozenset[str]:
    """The keys of a set of terms, which a story repeats copy after copy."""
    return frozenset(k for k in (neutral(t) for t in terms) if k)


def neutral_phrase(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(k for k in (neutral(t) for t in tokens) if k)


def needs_neutral(*keys: Iterable[str]) -> bool:
    """Whether some of these tokens came from Cyrillic (name keys), so that
    comparing them with English stems needs :func:`neutral` on both sides."""
    return any(t.startswith(NAME_MARK) for key in keys for t in key)


@cache
def _action_phrases(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(action class, lemma sequence) for ``language``, longer phrases first."""
    out = [
        (cls, tuple(lemma(w, language) for w in phrase.split()))
        for cls, words in _table()["actions"].items()
        for phrase in words.get(language) or []
    ]
    return tuple(sorted(out, key=lambda p: -len(p[1])))


def action_classes(text: str, language: str) -> list[tuple[str, str, int, int]]:
    """(action class, words, start, end) for every action phrase of ``text`` in a lemmatised
    language, longest phrase first at each place, no two overlapping."""
    from . import text as tx

    tokens = [(m.start(), m.end(), lemma(m.group(), language))
              for m in tx.word_pattern().finditer(text)]
    lemmas = [t[2] for t in tokens]
    out: list[tuple[str, str, int, int]] = []
    taken = -1
    for i in range(len(tokens)):
        if i <= taken:
            continue
        for cls, phrase in _action_phrases(language):
            n = len(phrase)
            if tuple(lemmas[i : i + n]) == phrase:
                start, end = tokens[i][0], tokens[i + n - 1][1]
                out.append((cls, text[start:end], start, end))
                taken = i + n - 1
                break
    return out


@cache
def belief_cues(language: str) -> frozenset[str]:
    """Lemmas of the reporting verbs that hedge by themselves in ``language``."""
    return frozenset(lemma(w, language) for w in _table()["belief_cues"].get(language) or [])
