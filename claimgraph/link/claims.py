"""Claims: statements across a story's documents that assert the same proposition.

A claim is one source's proposition: the same speaker (or an outlet restating it in its own
voice), compatible content and compatible quantities. Statements are taken in publication
order, each joining the best-matching claim or starting a new one, so the first statement
of a claim is the one closest to its root.

Claims from different sources that assert the same thing (two counts of the dead, an
allegation and an agency's assessment of it) form one proposition; each distinct source in
a proposition is one independent chain.
"""

from __future__ import annotations

import heapq
import math

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..lexicons import outlet_like, outlet_words
from . import text as tx
from .corrections import ClaimEdit
from .pair_scores import (
    DEFAULT,
    ClaimConfig,
    PairScores,
    counts_differ,
    figure_agreement,
    quantity_agreement,
    unit_keys,
    units_compete,
)
from .provenance import PublisherNames, cites
from .speakers import (
    SourceIndex,
    apply_aliases,
    is_proper_source,
    key_words,
    share_affiliations,
    speaker_match,
)
from .statements import (
    StatementView,
    headline_views,
    term_overlap,
    unattributed_sentences,
    views,
)


# Two claims whose best scores lie this close are not told apart by the score: the one
# whose shared words are rarer in the story is ("The flooding will peak on Wednesday"
# shares "flood" with "two people died in the floods" and "peak" with "the water was
# likely to peak": "flood" is in every report of the story, "peak" is the claim).
TIE = 0.03


# A new statement is compared with a claim's root and its latest distinct wordings only:
# wire copies repeat one wording hundreds of times, and comparing with each is quadratic.
COMPARED_MEMBERS = 12


@dataclass
class Claim:
    id: str
    members: list[StatementView] = field(default_factory=list)
    proposition: str = ""
    _wordings: dict[Any, StatementView] = field(default_factory=dict, repr=False)
    _docs: set[str] = field(default_factory=set, repr=False)
    _compared: list[StatementView] | None = field(default=None, repr=False)
    _root: StatementView | None = field(default=None, repr=False)
    _named: list[StatementView] | None = field(default=None, repr=False)

    def add(self, view: StatementView) -> None:
        self.members.append(view)
        self._docs.add(view.doc_id)
        self._changed()
        if not view.inferred:
            key = (view.speaker_name, view.terms, tuple((q.value, q.approx) for q in view.quantities))
            self._wordings.pop(key, None)
            self._wordings[key] = view  # latest last

    def sort_members(self) -> None:
        """Members in document order (publication order, then place in the document)."""
        self.members.sort(key=lambda v: (v.doc_index, v.position))
        self._changed()

    def _changed(self) -> None:
        self._compared = self._root = self._named = None

    def compared(self) -> list[StatementView]:
        """The root and the latest distinct wordings, the members a new statement meets
        (worked out again only after a statement joins)."""
        if self._compared is None:
            latest = list(self._wordings.values())[-COMPARED_MEMBERS:]
            root = self.root
            self._compared = latest if any(m is root for m in latest) else [root, *latest[1:]]
        return self._compared

    @property
    def root(self) -> StatementView:
        """The first extracted statement; an own-voice sentence found in the text never is."""
        if self._root is None:
            self._root = next((m for m in self.members if not m.inferred), self.members[0])
        return self._root

    def named(self) -> list[StatementView]:
        """One attributed mention for each way the members name their source (name keys,
        affiliations and hops)."""
        if self._named is None:
            distinct: dict[Any, StatementView] = {}
            for m in self.members:
                if not (m.inferred or m.own_voice or m.speaker_unknown or m.descriptive):
                    distinct.setdefault(
                        (tuple(m.speaker_keys), tuple(m.affiliations), tuple(m.via)), m)
            self._named = list(distinct.values())
        return self._named

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(m.doc_id for m in self.members))

    @property
    def attributed(self) -> bool:
        """Has a source: a named speaker, a publisher's own assessment, or the publisher of
        a document that speaks for it."""
        return not self.root.own_voice or self.root.kind == "assessment" or self.root.primary


