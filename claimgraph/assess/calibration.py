"""How well resolved judgements were calibrated: Brier scores and reliability by band.

Input: assessments (only resolved ones count). Output: a plain dict, the JSON that
``claimgraph assess calibration --json`` prints and ``/api/v1/assessments/calibration``
answers:

* ``n``: resolved assessments; ``brier``: the mean of ``(forecast - outcome)^2``, where the
  forecast is the explicit probability, else the midpoint of the term's range (None when
  ``n`` is 0); ``base_rate``: how often the judged events happened; ``reference``: the
  Brier score of always forecasting that base rate, and ``skill``: ``1 - brier /
  reference`` (None when the reference is 0);
* ``terms``: per yardstick band (scale and term, in scale order, lowest band first): the
  band's range, ``n``, ``brier``, the mean ``forecast``, ``hits``, the ``observed``
  frequency with its 95 % Wilson ``interval``, and ``within``: whether the observed
  frequency lies inside the band's range (the reliability diagram plots these);
* ``authors``: per author (``null`` for unnamed), ``n`` and ``brier``, most judgements first;
* ``open`` (from :func:`ledger_calibration` only): assessments not resolved yet.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..model import Assessment
from .yardsticks import ASSESSMENT_SCALES

if TYPE_CHECKING:
    from ..store import Store

Z95 = 1.959964  # the normal quantile of a two-sided 95 % interval


def brier(items: list[Assessment]) -> float | None:
    """Mean Brier score of resolved ``items``; None when there are none."""
    scores = [a.brier for a in items if a.brier is not None]
    return sum(scores) / len(scores) if scores else None


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (well behaved at 0/n and n/n)."""
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def calibration(assessments: Iterable[Assessment]) -> dict[str, Any]:
    """Brier scores and reliability bands of the resolved ``assessments``."""
    done = [a for a in assessments if a.outcome is not None]
    n = len(done)
    hits = sum(1 for a in done if a.outcome)
    base = hits / n if n else None
    reference = base * (1 - base) if base is not None else None
    score = brier(done)
    skill = (1 - score / reference) if score is not None and reference else None

    groups: dict[tuple[str, str], list[Assessment]] = {}
    for a in done:
        groups.setdefault((a.scale, a.term), []).append(a)
    order = {s: i for i, s in enumerate(ASSESSMENT_SCALES)}
    terms = []
    for (scale, term), items in sorted(
            groups.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][0], kv[1][0].low)):
        k = sum(1 for a in items if a.outcome)
        low, high = items[0].low, items[0].high
        observed = k / len(items)
        lo, hi = wilson(k, len(items))
        terms.append({
            "scale": scale, "term": term, "low": low, "high": high, "n": len(items),
            "brier": _round(brier(items)),
            "forecast": _round(sum(a.forecast for a in items) / len(items)),
            "hits": k, "observed": _round(observed), "interval": [_round(lo), _round(hi)],
            "within": low - 1e-9 <= observed <= high + 1e-9,
        })
    by_author: dict[str | None, list[Assessment]] = {}
    for a in done:
        by_author.setdefault(a.author, []).append(a)
    authors = [{"author": who, "n": len(items), "brier": _round(brier(items))}
               for who, items in sorted(by_author.items(),
                                        key=lambda kv: (-len(kv[1]), kv[0] or ""))]
    return {"n": n, "brier": _round(score), "base_rate": _round(base),
            "reference": _round(reference), "skill": _round(skill),
            "terms": terms, "authors": authors}


def ledger_calibration(store: Store) -> dict[str, Any]:
    """:func:`calibration` of every resolved assessment in ``store``, plus ``open``: how
    many are still unresolved."""
    from ..store import assessments as ledger

    cal = calibration(ledger.resolved(store))
    cal["open"] = ledger.counts(store)["assessments"] - cal["n"]
    return cal
