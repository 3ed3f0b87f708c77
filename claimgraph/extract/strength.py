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
  'patients treated with', though 'gains produced by' counts), verbs with their particle
  ('leads to', 'results in') and causatives with a complement ('makes people less
  willing'), causal adjectives, nouns and phrases ('due to'); correlational verbs,
  adjectives, nouns and phrases; a comparative in a sentence that compares ('higher ...
  than'); and the estimates extractor's comparative hedges ('more likely'). Nouns used as
  modifiers ('risk score') and the reporting cues of extracted statements ('predicts',
  'explained') are not relation words.
* A causal word is **conditional** when its clause has a modal ('can' from the lexicon;
  'may', 'might', 'could' from the estimates), when an epistemic hedge qualifies it
  ('potentially reduce'), or when it completes a hedging word or a noun of potential
  ('appears to reduce', 'has the potential to prevent'); a reporting frame above it
  does not ('suggests that it reduces' stays causal). A relation word under negation
  ('not associated', 'did not reduce', 'without reducing', 'failed to improve') and
  missing evidence ('little evidence', 'no evidence that') state **no relationship**.
* A sentence's relation is the relation word nearest the root of its parse, the main
  predicate ('X was associated with large reductions' is correlational although
  'reductions' is causal); words at the same depth give the strongest. The **claim
  sentence** of a text is the first with a relation word (``claim_sentence: first``) or
  the one with the strongest relation (``strongest``); with none, the first sentence.
* **Score**: the claim sentence's level, or ``unstated`` when it has no relation word,
  plus weighted findings that bear on its relation (in the relation's clause or a clause
  above it, so 'while X is likely' in a side clause does not count; without a relation
  word, anything outside a participle clause that describes a noun, so the 'suspected' of
  '14 people suspected of smuggling' does not hedge their detention): other hedges
  (epistemic, doxastic, investigation) and evidential hedges lower it, as does a modal
  on a non-causal relation; a yardstick estimate with midpoint p lowers it by
  (1 - p) x ``probability``; 'can' may raise a conditional claim; an endorsing reporting
  cue ('revealed') raises it and a distancing one ('claimed') lowers it; boosters
  ('clearly') raise it. Sums per kind are capped and the score is clipped to 0..3. The
  weights are data (``weights`` in ``strength.json``).
* :func:`direction` compares two strengths: the report is ``stronger`` when its score
  exceeds the source's by more than ``threshold``, ``weaker`` when it falls short by more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
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
from .spans import text_of

Relation = Literal["none", "correlational", "conditional", "causal", "unstated"]
Direction = Literal["same", "stronger", "weaker"]
RELATIONS: tuple[str, ...] = ("none", "correlational", "conditional", "causal")  # by level
MAX_SCORE = 3.0
# Weighted modifier terms, each the name of a weight; their per-sentence sums are capped.
TERMS: tuple[str, ...] = ("can", "hedge", "evidential", "modal", "probability", "cue", "booster")
_CAPS: dict[str, tuple[float, float]] = {
    "can": (0.0, 1.0), "hedge": (-2.0, 0.0), "evidential": (-2.0, 0.0), "modal": (-1.0, 0.0),
    "probability": (-MAX_SCORE, 0.0), "cue": (-1.0, 1.0), "booster": (0.0, 2.0),
}
_HEDGE_TERM = {"epistemic": "hedge", "doxastic": "hedge", "investigation": "hedge",
               "evidential": "evidential"}
_VERBS = frozenset({"VERB", "AUX"})
_PARTICIPLE_DEPS = frozenset({"amod", "compound"})
_FINITE = frozenset({"VBZ", "VBP", "VBD"})
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
    """How findings move the score, and the difference that counts as a change of strength.

    :meth:`default` reads them from ``strength.json``; ``dataclasses.replace`` varies them.
    """

    unstated: float  # the level read when a sentence has no relation word
    can: float
    hedge: float
    evidential: float
    modal: float
    probability: float
    cue: float
    booster: float
    threshold: float  # score difference that makes a report stronger or weaker
    claim_sentence: Literal["first", "strongest"]

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
    """Whether ``report`` states the claim ``stronger``, ``weaker`` or the ``same`` as
    ``source``; ``threshold`` defaults to the one in ``strength.json``."""
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
    """Readings of raw texts, through ``nlp`` or a pipeline built once for ``model`` and kept."""
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
    whole = text_of(doc)
    offset = doc[start].idx if start < len(doc) else len(whole)
    text = whole if isinstance(target, Doc) else whole[target.start_char:target.end_char]
    ctx = _context(doc)
    sentences = []
    sents: Iterable[Span] = [doc[:]]
    if doc.has_annotation("SENT_START"):
        sents = doc.sents if isinstance(target, Doc) else target.sents
    for sent in sents:
        lo, hi = max(sent.start, start), min(sent.end, end)
        if lo >= hi or all(t.is_space or t.is_punct for t in doc[lo:hi]):
            continue
        sentences.append(_read_sentence(doc[lo:hi], ctx))
    return Reading(text=text, offset=offset, sentences=sentences)


@dataclass(frozen=True)
class _Lexicon:
    levels: dict[str, int]
    causal_verbs: frozenset[str]
    verb_particles: dict[str, frozenset[str]]
    causative_verbs: frozenset[str]
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
    conditional_nouns: frozenset[str]
    boosters: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = lexicon("strength")
    c, r, n = data["causal"], data["correlational"], data["no_relationship"]
    return _Lexicon(
        levels=dict(data["levels"]),
        causal_verbs=frozenset(c["verbs"]),
        verb_particles={v: frozenset(p) for v, p in c["verb_particles"].items()},
        causative_verbs=frozenset(c["causative_verbs"]),
        causal_adjectives=frozenset(c["adjectives"]), causal_nouns=frozenset(c["nouns"]),
        corr_verbs=frozenset(r["verbs"]), corr_adjectives=frozenset(r["adjectives"]),
        corr_nouns=frozenset(r["nouns"]),
        comparative_tags=frozenset(r["comparative_tags"]),
        comparison_words=frozenset(r["comparison_words"]),
        evidence_nouns=frozenset(n["evidence_nouns"]),
        evidence_negators=frozenset(n["evidence_negators"]),
        negating_verbs=frozenset(n["negating_verbs"]),
        negating_preps=frozenset(n["negating_preps"]),
        negators=frozenset(scales.hedge_data()["negators"]),
        modals=frozenset(data["modals"]["words"]),
        conditional_nouns=frozenset(data["modals"]["nouns"]),
        boosters=frozenset(data["boosters"]["words"]),
    )


@lru_cache(maxsize=8)
def _phrase_matcher(vocab: Vocab) -> tuple[Matcher, dict[int, str]]:
    """Relation phrases as lemma sequences ('due to', 'compared with')."""
    data = lexicon("strength")
    matcher = Matcher(vocab)
    kinds: dict[int, str] = {}
    for kind in ("causal", "correlational"):
        for phrase in data[kind]["phrases"]:
            matcher.add(phrase, [[{"LEMMA": w} for w in phrase.split(" ")]])
            kinds[vocab.strings[phrase]] = kind
    return matcher, kinds


def _context(doc: Doc) -> _Context:
    """The doc's lookups, made once for every statement of it that is read (kept with the
    doc while its statements and estimates stay the same)."""
    key = (len(doc._.statements or []), len(doc._.estimates or []))
    cached = doc.user_data.get("claimgraph.strength_context")
    if cached is None or cached[0] != key:
        cached = (key, _Context(doc))
        doc.user_data["claimgraph.strength_context"] = cached
    return cached[1]  # type: ignore[no-any-return]


class _Context:
    """Per-doc lookups: the tokens of estimates, modals and statement cues."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.estimates: list[tuple[Estimate, Span, str | None]] = []  # estimate, tokens, hedge kind
        self.estimate_tokens: set[int] = set()
        for e in doc._.estimates or []:
            span = doc.char_span(e.span[0], e.span[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            kind = scales.hedge_kind(e.text, span[-1].lemma_) if e.scale == "none" else None
            self.estimate_tokens.update(t.i for t in span)
            self.estimates.append((e, span, kind))
        self.cue_tokens: set[int] = set()
        self.cues: list[tuple[str, str, Span]] = []
        for st in doc._.statements or []:
            if st.cue is None or st.cue.span is None:
                continue
            span = doc.char_span(st.cue.span[0], st.cue.span[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            self.cue_tokens.update(t.i for t in span)
            self.cues.append((st.cue.stance, st.cue.text, span))
        lex = _lexicon()
        # Modal auxiliaries: 'can' from the lexicon, 'may', 'might', 'could' from the estimates.
        self.modal: set[int] = {t.i for t in doc if t.tag_ == "MD" and t.lower_ in lex.modals}
        # Epistemic adverbs and adjectives ('potentially', 'possible') that qualify a relation,
        # and hedging words a relation can hang from ('appears to', 'the possibility that').
        self.epistemic: set[int] = set()
        self.qualifiers: set[int] = set()
        for _e, span, kind in self.estimates:
            if kind not in ("epistemic", "evidential"):
                continue
            for t in span:
                if t.tag_ == "MD":
                    if kind == "epistemic":
                        self.modal.add(t.i)
                    continue
                if kind == "epistemic" and t.pos_ in ("ADV", "ADJ"):
                    self.epistemic.add(t.i)
                if t.pos_ in ("VERB", "NOUN", "ADJ"):
                    self.qualifiers.add(t.i)


@dataclass
class _Rel:
    finding: Finding
    depth: int
    tokens: set[int]
    anchor: Token
    modal: Token | None = None


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


# A modal or negation on a verb reaches the verbs that complete it ('may help to reduce')
# and its conjuncts ('may increase A and reduce B').
_SHARED_DEPS = frozenset({"xcomp", "conj", "advcl"})


def _heads(t: Token) -> list[Token]:
    """``t``, its clause head and the heads that share their modality with it."""
    g = _clause_head(t)
    out = [t] if g is t else [t, g]
    x = g
    while x.dep_ in _SHARED_DEPS and x.head is not x:
        x = x.head
        out.append(x)
    return out


def _negated(t: Token, lex: _Lexicon) -> Token | None:
    """The negating word governing relation word ``t``, if any."""
    heads = _heads(t)[:3]
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
                           or (h.lemma_.lower() in lex.negating_verbs
                               and x.dep_ in ("xcomp", "dobj"))):
            return h
    return None


def _modal(t: Token, ctx: _Context, lex: _Lexicon) -> Token | None:
    """The modal or hedging word that makes relation word ``t`` conditional, if any.

    A modal auxiliary of its clause ('may reduce'), an epistemic adverb or adjective on it
    ('potentially reduce', 'a possible benefit'), or a hedging word or noun of potential
    it completes ('appears to reduce', 'has the potential to prevent'); not a reporting
    frame above it ('suggests that it reduces' stays causal).
    """
    heads = _heads(t)
    for x in heads:
        for c in x.children:
            if c.i in ctx.modal and c.dep_ in ("aux", "auxpass"):
                return c
    near = {x.i for x in heads[:2]}
    for i in sorted(ctx.epistemic):
        if t.doc[i].head.i in near:
            return t.doc[i]
    a = t
    for _ in range(4):
        if a.dep_ in ("ccomp", "ROOT") or a.head is a:
            break
        a = a.head
        if a.i in ctx.qualifiers or a.lemma_.lower() in lex.conditional_nouns:
            return a
    return None


def _has_particle(t: Token, particles: frozenset[str]) -> bool:
    """'led to', 'resulted in', 'gave rise to', 'lead people to behave'."""
    for c in t.children:
        if c.lower_ in particles and c.dep_ in ("prep", "prt", "dobj", "dative", "aux"):
            return True
        if c.dep_ in ("xcomp", "ccomp") and any(g.lower_ in particles and g.dep_ == "aux"
                                               for g in c.children):
            return True
    return False


def _word_kind(t: Token, lex: _Lexicon) -> str | None:
    """'causal', 'correlational' or 'evidence' for a single relation word, else None."""
    lemma, low, pos = t.lemma_.lower(), t.lower_, t.pos_
    if pos == "VERB":
        if (lemma in lex.causal_verbs
                or (lemma in lex.verb_particles and _has_particle(t, lex.verb_particles[lemma]))
                or (lemma in lex.causative_verbs
                    and any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in t.children))):
            # 'increased risk', 'patients exposed to' describe; 'gains produced by' relate.
            # A finite verb always asserts ('Green tea lowers blood pressure', even when
            # a headline is parsed as a compound).
            participle = t.tag_ not in _FINITE and (t.dep_ in _PARTICIPLE_DEPS or (
                t.dep_ == "acl" and t.tag_ == "VBN"
                and not any(c.dep_ == "agent" for c in t.children)))
            return None if participle else "causal"
        if t.dep_ in _PARTICIPLE_DEPS:
            return None
        if lemma in lex.corr_verbs or low in lex.corr_adjectives:
            return "correlational"  # 'associated' is often tagged as a participle
    if pos == "ADJ":
        if lemma in lex.causal_adjectives or low in lex.causal_adjectives:
            return "causal"
        if lemma in lex.corr_adjectives or low in lex.corr_adjectives:
            return "correlational"
    if pos in ("NOUN", "PROPN"):
        if t.dep_ == "compound":
            return None  # 'risk score', 'effect size'
        if lemma in lex.causal_nouns:
            return "causal"
        if lemma in lex.corr_nouns:
            return "correlational"
        if lemma in lex.evidence_nouns:
            return "evidence"
    return None


def _comparative(t: Token, sent: Span, lex: _Lexicon) -> bool:
    """A comparative adjective or adverb in a sentence that states a comparison."""
    if t.tag_ not in lex.comparative_tags or t.pos_ not in ("ADJ", "ADV"):
        return False
    doc = t.doc
    if (t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "than" and doc[t.i + 2].like_num):
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


def _relation(kind: str, anchor: Token, tokens: list[Token], ctx: _Context, lex: _Lexicon,
              detail: str = "") -> _Rel:
    """A relation for words ``tokens`` anchored at ``anchor``, read with its modal and negation."""
    neg = _negated(anchor, lex)
    modal = None
    words = list(tokens)
    notes = [detail] if detail else []
    if kind == "evidence":
        kind = "none"
    if neg is not None:
        words.append(neg)
        notes.insert(0, f"negated by '{neg.text}'")
        kind = "none"
    elif kind == "causal":
        modal = _modal(anchor, ctx, lex)
        if modal is not None:
            words.append(modal)
            notes.insert(0, f"'{modal.text}' makes it conditional")
            kind = "conditional"
    text, span = _text(ctx.doc, words)
    finding = Finding(kind=kind, text=text, span=span, amount=float(lex.levels[kind]),
                      detail="; ".join(notes))
    return _Rel(finding, min(_depth(t) for t in tokens), {t.i for t in tokens}, anchor, modal)


def _read_sentence(sent: Span, ctx: _Context) -> SentenceReading:
    doc, lex = ctx.doc, _lexicon()
    found: list[_Rel] = []
    taken: set[int] = set()

    matcher, kinds = _phrase_matcher(doc.vocab)
    for key, start, end in matcher(sent, as_spans=False):
        start, end = start + sent.start, end + sent.start
        if taken.intersection(range(start, end)):
            continue
        tokens = list(doc[start:end])
        found.append(_relation(kinds[key], min(tokens, key=_depth), tokens, ctx, lex))
        taken.update(range(start, end))

    for _e, span, kind in ctx.estimates:
        if kind == "comparative" and span.start >= sent.start and span.end <= sent.end:
            found.append(_relation("correlational", span[-1], list(span), ctx, lex,
                                   detail="comparative"))
            taken.update(t.i for t in span)

    for t in sent:
        if t.i in taken:
            continue
        kind = _word_kind(t, lex)
        if kind == "evidence":
            if _negated(t, lex) is None:
                continue  # 'the first evidence that ...' states nothing by itself
        elif t.i in ctx.cue_tokens:
            continue  # a reporting cue ('explained', 'predicts'), not the relation
        if kind is None and t.i not in ctx.estimate_tokens and _comparative(t, sent, lex):
            kind = "correlational"
        if kind is None:
            continue
        found.append(_relation(kind, t, [t], ctx, lex))
        taken.add(t.i)

    reading = SentenceReading(span=(sent.start_char, sent.end_char))
    main: _Rel | None = None
    if found:
        found.sort(key=lambda r: r.finding.span)
        reading.relations = [r.finding for r in found]
        main = min(found, key=lambda r: (r.depth, -r.finding.amount, r.finding.span))
        reading.relation = main.finding
    reading.modifiers = _modifiers(sent, ctx, lex, main)
    return reading


def _scope(main: _Rel | None) -> set[int] | None:
    """Clause heads whose modifiers bear on the relation: its own and those above it."""
    if main is None:
        return None
    g = _clause_head(main.anchor)
    return {g.i, *(a.i for a in g.ancestors)}


def _bears(t: Token, scope: set[int] | None) -> bool:
    return scope is None or _clause_head(t).i in scope


# A participle clause that describes a noun ('14 people suspected of smuggling', 'a man
# alleged to have set the fire'): what it hedges is the noun's description, not the
# sentence's claim.
_NOUN_CLAUSE_DEPS = frozenset({"acl"})


def _describes_noun(t: Token, sent: Span) -> bool:
    """Whether ``t`` sits in a participle clause that modifies a noun, within ``sent``."""
    x = _clause_head(t)
    while sent.start <= x.i < sent.end:
        if x.dep_ in _NOUN_CLAUSE_DEPS:
            return True
        if x.head is x or x.dep_ == "ROOT":
            return False
        x = _clause_head(x.head)
    return False


def _modifiers(sent: Span, ctx: _Context, lex: _Lexicon, main: _Rel | None) -> list[Finding]:
    """Hedges, yardstick estimates, reporting cues and boosters bearing on the main relation."""
    out: list[Finding] = []
    scope = _scope(main)
    if main is not None and main.modal is not None and main.modal.lower_ in lex.modals:
        m = main.modal
        out.append(Finding("can", m.text, (m.idx, m.idx + len(m)), 1.0,
                           detail=f"'{m.text}', firmer than 'may'"))
    used: set[int] = set()
    anchor_heads: set[int] = set()
    if main is not None:
        used = set(main.tokens) | ({main.modal.i} if main.modal is not None else set())
        anchor_heads = {x.i for x in _heads(main.anchor)[:2]}
    for e, span, kind in ctx.estimates:
        if span.start < sent.start or span.end > sent.end or e.scale == "confidence":
            continue
        head = span.root
        if not _bears(head, scope) or used.intersection(t.i for t in span):
            continue
        if main is None and _describes_noun(head, sent):
            continue  # no relation to hedge: only the sentence's own clauses can be hedged
        if e.low is not None and e.high is not None:
            mid = (e.low + e.high) / 2
            out.append(Finding("probability", e.text, e.span, -(1.0 - mid),
                               detail=f"{e.scale} {scales.format_range(e.low, e.high)}"
                                      + (" (negated)" if e.negated else "")))
            continue
        term = _HEDGE_TERM.get(kind or "")
        if term is None or e.scale != "none":
            continue
        if head.pos_ == "NOUN" and head.dep_ not in ("attr", "nsubj", "nsubjpass", "ROOT"):
            continue  # 'increases the likelihood of' hedges nothing
        if (kind == "epistemic" and main is not None and main.finding.kind != "conditional"
                and head.head.i in anchor_heads):
            term = "modal"  # a modal on a correlational or negated relation
        out.append(Finding(term, e.text, e.span, -1.0, detail=f"{kind} hedge"))
    for stance, text, span in ctx.cues:
        if span.start < sent.start or span.end > sent.end or stance == "neutral":
            continue
        if not _bears(span.root, scope):
            continue
        out.append(Finding("cue", text, (span.start_char, span.end_char),
                           1.0 if stance == "endorsing" else -1.0, detail=f"{stance} cue"))
    for t in sent:
        if t.lower_ in lex.boosters and t.i not in ctx.estimate_tokens and _bears(t, scope):
            out.append(Finding("booster", t.text, (t.idx, t.idx + len(t)), 1.0, detail="booster"))
    out.sort(key=lambda f: f.span)
    return out
