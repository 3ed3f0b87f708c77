"""Statements as the cross-document steps see them: who said it, in whose voice, with what words.

:class:`StatementView` wraps one statement of a DESIGN section-4 record with what claim
matching, provenance and drift compare: the effective speaker (the publisher when the outlet
speaks in its own voice), speaker name keys, content terms, hedges, quantities, the cue's
hardness and the statement's span in the document.

Outlets often restate a claim in their own voice without any reporting verb, and an
extractor may leave such sentences without a statement. :func:`unattributed_sentences`
offers those sentences as candidate own-voice statements; claim matching only lets them
join a claim that attributed statements already made.

A view knows its document's language: Russian, Ukrainian and Bulgarian words are lemmas,
and two views in different languages compare their words through language-neutral keys
(:func:`term_overlap`, :mod:`claimgraph.link.concepts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..lexicons import lexicon
from ..model import SPAN_JOINER
from . import concepts
from . import text as tx
from .speakers import (
    DATELINE,
    as_span,
    names_match,
    role_org,
    roles_in_mention,
    speaker_names,
    trailing_speaker,
)

UNIT_FILLER = frozenset({"of", "the", "a", "an", "some", "more", "than"})
# "said X and that Y"; in Russian, Ukrainian and Bulgarian also "..., а ..." ("while").
COORDINATED = re.compile(
    r",?\s+(?:(?:and|but)\s+(?:also\s+)?that|(?:и|і|та)\s+(?:что|що|че))\s+|,\s+а\s+",
    re.IGNORECASE,
)
# Where a hedged clause ends: the next coordinated proposition or a clause of its own.
CLAUSE_END = re.compile(
    COORDINATED.pattern + r"|;|,\s+(?:and|but|while|whereas)\s+", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _next_report() -> re.Pattern[str]:
    """A second reporting verb joined to the first: "said it was likely that ... and urged
    older people to stay indoors" reports two propositions."""
    return re.compile(r",?\s+and\s+(?:also\s+)?(?:" + _reporting_forms() + r")\s+",
                      re.IGNORECASE)
TRAILING_SOURCE = re.compile(
    r",?\s+(?:according to|as reported by|citing)\s.*$", re.IGNORECASE | re.DOTALL
)


@dataclass
class Hedge:
    text: str
    low: float | None
    high: float | None
    span: tuple[int, int] | None
    negated: bool = False

    @property
    def mid(self) -> float | None:
        """Middle of the probability range; None for a hedge word without one."""
        bounds = [b for b in (self.low, self.high) if b is not None]
        return sum(bounds) / len(bounds) if bounds else None


