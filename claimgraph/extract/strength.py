"""Claim strength: how strongly a statement asserts the relationship it reports.

Scale (Sumner et al. 2014, as condensed for the InSciOut pairs): 0 no relationship,
1 correlational ('is associated with', 'more likely'), 2 conditional causal (a causal
word under 'can', 'may', 'might', 'could'), 3 causal ('reduces', 'leads to').

Input: a ``Doc`` processed by claimgraph's pipeline (it reads ``doc._.estimates`` and
``doc._.statements``, the parse and the lemmas), or a ``Span`` of one; a doc the pipeline
has not processed raises ``ValueError``. :func:`strength_of_text` runs the pipeline on raw
text. Output: :class:`Strength`, a score in 0..3, the level and name of the claim's
relation, and the findings (words, spans, effect on the score) that drove it.

How:

* **Relation words** (``data/lexicons/strength.json``) are matched on lemmas and part of
  speech: causal verbs used as verbs (not the participles of 'increased risk' or
  'patients treated with'), causal adjectives, nouns and phrases ('leads to');
  correlational verbs, adjectives, nouns and phrases; a comparative with a comparison
  in its sentence ('higher ... than'); and the estimates extractor's comparative
  hedges ('more likely'). Reporting cues of the extracted statements ('explained',
  'predicts') are not relation words.
* A causal word whose clause carries a modal ('can' from the lexicon; 'may', 'might',
  'could' from the estimates) or an epistemic hedge attached to it ('potentially') is
  **conditional**. A relation word under negation ('not associated', 'did not reduce',
  'without increasing', 'failed to improve') and missing evidence ('little evidence',
  'lack strong evidence') is **no relationship**.
* A sentence's relation is the relation word nearest the root of its parse, the main
  predicate ('X was associated with large reductions' is correlational although
  'reductions' is causal); words at the same depth give the strongest. The **claim
  sentence** of a text is the first with a relation word (``claim_sentence: first``) or
  the one with the strongest relation (``strongest``).
* **Score**: the claim sentence's level, or ``unstated`` when it has no relation word,
  plus weighted findings of that sentence: other hedges (epistemic, doxastic,
  investigation) and evidential hedges lower it, as does a modal on a non-causal
  relation; a yardstick estimate with midpoint p lowers it by (1 - p) x ``probability``;
  an endorsing reporting cue ('revealed') raises it and a distancing one ('claimed')
  lowers it; boosters ('clearly') raise it. The score is clipped to 0..3. Weights are
  data (``weights`` in ``strength.json``).
* :func:`direction` compares two strengths: the report is ``stronger`` when its score
  exceeds the source's by more than ``threshold``, ``weaker`` when it falls short by more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .. import scales
from ..lexicons import lexicon
from ..model import Document, Estimate

Relation = Literal["none", "correlational", "conditional", "causal", "unstated"]
Direction = Literal["same", "stronger", "weaker"]
RELATIONS: tuple[str, ...] = ("none", "correlational", "conditional", "causal")
LEVEL: dict[str, int] = {r: i for i, r in enumerate(RELATIONS)}
MAX_SCORE = 3.0
# Weighted modifier terms, each the name of a weight; their per-sentence sums are capped.
TERMS: tuple[str, ...] = ("hedge", "evidential", "modal", "probability", "cue", "booster")
_CAPS: dict[str, tuple[float, float]] = {
    "hedge": (-2.0, 0.0), "evidential": (-2.0, 0.0), "modal": (-1.0, 0.0),
    "probability": (-MAX_SCORE, 0.0), "cue": (-1.0, 1.0), "booster": (0.0, 2.0),
}
_HEDGE_TERM = {"epistemic": "hedge", "doxastic": "hedge", "investigation": "hedge",
               "evidential": "evidential"}
_VERBS = frozenset({"VERB", "AUX"})
_PARTICIPLE_DEPS = frozenset({"amod", "compound"})
_NEG_CHILD_DEPS = frozenset({"neg", "det", "advmod", "preconj", "amod"})

Char = tuple[int, int]


# -- values ------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One word or phrase that bears on claim strength.

    ``kind`` is a relation (``causal``, ``conditional``, ``correlational``, ``none``) or
    a modifier term (``hedge``, ``evidential``, ``modal``, ``probability``, ``cue``,
    ``booster``). ``amount`` is the relation's level, or the modifier's signed size
    before weighting; ``effect`` is what it did to the score (None when it was not used:
    a relation word outside the claim sentence's main predicate).
    """

    kind: str
    text: str
    span: Char
    amount: float
    detail: str = ""
    effect: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "span": list(self.span),
                "effect": None if self.effect is None else round(self.effect, 3),
                "detail": self.detail}


