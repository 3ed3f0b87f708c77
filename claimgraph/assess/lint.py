"""Yardstick lint: how a written judgement uses (or misuses) its probability yardstick.

Input: text and the scale it should be written on (PHIA, ICD 203 or MISP). Output:
:class:`~claimgraph.model.LintWarning` values in text order, each with a code, a one-line
message saying what to write instead, and the character span it is about.

Nothing here finds hedges itself. The text goes through the spaCy model with the dates
and quantities components, and the estimates extractor
(:class:`claimgraph.extract.estimates.EstimateFinder`, reading every matchable yardstick,
PHIA, ICD 203 and Kent, without inferring a document scale) finds yardstick terms,
hedges and negation. The checks read those results:

* ``off_scale``: a yardstick term the chosen scale does not define ('very likely' on
  PHIA, 'realistic possibility' on ICD 203), or a hedge that states a likelihood off any
  yardstick ('possible', 'could', 'may', 'more likely'; the classes in ``lint.json``);
* ``mixed_scales``: terms only PHIA has and terms only ICD 203 has (or MISP machine tags)
  in one text, whichever scale was chosen;
* ``number_outside_range``: a percentage right after a term that its range does not hold
  ('highly likely (60%)'); ranges are read on the chosen scale when it has the term;
* ``hedged_fact``: a hedge or term inside what is written as established fact: under a
  fact verb ('confirms that', 'has proven that'), a fact adverb ('clearly', 'undoubtedly')
  or after a fact phrase ('it is a fact that');
* ``no_time_frame``: a sentence that judges what will happen (a yardstick term or a
  likelihood hedge over a clause that is not in the past tense) but names no time: no
  date from the dates extractor, no DATE entity ('the next six months', 'within weeks')
  and none of the time words in ``lint.json`` ('soon', 'near term') or a bound such as
  'before the rainy season' or 'ahead of the vote';
* ``negated_term``: a negated term ('not likely', 'no realistic possibility'), with the
  scale's own term for what is left ('unlikely', 'remote chance').

Lexicons: ``claimgraph/data/scales/*.json`` and ``claimgraph/data/lexicons/lint.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import pipeline, scales
from ..extract.estimates import EstimateFinder
from ..lexicons import lexicon
from ..model import Document, Estimate, LintWarning
from ..scales import Band, format_range
from . import yardsticks

CODES: tuple[str, ...] = ("off_scale", "mixed_scales", "number_outside_range", "hedged_fact",
                          "no_time_frame", "negated_term")
MATCH_ORDER: tuple[str, ...] = ("PHIA", "ICD203", "Kent")  # every scale with words to match
LINT_COMPONENTS: tuple[str, ...] = ("claimgraph_dates", "claimgraph_quantities")
_PAST_AUX = {"have", "has", "had"}


@cache
def lint_pipeline(model: str | None = None) -> Language:
    """The spaCy model with the dates and quantities components: what the lint reads."""
    return pipeline.build(model, components=LINT_COMPONENTS)


@dataclass
class _Term:
    """One estimate the finder reported, read for the lint."""

    estimate: Estimate
    tokens: Span
    phrase: str | None  # the yardstick phrase without its negation; None for a hedge
    bands: list[Band]  # the phrase's band on every scale that has it, preference order
    hedge: str | None = None  # hedge class of a hedge ('epistemic')

    @property
    def span(self) -> tuple[int, int]:
        return self.estimate.span


class Linter:
    """Lints texts with ``nlp`` (a spaCy model with claimgraph's dates and quantities
    components, as :func:`lint_pipeline` builds); build once, call per text."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.finder = EstimateFinder(nlp, MATCH_ORDER, infer_document_scale=False)
        data = lexicon("lint")
        self.fact_verbs = frozenset(data["fact_verbs"])
        self.fact_adverbs = frozenset(data["fact_adverbs"])
        self.fact_phrases = _phrase_pattern(data["fact_phrases"])
        self.probability_hedges = frozenset(data["probability_hedges"])
        self.time_words = _phrase_pattern(data["time_frame_words"])
        self.time_bounds = re.compile(_phrase_pattern(data["time_frame_prepositions"]).pattern
                                      + r"\s+\w")
        self.gap_chars = int(data["percent_gap_chars"])
        self.gap_words = frozenset(data["percent_gap_words"])
        self.negators = frozenset(scales.hedge_data()["negators"])

    def __call__(self, text: str, scale: str = yardsticks.DEFAULT_SCALE,
                 published: str | None = None) -> list[LintWarning]:
        """Warnings for ``text`` written on ``scale``; ``published`` anchors relative dates."""
        sid = yardsticks.scale_id(scale)
        if not text.strip():
            return []
        doc = self.nlp(pipeline.make_doc(self.nlp, Document(text=text, published=published)))
        terms = [t for t in (self._read(doc, e) for e in self.finder.find(doc)) if t]
        warnings = [
            *self._off_scale(terms, sid),
            *self._mixed(terms),
            *self._numbers(doc, terms, sid),
            *self._hedged_facts(doc, terms),
            *self._time_frames(doc, terms),
            *self._negated(terms, sid),
        ]
        for w in warnings:
            w.text = text[w.span[0]:w.span[1]]
        return sorted(warnings, key=lambda w: (w.span[0], CODES.index(w.code), w.span[1]))

    # -- reading the finder's estimates ----------------------------------------------------

    def _read(self, doc: Doc, est: Estimate) -> _Term | None:
        if est.scale == "confidence":
            return None
        tokens = doc.char_span(est.span[0], est.span[1], alignment_mode="expand")
        if tokens is None or not len(tokens):
            return None
        if est.scale == "MISP":
            band = yardsticks.nearest_band(((est.low or 0) + (est.high or 0)) / 2, "MISP")
            return _Term(est, tokens, None, [band])
        if est.scale == "none":
            return _Term(est, tokens, None, [], hedge=scales.hedge_kind(est.text))
        phrase = self._yardstick_phrase(est.text)
        if phrase is None:
            return None
        return _Term(est, tokens, phrase, scales.candidates(phrase, MATCH_ORDER))

    def _yardstick_phrase(self, text: str) -> str | None:
        """'not at all likely' -> 'likely'; 'probably not' stays whole where a scale has it."""
        words = scales.normalise(text).split(" ")
        for end in (len(words), len(words) - 1):
            if end < len(words) and words[end] not in ("not", "n't"):
                continue
            for start in range(end):
                phrase = " ".join(words[start:end])
                if scales.candidates(phrase, MATCH_ORDER):
                    return phrase
        return None

    def _home_band(self, term: _Term, sid: str) -> Band | None:
        """The term's band on the chosen scale, None when the scale lacks it."""
        if term.estimate.scale == "MISP":
            return term.bands[0] if sid == "MISP" else None
        if term.phrase is None:
            return None
        return yardsticks.phrase_band(term.phrase, sid)

    # -- the checks ------------------------------------------------------------------------

    def _off_scale(self, terms: list[_Term], sid: str) -> Iterable[LintWarning]:
        name = yardsticks.label(sid)
        for t in terms:
            if t.bands and self._home_band(t, sid) is None:
                own = t.bands[0]
                owners = " and ".join(dict.fromkeys(yardsticks.label(b.scale) for b in t.bands))
                hint = ""
                if own.midpoint is not None:
                    near = yardsticks.nearest_band(own.midpoint, sid)
                    hint = (f"; the nearest {name} term is '{near.term}' "
                            f"({format_range(near.low, near.high)})")
                yield LintWarning("off_scale", f"'{t.estimate.text}' is a term of {owners}, "
                                  f"not of {name}{hint}", t.span)
            elif not t.bands and t.hedge in self.probability_hedges:
                terms_list = ", ".join(b.term for b in yardsticks.likelihood_bands(sid))
                yield LintWarning("off_scale", f"'{t.estimate.text}' states no probability on "
                                  f"the {name} yardstick; use one of its terms ({terms_list})",
                                  t.span)

    def _mixed(self, terms: list[_Term]) -> Iterable[LintWarning]:
        first: dict[str, _Term] = {}
        for t in terms:
            owners = {b.scale for b in t.bands if scales.load(b.scale).distinctive}
            if t.estimate.scale == "MISP":
                owners = {"MISP"}
            if len(owners) == 1:
                first.setdefault(owners.pop(), t)
        if len(first) < 2:
            return
        (a, ta), (b, tb) = sorted(first.items(), key=lambda kv: kv[1].span)[:2]
        yield LintWarning(
            "mixed_scales",
            f"mixes {yardsticks.label(a)} ('{ta.estimate.text}') and {yardsticks.label(b)} "
            f"('{tb.estimate.text}') terms; keep to one yardstick", (ta.span[0], tb.span[1]))

    def _numbers(self, doc: Doc, terms: list[_Term], sid: str) -> Iterable[LintWarning]:
        percents = [q for q in doc._.quantities or [] if q.unit == "%"]
        for t in terms:
            if not t.bands:
                continue
            q = next((q for q in percents if self._belongs(doc.text, t.span[1], q.span[0])),
                     None)
            if q is None:
                continue
            band = self._home_band(t, sid) or t.bands[0]
            low, high = (q.low, q.high) if q.value is None else (q.value, None)
            if low is None:
                continue
            lo, hi = low / 100, (high / 100 if high is not None else None)
            scale_name = yardsticks.label(band.scale)
            if t.estimate.negated:
                r_low, r_high = _negated_range(band)
                ok = r_low - 1e-9 <= lo and (hi if hi is not None else lo) <= r_high + 1e-9
                meaning = format_range(r_low, r_high)
            else:
                ok = yardsticks.contains(band, lo, hi)
                meaning = format_range(band.low, band.high)
            if ok:
                continue
            near = yardsticks.nearest_band(lo if hi is None else (lo + hi) / 2, sid)
            yield LintWarning(
                "number_outside_range",
                f"'{t.estimate.text}' means {meaning} on {scale_name}, but the text gives "
                f"{q.text}; change the number or write '{near.term}' "
                f"({format_range(near.low, near.high)})", (t.span[0], q.span[1]))

    def _belongs(self, text: str, end: int, start: int) -> bool:
        """Whether a percentage at ``start`` annotates the term ending at ``end``."""
        if start < end or start - end > self.gap_chars:
            return False
        words = re.findall(r"[^\W\d_][\w.]*", text[end:start])
        return all(w.lower() in self.gap_words for w in words)

    def _hedged_facts(self, doc: Doc, terms: list[_Term]) -> Iterable[LintWarning]:
        taken = {i for t in terms for i in range(t.tokens.start, t.tokens.end)}
        scopes: list[tuple[set[int], str]] = []
        for tok in doc:
            if tok.i in taken:
                continue
            if tok.lemma_.lower() in self.fact_verbs and tok.pos_ in ("VERB", "AUX") \
                    and not _negated(tok):
                scopes.append(({t.i for t in tok.subtree} - {tok.i}, tok.text))
            elif tok.lower_ in self.fact_adverbs:
                scopes.append(({t.i for t in tok.head.subtree} - {tok.i}, tok.text))
        for sent in doc.sents:
            for m in self.fact_phrases.finditer(sent.text.lower()):
                # A phrase vouches for what follows it: 'X is likely, and it is clear that
                # it may ...' puts 'may' under it, not 'likely'.
                after = sent.start_char + m.end()
                scopes.append(({t.i for t in sent if t.idx >= after},
                               sent.text[m.start():m.end()]))
        for t in terms:
            marker = next((word for scope, word in scopes
                           if t.tokens.start in scope), None)
            if marker is not None:
                yield LintWarning(
                    "hedged_fact", f"'{t.estimate.text}' hedges what '{marker}' states as "
                    "fact; report the fact and give the judgement its own sentence", t.span)

    def _time_frames(self, doc: Doc, terms: list[_Term]) -> Iterable[LintWarning]:
        dated = [d.span for d in doc._.dates or []]
        dated += [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
        for sent in doc.sents:
            judged = [t for t in terms if sent.start <= t.tokens.start < sent.end
                      and (t.bands or t.hedge in self.probability_hedges)]
            judged = [t for t in judged if not _about_the_past(t.tokens)]
            if not judged:
                continue
            if any(sent.start_char <= s < sent.end_char for s, _ in dated):
                continue
            lowered = sent.text.lower()
            if self.time_words.search(lowered) or self.time_bounds.search(lowered):
                continue
            t = judged[0]
            yield LintWarning(
                "no_time_frame", f"'{t.estimate.text}' judges what will happen but the "
                "sentence names no time frame; say by when (e.g. 'over the next six months')",
                t.span)

    def _negated(self, terms: list[_Term], sid: str) -> Iterable[LintWarning]:
        for t in terms:
            if not t.estimate.negated or not t.bands:
                continue
            band = self._home_band(t, sid) or t.bands[0]
            better = yardsticks.opposite(band, sid)
            hint = (f"write '{better.term}' ({format_range(better.low, better.high)})"
                    if better is not None else "write the term for the probability meant")
            yield LintWarning("negated_term", f"'{t.estimate.text}' negates a yardstick term "
                              f"and no yardstick defines the negation; {hint}", t.span)


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "neg" for c in tok.head.children if tok.dep_ in ("xcomp",))