@dataclass
class QuantityView:
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    approx: str
    span: tuple[int, int] | None
    language: str = ""

    def same_unit(self, other: QuantityView) -> bool:
        """Both count the same thing: a unit word in common ("crown contract", "crown deal");
        in two languages, a concept or name key in common ("жителей", "residents")."""
        if set(self.unit.split()) & set(other.unit.split()):
            return True
        return self.language != other.language and bool(
            concepts.neutral_set(self.unit.split()) & concepts.neutral_set(other.unit.split()))

    @property
    def vague(self) -> bool:
        return self.approx == "vague" or (
            self.value is None and self.low is None and self.high is None
        )

    def center(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@dataclass(eq=False)  # a view is one statement: compared by identity
class StatementView:
    """One statement (or own-voice sentence) of one document, ready to compare."""

    doc_id: str
    sid: str
    doc_index: int
    published: str | None
    publisher: str | None
    kind: str
    speaker_name: str | None
    speaker_keys: list[tuple[str, ...]]
    affiliations: list[tuple[str, ...]]
    own_voice: bool
    speaker_unknown: bool
    cue_text: str | None
    cue_lemma: str | None
    cue_stance: str | None
    cue_span: tuple[int, int] | None
    speaker_span: tuple[int, int] | None
    content: str
    content_span: tuple[int, int] | None
    region: tuple[int, int] | None
    region_text: str
    terms: frozenset[str]
    name_terms: frozenset[str]
    quantities: list[QuantityView]
    hedges: list[Hedge]
    said_on: str | None
    via: list[str]
    inferred: bool = False
    headline: bool = False  # a statement of the title: spans are offsets in the title
    strength: float | None = None  # extraction's claim strength, 0 .. 3
    descriptive: bool = False
    roles: frozenset[str] = frozenset()
    around: str = ""  # the sentences around the statement (and its own)
    context: str = ""  # the headline and ``around``
    cites: list[str] = field(default_factory=list)  # whom the speaker cites ('citing X')
    language: str = ""
    # a statement of a document that speaks for its publisher (a ministry's own update, a
    # monitoring mission's report): the publisher is its source, not an outlet's own voice
    primary: bool = False
    _neutral: tuple[frozenset[str], frozenset[str]] | None = field(default=None, repr=False)
    _event: frozenset[str] | None = field(default=None, repr=False)
    _hops: list[tuple[str, ...]] | None = field(default=None, repr=False)
    _content_key: tuple[Any, ...] | None = field(default=None, repr=False)
    _speaker_key: tuple[Any, ...] | None = field(default=None, repr=False)
    _stems: frozenset[str] | None = field(default=None, repr=False)

    @property
    def ref(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.doc_id, "statement": self.sid}
        if self.inferred:
            out["inferred"] = True
        if self.headline:
            out["headline"] = True
        return out

    @property
    def position(self) -> int:
        if self.headline:
            return -1  # the title comes before the body
        return self.region[0] if self.region else 0

    @property
    def effective_speaker(self) -> str | None:
        return self.speaker_name if not self.own_voice else self.publisher

    @property
    def event_terms(self) -> frozenset[str]:
        """Content words that are not names: what happened rather than who or where."""
        if self._event is None:
            self._event = self.terms - self.name_terms
        return self._event

    def hops(self) -> list[tuple[str, ...]]:
        """Name keys of the sources between the publisher and the speaker (``via``) and of
        those the speaker cites."""
        if self._hops is None:
            self._hops = [k for k in (tx.name_tokens(v) for v in [*self.via, *self.cites]) if k]
        return self._hops

    def content_key(self) -> tuple[Any, ...]:
        """Everything content and figure matching read of this view: two views with one key
        score alike against any other (wire copies repeat one wording many times)."""
        if self._content_key is None:
            self._content_key = (
                self.language, self.terms, self.name_terms,
                tuple((q.value, q.low, q.high, q.unit, q.approx, q.language)
                      for q in self.quantities))
        return self._content_key

    def speaker_key(self) -> tuple[Any, ...]:
        """Everything :func:`~.speakers.speaker_match` reads of this view but its document,
        and but its publisher when it is not the source (that counts only when a source is
        named after the other's publisher). Made on first use, once aliases and shared
        affiliations are in place."""
        if self._speaker_key is None:
            self._speaker_key = (
                tuple(self.speaker_keys), tuple(self.affiliations), self.own_voice,
                self.speaker_unknown, self.descriptive, self.speaker_name,
                self.publisher if self.own_voice else None, self.roles, tuple(self.hops()))
        return self._speaker_key

    def content_stems(self) -> frozenset[str]:
        """The stems of every word of the content, names and the speaker's words too."""
        if self._stems is None:
            self._stems = frozenset(tx.stem(w) for w in tx.words(self.content))
        return self._stems

    def neutral_terms(self) -> tuple[frozenset[str], frozenset[str]]:
        """(terms, event terms) as language-neutral keys, worked out once."""
        if self._neutral is None:
            self._neutral = (concepts.neutral_set(self.terms),
                             concepts.neutral_set(self.event_terms))
        return self._neutral

    def head(self) -> str | None:
        """Last word of the speaker's name, as a stem: "the region's governor" -> "governor"."""
        found = tx.words(self.speaker_name or "")
        return tx.stem(found[-1]) if found else None

    def hedge_scope(self, hedge: Hedge) -> frozenset[str]:
        """Terms of what ``hedge`` qualifies: the content after it to the end of its clause
        ("likely [to peak on Wednesday]", "suspected [of smuggling diesel]"), the way
        :attr:`terms` are read; empty when the hedge ends the content or has no span."""
        if hedge.span is None or self.content_span is None:
            return frozenset()
        start = hedge.span[1] - self.content_span[0]
        if not 0 <= start <= len(self.content):
            return frozenset()
        rest = self.content[start:]
        ends = [m.start() for m in (CLAUSE_END.search(rest), _next_report().search(rest)) if m]
        clause = rest[: min(ends)] if ends else rest
        speaker = {t for k in self.speaker_keys for t in k}
        return frozenset(tx.terms(clause, self.language)) - speaker

    def source_keys(self) -> list[tuple[str, ...]]:
        """Name keys of the source: the speaker's, or the publisher's in its own voice."""
        if self.own_voice:
            pub = tx.name_tokens(self.publisher)
            return self.speaker_keys + ([pub] if pub else [])
        return self.speaker_keys


def views(record: dict[str, Any], doc_index: int) -> list[StatementView]:
    """Views of every statement in ``record``, in document order."""
    doc = record.get("document") or {}
    entities = {e.get("id"): e for e in record.get("entities") or []}
    statements = [_Spanned(st) for st in record.get("statements") or [] if not _action_cue(st)]
    out = [
        _view(doc, part, entities, doc_index, record.get("citations") or [])
        for st in statements
        if not _relays(st, statements)
        for part in _propositions(_absorb(st, statements), doc.get("language"))
    ]
    return sorted(out, key=lambda v: v.position)


class _Spanned:
    """A statement with its content spans and cue span read once."""

    def __init__(self, st: dict[str, Any]) -> None:
        self.st = st
        self.spans = _spans(st)
        self.cue = as_span((st.get("cue") or {}).get("span"))


def term_overlap(a: StatementView, b: StatementView, event: bool = False) -> float:
    """Set cosine of the two statements' terms (``event``: of their event terms), through
    language-neutral keys when they are in different languages."""
    if a.language == b.language:
        return tx.set_similarity(a.event_terms if event else a.terms,
                                 b.event_terms if event else b.terms)
    return tx.set_similarity(a.neutral_terms()[event], b.neutral_terms()[event])


def headline_views(record: dict[str, Any], doc_index: int) -> list[StatementView]:
    """Views of what the title asserts, read on the title's own text. They never start a
    claim: they restate one the body or an earlier report made."""
    doc = record.get("document") or {}
    title = {**doc, "text": doc.get("title") or ""}
    out = []
    for st in record.get("headline") or []:
        view = _view(title, st, {}, doc_index, [])
        view.headline = view.inferred = True
        view.context = title["text"]
        out.append(view)
    return out


def _propositions(st: dict[str, Any], language: str | None = None) -> list[dict[str, Any]]:
    """Split "said X and that Y" into one statement per proposition, same id and cue.

    Quantities and estimates go with the part whose span holds them.
    """
    content = st.get("content") or {}
    spans = [s for s in (as_span(x) for x in content.get("spans") or []) if s]
    text = content.get("text") or ""
    if len(spans) > 1:
        return _clauses(st, spans, text, language)
    if len(spans) != 1 or spans[0][1] - spans[0][0] != len(text):
        return [st]
    cuts = sorted([*COORDINATED.finditer(text), *_next_report().finditer(text)],
                  key=lambda m: m.start())
    if not cuts:
        return [st]
    base = spans[0][0]
    bounds = []
    start = 0
    for m in cuts:
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    parts = []
    for lo, hi in bounds:
        if len(tx.terms(text[lo:hi], language)) < 2:
            return [st]
        span = (base + lo, base + hi)
        parts.append(_part(st, text[lo:hi], [span]))
    return parts


def _clauses(st: dict[str, Any], spans: list[tuple[int, int]], text: str,
             language: str | None) -> list[dict[str, Any]]:
    """Content in several spans ("X … that Y", the "but" between them left out) is one
    proposition per span that opens with "that", with the spans after it up to the next."""
    pieces = text.split(SPAN_JOINER)
    if len(pieces) != len(spans):
        return [st]
    groups: list[list[int]] = []
    for i, piece in enumerate(pieces):
        if groups and not _THAT.match(piece):
            groups[-1].append(i)
        else:
            groups.append([i])
    if len(groups) < 2 or any(
            len(tx.terms(" ".join(pieces[i] for i in g), language)) < 2 for g in groups):
        return [st]
    return [_part(st, SPAN_JOINER.join(pieces[i] for i in g), [spans[i] for i in g])
            for g in groups]


_THAT = re.compile(r"(?:that|что|що|че)\s", re.IGNORECASE)


def _part(st: dict[str, Any], text: str, spans: list[tuple[int, int]]) -> dict[str, Any]:
    """``st`` with ``text`` in ``spans`` as its content, and the quantities and estimates
    that lie in those spans."""

    def inside(item: dict[str, Any]) -> bool:
        sp = as_span(item.get("span"))
        return sp is not None and any(lo <= sp[0] < hi for lo, hi in spans)

    part = dict(st)
    part["content"] = {"text": text, "spans": [list(span) for span in spans]}
    part["quantities"] = [q for q in st.get("quantities") or [] if inside(q)]
    part["estimates"] = [e for e in st.get("estimates") or [] if inside(e)]
    return part


def _action_cue(st: dict[str, Any]) -> bool:
    """A "cue" that is an action ("boats attacked vessels"), so not reported speech at all."""
    cue = (st.get("cue") or {}).get("text") or ""
    return bool(cue) and any(p.search(cue) for p in _action_patterns())


@lru_cache(maxsize=1)
def _action_patterns() -> list[re.Pattern[str]]:
    classes = tx.lexicon("drift")["actions"]["classes"].values()
    return [re.compile(r"\b(?:" + "|".join(c["patterns"]) + r")\b", re.IGNORECASE) for c in classes]


def _relays(st: _Spanned, statements: list[_Spanned]) -> bool:
    """Is ``st`` one of a nested pair that the claim should not be read from?

    "The ministry said the governor claimed ...": the inner statement carries the claim and
    the relay is in its ``via``, so the outer one is dropped. The inner one is dropped
    instead when its "speaker" is evidence the outer source cites ("Greymoor Watch said
    satellite images showed ...") or its content is a fragment ("assesses that it").
    """
    for other in statements:
        if other is st:
            continue
        if _holds(st, other) and not _weak_inner(other.st):
            return True
        if _holds(other, st) and _weak_inner(st.st):
            return True
    return False


def _holds(outer: _Spanned, inner: _Spanned) -> bool:
    cue = inner.cue
    return cue is not None and any(s <= cue[0] and cue[1] <= e for s, e in outer.spans)


def _weak_inner(st: dict[str, Any]) -> bool:
    content = (st.get("content") or {}).get("text") or ""
    fragment = len(tx.words(content)) <= 3 and not st.get("quantities")
    return _is_evidence(st) or fragment


def _absorb(spanned: _Spanned, statements: list[_Spanned]) -> dict[str, Any]:
    """The statement with the figures and estimates of weak inner statements it holds."""
    st = spanned.st
    inner = [o.st for o in statements
             if o is not spanned and _holds(spanned, o) and _weak_inner(o.st)]
    if not inner:
        return st
    merged = dict(st)
    for key in ("quantities", "estimates"):
        seen = {tuple(x.get("span") or ()) for x in st.get(key) or []}
        extra = [
            x for o in inner for x in o.get(key) or [] if tuple(x.get("span") or ()) not in seen
        ]
        merged[key] = list(st.get(key) or []) + extra
    return merged


def _spans(st: dict[str, Any]) -> list[tuple[int, int]]:
    return [s for s in (as_span(x) for x in (st.get("content") or {}).get("spans") or []) if s]


def _is_evidence(st: dict[str, Any]) -> bool:
    found = tx.words((st.get("speaker") or {}).get("name") or "")
    return bool(found) and found[-1].lower() in _evidence_words()


@lru_cache(maxsize=1)
def _evidence_words() -> frozenset[str]:
    return frozenset(tx.lexicon("linking")["evidence_sources"])


def unattributed_sentences(record: dict[str, Any], doc_index: int) -> list[StatementView]:
    """Sentences with no statement over them (nor one an analyst rejected) and no reporting
    verb: the outlet's own voice."""
    doc = record.get("document") or {}
    text = doc.get("text") or ""
    language = doc.get("language")
    covered: list[tuple[int, int]] = []
    for st in [*(record.get("statements") or []), *(record.get("rejected") or [])]:
        parts = [
            *((st.get("content") or {}).get("spans") or []),
            (st.get("cue") or {}).get("span"),
            (st.get("speaker") or {}).get("span"),
        ]
        covered.extend(s for s in (as_span(p) for p in parts) if s)
    out = []
    for start, end in _sentences(text):
        # Keep the part of the sentence before any reported speech inside it.
        inside = [s for s, e in covered if s < end and start < e]
        if inside:
            end = min(inside)
            while end > start and not text[end - 1].isalnum():
                end -= 1
        sentence = text[start:end]
        if _reports(sentence, language) or len(tx.terms(sentence, language)) < 4:
            continue
        st = {
            "id": f"u{start}",
            "kind": "assertion",
            "speaker": {"name": None},
            "cue": None,
            "content": {"text": sentence, "spans": [[start, end]]},
        }
        view = _view(doc, st, {}, doc_index)
        view.inferred = True
        out.append(view)
    return out


TRAILING_WORDS = 4  # words a trailing attribution's verb may have after it: "on Monday"
PASSIVE = frozenset({"be", "been", "being", "is", "are", "was", "were", "has", "have", "had"})


def _trailing_report(sentence: str, language: str | None) -> bool:
    """Whether a sentence opens or closes on an attribution: "According to police, ..." or
    "..., the emergency service said in a statement." A reporting word inside the claim is
    not one: "with 38 cases confirmed in the district since early May" and "38 cases have
    been confirmed" have a participle."""
    if concepts.lemmatised(language):
        return _reports(sentence, language)  # free word order: anywhere ("сказал он")
    words = tx.words(sentence)
    if [w.lower() for w in words[:2]] == ["according", "to"]:
        return True
    if "," not in sentence:
        return False
    found = tx.words(sentence[sentence.rfind(",") + 1:])
    return any(
        len(found) - i - 1 <= TRAILING_WORDS
        and (i == 0 or found[i - 1].lower() not in PASSIVE)
        and _reports(found[i], language)
        for i in range(len(found))
    )


def _reports(sentence: str, language: str | None) -> bool:
    """Whether a sentence has a reporting verb: the English cue lexicon's, or in a
    lemmatised language a cue verb of its extraction lexicon ("сказал он")."""
    if not concepts.lemmatised(language):
        return _reporting_verb().search(sentence) is not None
    assert language is not None
    from ..extract.lemmas import lemma
    from ..extract.slavic.words import cue_verbs

    verbs = cue_verbs(language)
    return any(lemma(w, language) in verbs for w in tx.words(sentence))


@lru_cache(maxsize=1)
def _reporting_verb() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + _reporting_forms() + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _reporting_forms() -> str:
    """The forms of the cue lexicon's one-word verbs, as a regex alternation."""
    lemmas = [k for k in lexicon("cues")["verbs"] if " " not in k]  # the one cue lexicon
    forms = {"said", "told", "wrote", "written", "found", "shown", "according to", "put it"}
    for lemma in lemmas:
        stem = lemma.removesuffix("e")
        forms.update({lemma, lemma + "s", stem + "ed", stem + "ing"})
    return "|".join(sorted(forms))


def _view(
    doc: dict[str, Any],
    st: dict[str, Any],
    entities: dict[Any, dict[str, Any]],
    doc_index: int,
    citations: list[dict[str, Any]] | None = None,
) -> StatementView:
    text = doc.get("text") or ""
    language = str(doc.get("language") or "")
    speaker = st.get("speaker") or {}
    ent = entities.get(speaker.get("entity")) if speaker.get("entity") else None
    name = speaker.get("name") or (ent.get("name") if ent else None) or trailing_speaker(st, text)
    if name and DATELINE.search(name):
        name, ent = None, None  # "KOLMAR, June 10 (CWS)": the dateline, not a speaker
    spoken = (speaker.get("text") or "").strip().lower()
    keys = [k for k in (tx.name_tokens(n) for n in speaker_names(name, ent)) if k]
    # "the region's governor", "police": a description, not a name; it may be anyone named.
    descriptive = (
        bool(name) and not any(w[0].isupper() for w in tx.words(name or "")) and ent is None
    )
    roles = list((ent or {}).get("roles") or []) + list(roles_in_mention(speaker.get("text"), name))
    affiliations = [k for k in (tx.name_tokens(role_org(r)) for r in roles) if k]
    role_words = {tx.stem(w) for r in roles for w in tx.words(r)}
    if descriptive:
        role_words |= {tx.stem(w) for w in tx.words(name or "")} & {tx.stem(t) for t in tx.titles()}
    publisher = doc.get("publisher")
    pub_keys = tx.name_tokens(publisher)
    has_cue = bool((st.get("cue") or {}).get("text"))
    if not (name or spoken) and has_cue:
        unknown, own = True, False  # reported speech whose speaker was not resolved
    elif not (name or spoken):
        unknown, own = False, True  # no source named: the outlet's own voice
    elif not keys:
        unknown, own = True, False  # a pronoun or a bare role ("the governor")
    else:
        unknown = False
        own = bool(pub_keys) and any(names_match(k, pub_keys) for k in keys)
    if own and not has_cue and _trailing_report(_content_text(st, text), language):
        # "..., the emergency service said": reported speech whose cue was not found
        unknown, own = True, False

    content = st.get("content") or {}
    spans = [s for s in (as_span(x) for x in content.get("spans") or []) if s]
    content_span = (spans[0][0], spans[-1][1]) if spans else None
    content_text = content.get("text") or (
        text[content_span[0] : content_span[1]] if content_span else ""
    )
    cue = st.get("cue") or {}
    cue_span = as_span(cue.get("span"))
    edges = [s for s in [content_span, cue_span] if s]
    region = (min(s[0] for s in edges), max(s[1] for s in edges)) if edges else None
    region_text = text[region[0] : region[1]] if region else content_text

    speaker_words = {t for k in keys for t in k}
    # "..., according to the ministry's update" names a relay, not what was said.
    proposition = _without_estimates(TRAILING_SOURCE.sub("", content_text), st)
    terms = frozenset(t for t in tx.terms(proposition, language) if t not in speaker_words)
    name_terms = frozenset(t for n in tx.names(proposition) for t in n.split()) & terms
    return StatementView(
        doc_id=str(doc.get("id") or ""),
        sid=str(st.get("id") or ""),
        doc_index=doc_index,
        published=doc.get("published"),
        publisher=publisher,
        kind=st.get("kind") or "assertion",
        speaker_name=name,
        speaker_keys=keys,
        affiliations=affiliations,
        own_voice=own,
        speaker_unknown=unknown,
        descriptive=descriptive,
        roles=frozenset(role_words),
        cue_text=cue.get("text"),
        cue_lemma=cue.get("lemma"),
        cue_stance=cue.get("stance"),
        cue_span=cue_span,
        speaker_span=as_span(speaker.get("span")),
        content=content_text,
        content_span=content_span,
        region=region,
        region_text=region_text,
        terms=terms,
        name_terms=name_terms,
        quantities=[_quantity(q, language) for q in st.get("quantities") or []],
        hedges=hedges(st),
        said_on=st.get("said_on"),
        via=list(st.get("via") or []),
        strength=st.get("strength"),
        around=(around := neighbours(text, region)),
        context=" ".join([doc.get("title") or "", around]),
        cites=cited_by(name, citations or []),
        language=language,
    )


def cited_by(name: str | None, citations: list[dict[str, Any]]) -> list[str]:
    """The sources the document says ``name`` cites ('X reported, citing the agency')."""
    if not name:
        return []
    return [c.get("cited") for c in citations if c.get("citing") == name
            and (c.get("cue") or "").lower() in ("citing", "quoting") and c.get("cited")]


@lru_cache(maxsize=16384)
def _sentences(text: str) -> list[tuple[int, int]]:
    return tx.sentences(text)


def neighbours(text: str, region: tuple[int, int] | None) -> str:
    """The sentences just before and after ``region``: where a re-report names its source
    ('... - Ministry' in the headline, 'The ministry said so on Monday.' after it)."""
    if region is None:
        return ""
    spans = _sentences(text)
    inside = [i for i, (s, e) in enumerate(spans) if s < region[1] and region[0] < e]
    if not inside:
        return ""
    first, last = max(0, inside[0] - 1), min(len(spans), inside[-1] + 2)
    return " ".join(text[s:e] for s, e in spans[first:last])


def _content_text(st: dict[str, Any], text: str) -> str:
    content = st.get("content") or {}
    spans = [s for s in (as_span(x) for x in content.get("spans") or []) if s]
    return content.get("text") or " ".join(text[s:e] for s, e in spans)


def _quantity(q: dict[str, Any], language: str = "") -> QuantityView:
    unit = " ".join(w for w in tx.words(q.get("unit") or "") if w.lower() not in UNIT_FILLER)
    unit_words = tx.unit_words(unit, language)
    return QuantityView(
        text=q.get("text") or "",
        value=q.get("value"),
        low=q.get("low"),
        high=q.get("high"),
        unit=" ".join(unit_words),
        approx=q.get("approx") or "exact",
        span=as_span(q.get("span")),
        language=language,
    )


def hedges(st: dict[str, Any]) -> list[Hedge]:
    """The statement's estimates as extraction found them (yardstick terms with their
    probability ranges, other hedges without one), less the cue itself: "alleged" as the
    reporting verb is the cue's stance, compared as a cue. Only hedges inside the content
    count: "Police alleged X, and said Y" does not hedge Y."""
    spans = _spans(st)
    lo, hi = (spans[0][0], spans[-1][1]) if spans else (0, 0)
    cue = as_span((st.get("cue") or {}).get("span")) or (0, 0)
    return [
        Hedge(
            e.get("text") or "",
            e.get("low"),
            e.get("high"),
            as_span(e.get("span")),
            bool(e.get("negated")),
        )
        for e in st.get("estimates") or []
        if not spans or ((span := as_span(e.get("span"))) is not None
                         and lo <= span[0] and span[1] <= hi
                         and not (span[0] < cue[1] and cue[0] < span[1]))
    ]


def _without_estimates(content: str, st: dict[str, Any]) -> str:
    """The content without its hedge words: "likely", "may" say how sure, not what."""
    for e in st.get("estimates") or []:
        if e.get("text"):
            content = re.sub(rf"\b{re.escape(e['text'])}\b", " ", content, flags=re.IGNORECASE)
    return content