@dataclass(frozen=True)
class Weights:
    """How findings move the score, and the difference that counts as a change of strength."""

    unstated: float = 2.0
    hedge: float = 0.25
    evidential: float = 0.0
    modal: float = 0.25
    probability: float = 3.0
    cue: float = 0.0
    booster: float = 0.0
    threshold: float = 0.5
    claim_sentence: Literal["first", "strongest"] = "first"

    @classmethod
    def default(cls) -> Weights:
        """The weights in ``data/lexicons/strength.json``."""
        return _default_weights()

    def term(self, name: str) -> float:
        value: float = getattr(self, name)
        return value


@cache
def _default_weights() -> Weights:
    raw = dict(lexicon("strength")["weights"])
    raw.pop("about", None)
    return Weights(**raw)


@dataclass
class SentenceReading:
    """What one sentence says about strength, before weighting."""

    span: Char
    relation: Finding | None = None  # the main relation word, None when the sentence has none
    relations: list[Finding] = field(default_factory=list)
    modifiers: list[Finding] = field(default_factory=list)

    @property
    def level(self) -> int | None:
        return None if self.relation is None else int(self.relation.amount)

    def terms(self) -> dict[str, float]:
        """Modifier sums per weight name, capped (a pile of hedges is not a scale of its own)."""
        sums = dict.fromkeys(TERMS, 0.0)
        for f in self.modifiers:
            sums[f.kind] += f.amount
        return {k: min(max(v, _CAPS[k][0]), _CAPS[k][1]) for k, v in sums.items()}


@dataclass
class Reading:
    """Every sentence of a text read for claim strength; :func:`score` weighs it."""

    text: str
    offset: int
    sentences: list[SentenceReading]

    def claim(self, how: str = "first") -> SentenceReading:
        """The sentence that carries the text's claim (see module docstring)."""
        if not self.sentences:
            return SentenceReading(span=(self.offset, self.offset))
        stated = [s for s in self.sentences if s.relation is not None]
        if not stated:
            return self.sentences[0]
        if how == "first":
            return stated[0]
        if how == "strongest":
            return max(stated, key=lambda s: s.level or 0)  # first of the strongest
        raise ValueError(f"claim_sentence must be 'first' or 'strongest', not {how!r}")


@dataclass(frozen=True)
class Strength:
    """How strongly a text asserts its claim: ``score`` 0..3 and the words behind it."""

    score: float
    level: int
    relation: Relation
    findings: list[Finding]
    sentence: Char  # the claim sentence

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 3), "level": self.level, "relation": self.relation,
                "sentence": list(self.sentence), "findings": [f.to_dict() for f in self.findings]}


# -- scoring -----------------------------------------------------------------------


def score(reading: Reading, weights: Weights | None = None) -> Strength:
    """Weigh a :class:`Reading` into a :class:`Strength`."""
    w = weights or Weights.default()
    sent = reading.claim(w.claim_sentence)
    base = float(sent.level) if sent.level is not None else w.unstated
    terms = sent.terms()
    value = base + sum(w.term(k) * v for k, v in terms.items())
    value = min(max(value, 0.0), MAX_SCORE)
    findings: list[Finding] = []
    for f in sent.relations:
        used = f is sent.relation
        findings.append(dataclasses.replace(f, effect=f.amount if used else None))
    for f in sent.modifiers:
        findings.append(dataclasses.replace(f, effect=w.term(f.kind) * f.amount))
    findings.sort(key=lambda f: f.span)
    if sent.relation is None:
        level = int(round(min(max(w.unstated, 0.0), MAX_SCORE)))
        relation: Relation = "unstated"
    else:
        level = int(sent.relation.amount)
        relation = sent.relation.kind  # type: ignore[assignment]
    return Strength(score=value, level=level, relation=relation, findings=findings,
                    sentence=sent.span)