def _negated_range(band: Band) -> tuple[float, float]:
    assert band.low is not None and band.high is not None
    return (band.high, 1.0) if band.negative else (0.0, band.low)


def _judged_verb(tokens: Span) -> Token | None:
    """The verb whose event a term judges: 'will likely fail' -> fail, 'it is likely that
    the talks fail' -> fail, 'a realistic possibility that it resigns' -> resigns."""
    head = tokens.root
    clause_deps = ("ccomp", "xcomp", "acl", "relcl", "advcl")
    for candidate in (head, head.head):
        for child in candidate.children:
            if child.dep_ in clause_deps and child.pos_ in ("VERB", "AUX") \
                    and child.i not in range(tokens.start, tokens.end):
                return child
    if head.pos_ in ("ADV", "AUX") or head.tag_ == "MD":
        return head.head if head.head.pos_ in ("VERB", "AUX") else None
    return None


def _about_the_past(tokens: Span) -> bool:
    """Whether the judged clause is in the past tense ('was destroyed', 'may have left')."""
    verb = _judged_verb(tokens)
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll") for a in auxes):
        return False
    if verb.tag_ == "VBD":
        return True
    return any(a.tag_ == "VBD" or a.lower_ in _PAST_AUX for a in auxes)


_default: dict[int, Linter] = {}


def lint(text: str, scale: str = yardsticks.DEFAULT_SCALE, *, nlp: Language | None = None,
         published: str | None = None) -> list[LintWarning]:
    """Warnings for ``text`` on ``scale``; ``nlp`` defaults to :func:`lint_pipeline`."""
    model = nlp or lint_pipeline()
    linter = _default.get(id(model))
    if linter is None or linter.nlp is not model:
        linter = _default[id(model)] = Linter(model)
    return linter(text, scale, published)


def warning_dicts(warnings: list[LintWarning]) -> list[dict[str, Any]]:
    return [{"code": w.code, "message": w.message, "span": list(w.span), "text": w.text}
            for w in warnings]
