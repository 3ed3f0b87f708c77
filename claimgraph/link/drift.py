"""Drift: how a re-reporting statement differs from the statement it re-reports.

Each re-reporting statement of a claim is compared with the statement it re-reports: the
closest statement of its parent document in the claim's provenance tree, or of the root
document when it hangs directly under the speaker. The kinds are those of DESIGN section 2:
``hedge_dropped``, ``hedge_added``, ``hedge_changed``, ``quantity_changed``,
``approximator_changed``, ``cue_hardened``, ``action_changed``, ``attribution_dropped``.
A faithful re-report yields nothing. Cue stance, hedges (with their yardstick ranges) and
vague amounts ("thousands of") are what extraction found; action classes and thresholds
live in ``data/lexicons/drift.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..lexicons import cue_stance
from . import concepts
from . import text as tx
from .speakers import key_in, speaker_match
from .statements import Hedge, QuantityView, StatementView, term_overlap

KINDS = (
    "hedge_dropped",
    "hedge_added",
    "hedge_changed",
    "quantity_changed",
    "approximator_changed",
    "cue_hardened",
    "action_changed",
    "attribution_dropped",
)


def _lex() -> dict[str, Any]:
    return tx.lexicon("drift")


def cue_level(view: StatementView) -> int | None:
    """Hardness of the reporting verb: 1 distancing, 2 neutral, 3 endorsing; None when absent.

    The stance is the one extraction gave the cue, from the one cue lexicon
    (``data/lexicons/cues.json``)."""
    levels = _lex()["cue_hardness"]["stance_levels"]
    stance = view.cue_stance or (cue_stance(view.cue_lemma) if view.cue_lemma else None)
    return int(levels[stance]) if stance in levels else None


@lru_cache(maxsize=1)
def _action_patterns() -> list[tuple[str, int, re.Pattern[str]]]:
    out = []
    for spec in _lex()["actions"]["classes"].values():
        pattern = re.compile(r"\b(?:" + "|".join(spec["patterns"]) + r")\b", re.IGNORECASE)
        out.append((spec["scale"], int(spec["level"]), pattern))
    return out


Action = tuple[str, int, str, "tuple[int, int] | None"]


def actions(view: StatementView) -> list[Action]:
    """(scale, level, words, document span) for every action phrase in the content."""
    base = view.content_span[0] if view.content_span else None
    return [(scale, level, words, (base + s, base + e) if base is not None else None)
            for scale, level, words, s, e in _content_actions(view.content, view.language)]


def actions_in(text: str, language: str = "") -> list[Action]:
    """Every action phrase in ``text``, without spans."""
    return [(scale, level, words, None)
            for scale, level, words, _s, _e in _content_actions(text, language)]


@lru_cache(maxsize=65536)
def _content_actions(
    content: str, language: str = ""
) -> tuple[tuple[str, int, str, int, int], ...]:
    if concepts.lemmatised(language):
        # Russian, Ukrainian, Bulgarian: the classes' lemmas from the concept table
        classes = _lex()["actions"]["classes"]
        return tuple((classes[cls]["scale"], int(classes[cls]["level"]), words, s, e)
                     for cls, words, s, e in concepts.action_classes(content, language)
                     if cls in classes)
    return tuple((scale, level, m.group(0), m.start(), m.end())
                 for scale, level, pattern in _action_patterns()
                 for m in pattern.finditer(content))


def _pairs(
    before: list[QuantityView], after: list[QuantityView], by_unit_only: bool = False
) -> list[tuple[QuantityView, QuantityView]]:
    """Match figures about the same thing: same unit first, then (unless ``by_unit_only``)
    the only figure on each side."""
    pairs = []
    left = list(after)
    for qb in before:
        # of several figures counting one thing, the nearest: "nine of the 38 containers"
        # restates "nine of the containers" with its nine, not its 38
        same = [qa for qa in left if qb.same_unit(qa) or (not qa.unit and _distance(qb, qa) == 0)]
        match = min(same, key=lambda qa: _distance(qb, qa)) if same else None
        if (
            match is None
            and not by_unit_only
            and len(before) == 1
            and len(left) == 1
            and (not qb.unit or not left[0].unit)
        ):
            match = left[0]
        if match is not None:
            pairs.append((qb, match))
            left.remove(match)
    return pairs


def _distance(a: QuantityView, b: QuantityView) -> float:
    ca, cb = a.center(), b.center()
    if ca is None or cb is None:
        return float("inf")
    return abs(ca - cb) / max(abs(ca), abs(cb), 1.0)


def _differs(a: float | None, b: float | None, tolerance: float) -> bool:
    if a is None or b is None:
        return a is not b
    return abs(a - b) > tolerance * max(abs(a), abs(b), 1.0)


def _approx(q: QuantityView) -> str:
    return {"over": "more_than", "under": "less_than"}.get(q.approx, q.approx)


# A strict bound on a whole number is the non-strict bound one step on: "more than 30
# people" says what "at least 31 people" says, "fewer than 10" what "at most 9" says.
_STRICT = {"more_than": ("at_least", 1.0), "less_than": ("up_to", -1.0)}


def _same_bound(a: QuantityView, b: QuantityView) -> bool:
    """Whether two whole-number bounds of one side say the same: "more than 30" and "at
    least 31"."""
    for strict, other in ((a, b), (b, a)):
        step = _STRICT.get(_approx(strict))
        if (
            step is not None
            and _approx(other) == step[0]
            and strict.value is not None
            and other.value is not None
            and float(strict.value).is_integer()
            and other.value == strict.value + step[1]
        ):
            return True
    return False