def direction(source: Strength, report: Strength, threshold: float | None = None) -> Direction:
    """Whether ``report`` states the claim ``stronger``, ``weaker`` or the ``same`` as ``source``."""
    t = Weights.default().threshold if threshold is None else threshold
    diff = report.score - source.score
    if diff > t:
        return "stronger"
    if diff < -t:
        return "weaker"
    return "same"


def claim_strength(target: Doc | Span, weights: Weights | None = None) -> Strength:
    """Claim strength of a pipeline-processed ``Doc`` or of a ``Span`` of one."""
    return score(read(target), weights)


@lru_cache(maxsize=2)
def _pipeline(model: str | None) -> Language:
    from ..pipeline import build

    return build(model)


def read_texts(texts: Iterable[str], nlp: Language | None = None,
               model: str | None = None) -> Iterator[Reading]:
    """Run claimgraph's pipeline (``nlp``, else one built for ``model`` and kept) over raw texts."""
    from ..pipeline import make_doc

    nlp = nlp or _pipeline(model)
    docs = (make_doc(nlp, Document(text=t)) for t in texts)
    for doc in nlp.pipe(docs, batch_size=16):
        yield read(doc)


def strength_of_text(text: str, nlp: Language | None = None, weights: Weights | None = None,
                     model: str | None = None) -> Strength:
    """Claim strength of raw text, through claimgraph's pipeline (built once and kept)."""
    return score(next(read_texts([text], nlp, model)), weights)


# -- reading -----------------------------------------------------------------------


def read(target: Doc | Span) -> Reading:
    """Find relation words and modifiers in every sentence of ``target`` (no weighting)."""
    doc = target if isinstance(target, Doc) else target.doc
    if doc._.estimates is None:
        raise ValueError("claim strength needs a Doc processed by claimgraph's pipeline "
                         "(doc._.estimates is unset); use strength_of_text for raw text")
    start = 0 if isinstance(target, Doc) else target.start
    end = len(doc) if isinstance(target, Doc) else target.end
    offset = doc[start].idx if start < len(doc) else len(doc.text)
    text = doc.text if isinstance(target, Doc) else target.text
    ctx = _Context(doc)
    sentences = []
    sents: Iterable[Span] = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        lo, hi = max(sent.start, start), min(sent.end, end)
        if lo >= hi or not any(not t.is_space and not t.is_punct for t in doc[lo:hi]):
            continue
        sentences.append(_read_sentence(doc[lo:hi], ctx))
    return Reading(text=text, offset=offset, sentences=sentences)


@dataclass(frozen=True)
class _Lexicon:
    levels: dict[str, int]
    causal_verbs: frozenset[str]
    causal_adjectives: frozenset[str]
    causal_nouns: frozenset[str]
    corr_verbs: frozenset[str]
    corr_adjectives: frozenset[str]
    corr_nouns: frozenset[str]
    comparative_tags: frozenset[str]
    comparison_words: frozenset[str]
    evidence_nouns: frozenset[str]
    evidence_negators: frozenset[str]
    negating_verbs: frozenset[str]
    negating_preps: frozenset[str]
    negators: frozenset[str]
    modals: frozenset[str]
    boosters: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = lexicon("strength")
    c, r, n = data["causal"], data["correlational"], data["no_relationship"]
    return _Lexicon(
        levels=dict(data["levels"]),
        causal_verbs=frozenset(c["verbs"]), causal_adjectives=frozenset(c["adjectives"]),
        causal_nouns=frozenset(c["nouns"]),
        corr_verbs=frozenset(r["verbs"]), corr_adjectives=frozenset(r["adjectives"]),
        corr_nouns=frozenset(r["nouns"]),
        comparative_tags=frozenset(r["comparative_tags"]),
        comparison_words=frozenset(r["comparison_words"]),
        evidence_nouns=frozenset(n["evidence_nouns"]),
        evidence_negators=frozenset(n["evidence_negators"]),
        negating_verbs=frozenset(n["negating_verbs"]), negating_preps=frozenset(n["negating_preps"]),
        negators=frozenset(scales.hedge_data()["negators"]),
        modals=frozenset(data["modals"]["words"]),
        boosters=frozenset(data["boosters"]["words"]),
    )


