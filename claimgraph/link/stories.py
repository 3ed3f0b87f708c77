"""Incremental story clustering: does a new document join a story the store already holds?

One document at a time and no global re-clustering: the store fetches candidate documents
through shared band keys, and :func:`assign_story` scores the new document against each
candidate inside a time window. A story's score is its best-matching member (single link),
which follows a story as it moves from the first report to later re-reports.

Shared people alone never join a story: the minister's next announcement shares the
speaker but not the figures, names and vocabulary of the first one.

Two documents in different languages are compared on the same terms through
language-neutral keys (:mod:`claimgraph.link.concepts`): concepts for words, name keys for
names, figures as values.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from . import concepts
from . import text as tx
from .fingerprint import Fingerprint


@dataclass(frozen=True)
class StoryConfig:
    """Knobs for story assignment. ``window_days`` bounds the gap between two members."""

    window_days: int = 7
    threshold: float = 0.32
    wire_jaccard: float = 0.35  # shingle overlap that marks a copy of the same text
    background_jaccard: float = 0.08  # shingle overlap any two news texts share ("said on Tuesday")
    figure_weight: float = 0.1  # per shared figure, up to three


DEFAULT = StoryConfig()


def days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def similarity(a: Fingerprint, b: Fingerprint, config: StoryConfig = DEFAULT) -> float:
    """How likely ``a`` and ``b`` report the same event, in [0, 1]; 0 outside the time window.

    A story is a *who/where* and a *what*: the score is the geometric mean of name overlap
    and event-word overlap (terms that are not names), so sharing only people (the same
    minister on another subject) or only a topic (another flood) stays low. Shared figures
    and copied text add to it.
    """
    gap = days_apart(a.published, b.published)
    if gap is not None and gap > config.window_days:
        return 0.0
    if across_languages(a, b):
        event = tx.weighted_cosine(_neutral(a).event, _neutral(b).event)
        names = name_overlap(_neutral(a).phrases, _neutral(b).phrases)
        figures = len(set(a.numbers) & set(b.numbers)) + len(
            _neutral(a).quantities & _neutral(b).quantities)
        return min(1.0, math.sqrt(event * names) + config.figure_weight * min(figures, 3))
    jaccard = a.jaccard(b)
    if jaccard >= config.wire_jaccard:
        return 1.0
    event = tx.weighted_cosine(_event_terms(a), _event_terms(b))
    names = name_overlap(_phrases(a), _phrases(b))
    figures = len(set(a.numbers) & set(b.numbers)) + len(set(a.quantities) & set(b.quantities))
    score = math.sqrt(event * names) + config.figure_weight * min(figures, 3)
    score += max(0.0, jaccard - config.background_jaccard)
    return min(1.0, score)


def across_languages(a: Fingerprint, b: Fingerprint) -> bool:
    """Both languages are known and differ: words are compared through neutral keys."""
    return bool(a.language and b.language and a.language != b.language)


@dataclass(frozen=True)
class _NeutralView:
    event: dict[str, float]
    phrases: set[tuple[str, ...]]
    quantities: frozenset[str]


def _neutral(fp: Fingerprint) -> _NeutralView:
    """The fingerprint's event terms, name phrases and figures in language-neutral keys,
    worked out once per fingerprint."""
    cached = fp.__dict__.get("_neutral")
    if cached is None:
        phrases = {p for p in (concepts.neutral_phrase(x) for x in _phrases(fp)) if p}
        names = {t for p in phrases for t in p if t.startswith(concepts.NAME_MARK)}
        event: dict[str, float] = {}
        for term, weight in _event_terms(fp).items():
            key = concepts.neutral(term)
            if key and key not in names:
                event[key] = event.get(key, 0.0) + weight
        quantities = frozenset(
            f"{value}|{' '.join(concepts.neutral_phrase(unit.split()))}"
            for value, _sep, unit in (q.partition("|") for q in fp.quantities))
        cached = fp.__dict__["_neutral"] = _NeutralView(event, phrases, quantities)
    return cached


def _event_terms(fp: Fingerprint) -> dict[str, float]:
    proper = {t for n in fp.names for t in n.split()}
    return {t: w for t, w in fp.terms.items() if t not in proper}


def _phrases(fp: Fingerprint) -> set[tuple[str, ...]]:
    """Name phrases without titles; a lone word already inside a longer name is dropped."""
    drop = tx.titles()
    multi = {t for n in fp.names if " " in n for t in n.split()}
    out: set[tuple[str, ...]] = set()
    for name in fp.names:
        toks = tuple(t for t in name.split() if t not in drop)
        if toks and not (len(toks) == 1 and " " not in name and toks[0] in multi):
            out.add(toks)
    return out


def name_overlap(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Set cosine where "danov" meets "mirek danov" (one name's words inside the other's)."""
    if not a or not b:
        return 0.0

    def met(x: tuple[str, ...], others: set[tuple[str, ...]]) -> bool:
        return any(set(x) <= set(y) or set(y) <= set(x) for y in others)

    hits = sum(met(x, b) for x in a) + sum(met(y, a) for y in b)
    return min(1.0, hits / 2 / math.sqrt(len(a) * len(b)))


def score_stories(
    fp: Fingerprint,
    candidates: list[tuple[str, str, Fingerprint]],
    config: StoryConfig = DEFAULT,
) -> dict[str, float]:
    """Best member similarity for each candidate story."""
    best: dict[str, float] = {}
    for doc_id, story_id, other in candidates:
        if doc_id == fp.doc_id:
            continue
        s = similarity(fp, other, config)
        if s > best.get(story_id, -1.0):
            best[story_id] = s
    return best


def assign_story(
    fp: Fingerprint,
    candidates: list[tuple[str, str, Fingerprint]],
    config: StoryConfig = DEFAULT,
) -> str | None:
    """The story id ``fp`` joins, or None when it starts a new story.

    ``candidates`` are ``(doc_id, story_id, fingerprint)`` triples found through shared band
    keys. Ties go to the story seen first in ``candidates``, so the result is deterministic.
    """
    scores = score_stories(fp, candidates, config)
    if not scores:
        return None
    story_id, score = max(scores.items(), key=lambda kv: kv[1])
    return story_id if score >= config.threshold else None