# What a figure asserts: about a point, a floor, a ceiling or a range. "4,000" and "some
# 4,000" assert the same; "over 4,000" asserts more.
BOUND = {
    "exact": "point",
    "about": "point",
    "more_than": "floor",
    "at_least": "floor",
    "less_than": "ceiling",
    "up_to": "ceiling",
    "range": "range",
    "vague": "vague",
}


def _needs_a_source(view: StatementView) -> bool:
    """Whether someone must stand behind what ``view`` says (``data/lexicons/drift.json``,
    ``attribution``): a figure, a hedge, a distancing cue, a prediction or possibility, or
    a word of judgement; not a fact anyone can see ('the centre was closed')."""
    if view.quantities or view.hedges or cue_level(view) == 1:
        return True
    modal, single, phrases = _attribution_words()
    words = {w.lower() for w in tx.words(view.content)}
    content = f" {view.content.lower()} "
    return bool(words & (modal | single)) or any(f" {p} " in content for p in phrases)


@lru_cache(maxsize=1)
def _attribution_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(modal words, one-word judgement words, judgement phrases) of ``drift.json``."""
    lex = _lex()["attribution"]
    judgement = lex["judgement_words"]
    return (frozenset(lex["modal_words"]), frozenset(w for w in judgement if " " not in w),
            tuple(w for w in judgement if " " in w))


def _names_speaker(after: StatementView, before: StatementView) -> bool:
    """Does the re-report still name the source, in its sentence ("Police put the crowd at
    ..."), the sentence before or after it, or its headline ("... - Ministry")?"""
    found = tx.words(after.region_text + " " + after.context)
    stems = {tx.stem(w) for w in found}
    # or by the last word of its name: capitalised in the text ("Solin said" for Radek
    # Solin), or as the headline's source ("... - ministry" for the Interior Ministry)
    short = {tx.stem(w) for w in found if w[:1].isupper()} | _headline_source(after)
    return any(key and (key_in(key, stems) or (len(key) > 1 and key_in(key[-1:], short)))
               for key in before.source_keys())


_HEADLINE_SOURCE = re.compile(r"\s[-–—]\s+([^-–—]+)$|,\s+([^,]+?)\s+says?$", re.IGNORECASE)


def _headline_source(view: StatementView) -> set[str]:
    """Stems of the source a headline names at its end: "... - ministry", "..., police say"."""
    title = view.context[: len(view.context) - len(view.around)].strip()
    m = _HEADLINE_SOURCE.search(title)
    return {tx.stem(w) for w in tx.words(m.group(1) or m.group(2))} if m else set()


def _belief_cue(view: StatementView) -> bool:
    beliefs = set(_lex()["hedges"]["belief_cues"])
    lemma = (view.cue_lemma or "").lower()
    if concepts.lemmatised(view.language) and lemma in concepts.belief_cues(view.language):
        return True
    return lemma in beliefs or any(
        tx.stem(w) in {tx.stem(b) for b in beliefs} for w in tx.words(view.cue_text or "")
    )


def _hedge_strength(hedges: list[Hedge]) -> Hedge | None:
    """The hedge that says how sure the statement is: a yardstick term with its range first,
    else any other hedge ("may", "reportedly"); negated ones ("not likely") aside."""
    usable = [h for h in hedges if not h.negated]
    ranged = [h for h in usable if h.mid is not None]
    return (ranged or usable or [None])[0]


def _strength_moved(hedge: Hedge, before: StatementView, after: StatementView, up: bool) -> bool:
    """A probability word always counts; a hedge without one ("may", "reportedly") only when
    the claim's strength moved with it: one in a side clause does not bear on the claim."""
    if hedge.mid is not None or before.strength is None or after.strength is None:
        return True
    return after.strength > before.strength if up else after.strength < before.strength


def _bears_on(hedge: Hedge, side: StatementView, other: StatementView) -> bool:
    """Whether what ``hedge`` (one of ``side``'s) qualifies is said in ``other`` at all.

    "two people had died and that it was likely the water would peak" hedges the peak, not
    the deaths; "14 people suspected of smuggling diesel" hedges the smuggling, which "14
    people have been detained" leaves out rather than states as fact."""
    scope = side.hedge_scope(hedge)
    if not scope:
        return True
    if side.language == other.language:
        return bool(scope & other.terms)
    return bool(concepts.neutral_set(scope) & other.neutral_terms()[0])


def _cue_words(view: StatementView) -> str:
    """The cue as a reader names it: "Governor: ..." is a colon that says "said"."""
    text = view.cue_text or ""
    return text if any(c.isalnum() for c in text) else f"{view.cue_lemma or 'say'} ({text!r})"


def _side(view: StatementView, text: str | None, span: tuple[int, int] | None) -> dict[str, Any]:
    return {
        "document": view.doc_id,
        "statement": view.sid,
        "text": text if text is not None else view.content,
        "span": list(span) if span else (list(view.content_span) if view.content_span else None),
        "statement_text": view.content,
    }


def compare(
    before: StatementView,
    after: StatementView,
    claim_id: str,
    source_document: list[StatementView] | None = None,
) -> list[dict[str, Any]]:
    """Drift findings between the root-side ``before`` and the re-reporting ``after``;
    ``source_document`` holds every statement of ``before``'s document."""
    findings: list[dict[str, Any]] = []

    def add(
        kind: str, btext: str | None, bspan: Any, atext: str | None, aspan: Any, detail: str
    ) -> None:
        findings.append(
            {
                "kind": kind,
                "claim": claim_id,
                "before": _side(before, btext, bspan),
                "after": _side(after, atext, aspan),
                "detail": detail,
            }
        )

    # Attribution: the source's claim now stands in the outlet's own voice.
    # A publisher's own assessment (an intelligence update's judgement) is attributed to it.
    attributed = not before.own_voice or (before.kind == "assessment" and not before.inferred)
    if (
        attributed
        and bool(before.source_keys())  # a source never resolved cannot be looked for
        and not after.headline  # headlines are short: what they leave out is not a change
        and after.own_voice
        and speaker_match(before, after) < 1.0
        and _needs_a_source(before)
        and not _names_speaker(after, before)
    ):
        who = before.effective_speaker or "source"
        add(
            "attribution_dropped",
            who,
            before.speaker_span or before.cue_span,
            None,
            None,
            f"{who} -> {after.publisher or 'outlet'}",
        )

    # Hedges: probability words on the source side against the re-report.
    hb, ha = _hedge_strength(before.hedges), _hedge_strength(after.hedges)
    if after.headline and before.doc_id == after.doc_id:
        # a headline over a body that keeps the hedge ("Dalmora moved 4,000 troops, Kestria
        # says" over "has highly likely moved"): the reader meets the hedge a line below
        hb = ha = None
    elif after.headline:
        # a headline hedges in a word ("possible drone strike"); only a probability word lost
        # for none at all, or changed for another, counts there
        hb = hb if hb and hb.mid is not None else None
        ha = ha if ha and ha.mid is not None else (None if hb is None else ha)
    shift = float(_lex()["hedges"]["min_shift"])
    if hb and not ha and _belief_cue(after):
        pass  # "intelligence believes ...": still hedged, though without a probability
    elif hb and not ha and _strength_moved(hb, before, after, up=True) \
            and _bears_on(hb, before, after):
        add("hedge_dropped", hb.text, hb.span, None, None, f"{hb.text} -> (none)")
    elif ha and not hb and _strength_moved(ha, before, after, up=False) \
            and _bears_on(ha, after, before):
        add("hedge_added", None, None, ha.text, ha.span, f"(none) -> {ha.text}")
    elif hb and ha and hb.mid is not None and ha.mid is not None and abs(hb.mid - ha.mid) >= shift \
            and _bears_on(hb, before, after):
        add("hedge_changed", hb.text, hb.span, ha.text, ha.span, f"{hb.text} -> {ha.text}")

    # Quantities: the number itself, then only its approximator.
    tolerance = float(_lex()["quantity"]["relative_tolerance"])
    # a headline's bare figure ("Blast kills 2") may count something its lead does not
    for qb, qa in _pairs(before.quantities, after.quantities, by_unit_only=after.headline):
        if _same_bound(qb, qa):
            continue
        if qa.vague != qb.vague or _differs(qb.center(), qa.center(), tolerance):
            add("quantity_changed", qb.text, qb.span, qa.text, qa.span, f"{qb.text} -> {qa.text}")
        elif BOUND.get(_approx(qb), _approx(qb)) != BOUND.get(_approx(qa), _approx(qa)) and not (
            qb.vague or qa.vague or (after.headline and _approx(qa) == "exact")
        ):  # a headline's bare "40" for "at least 40" is brevity; its "over 40" is a change
            add(
                "approximator_changed",
                qb.text,
                qb.span,
                qa.text,
                qa.span,
                f"{_approx(qb)} -> {_approx(qa)}",
            )

    # Cue: the same source's words reported with a harder verb.
    lb, la = cue_level(before), cue_level(after)
    if (
        not after.headline
        and lb is not None
        and la is not None
        and la > lb
        and speaker_match(before, after) == 1.0
        and not after.own_voice
    ):
        add(
            "cue_hardened",
            before.cue_text,
            before.cue_span,
            after.cue_text,
            after.cue_span,
            f"{_cue_words(before)} -> {_cue_words(after)}",
        )

    # Action: what the subject is said to do, by escalation class.
    # Only a class the source never used counts: dropping a detail ("newly called-up") is
    # not a change of action, while "guarding the coast" -> "sent into battle" is.
    ab, aa = actions(before), actions(after)
    used = {(b[0], b[1]) for b in ab}
    # the source's own sentence already has the word: a statement split differently
    # ("most of those detained ... and that 11 had been charged"), not a new action
    around = actions_in(before.region_text + " " + before.around, before.language)
    # or anywhere in its document: "three of the suspects had been charged" two paragraphs
    # on makes "detained and three of them charged" no new action
    stated = [a for v in source_document or [] if not v.headline and v is not after
              for a in actions(v)]
    said = {_action_word(w) for _s, _l, w, _sp in [*around, *stated]}
    if before.language != after.language:
        # a translation words one action in other words: only a class above every one the
        # source used on that scale, in its sentence or the ones around, is a change
        said_levels: dict[str, int] = {}
        for scale, level, _w, _sp in [*ab, *around]:
            said_levels[scale] = max(level, said_levels.get(scale, 0))
        new = [a for a in aa if any(b[0] == a[0] for b in ab) and a[1] > said_levels[a[0]]]
    else:
        new = [a for a in aa if (a[0], a[1]) not in used and any(b[0] == a[0] for b in ab)
               and _action_word(a[2]) not in said]
    if new:
        top_a = max(new, key=lambda a: a[1])
        same_scale = [b for b in ab if b[0] == top_a[0]]
        top_b = min(same_scale, key=lambda b: (abs(b[1] - top_a[1]), -b[1]))
        add("action_changed", top_b[2], top_b[3], top_a[2], top_a[3], f"{top_b[2]} -> {top_a[2]}")
    return findings


def said_later(before: StatementView, after: StatementView) -> bool:
    """Whether ``after`` is the same source speaking on a later day ("the toll has risen to
    17, the directorate said on Sunday" after Saturday's "at least nine"): an update of its
    own, not a re-report of ``before``. Not when it comes through someone else ("Sorin
    confirmed ..., the ministry reported on Tuesday"): the day is then the relay's."""
    days = [_DAY.match(v.said_on or "") for v in (before, after)]
    return bool(days[0] and days[1] and not after.own_voice and not after.via
                and days[1].group(0) > days[0].group(0)
                and speaker_match(before, after) == 1.0)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a day, not a week or a month


def _action_word(words: str) -> str:
    """An action phrase as stems, so that "charged" meets "charges" and "charging"."""
    return " ".join(tx.stem(w) for w in tx.words(words))


def closest_to_root(
    root: StatementView, members: list[StatementView], after: StatementView
) -> StatementView:
    """The root document's statement most like ``after`` (the first one on a tie)."""
    in_root = [m for m in members if m.doc_id == root.doc_id and not m.inferred] or [root]
    return max(in_root, key=lambda m: (term_overlap(m, after), -m.position))


def closest_in(in_doc: list[StatementView], after: StatementView) -> StatementView | None:
    """The statement of ``in_doc`` (one document's) most like ``after``, the first on a tie."""
    in_doc = [m for m in in_doc if not m.inferred]
    if not in_doc:
        return None
    return max(in_doc, key=lambda m: (term_overlap(m, after), -m.position))


def claim_drift(
    claim_id: str,
    root: StatementView,
    members: list[StatementView],
    parents: dict[str, str | None] | None = None,
    doc_views: dict[str, list[StatementView]] | None = None,
) -> list[dict[str, Any]]:
    """All findings of one claim, each at the hop that made it: a statement outside the root
    document against the closest statement of the document it re-reports (``parents``, from
    the provenance tree), else of the root document. A change made early in the chain is
    reported once, at the document that made it, not again at every later re-report.

    ``doc_views`` holds every statement of each of the story's documents, whatever claim
    it joined: an action the source document states anywhere is no new action. A document
    reporting what the source said again on a later day (:func:`said_later`) reports an
    update, not the earlier statement: none of its statements of the claim drift from it."""
    parents = parents or {}
    doc_views = doc_views or {}
    by_doc: dict[str, list[StatementView]] = {}
    for m in members:
        by_doc.setdefault(m.doc_id, []).append(m)
    pairs = []
    for after in members:
        # a headline against its own body first: "guarding the coast" below "sent into battle"
        before = closest_in(by_doc.get(after.doc_id, []), after) if after.headline else None
        if before is None and after.doc_id == root.doc_id:
            continue
        parent_doc = parents.get(after.doc_id)
        if before is None and parent_doc:
            before = closest_in(by_doc.get(parent_doc, []), after)
        pairs.append((before or closest_to_root(root, members, after), after))
    updates = {after.doc_id for before, after in pairs if said_later(before, after)}
    findings = []
    for before, after in pairs:
        if after.doc_id not in updates:
            found = compare(before, after, claim_id, doc_views.get(before.doc_id, []))
            findings += [f for f in found if not (
                f["kind"] == "hedge_dropped" and _hedge_kept(before, by_doc[after.doc_id]))]
    return _once(findings)


def _hedge_kept(before: StatementView, same_document: list[StatementView]) -> bool:
    """Whether another statement of the claim in the re-report keeps the hedge of ``before``
    ("were highly likely working for ..." two lines above "named the group responsible"):
    the document has not dropped it."""
    hb = _hedge_strength(before.hedges)
    if hb is None or hb.mid is None:
        return False
    shift = float(_lex()["hedges"]["min_shift"])
    return any(h.mid is not None and abs(h.mid - hb.mid) < shift
               for m in same_document for h in m.hedges)


def _once(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One finding per kind, document and wording: a statement found in two forms of one
    sentence (headline and body) is not two changes."""
    seen = set()
    out = []
    for f in findings:
        key = (f["kind"], f["after"]["document"], f["before"]["text"], f["after"]["text"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
