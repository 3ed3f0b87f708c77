"""Estimative language in Russian, Ukrainian and Bulgarian on the English yardsticks.

Each phrase of ``data/lexicons/slavic_estimates.json`` ('весьма вероятно', 'малоймовірно',
'почти сигурно') names a term of a scale in ``data/scales/`` and takes that term's band.
A negator right before it ('не', 'не є', 'не е'; 'не считает вероятным', 'не смята
за вероятно') negates it as the English extractor
does: ``negated`` is true and the range is the part of 0..1 the term leaves (below an
upward term, above a downward one such as 'маловероятно'). Phrases are found longest
first, on word boundaries, ignoring case.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ... import scales
from ...model import Estimate
from ...scales import Band
from ..spans import text_of
from .words import alternation, part


@cache
def _lexicon(language: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Band]]:
    lex = part("estimates", language)
    bands: dict[str, Band] = {}
    for phrase, (scale, term) in lex["phrases"].items():
        band = scales.load(scale).band(term)
        if band is None:
            raise KeyError(f"slavic_estimates.json: {scale} has no term {term!r}")
        bands[" ".join(phrase.lower().split())] = band
    found = re.compile(rf"(?<![\w-])(?:{alternation(bands)})(?![\w-])", re.IGNORECASE)
    bridge = alternation(lex["negation_bridge"])
    negated = re.compile(rf"(?<![\w-])(?:{alternation(lex['negators'])})"
                         rf"(?:\s+(?:{bridge})){{0,2}}\s+$", re.IGNORECASE)
    return found, negated, bands


def find_estimates(doc: Doc, language: str) -> list[Estimate]:
    """Estimates in ``doc``, in text order."""
    text = text_of(doc)
    pattern, negator, bands = _lexicon(language)
    out = []
    for m in pattern.finditer(text):
        band = bands[" ".join(m.group().lower().split())]
        start, low, high = m.start(), band.low, band.high
        neg = negator.search(text, max(0, start - 40), start)
        if neg is not None and low is not None and high is not None:
            start = neg.start()
            low, high = (high, 1.0) if band.negative else (0.0, low)
        out.append(Estimate(text=text[start:m.end()], scale=band.scale, low=low, high=high,
                            span=(start, m.end()), negated=neg is not None))
    return out


def make_estimates(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    language = nlp.lang

    def component(doc: Doc) -> Doc:
        doc._.estimates = find_estimates(doc, language)
        return doc

    return component
