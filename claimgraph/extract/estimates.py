"""Estimative language: yardstick terms, hedges, negation and analytic confidence.

Input: a ``Doc``, best tagged, lemmatised and parsed. Without a parser the whole
document counts as one sentence; without a tagger and lemmatizer only the phrase
lists run (yardstick terms, hedge phrases, machine tags, confidence). Output:
``Estimate`` values in text order, written to ``doc._.estimates`` by the
``claimgraph_estimates`` component.

* **Yardstick terms** ('highly likely', 'almost certainly', 'a realistic possibility')
  are found with a ``PhraseMatcher`` over lower-case text. A phrase several scales
  share takes the first scale of ``scales`` that has it (PHIA, ICD203, Kent by
  default); with ``infer_document_scale`` a document that uses a term only one
  distinctive scale has ('very likely' is ICD 203 only, 'realistic possibility' PHIA
  only) reads its shared terms on that scale. The scale chosen is ``Estimate.scale``.
* **Negation** ('not likely', 'no realistic possibility', 'it is not highly likely'):
  ``negated`` is true and low/high are the part of 0..1 the negated term leaves:
  below the band for an affirmative term ('not likely' -> 0-0.55 on PHIA), above it
  for a downward term ('not unlikely' -> 0.35-1). 'unlikely' is a term of its own,
  never a negated 'likely'. Terms with a built-in 'not' ('probably not', Kent) keep
  their own band and are not marked negated.
* **Hedges** outside any yardstick ('may', 'could', 'reportedly', 'appears to',
  'suggests that') are estimates with scale ``"none"`` and low/high ``None``; a
  yardstick word under a degree modifier ('more likely', 'extremely likely') is a
  hedge too, since no yardstick defines it ('very likely' is one when ICD 203 is not
  among ``scales``). ``hedge_kinds`` picks the classes reported (epistemic,
  evidential, doxastic, investigation, comparative; see ``hedges.json``). Modal
  'may' must be tagged MD, so the month and the surname are skipped; 'could'
  opening a question still counts, negated 'could' ('could not be reached') is
  ability and does not; 'will' and 'would' are not hedges. 'likely voters' (a
  polling term), 'probable cause' (a legal one) and 'an estimated 20,000' (an
  approximate quantity) are not estimates.
* **Analytic confidence** ('with high confidence', 'we have moderate confidence')
  sets ``confidence`` on every estimate of the same sentence. Standing alone, it is
  an Estimate with scale ``"confidence"`` and no range, when it reads as an analyst's
  judgement (after 'with', 'have', 'at'..., or in a sentence whose subject is 'we'
  or 'I'); 'consumer confidence' and the like are left out. A range
  ('moderate-to-high confidence') is read at its lower level.
* MISP machine tags in text (``estimative-language:likelihood-probability="likely"``)
  are estimates on scale ``"MISP"``.

Lexicons and rules are data: ``claimgraph/data/scales/*.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .. import scales
from ..model import Estimate
from ..scales import Band
from .spans import text_of
from .tokens import GatedMatcher, Pattern, PatternGate

if not Doc.has_extension("estimates"):
    Doc.set_extension("estimates", default=None)

HEDGE_KINDS: tuple[str, ...] = (
    "epistemic", "evidential", "doxastic", "investigation", "comparative",
)
DEFAULT_CONFIG = {
    "scales": list(scales.DEFAULT_ORDER),
    "hedge_kinds": list(HEDGE_KINDS),
    "infer_document_scale": True,
    "confidence": True,
}
CONFIDENCE_ORDER = ("low", "moderate", "high")
_COMPLEMENT_DEPS = {"ccomp", "xcomp", "oprd"}
_COMPLEMENT_NEXT = {"that", "to", "so", "like"}
_FIRST_PERSON = {"i", "we"}
_PREDICATIVE_DEPS = {"acomp", "oprd", "attr"}
_WH_WORDS = {"whether", "if", "how", "who", "what", "why", "when", "where", "which"}
_AFTER_NEGATORS = {"not", "n't", "never"}
_MISP_TAG = re.compile(
    r'estimative-language:(likelihood-probability|confidence-in-analytic-judgment)="([a-z-]+)"'
)

# Priorities among overlapping matches of equal length: a yardstick term beats a
# hedge phrase, which beats a single hedge word.
_YARDSTICK, _PHRASE, _WORD = 2, 1, 0


@dataclass
class _Found:
    start: int  # token index
    end: int
    priority: int
    bands: list[Band]  # yardstick bands in preference order; empty for a hedge
    kind: str | None = None  # hedge class
    negated: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


class EstimateFinder:
    """Finds estimative language in docs of ``nlp``'s vocab; build once, call per doc."""

    def __init__(
        self,
        nlp: Language,
        scales_order: Sequence[str] = scales.DEFAULT_ORDER,
        hedge_kinds: Iterable[str] = HEDGE_KINDS,
        infer_document_scale: bool = True,
        confidence: bool = True,
    ) -> None:
        self.order = tuple(scales.load(s).id for s in scales_order)
        self.hedge_kinds = frozenset(hedge_kinds)
        unknown = self.hedge_kinds - set(HEDGE_KINDS)
        if unknown:
            raise ValueError(
                f"unknown hedge kinds {sorted(unknown)}; known: {', '.join(HEDGE_KINDS)}")
        self.infer_document_scale = infer_document_scale
        self.with_confidence = confidence
        self.distinctive = {s for s in self.order if scales.load(s).distinctive}
        data = scales.hedge_data()
        vocab = nlp.vocab
        make_doc = nlp.make_doc
        self.degree_modifiers = frozenset(data["degree_modifiers"])
        self.negators = frozenset(data["negators"])
        self.negation_skip = frozenset(data["negation_skip"])
        self.negation_window = int(data["negation_window"])
        conf = data["confidence"]
        self.confidence_levels: dict[str, str] = conf["levels"]
        self.standalone_before = frozenset(conf["standalone_before"])
        self.standalone_subjects = frozenset(conf["standalone_subjects"])

        # Yardstick phrases -> bands in preference order.
        self.phrase_bands: dict[str, list[Band]] = {}
        for sid in self.order:
            for phrase, band in scales.load(sid).match_phrases().items():
                self.phrase_bands.setdefault(phrase, []).append(band)
        self.yardstick = PhraseMatcher(vocab, attr="LOWER")
        for phrase in self.phrase_bands:
            self.yardstick.add(phrase, [make_doc(phrase)])

        # Hedge words (one token each), phrases and multi-token patterns.
        self.words = _WordIndex(vocab)
        self.word_entries: dict[int, scales.HedgeEntry] = {}
        for i, entry in enumerate(scales.hedge_entries()):
            if entry.kind not in self.hedge_kinds:
                continue
            key = self.words.add(f"hedge_word_{i}", entry)
            self.word_entries[key] = entry
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.phrase_kinds: dict[int, str] = {}
        for p in data["phrases"]:
            if p["kind"] in self.hedge_kinds:
                self.phrases.add(p["text"], [make_doc(p["text"])])
                self.phrase_kinds[vocab.strings[p["text"]]] = p["kind"]
        self.patterns = Matcher(vocab)
        self.pattern_info: dict[int, tuple[str, int, int]] = {}
        for p in data["patterns"]:
            if p["kind"] in self.hedge_kinds:
                self.patterns.add(p["id"], [p["pattern"]])
                self.pattern_info[vocab.strings[p["id"]]] = (p["kind"], *p["cue"])
        self.patterns_gate = PatternGate(p["pattern"] for p in data["patterns"]
                                         if p["kind"] in self.hedge_kinds)

        self.exclusions = GatedMatcher(vocab)  # run pattern by pattern: order is not read
        self.exclusion_drop: dict[int, frozenset[str]] = {}
        for x in data["exclusions"]:
            self.exclusions.add(x["id"], x["pattern"])
            self.exclusion_drop[vocab.strings[x["id"]]] = frozenset(x["drop"])
        self.exclusion_words = frozenset().union(*self.exclusion_drop.values())

        levels = list(self.confidence_levels)
        confidence_patterns: list[Pattern] = [
            [{"LOWER": {"IN": levels}},
             {"LOWER": {"IN": ["-", "to", "and", "or"]}, "OP": "*"},
             {"LOWER": {"IN": levels}, "OP": "?"},
             {"LOWER": "-", "OP": "?"},
             {"LOWER": "confidence"}],
            [{"LOWER": {"IN": levels}},
             {"LOWER": {"IN": ["degree", "level"]}},
             {"LOWER": "of"},
             {"LOWER": "confidence"}],
        ]
        self.confidence = Matcher(vocab)
        self.confidence.add("confidence", confidence_patterns)
        self.confidence_gate = PatternGate(confidence_patterns)

    def __call__(self, doc: Doc) -> Doc:
        doc._.estimates = self.find(doc)
        return doc

    # -- finding -----------------------------------------------------------------

    def find(self, doc: Doc) -> list[Estimate]:
        """Estimates in ``doc``, in text order."""
        tag_spans = self._misp_tags(doc)
        # Token-attribute rules need a tagger and lemmatizer; on a bare tokenised doc
        # only the phrase lists run.
        tagged = all(doc.has_annotation(a) for a in ("TAG", "POS", "LEMMA"))
        present: dict[int, set[int]] = {}  # the Doc's words, read once for every gate
        found = self._candidates(doc, tagged, present)
        # A machine tag's own words ('likely' inside its value) are not prose.
        found = [f for f in found
                 if not any(doc[f.start].idx < e and doc[f.end - 1].idx + len(doc[f.end - 1]) > s
                            for s, e, _, _ in tag_spans)]
        chosen = self._resolve_scales(found)
        estimates = [(self._estimate(doc, f, band), _sent_start(doc, f.start))
                     for f, band in zip(found, chosen, strict=True)]
        conf_tags: list[tuple[int, int, str]] = []
        for s, e, dimension, code in tag_spans:
            if dimension == "confidence-in-analytic-judgment":
                conf_tags.append((s, e, code))
                continue
            band = scales.load("MISP").band(code, "likelihood-probability")
            if band is not None:
                estimates.append((Estimate(text=doc.text[s:e], scale="MISP", low=band.low,
                                           high=band.high, span=(s, e)), _sent_start_at(doc, s)))
        if self.with_confidence:
            estimates.extend(self._confidence(doc, estimates, conf_tags, present))
        return sorted((e for e, _ in estimates), key=lambda e: e.span)

    def _candidates(self, doc: Doc, tagged: bool,
                    present: dict[int, set[int]] | None = None) -> list[_Found]:
        found: list[_Found] = []
        for key, start, end in _run(self.yardstick, doc):
            bands = self.phrase_bands[doc.vocab.strings[key]]
            f = _Found(start, end, _YARDSTICK, list(bands))
            if start > 0 and doc[start - 1].lower_ in self.degree_modifiers:
                # 'more likely', 'extremely likely': off the yardstick.
                f = _Found(start - 1, end, _YARDSTICK, [], kind="comparative")
            found.append(f)
        for key, start, end in _run(self.phrases, doc):
            found.append(_Found(start, end, _PHRASE, [], kind=self.phrase_kinds[key]))
        for key, start, _end in _run(self.patterns, doc,
                                     tagged and self.patterns_gate.allows(doc, present)):
            kind, cue_start, cue_end = self.pattern_info[key]
            found.append(_Found(start + cue_start, start + cue_end, _PHRASE, [], kind=kind))
        for key, start, end in _run(self.words, doc, tagged):
            entry = self.word_entries[key]
            if self._requirement_met(doc[start], entry):
                found.append(_Found(start, end, _WORD, [], kind=entry.kind))
        found = [f for f in found if f.bands or f.kind in self.hedge_kinds]
        # Exclusions ('as soon as possible') only drop their own words: run them when a
        # match holds one of those words.
        if tagged and any(doc[i].lower_ in self.exclusion_words
                          for f in found for i in range(f.start, f.end)):
            blocked = self._excluded(doc, present)
            found = [f for f in found if not any(i in blocked for i in range(f.start, f.end))]
        # Longest first, then by priority; keep what does not overlap a kept match.
        found.sort(key=lambda f: (-f.length, -f.priority, f.start))
        taken: set[int] = set()
        kept = []
        for f in found:
            if taken.isdisjoint(range(f.start, f.end)):
                kept.append(f)
                taken.update(range(f.start, f.end))
        kept.sort(key=lambda f: f.start)
        for f in kept:
            self._negation(doc, f)
        return kept

    def _requirement_met(self, token: Token, entry: scales.HedgeEntry) -> bool:
        nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if entry.require == "next":
            return nxt in entry.next
        if entry.require in ("complement", "complement_or_object"):
            deps = _COMPLEMENT_DEPS
            if entry.require == "complement_or_object":
                deps = deps | {"dobj"}
            if nxt in _COMPLEMENT_NEXT:
                return True
            if nxt == "as" and token.i + 2 < len(token.doc) and token.nbor(2).lower_ == "if":
                return True
            return any(child.dep_ in deps
                       or (child.dep_ == "nsubj" and child.lower_ in _FIRST_PERSON)
                       for child in token.children)
        if entry.require == "predicative":
            return token.dep_ in _PREDICATIVE_DEPS or nxt in _WH_WORDS
        return True

    def _excluded(self, doc: Doc, present: dict[int, set[int]] | None = None) -> set[int]:
        blocked: set[int] = set()
        for key, start, end in self.exclusions(doc, present):
            drop = self.exclusion_drop[key]
            blocked.update(t.i for t in doc[start:end] if t.lower_ in drop)
        return blocked

    def _negation(self, doc: Doc, f: _Found) -> None:
        """Mark ``f`` negated by a negator shortly before it (or 'not' right after an adverb)."""
        sent_start = doc[f.start].sent.start if doc.has_annotation("SENT_START") else 0
        i = f.start - 1
        steps = 0
        while i >= sent_start and steps < self.negation_window:
            tok = doc[i]
            if tok.lower_ in self.negators:
                f.negated = True
                f.start = i
                return
            if tok.lower_ in self.negation_skip or tok.pos_ in ("AUX", "DET"):
                i -= 1
                steps += 1
                continue
            break
        last = doc[f.end - 1]
        if (f.bands and last.pos_ == "ADV" and f.end < len(doc)
                and doc[f.end].lower_ in _AFTER_NEGATORS):
            f.negated = True
            f.end += 1

    def _resolve_scales(self, found: list[_Found]) -> list[Band | None]:
        """The band each match is read on: the preferred scale, or the document's own."""
        doc_scale: str | None = None
        if self.infer_document_scale:
            exclusive = set()
            for f in found:
                owners = {b.scale for b in f.bands}
                if len(owners) == 1 and owners <= self.distinctive:
                    exclusive |= owners
            if len(exclusive) == 1:
                doc_scale = exclusive.pop()
        chosen: list[Band | None] = []
        for f in found:
            if not f.bands:
                chosen.append(None)
                continue
            pick = next((b for b in f.bands if b.scale == doc_scale), f.bands[0])
            chosen.append(pick)
        return chosen

    def _estimate(self, doc: Doc, f: _Found, band: Band | None) -> Estimate:
        span = doc[f.start:f.end]
        low: float | None = None
        high: float | None = None
        scale = "none"
        if band is not None:
            scale = band.scale
            low, high = band.low, band.high
            if f.negated and low is not None and high is not None:
                low, high = (high, 1.0) if band.negative else (0.0, low)
        return Estimate(text=span.text, scale=scale, low=low, high=high,
                        span=(span.start_char, span.end_char), negated=f.negated)

    # -- confidence ----------------------------------------------------------------

    def _confidence(self, doc: Doc, estimates: list[tuple[Estimate, int]],
                    tags: list[tuple[int, int, str]],
                    present: dict[int, set[int]] | None = None) -> list[tuple[Estimate, int]]:
        statements: list[tuple[int, int, str, int, bool]] = []
        matches = self.confidence(doc) if self.confidence_gate.allows(doc, present) else []
        for _, start, end in _longest(matches):
            span = doc[start:end]
            levels = [self.confidence_levels[t.lower_] for t in span
                      if t.lower_ in self.confidence_levels]
            # A range ('moderate-to-high') is read at its lower end.
            level = min(levels, key=CONFIDENCE_ORDER.index)
            statements.append((span.start_char, span.end_char, level,
                               _sent_start(doc, start), self._analytic(doc, start)))
        for s, e, code in tags:
            statements.append((s, e, code, _sent_start_at(doc, s), True))
        standalone: list[tuple[Estimate, int]] = []
        for s, e, level, sent, analytic in statements:
            same = [est for est, est_sent in estimates
                    if est_sent == sent and not (s <= est.span[0] < e)]
            for est in same:
                est.confidence = level
            if not same and analytic:
                standalone.append((Estimate(text=doc.text[s:e], scale="confidence", low=None,
                                            high=None, span=(s, e), confidence=level), sent))
        return standalone

    def _analytic(self, doc: Doc, start: int) -> bool:
        """Whether a confidence phrase reads as an analyst's judgement, not public mood."""
        i = start - 1
        while i >= 0 and doc[i].lower_ in ("a", "an", "the", "very"):
            i -= 1
        if i >= 0 and doc[i].lower_ in self.standalone_before:
            return True
        tokens = doc[start].sent if doc.has_annotation("SENT_START") else doc
        return any(t.lower_ in self.standalone_subjects and t.dep_ in ("nsubj", "nsubjpass", "")
                   for t in tokens)

    # -- machine tags ----------------------------------------------------------------

    @staticmethod
    def _misp_tags(doc: Doc) -> list[tuple[int, int, str, str]]:
        text = text_of(doc)
        if "estimative-language:" not in text:
            return []
        return [(m.start(), m.end(), m.group(1), m.group(2)) for m in _MISP_TAG.finditer(text)]


