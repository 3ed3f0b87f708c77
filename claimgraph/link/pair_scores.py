"""How well two statements fit one claim: content similarity, agreement of figures and
whether they name one source, with the thresholds claim building uses.

:class:`PairScores` is the score of a pair as claim building reads it, kept by wording and
by source so that wire copies are scored once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import concepts
from . import text as tx
from .speakers import about_the_other, key_words, speaker_match
from .statements import QuantityView, StatementView, term_overlap


@dataclass(frozen=True)
class ClaimConfig:
    """Thresholds for joining a statement to a claim and claims to a proposition."""

    join: float = 0.42  # content similarity (plus bonuses) for a statement by the same source
    join_unattributed: float = 0.55  # ... for one whose source is unknown or the outlet itself
    proposition: float = 0.34  # root-to-root similarity for two sources asserting one thing
    tolerance: float = 0.02  # relative difference under which two figures are the same
    ratio: float = 1.6  # figures further apart than this (same unit) are about different things
    same_document: float = 0.6  # a second statement from one document must nearly repeat the first
    same_speaker: float = 0.12  # bonus when both statements name one source
    count_ratio: float = 10.0  # two sources' counts of one thing stay within this ratio


DEFAULT = ClaimConfig()


def quantity_agreement(a: StatementView, b: StatementView, config: ClaimConfig = DEFAULT) -> float:
    """Bonus for shared figures, penalty for figures that show two different propositions."""
    if not a.quantities or not b.quantities:
        return 0.0
    scores = [
        s
        for qa in a.quantities
        for qb in b.quantities
        if (s := figure_agreement(qa, qb, config)) is not None
    ]
    if scores:
        return max(scores)
    units_a = {q.unit for q in a.quantities if q.unit}
    units_b = {q.unit for q in b.quantities if q.unit}
    return -0.2 if units_a and units_b and not units_a & units_b else 0.0


def figure_agreement(qa: QuantityView, qb: QuantityView, config: ClaimConfig) -> float | None:
    """None when the two figures count different things; else how well they agree."""
    same_unit = qa.same_unit(qb)
    if not same_unit and qa.unit and qb.unit:
        return None
    ca, cb = qa.center(), qb.center()
    if ca is None or cb is None:
        return 0.1 if same_unit else None
    if abs(ca - cb) <= config.tolerance * max(abs(ca), abs(cb), 1.0):
        return 0.3 if same_unit else 0.15
    if not same_unit:
        # a bare "1,500" may count the same reservists as "4,000 reservists": far apart, it
        # is another figure
        ratio = max(abs(ca), abs(cb)) / max(min(abs(ca), abs(cb)), 1e-9)
        return -0.15 if ratio > config.ratio and not (qa.vague or qb.vague) else None
    for vague, exact in ((qa, qb), (qb, qa)):
        if (
            vague.vague
            and vague.low is not None
            and vague.high is not None
            and exact.center() is not None
        ):
            # "hundreds" is compatible with 300; a vague word carries no ratio
            value = exact.center() or 0.0
            return 0.1 if vague.low / 2 <= value <= vague.high * 2 else -0.15
    # 12 -> 15 may be drift inside one claim; 4,000 against 1,500 is another proposition.
    ratio = max(abs(ca), abs(cb)) / max(min(abs(ca), abs(cb)), 1e-9)
    return 0.1 if ratio <= config.ratio else -0.15


def units_compete(a: StatementView, b: StatementView, config: ClaimConfig = DEFAULT) -> bool:
    """Two figures of the same thing within an order of magnitude: another count of it."""
    for qa in a.quantities:
        for qb in b.quantities:
            ca, cb = qa.center(), qb.center()
            if (
                qa.same_unit(qb)
                and ca
                and cb
                and max(abs(ca), abs(cb)) / max(min(abs(ca), abs(cb)), 1e-9) <= config.count_ratio
            ):
                return True
    return False


def counts_differ(a: StatementView, b: StatementView, config: ClaimConfig = DEFAULT) -> bool:
    """Two counts of the same thing that disagree: "about 1,200 workers", "more than 3,000"."""
    return any(
        qa.same_unit(qb) and (ca := qa.center()) is not None and (cb := qb.center()) is not None
        and abs(ca - cb) > config.tolerance * max(abs(ca), abs(cb), 1.0)
        for qa in a.quantities for qb in b.quantities)


def content_similarity(a: StatementView, b: StatementView) -> float:
    """Word overlap weighted towards what happened: every claim in a story names the same
    places and people, so event words decide which claim a statement restates."""
    every = term_overlap(a, b)
    if len(a.event_terms) < 2 or len(b.event_terms) < 2:
        return every
    return 0.7 * term_overlap(a, b, event=True) + 0.3 * every


class PairScores:
    """How well two statements fit one claim: 0 for two sources that cannot be one
    (:func:`~.speakers.speaker_match` 0), else their content similarity plus the agreement
    of their figures, plus a bonus when both name one source. The content part is kept by
    the views' :meth:`~StatementView.content_key` and the speaker part by their
    :meth:`~StatementView.speaker_key`: in a story of wire copies most pairs have been
    scored before under other document ids and outlets."""

    def __init__(self, config: ClaimConfig = DEFAULT) -> None:
        self.config = config
        self._contents: dict[tuple[int, int], tuple[float, float]] = {}
        self._speakers: dict[tuple[Any, ...], float] = {}
        self._keys: dict[tuple[Any, ...], int] = {}  # each distinct key once, as a number
        # view -> (content number, speaker number, words of its source, of its publisher)
        self._views: dict[StatementView, tuple[int, int, frozenset[str], frozenset[str]]] = {}

    def _numbers(self, view: StatementView) -> tuple[int, int, frozenset[str], frozenset[str]]:
        found = self._views.get(view)
        if found is None:
            keys = self._keys
            found = self._views[view] = (
                keys.setdefault(view.content_key(), len(keys)),
                keys.setdefault(view.speaker_key(), len(keys)),
                key_words(view.speaker_keys), key_words([tx.name_tokens(view.publisher)]))
        return found

    def __call__(self, a: StatementView, b: StatementView) -> tuple[float, float, float]:
        """(score, speaker match, figure agreement)."""
        ca, sa, wa, pa = self._numbers(a)
        cb, sb, wb, pb = self._numbers(b)
        content = self._contents.get((ca, cb))
        if content is None:
            content = self._contents[ca, cb] = (content_similarity(a, b),
                                                quantity_agreement(a, b, self.config))
        key: tuple[Any, ...] = (sa, sb, a.doc_id == b.doc_id)
        if wa & pb or wb & pa:  # a source named after the other's publisher
            key += (a.publisher, b.publisher)
        spk = self._speakers.get(key)
        if spk is None:
            spk = self._speakers[key] = speaker_match(a, b)
        if spk == 1.0 and sa != sb and (about_the_other(a, b) or about_the_other(b, a)):
            spk = 0.0  # the reply of whom the other speaks about
        if spk == 0.0:
            return 0.0, 0.0, content[1]
        score = content[0] + content[1]
        if spk == 1.0:
            score += self.config.same_speaker
        return score, spk, content[1]


def unit_keys(view: StatementView) -> set[str]:
    """The unit words of a statement's figures, as they are and as language-neutral keys:
    two figures with none in common are not of one thing (:meth:`QuantityView.same_unit`)."""
    units = [w for q in view.quantities for w in q.unit.split()]
    return {f"u {w}" for w in [*units, *concepts.neutral_set(units)]}
