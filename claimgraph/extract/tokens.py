"""Finding the few tokens a rule looks at from the Doc's C arrays, without making a Python
``Token`` for every token of the document (which costs more than most rules)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .spans import text_of


def indices_where(doc: Doc, attr: int, values: Iterable[int | str]) -> list[int]:
    """Indices, in order, of the tokens whose ``attr`` (a ``spacy.attrs`` id such as LOWER,
    LEMMA or POS) is one of ``values``: strings (their hashes) or attribute ids."""
    if not len(doc):
        return []
    column = doc.to_array(attr)
    ids = [get_string_id(v) for v in values]
    if len(ids) > 8:
        return np.flatnonzero(np.isin(column, np.array(ids, dtype=np.uint64))).tolist()
    hits = np.zeros(len(column), dtype=bool)
    for value in ids:  # a few comparisons cost less than np.isin's sort
        hits |= column == np.uint64(value)
    return np.flatnonzero(hits).tolist()


def lines_of(doc: Doc) -> list[int]:
    """Indices of the tokens holding a line break (spaCy keeps only a single space as a
    token's trailing whitespace, so every other whitespace character is in a token)."""
    text = text_of(doc)
    breaks = []
    at = text.find("\n")
    while at >= 0:
        breaks.append(at)
        at = text.find("\n", at + 1)
    if not breaks:
        return []
    starts = doc.to_array(IDX).astype(np.int64)
    return sorted(set((np.searchsorted(starts, breaks, side="right") - 1).tolist()))


Pattern = list[dict[str, Any]]
_GATED_ATTRS = {"LOWER": LOWER, "LEMMA": LEMMA, "ORTH": ORTH, "TEXT": ORTH}


class PatternGate:
    """Whether a spaCy ``Matcher`` with ``patterns`` can match a Doc at all.

    A Matcher tries every pattern at every token, and a pattern with an ``IN`` list makes
    a Python call per token; most documents hold none of the words a pattern needs. Each
    token spec that must match once or more (no ``OP``, or ``"+"``) and gives a word or an
    ``IN`` list of words for ``LOWER``, ``LEMMA``, ``ORTH`` or ``TEXT`` has to meet a token
    of the Doc; :meth:`allows` is False only when, for every pattern, one of those is
    missing, so a Matcher skipped then would have found nothing."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.needs: list[list[tuple[int, frozenset[int]]]] = []
        for pattern in patterns:
            needs = []
            for spec in pattern:
                if spec.get("OP", "+") != "+":
                    continue
                for key, attr in _GATED_ATTRS.items():
                    words = _words(spec.get(key))
                    if words is not None:
                        needs.append((attr, frozenset(get_string_id(w) for w in words)))
            self.needs.append(needs)

    def allows(self, doc: Doc, present: dict[int, set[int]] | None = None) -> bool:
        """Whether any pattern can match ``doc``; ``present`` keeps the values of the Doc's
        attributes for the next gate asked about the same Doc."""
        return bool(self.possible(doc, present, first=True))

    def possible(self, doc: Doc, present: dict[int, set[int]] | None = None,
                 first: bool = False) -> list[int]:
        """The patterns (their indices) that can match ``doc``: all of them, or with
        ``first`` the first one."""
        if not len(doc):
            return []
        present = {} if present is None else present
        found = []
        for k, needs in enumerate(self.needs):
            for attr, ids in needs:
                if attr not in present:
                    present[attr] = set(doc.to_array(attr).tolist())
                if present[attr].isdisjoint(ids):
                    break
            else:
                found.append(k)
                if first:
                    break
        return found


class GatedMatcher:
    """A spaCy ``Matcher`` per pattern, of which only those a :class:`PatternGate` lets
    through run on a Doc: the matches of all patterns, in no particular order."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.patterns: list[Pattern] = []
        self.matchers: list[Any] = []
        self.gate = PatternGate([])

    def add(self, key: str, pattern: Pattern) -> None:
        from spacy.matcher import Matcher

        matcher = Matcher(self.vocab)
        matcher.add(key, [pattern])
        self.patterns.append(pattern)
        self.matchers.append(matcher)
        self.gate = PatternGate(self.patterns)

    def __len__(self) -> int:
        return len(self.matchers)

    def __call__(self, doc: Doc,
                 present: dict[int, set[int]] | None = None) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        for k in self.gate.possible(doc, present):
            found.extend(self.matchers[k](doc))
        return found


def _words(value: Any) -> list[str] | None:
    """The words a spec value allows: a word, or an ``{"IN": [...]}`` list; None for any
    other condition (which the gate does not read)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(w, str)
                                                                 for w in value["IN"]):
        return list(value["IN"])
    return None