@lru_cache(maxsize=8)
def _phrase_matcher(vocab: Vocab) -> tuple[Matcher, dict[int, str]]:
    """Relation phrases as lemma sequences ('lead to' matches 'led to', 'leads to')."""
    data = lexicon("strength")
    matcher = Matcher(vocab)
    kinds: dict[int, str] = {}
    for kind, key in (("causal", "causal"), ("correlational", "correlational")):
        for phrase in data[key]["phrases"]:
            matcher.add(phrase, [[{"LEMMA": w} for w in phrase.split(" ")]])
            kinds[vocab.strings[phrase]] = kind
    return matcher, kinds


class _Context:
    """Per-doc lookups: tokens of estimates and statement cues."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.estimates: list[tuple[Estimate, Span]] = []
        self.estimate_of: dict[int, int] = {}
        for e in doc._.estimates or []:
            span = doc.char_span(e.span[0], e.span[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            self.estimate_of.update({t.i: len(self.estimates) for t in span})
            self.estimates.append((e, span))
        self.cue_tokens: set[int] = set()
        self.cues: list[tuple[str, str, Span]] = []
        for st in doc._.statements or []:
            if st.cue is None or st.cue.span is None:
                continue
            span = doc.char_span(st.cue.span[0], st.cue.span[1], alignment_mode="expand")
            if span is None:
                continue
            self.cue_tokens.update(t.i for t in span)
            self.cues.append((st.cue.stance, st.cue.text, span))
        lex = _lexicon()
        # Modal auxiliaries: the extractor's epistemic 'may', 'might', 'could' and 'can'.
        self.modal: set[int] = {t.i for t in doc if t.tag_ == "MD" and t.lower_ in lex.modals}
        self.epistemic: set[int] = set()
        for e, span in self.estimates:
            if e.scale == "none" and self.hedge_kind(e, span) == "epistemic":
                self.epistemic.update(t.i for t in span)
                self.modal.update(t.i for t in span if t.tag_ == "MD")

    @staticmethod
    def hedge_kind(e: Estimate, span: Span) -> str | None:
        return scales.hedge_kind(e.text, span[-1].lemma_)


def _depth(t: Token) -> int:
    d = 0
    while t.head is not t and t.dep_ != "ROOT":
        t = t.head
        d += 1
    return d


def _clause_head(t: Token) -> Token:
    """The verb (or auxiliary) whose clause holds ``t``: ``t`` itself for a verb."""
    x = t
    while x.pos_ not in _VERBS and x.head is not x and x.dep_ != "ROOT":
        x = x.head
    return x


def _heads(t: Token) -> list[Token]:
    """``t``, its clause head and the heads an xcomp or conjunct shares modality with."""
    g = _clause_head(t)
    out = [t] if g is t else [t, g]
    x = g
    while x.dep_ in ("xcomp", "conj") and x.head is not x:
        x = x.head
        out.append(x)
    return out


def _negated(t: Token, lex: _Lexicon) -> Token | None:
    """The negating word governing relation word ``t``, if any."""
    heads = _heads(t)
    for x in heads:
        for c in x.children:
            low = c.lower_
            if c.dep_ == "neg" or (low in lex.negators and c.dep_ in _NEG_CHILD_DEPS):
                return c
            if x.pos_ == "NOUN" and low in lex.evidence_negators and c.dep_ in ("amod", "det"):
                return c
    for x in heads:
        if x is not t and x.lemma_.lower() in lex.negating_verbs:
            return x
        h = x.head
        if h is not x and (h.lower_ in lex.negating_preps
                           or (h.lemma_.lower() in lex.negating_verbs and x.dep_ in ("xcomp", "dobj"))):
            return h
    return None


def _modal(t: Token, ctx: _Context) -> Token | None:
    """The modal or epistemic hedge that makes relation word ``t`` conditional, if any."""
    heads = _heads(t)
    for x in heads:
        for c in x.children:
            if c.i in ctx.modal and c.dep_ in ("aux", "auxpass"):
                return c
    near = {x.i for x in heads[:2]}
    for i in sorted(ctx.epistemic - ctx.modal):
        if t.doc[i].head.i in near:
            return t.doc[i]
    return None


def _word_kind(t: Token, lex: _Lexicon) -> str | None:
    """'causal', 'correlational' or 'evidence' for a single relation word, else None."""
    lemma, low, pos = t.lemma_.lower(), t.lower_, t.pos_
    if pos == "VERB":
        if lemma in lex.causal_verbs:
            participle = t.dep_ in _PARTICIPLE_DEPS or (t.dep_ == "acl" and t.tag_ == "VBN")
            return None if participle else "causal"
        if lemma in lex.corr_verbs and t.dep_ not in _PARTICIPLE_DEPS:
            return "correlational"
        if low in lex.corr_adjectives and t.dep_ not in _PARTICIPLE_DEPS:
            return "correlational"  # 'associated' tagged as a participle
    if pos == "ADJ":
        if lemma in lex.causal_adjectives or low in lex.causal_adjectives:
            return "causal"
        if lemma in lex.corr_adjectives or low in lex.corr_adjectives:
            return "correlational"
    if pos in ("NOUN", "PROPN"):
        if lemma in lex.causal_nouns:
            return "causal"
        if lemma in lex.corr_nouns:
            return "correlational"
        if lemma in lex.evidence_nouns:
            return "evidence"
    return None


def _comparative(t: Token, sent: Span, lex: _Lexicon) -> bool:
    """A comparative adjective or adverb in a sentence that states a comparison."""
    if t.tag_ not in lex.comparative_tags:
        return False
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "than" and t.i + 2 < len(doc) and doc[t.i + 2].like_num:
        return False  # 'more than 900 ml' is a quantity
    return any(w.lower_ in lex.comparison_words for w in sent)


def _text(doc: Doc, tokens: Iterable[Token]) -> tuple[str, Char]:
    """The words of ``tokens`` in text order ('may ... reduce') and the span they cover."""
    ordered = sorted({t.i for t in tokens})
    runs: list[list[int]] = []
    for i in ordered:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    text = " ... ".join(doc[r[0]:r[-1] + 1].text for r in runs)
    span = doc[ordered[0]:ordered[-1] + 1]
    return text, (span.start_char, span.end_char)


def _relation(kind: str, anchor: Token, tokens: list[Token], ctx: _Context,
              lex: _Lexicon, detail: str = "") -> tuple[Finding, int]:
    """A relation finding for words ``tokens`` anchored at ``anchor``, with modal and negation."""
    doc = ctx.doc
    neg = _negated(anchor, lex)
    if kind == "evidence":
        kind = "none"
    words = list(tokens)
    if neg is not None:
        words.append(neg)
        detail = f"negated by '{neg.text}'" + (f"; {detail}" if detail else "")
        kind = "none"
    elif kind == "causal":
        modal = _modal(anchor, ctx)
        if modal is not None:
            words.append(modal)
            kind = "conditional"
            detail = f"'{modal.text}' makes it conditional" + (f"; {detail}" if detail else "")
    text, span = _text(doc, words)
    depth = min(_depth(t) for t in tokens)
    return Finding(kind=kind, text=text, span=span, amount=float(lex.levels[kind]),
                   detail=detail), depth


def _read_sentence(sent: Span, ctx: _Context) -> SentenceReading:
    doc, lex = ctx.doc, _lexicon()
    found: list[tuple[Finding, int, set[int]]] = []  # finding, depth, token indices
    taken: set[int] = set()

    matcher, kinds = _phrase_matcher(doc.vocab)
    for key, start, end in matcher(doc, as_spans=False):
        if start < sent.start or end > sent.end or taken.intersection(range(start, end)):
            continue
        tokens = list(doc[start:end])
        anchor = min(tokens, key=_depth)
        f, depth = _relation(kinds[key], anchor, tokens, ctx, lex)
        found.append((f, depth, {t.i for t in tokens}))
        taken.update(range(start, end))

    for e, span in ctx.estimates:
        if e.scale == "none" and span.start >= sent.start and span.end <= sent.end \
                and _Context.hedge_kind(e, span) == "comparative":
            tokens = list(span)
            f, depth = _relation("correlational", span[-1], tokens, ctx, lex, detail="comparative")
            found.append((f, depth, {t.i for t in tokens}))
            taken.update(t.i for t in tokens)

    for t in sent:
        if t.i in taken or t.i in ctx.cue_tokens:
            continue
        kind = _word_kind(t, lex)
        if kind == "evidence" and _negated(t, lex) is None:
            continue  # 'the first evidence that ...' states nothing by itself
        if kind is None and t.i not in ctx.estimate_of and _comparative(t, sent, lex):
            kind = "correlational"
        if kind is None:
            continue
        f, depth = _relation(kind, t, [t], ctx, lex)
        found.append((f, depth, {t.i}))
        taken.add(t.i)

    reading = SentenceReading(span=(sent.start_char, sent.end_char))
    if found:
        found.sort(key=lambda x: x[0].span)
        reading.relations = [f for f, _, _ in found]
        main, _, main_tokens = min(found, key=lambda x: (x[1], -x[0].amount, x[0].span))
        reading.relation = main
    else:
        main_tokens = set()
    reading.modifiers = _modifiers(sent, ctx, lex, reading.relation, main_tokens)
    return reading


def _modifiers(sent: Span, ctx: _Context, lex: _Lexicon, relation: Finding | None,
               relation_tokens: set[int]) -> list[Finding]:
    doc = ctx.doc
    out: list[Finding] = []
    in_relation = set(relation_tokens)
    if relation is not None:  # the modal or negator named in the relation is part of it
        in_relation.update(t.i for t in doc.char_span(*relation.span, alignment_mode="expand") or []
                           if t.i in ctx.modal or t.i in ctx.epistemic)
        anchor_heads = {x.i for t in relation_tokens for x in _heads(doc[t])[:2]}
    else:
        anchor_heads = set()
    for e, span in ctx.estimates:
        if span.start < sent.start or span.end > sent.end:
            continue
        tokens = {t.i for t in span}
        if e.scale == "confidence":
            continue
        if e.low is not None and e.high is not None:
            mid = (e.low + e.high) / 2
            out.append(Finding("probability", e.text, e.span, -(1.0 - mid),
                               detail=f"{e.scale} {scales.format_range(e.low, e.high)}"
                                      + (" (negated)" if e.negated else "")))
            continue
        if e.scale != "none":
            continue
        kind = _Context.hedge_kind(e, span)
        if kind == "comparative" or tokens & in_relation:
            continue
        term = _HEDGE_TERM.get(kind or "")
        if term is None:
            continue
        if kind == "epistemic" and relation is not None and relation.kind != "conditional" \
                and any(t.head.i in anchor_heads for t in span):
            term = "modal"  # a modal on a correlational or negated relation
        out.append(Finding(term, e.text, e.span, -1.0, detail=f"{kind} hedge"))
    for stance, text, span in ctx.cues:
        if span.start < sent.start or span.end > sent.end or stance == "neutral":
            continue
        out.append(Finding("cue", text, (span.start_char, span.end_char),
                           1.0 if stance == "endorsing" else -1.0, detail=f"{stance} cue"))
    for t in sent:
        if t.lower_ in lex.boosters and t.i not in ctx.estimate_of:
            out.append(Finding("booster", t.text, (t.idx, t.idx + len(t)), 1.0, detail="booster"))
    out.sort(key=lambda f: f.span)
    return out