class _WordIndex:
    """Single-token hedge entries found by dictionary lookup: what a spaCy ``Matcher`` with
    one ``{"LEMMA": ...}`` or ``{"LOWER": {"IN": [...]}}`` pattern (and optional ``POS`` /
    ``TAG`` sets) per entry finds, in the same order (by token, then by entry), without
    trying every pattern at every token."""

    def __init__(self, vocab: Vocab) -> None:
        self.strings = vocab.strings
        self.entries: list[tuple[int, scales.HedgeEntry]] = []
        self.by_lemma: dict[int, list[int]] = {}
        self.by_lower: dict[int, list[int]] = {}
        self._keys: tuple[np.ndarray, np.ndarray] | None = None  # made on first use

    def add(self, key: str, entry: scales.HedgeEntry) -> int:
        """Index ``entry`` under ``key``; return the key's string id."""
        key_id = self.strings.add(key)
        self._keys = None
        n = len(self.entries)
        self.entries.append((key_id, entry))
        if entry.lemma:
            self.by_lemma.setdefault(self.strings.add(entry.lemma), []).append(n)
        else:
            for form in entry.lower:
                self.by_lower.setdefault(self.strings.add(form), []).append(n)
        return key_id

    def __len__(self) -> int:
        return len(self.entries)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(doc):
            return []
        found: list[tuple[int, int, int]] = []
        if self._keys is None:
            self._keys = (np.fromiter(self.by_lemma, dtype=np.uint64),
                          np.fromiter(self.by_lower, dtype=np.uint64))
        arr = doc.to_array([LEMMA, LOWER]).reshape(len(doc), 2)
        hits = np.isin(arr[:, 0], self._keys[0]) | np.isin(arr[:, 1], self._keys[1])
        for i in np.flatnonzero(hits).tolist():
            lemma, lower = int(arr[i, 0]), int(arr[i, 1])
            token = doc[i]
            for n in sorted({*self.by_lemma.get(lemma, ()), *self.by_lower.get(lower, ())}):
                key, entry = self.entries[n]
                if entry.pos and token.pos_ not in entry.pos:
                    continue
                if entry.tag and token.tag_ not in entry.tag:
                    continue
                found.append((key, i, i + 1))
        return found