class ClaimIndex:
    """The claims of a story so far, blocked by source (:class:`~.speakers.SourceIndex`):
    a statement meets only the claims whose compared statements' sources its own may
    match, since all others would score 0 for their speaker. Candidates come in the order
    the claims were made, so blocking changes no result."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self._sources = SourceIndex()
        self._number: dict[int, int] = {}  # id of claim -> its place in ``claims``

    def new(self, view: StatementView) -> Claim:
        claim = Claim(id=f"c{len(self.claims) + 1}")
        self._number[id(claim)] = len(self.claims)
        self.claims.append(claim)
        self.add(claim, view)
        return claim

    def add(self, claim: Claim, view: StatementView) -> None:
        claim.add(view)
        if not view.inferred:  # an inferred view is never compared (:meth:`Claim.compared`)
            self._sources.add(view, self._number[id(claim)])

    def candidates(self, view: StatementView) -> list[Claim]:
        found = self._sources.find(view)
        if found is None:
            return self.claims
        return [self.claims[n] for n in sorted(found)]


class WireCopies:
    """Documents that repeat an earlier one statement for statement (wire copies under other
    outlets, the same report syndicated): each statement joins the claims the earlier
    one's did, without being scored again. Its publisher counts only where some source of
    the story is named after it (:func:`~.speakers.relays`: the outlet that published a
    statement may be another's source); such a document is placed as any other."""

    def __init__(self, story_views: list[StatementView]) -> None:
        sources = key_words(k for v in story_views for k in v.speaker_keys)
        self._naming = {v.publisher for v in story_views
                        if key_words([tx.name_tokens(v.publisher)]) & sources}
        self._joined: dict[tuple[Any, ...], list[list[Claim]]] = {}

    def signature(self, doc_views: list[StatementView]) -> tuple[Any, ...] | None:
        """What placing the document's statements reads of them; None when its publisher
        is named as a source."""
        if not doc_views or any(v.publisher in self._naming for v in doc_views):
            return None
        return tuple((v.content, v.cue_text, v.strength, v.content_key(), v.speaker_key())
                     for v in doc_views)

    def get(self, signature: tuple[Any, ...] | None) -> list[list[Claim]] | None:
        """The claims each statement of an earlier document of this signature joined."""
        return None if signature is None else self._joined.get(signature)

    def put(self, signature: tuple[Any, ...] | None, joined: list[list[Claim]]) -> None:
        if signature is not None:
            self._joined.setdefault(signature, joined)


def order_records(records: list[dict[str, Any]],
                  names: PublisherNames | None = None) -> list[dict[str, Any]]:
    """Records by publication date, undated ones last. On one day a document comes before
    those that name its publisher as their source; otherwise input order holds. ``names``
    may pass what each document names when the caller keeps it."""
    day = [(r.get("document") or {}).get("published") or "9999-12-31" for r in records]
    sources = cites(records, names)
    by_day: dict[str, list[int]] = {}
    for i, d in enumerate(day):
        by_day.setdefault(d, []).append(i)
    out: list[int] = []
    for date in sorted(by_day):
        out += _same_day_order(by_day[date], sources)
    return [records[i] for i in out]


def _same_day_order(todo: list[int], sources: dict[int, set[int]]) -> list[int]:
    """A topological order of one day's records (sources first), ties and cycles broken
    by input order: the first record whose same-day sources are all placed goes next."""
    members = set(todo)
    waiting = {i: (sources[i] & members) - {i} for i in todo}
    dependents: dict[int, list[int]] = {i: [] for i in todo}
    for i in todo:
        for j in waiting[i]:
            dependents[j].append(i)
    ready = [i for i in todo if not waiting[i]]
    heapq.heapify(ready)
    placed: set[int] = set()
    out: list[int] = []
    rest = iter(todo)
    while len(out) < len(todo):
        if ready:
            i = heapq.heappop(ready)
        else:  # a cycle: the first unplaced record in input order
            i = next(j for j in rest if j not in placed)
        if i in placed:
            continue
        placed.add(i)
        out.append(i)
        for k in dependents[i]:
            waiting[k].discard(i)
            if not waiting[k] and k not in placed:
                heapq.heappush(ready, k)
    return out


def build_claims(
    records: list[dict[str, Any]], config: ClaimConfig = DEFAULT, in_order: bool = False,
    aliases: list[tuple[str, str]] | None = None, edits: Sequence[ClaimEdit] = (),
) -> list[Claim]:
    """Group the statements of one story's records into claims, roots first.

    ``in_order`` says the records are already in :func:`order_records` order; ``aliases``
    are the story's (alias, name) pairs from the store's alias table; ``edits`` are the
    analysts' merges and splits (:mod:`claimgraph.link.corrections`), made in order once
    the statements are grouped.
    """
    ordered = records if in_order else order_records(records)
    per_doc = [views(record, i) for i, record in enumerate(ordered)]
    every = [v for doc_views in per_doc for v in doc_views]
    apply_aliases(every, aliases or [])
    share_affiliations(every)
    spread = _document_frequency(per_doc)
    index = ClaimIndex()
    scores = PairScores(config)
    copies = WireCopies(every)
    for doc_views in per_doc:
        signature = copies.signature(doc_views)
        known = copies.get(signature)
        if known is not None:
            for view, claims_joined in zip(doc_views, known):
                for claim in claims_joined:
                    index.add(claim, view)
            continue
        placed = _place_document(doc_views, index, scores, spread)
        joined = []
        for view in doc_views:
            matches = placed.get(id(view)) or _candidates(view, index, scores, spread)
            joined.append(_join(view, matches, index, config) if matches else [index.new(view)])
        copies.put(signature, joined)
    claims = index.claims
    # Own-voice sentences never start a claim; they only restate one already made. In a
    # document that speaks for its publisher they are the publisher's statements.
    primary = {i for i, doc_views in enumerate(per_doc) if _speaks_for_itself(doc_views)}
    for i in primary:
        for view in per_doc[i]:
            view.primary = view.own_voice
    attributed = [c for c in claims if c.attributed]
    for i, record in enumerate(ordered):
        for view in unattributed_sentences(record, i):
            found = _matching_claims(view, attributed, scores, spread)
            if i in primary:
                view.inferred, view.primary = False, True
                if not found:
                    index.new(view)
                    continue
            _join(view, found, index, config)
        # A headline restates a claim of its story, attributed or not ("1,500 sent into battle").
        for view in headline_views(record, i):  # one claim: a headline's figure is its lead's
            found = _matching_claims(view, index.candidates(view), scores, spread)
            _join(view, found[:1], index, config)
    for claim in claims:
        claim.sort_members()
    if edits:
        claims = apply_edits(claims, edits)
    _assign_propositions(claims, config)
    return claims


def _speaks_for_itself(doc_views: list[StatementView]) -> bool:
    """Whether a document speaks for its publisher: most of its statements with a known
    source are the publisher's own (a ministry's update, a mission's report) and the
    publisher is not named like a news outlet ('Open Harbour News' states what happened in
    its own voice)."""
    known = [v for v in doc_views if not v.speaker_unknown]
    own = [v for v in known if v.own_voice and v.speaker_name]
    return len(own) >= 2 and 2 * len(own) >= len(known) and not _outlet(own[0].publisher)


def _outlet(name: str | None) -> bool:
    words = {w.lower() for w in tx.words(name or "")}
    return bool(words & outlet_words()) or outlet_like(name or "")


def _holding(claims: list[Claim], ref: tuple[str, str]) -> list[int]:
    """Indexes of the claims with a statement ``ref``, the one it is the root of first."""
    found = [i for i, c in enumerate(claims)
             if any((m.doc_id, m.sid) == ref for m in c.members)]
    return sorted(found, key=lambda i: (claims[i].root.doc_id, claims[i].root.sid) != ref)


def _rebuilt(members: list[StatementView]) -> Claim:
    claim = Claim(id="")
    for view in sorted(dict.fromkeys(members), key=lambda v: (v.doc_index, v.position)):
        claim.add(view)
    return claim


def apply_edits(claims: list[Claim], edits: Sequence[ClaimEdit]) -> list[Claim]:
    """``claims`` after the analysts' merges and splits, numbered again c1, c2, ...

    A split takes every part of the statement out of each claim it shares with other
    statements, each part into a claim of its own, placed after the claim it left. A merge
    joins the claim the first statement is the root of (else the first claim holding it)
    with the second's, in the earlier one's place; the earlier root is the merged claim's.
    """
    out = list(claims)
    for edit in edits:
        if edit.action == "split":
            for i in sorted(_holding(out, edit.first), reverse=True):  # inserts shift later ones
                claim = out[i]
                leaving = [m for m in claim.members if (m.doc_id, m.sid) == edit.first]
                if len(leaving) == len(claim.members):
                    continue  # alone in its claim already
                out[i] = _rebuilt([m for m in claim.members if m not in leaving])
                out[i + 1:i + 1] = [_rebuilt([m]) for m in leaving
                                    if not any(c.members == [m] for c in out)]
        elif edit.second is not None:
            first, second = _holding(out, edit.first), _holding(out, edit.second)
            if not first or not second or first[0] == second[0]:
                continue
            keep, drop = sorted((first[0], second[0]))
            out[keep] = _rebuilt(out[keep].members + out[drop].members)
            del out[drop]
    for n, claim in enumerate(out, 1):
        claim.id = f"c{n}"
    return out


Match = tuple[Claim, float, float]


def _candidates(
    view: StatementView, index: ClaimIndex, scores: PairScores, spread: dict[str, int]
) -> list[Match]:
    """The claims ``view`` may join, best first; an outlet restating a source's claim
    joins that, not an outlet's claim of its own."""
    matches = _matching_claims(view, index.candidates(view), scores, spread)
    if view.own_voice and any(c.attributed for c, _s, _q in matches):
        matches = [m for m in matches if m[0].attributed]
    return matches


def _place_document(
    doc_views: list[StatementView], index: ClaimIndex, scores: PairScores,
    spread: dict[str, int],
) -> dict[int, list[Match]]:
    """The earlier claims each statement of one document joins, by ``id`` of the view.

    One document says one thing once: of its statements that fit one claim, the best fit
    joins it, and another stays with it only when it nearly repeats that statement;
    otherwise it takes the next claim it fits ("Water restrictions will last until
    November" goes to the claim of the restrictions' end when "Households will be limited
    to 120 litres a day" in the same report restates the limit). A statement with no
    other claim to go to keeps its best one."""
    first = {id(v): _candidates(v, index, scores, spread) for v in doc_views}
    taken: dict[int, StatementView] = {}  # id of claim -> the statement that took it
    placed: dict[int, list[Match]] = {}
    # the best fit first; sorting is stable, so equal fits keep document order
    for view in sorted(doc_views, key=lambda v: -(first[id(v)][0][1] if first[id(v)] else 0.0)):
        matches = first[id(view)]
        if not matches:
            continue
        holder = taken.get(id(matches[0][0]))
        if holder is not None and scores(view, holder)[0] < scores.config.same_document:
            free = [m for m in matches if id(m[0]) not in taken]
            if free:
                matches = [free[0], *(m for m in matches if m is not free[0])]
        placed[id(view)] = matches
        taken.setdefault(id(matches[0][0]), view)
    return placed


def _document_frequency(per_doc: list[list[StatementView]]) -> dict[str, int]:
    """In how many of the story's documents each term occurs (as a language-neutral key)."""
    out: dict[str, int] = {}
    for doc_views in per_doc:
        for term in {t for v in doc_views for t in v.neutral_terms()[0]}:
            out[term] = out.get(term, 0) + 1
    return out


def _rarity(view: StatementView, member: StatementView, spread: dict[str, int]) -> float:
    """How telling the words two statements share are: the sum of 1 / documents holding
    each, so a word of every report counts little and a word of one claim much."""
    shared = view.neutral_terms()[0] & member.neutral_terms()[0]
    return math.fsum(1.0 / max(spread.get(t, 1), 1) for t in shared)  # any order, one sum


def _matching_claims(
    view: StatementView, claims: list[Claim], scores: PairScores,
    spread: dict[str, int] | None = None,
) -> list[tuple[Claim, float, float]]:
    """Claims ``view`` may join: (claim, best score, figure agreement), best first; of
    claims within :data:`TIE` of the best, the one sharing the rarer words first
    (``spread``: the story's document frequency of each term)."""
    config = scores.config
    found = []
    rarity: dict[str, float] = {}
    for claim in claims:
        repeat = view.doc_id in claim._docs
        best: tuple[float, float] | None = None
        for member in claim.compared():
            score, spk, figures = scores(view, member)
            need = config.join if spk == 1.0 else config.join_unattributed
            if repeat:
                need = max(need, config.same_document)
            if score >= need and (best is None or score > best[0]):
                best = (score, figures)
                rarity[claim.id] = _rarity(view, member, spread) if spread else 0.0
        if best is not None:
            found.append((claim, best[0], best[1]))
    found.sort(key=lambda m: -m[1])
    if len(found) > 1 and spread:
        tied = [m for m in found if m[1] >= found[0][1] - TIE]
        first = max(tied, key=lambda m: rarity[m[0].id])  # the first of equals stays first
        found.remove(first)
        found.insert(0, first)
    agreeing = [m for m in found if m[2] > 0]
    if found and found[0][2] < 0 and agreeing:
        # a figure that contradicts the best claim's but repeats another's is that other claim:
        # "1,500 reservists ... sent into battle" restates the 1,500, not the "about 4,000"
        found.remove(agreeing[0])
        found.insert(0, agreeing[0])
    return found


def _join(
    view: StatementView, matches: list[tuple[Claim, float, float]], index: ClaimIndex,
    config: ClaimConfig = DEFAULT,
) -> list[Claim]:
    """Join the best claim; also any other whose root figure the statement repeats (the
    claims joined).

    "The pipeline, built under a 2.4bn contract, will carry up to 8 bcm" restates two
    claims at once, and each should see its drift. A figure merely mentioned by some
    member ("rescuers will reach the nine miners") does not make a second claim's case.
    """
    joined = []
    for rank, (claim, _score, _figures) in enumerate(matches):
        if rank == 0 or _repeats_figure(view, claim.root, config) \
                or _hedges_other(view, matches[0][0].root, claim.root):
            index.add(claim, view)
            joined.append(claim)
    return joined


def _hedges_other(view: StatementView, best: StatementView, other: StatementView) -> bool:
    """Whether a hedge of ``view`` qualifies what ``other`` says and ``best`` does not: "the
    blackout that left 120,000 homes without power was almost certainly caused by ageing
    equipment" joins the figure's claim for its figure, and the cause's for its hedge."""
    for hedge in view.hedges:
        scope = view.hedge_scope(hedge)
        if hedge.mid is not None and scope and not scope & _terms_of(best, view) \
                and scope & _terms_of(other, view):
            return True
    return False


def _terms_of(root: StatementView, view: StatementView) -> frozenset[str]:
    """``root``'s terms in the form ``view``'s are: as they are in one language, else as
    language-neutral keys."""
    return root.terms if root.language == view.language else root.neutral_terms()[0]


def _repeats_figure(view: StatementView, root: StatementView, config: ClaimConfig) -> bool:
    return any(
        (s := figure_agreement(q, r, config)) is not None and s >= 0.15
        for q in view.quantities
        for r in root.quantities
    )


def _assign_propositions(claims: list[Claim], config: ClaimConfig) -> None:
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only roots sharing an event word or a unit word can be one proposition.
    keys = [_proposition_keys(c.root) for c in claims]
    holding: dict[str, list[int]] = {}
    for i, found in enumerate(keys):
        for key in found:
            holding.setdefault(key, []).append(i)
    for i, a in enumerate(claims):
        for j in sorted({j for key in keys[i] for j in holding[key] if j > i}):
            if find(i) == find(j):
                continue  # one proposition already
            b = claims[j]
            if a.root.doc_id == b.root.doc_id and speaker_match(a.root, b.root) == 1.0:
                continue  # one source saying two things in one place: two propositions
            # Shared names alone ("Ardent Vale") do not make one proposition: the sources
            # must also share what happened.
            content = term_overlap(a.root, b.root)
            shared_event = term_overlap(a.root, b.root, event=True) > 0
            if (
                shared_event
                and content + max(0.0, quantity_agreement(a.root, b.root, config))
                >= config.proposition
            ) or units_compete(a.root, b.root, config):
                parent[find(j)] = find(i)
    for i, claim in enumerate(claims):
        claim.proposition = f"p{find(i) + 1}"


def _proposition_keys(root: StatementView) -> set[str]:
    """The event words and unit words of a root, as they are and as language-neutral keys:
    two roots with none in common share no event and no unit (:func:`units_compete`)."""
    return {f"e {t}" for t in root.event_terms | root.neutral_terms()[1]} | unit_keys(root)


def claim_speaker_match(a: Claim, b: Claim) -> float:
    """Speaker match of two claims over all their attributed statements: one mention may
    name the affiliation ("Civic Renewal Party leader Marek Solvay") that another omits."""

    if any(speaker_match(x, y) == 1.0 for x in a.named() for y in b.named()):
        return 1.0
    return speaker_match(a.root, b.root)


def chains(claims: list[Claim]) -> list[list[Claim]]:
    """Independent chains: within each proposition, the claims of one source form one chain.

    Own-voice claims join the proposition's first chain: an unnamed source is not evidence
    of a second one.
    """
    out: list[list[Claim]] = []
    by_prop: dict[str, list[Claim]] = {}
    for claim in claims:
        by_prop.setdefault(claim.proposition, []).append(claim)
    for group in by_prop.values():
        prop_chains: list[list[Claim]] = []
        heads = SourceIndex()  # chains by their first claim's sources
        for claim in sorted(group, key=lambda c: not c.attributed):
            # A new chain needs a source that is clearly another one; "the governor" is not.
            near = _near_heads(claim, heads, len(prop_chains))
            matches = [(claim_speaker_match(prop_chains[k][0], claim), k) for k in near]
            matches = [m for m in matches if m[0] > 0.0 or not claim.attributed]
            if claim.attributed:
                # a source that may be the chain's own but gives its own count of the same
                # thing ("the company" says about 1,200, the union more than 3,000) is another
                matches = [m for m in matches
                           if m[0] == 1.0 or not counts_differ(prop_chains[m[1]][0].root,
                                                               claim.root, DEFAULT)]
            if not matches and prop_chains and not is_proper_source(claim.root):
                matches = [(0.0, 0)]  # a bare surname or a demonym is no evidence of a new source
            home = prop_chains[max(matches)[1]] if matches else None
            if home is None:
                for view in _sources(claim):
                    heads.add(view, len(prop_chains))
                prop_chains.append([claim])
            else:
                home.append(claim)
        out.extend(prop_chains)
    return out


def _sources(claim: Claim) -> list[StatementView]:
    """The statements :func:`claim_speaker_match` reads: the root and the named mentions."""
    return [claim.root, *claim.named()]


def _near_heads(claim: Claim, heads: SourceIndex, count: int) -> list[int]:
    """The chains (of ``count``) whose first claim :func:`claim_speaker_match` may not rule
    out for ``claim``, in order; every chain for a claim without attribution, which may
    join any."""
    if not claim.attributed:
        return list(range(count))
    near: set[int] = set()
    for view in _sources(claim):
        found = heads.find(view)
        if found is None:
            return list(range(count))
        near |= found
    return sorted(near)
