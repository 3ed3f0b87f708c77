"""The yardsticks an assessment may be written on, and term lookups over them.

An assessment uses one probability scale: PHIA (the default), ICD 203 or MISP
estimative-language (whose words are ICD 203's). These helpers read the scale data of
:mod:`claimgraph.scales`: a term or its synonym -> band, a surface phrase as written in
prose ('almost certainly') -> band, and the band to suggest for a probability.
"""

from __future__ import annotations

from functools import cache

from .. import scales
from ..errors import InvalidAssessment
from ..scales import Band

ASSESSMENT_SCALES: tuple[str, ...] = ("PHIA", "ICD203", "MISP")
DEFAULT_SCALE = "PHIA"
LIKELIHOOD = "likelihood-probability"  # the MISP dimension that holds probabilities


def scale_id(name: str) -> str:
    """'phia' -> 'PHIA'; InvalidAssessment for a scale an assessment cannot use."""
    for sid in ASSESSMENT_SCALES:
        if name.strip().lower() == sid.lower():
            return sid
    raise InvalidAssessment(
        f"unknown scale {name!r}; use one of {', '.join(s.lower() for s in ASSESSMENT_SCALES)}")


def label(sid: str) -> str:
    """How a scale is named in messages: 'ICD203' -> 'ICD 203'."""
    return {"ICD203": "ICD 203", "MISP": "MISP estimative-language"}.get(sid, sid)


def likelihood_bands(sid: str) -> tuple[Band, ...]:
    """The bands of ``sid`` that stand for a probability range, lowest first."""
    return tuple(b for b in scales.load(sid).bands
                 if b.low is not None and b.high is not None
                 and b.dimension in (None, LIKELIHOOD))


def term_band(term: str, sid: str) -> Band:
    """The band of ``term`` (a term, an official synonym or a MISP code) on scale ``sid``.

    Raises InvalidAssessment naming the scale's terms when ``term`` is not one of them.
    """
    dimension = LIKELIHOOD if sid == "MISP" else None
    band = scales.load(sid).band(term, dimension)
    if band is None or band.low is None or band.high is None:
        terms = ", ".join(b.term for b in likelihood_bands(sid))
        raise InvalidAssessment(f"{term!r} is not a term of the {label(sid)} yardstick; "
                                f"use one of: {terms}")
    return band


@cache
def surface_forms(sid: str) -> dict[str, Band]:
    """Phrases as prose writes them on ``sid`` (lower case, adverb forms added) -> band."""
    scale = scales.load(sid)
    if scale.match:
        return scale.match_phrases()
    out: dict[str, Band] = {}  # MISP: its terms and synonyms, as words
    for band in likelihood_bands(sid):
        for name in band.names():
            for form in (name, *scales.adverb_forms(name)):
                out.setdefault(form, band)
    return out


def phrase_band(phrase: str, sid: str) -> Band | None:
    """The band of ``sid`` that a phrase in prose names ('almost certainly'), else None."""
    key = scales.normalise(phrase)
    for article in ("a ", "an ", "the "):
        key = key.removeprefix(article)
    return surface_forms(sid).get(key)


def contains(band: Band, low: float, high: float | None = None, slack: float = 1e-9) -> bool:
    """Whether ``low`` (or the range ``low``-``high``) lies in ``band``.

    A single value respects an exclusive upper bound (100% is not 'almost certain' on PHIA);
    a range may end on it ('95-100%'), since ranges are written with closed ends.
    """
    assert band.low is not None and band.high is not None
    if high is None:
        return band.contains(low) or (abs(low - band.low) < slack) or (
            not band.high_exclusive and abs(low - band.high) < slack)
    return band.low - slack <= low and high <= band.high + slack


def nearest_band(p: float, sid: str, among: tuple[Band, ...] | None = None) -> Band:
    """The band of ``sid`` (or of ``among``) holding ``p``, else the one whose range is nearest."""
    bands = among if among is not None else likelihood_bands(sid)

    def distance(b: Band) -> float:
        assert b.low is not None and b.high is not None
        return 0.0 if b.low <= p <= b.high else min(abs(p - b.low), abs(p - b.high))

    return min(bands, key=lambda b: (distance(b), abs(p - (b.midpoint or 0.0))))


def opposite(band: Band, sid: str) -> Band | None:
    """The term to write instead of a negated one: 'not likely' -> 'unlikely'.

    A negated affirmative term leaves the part of 0..1 below it, a negated downward term
    the part above; of the bands there, the one nearest the mirror image of the term's
    midpoint (PHIA 'likely' 0.65 -> 0.35, 'unlikely').
    """
    if band.low is None or band.high is None or band.midpoint is None:
        return None
    home = phrase_band(band.term, sid) or band
    assert home.low is not None and home.high is not None
    side = tuple(b for b in likelihood_bands(sid) if b.term != home.term and (
        (b.low is not None and b.low >= home.high) if home.negative
        else (b.high is not None and b.high <= home.low)))
    if not side:
        return None
    return nearest_band(1.0 - (home.midpoint or 0.0), sid, side)


def parse_probability(raw: str) -> float:
    """'0.7' or '70%' -> 0.7; InvalidAssessment for anything outside 0..1 (0-100%)."""
    text = raw.strip()
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip())
    except ValueError:
        raise InvalidAssessment(
            f"probability {raw!r} is not a number; give 0.7 or 70%") from None
    if percent:
        value /= 100
    if not 0.0 <= value <= 1.0:
        raise InvalidAssessment(
            f"probability {raw!r} is outside 0..1; give a fraction (0.7) or a percentage (70%)")
    return value