def _run(
    matcher: Matcher | PhraseMatcher | _WordIndex, doc: Doc, allowed: bool = True,
) -> list[tuple[int, int, int]]:
    """``matcher(doc)``, or nothing when it has no patterns or may not run on this doc."""
    if not allowed or len(matcher) == 0:
        return []
    matches: list[tuple[int, int, int]] = matcher(doc)
    return matches


def _longest(matches: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping matches, longest first."""
    kept: list[tuple[int, int, int]] = []
    for m in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if all(m[2] <= k[1] or m[1] >= k[2] for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m[1])


def _sent_start(doc: Doc, token_i: int) -> int:
    """Token index where the sentence of ``token_i`` starts (0 when the doc has no sentences)."""
    return doc[token_i].sent.start if doc.has_annotation("SENT_START") else 0


def _sent_start_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return _sent_start(doc, span.start) if span is not None and len(span) else 0


@lru_cache(maxsize=8)
def _default_finder(vocab: Vocab) -> EstimateFinder:
    return EstimateFinder(spacy.blank("en", vocab=vocab))


def find_estimates(doc: Doc) -> list[Estimate]:
    """Estimates in ``doc`` with the default configuration (see module docstring)."""
    return _default_finder(doc.vocab).find(doc)


@Language.factory(
    "claimgraph_estimates",
    assigns=["doc._.estimates"],
    default_config=DEFAULT_CONFIG,
)
def make_component(
    nlp: Language,
    name: str,
    scales: list[str],
    hedge_kinds: list[str],
    infer_document_scale: bool,
    confidence: bool,
) -> EstimateFinder:
    """The estimates component: ``scales`` in preference order, the hedge classes to report."""
    return EstimateFinder(nlp, scales, hedge_kinds, infer_document_scale, confidence)
