"""A new key judgement from what an analyst typed, checked before it is stored.

:func:`new_assessment` resolves the yardstick term to its band, checks that an explicit
probability lies inside it, and checks confidence, dates and evidence references. Each
problem raises :class:`~claimgraph.errors.InvalidAssessment` with one line that says what
to change. Whether the cited claims exist is the store's to check
(:func:`claimgraph.store.assessments.add`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from ..errors import InvalidAssessment
from ..model import Assessment, Evidence
from ..scales import format_range
from . import yardsticks

CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")
# A claim as `claimgraph story` shows it: the story id, '#', the claim id ('c3').
EVIDENCE_REF = re.compile(r"(?P<story>[^#\s]+)#(?P<claim>c\d+)")


def check_day(value: str | None, name: str) -> str | None:
    """``value`` if it is a date written YYYY-MM-DD, else InvalidAssessment."""
    if value is None:
        return None
    try:
        if date.fromisoformat(value).isoformat() == value:
            return value
    except ValueError:
        pass
    raise InvalidAssessment(f"{name} must be a date like 2025-06-30, not {value!r}")


def parse_evidence(ref: str) -> Evidence:
    """'story:0a1b2c3d4e5f6a7b#c3' -> Evidence; InvalidAssessment for another shape."""
    m = EVIDENCE_REF.fullmatch(ref.strip())
    if m is None:
        raise InvalidAssessment(
            f"evidence {ref!r} is not a claim reference; write STORY_ID#CLAIM_ID "
            "(e.g. story:0a1b2c3d4e5f6a7b#c3, as `claimgraph story ID` lists them)")
    return Evidence(story=m["story"], claim=m["claim"])


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_assessment(text: str, term: str, *, scale: str = yardsticks.DEFAULT_SCALE,
                   probability: float | None = None, confidence: str | None = None,
                   evidence: list[str] | None = None, author: str | None = None,
                   resolves_by: str | None = None, created: str | None = None) -> Assessment:
    """An unsaved assessment (no id yet), its range taken from ``term`` on ``scale``.

    Raises InvalidAssessment for empty text, a term the scale lacks, a probability outside
    the term's range (naming the term that holds it), an unknown confidence level, a date
    not written YYYY-MM-DD, or a malformed evidence reference.
    """
    if not text.strip():
        raise InvalidAssessment("the judgement's text is empty; give it with --text")
    sid = yardsticks.scale_id(scale)
    band = yardsticks.term_band(term, sid)
    assert band.low is not None and band.high is not None
    if probability is not None:
        if not 0.0 <= probability <= 1.0:
            raise InvalidAssessment(f"probability {probability} is outside 0..1")
        if not yardsticks.contains(band, probability):
            fits = yardsticks.nearest_band(probability, sid)
            hint = (f"'{fits.term}' ({format_range(fits.low, fits.high)}) holds it"
                    if fits.low is not None and fits.high is not None
                    and fits.low <= probability <= fits.high
                    else f"it falls between terms; the nearest is '{fits.term}' "
                         f"({format_range(fits.low, fits.high)})")
            raise InvalidAssessment(
                f"probability {probability:.0%} is outside '{band.term}' on "
                f"{yardsticks.label(sid)} ({format_range(band.low, band.high)}); {hint}")
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        raise InvalidAssessment(
            f"confidence {confidence!r} is not one of {', '.join(CONFIDENCE_LEVELS)}")
    refs: list[Evidence] = []
    for ref in evidence or []:
        item = parse_evidence(ref)
        if item.ref not in {e.ref for e in refs}:
            refs.append(item)
    return Assessment(
        text=text.strip(), term=band.term, scale=sid, low=band.low, high=band.high,
        probability=probability, confidence=confidence,  # type: ignore[arg-type]
        evidence=refs, author=(author or "").strip() or None,
        created=created or now(), resolves_by=check_day(resolves_by, "resolves_by"))
