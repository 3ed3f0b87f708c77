"""Relay: the chain of sources between the publisher and each speaker, and when each spoke.

A statement's ``via`` lists, outermost first, whoever relays it between the publisher
and its speaker:

- the speakers of the statements whose content holds it ("the ministry said the
  governor claimed ..."), each followed by whom that speaker cites ("<Outlet>, citing
  the agency, said ...");
- the outlet a speaker talked to ("<Person> told <Outlet>", "<Outlet> quoted him as
  saying"), unless that outlet is the publisher;
- document-level sources: a trailing "Source: <Body> update, <date>" line, a wire
  dateline and an embedded post line, each covering part of the document.

Continuations ("He added that ...", "According to him, ...", "The assessment also
says ...") and headlines naming a role ("Army chief says ...") take speaker, ``via``
and ``said_on`` from the statement they continue or summarise.

This module is the ``claimgraph_relay`` component: it nests statements, follows
continuations and calls the parts, each in its own module: :mod:`.hops` (hops named
around the cue), :mod:`.occasions`, :mod:`.utterance_dates`, :mod:`.headline_speakers`,
:mod:`.document_sources`, and :mod:`.relay_names` (the name comparisons they share).

Reads ``doc._.statements`` (from ``claimgraph_speech``), ``doc._.entities`` and
``doc._.dates``; rewrites the statements in place and sets ``doc._.relays``, the
links of each chain that no statement stands for (document-level sources, "told",
"citing"), which ``claimgraph_citations`` turns into citations.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Citation, Content, Statement
from .document_sources import OWN_VOICE, apply_document_sources, document_sources, lead_report
from .headline_speakers import headline_speakers
from .hops import cue_hops, trailing_reporter
from .occasions import apply_occasions
from .relay_names import norm, publisher_of, same_body, same_speaker
from .spans import Char, text_of
from .speakers import DOCUMENT_NOUNS, GROUP_PRONOUNS, PERSON_PRONOUNS
from .utterance_dates import event_date, not_after_publication

if not Doc.has_extension("relays"):
    Doc.set_extension("relays", default=None)

CONTINUATION_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS


# --- nesting ----------------------------------------------------------------------------

def _inside(inner: list[Char], outer: list[Char]) -> bool:
    return any(os <= s and e <= oe and (s, e) != (os, oe) for s, e in inner for os, oe in outer)


def parents(statements: list[Statement]) -> dict[str, Statement]:
    """For each statement id, the innermost statement whose content holds it."""
    found: dict[str, Statement] = {}
    for st in statements:
        probe = st.content.spans + ([st.cue.span] if st.cue and st.cue.span else [])
        holders = [o for o in statements if o is not st and o.kind not in OWN_VOICE
                   and _inside(probe, o.content.spans)]
        if holders:
            found[st.id] = min(holders, key=lambda o: sum(e - s for s, e in o.content.spans))
    return found


# --- continuations -----------------------------------------------------------------------

def _continues(st: Statement) -> bool:
    """A source that points back: a pronoun, 'the update', or no source with 'added'."""
    source = norm(st.speaker.text)
    last = source.split()[-1] if source else ""
    return (source in CONTINUATION_PRONOUNS or last in DOCUMENT_NOUNS
            or (st.cue is not None and st.cue.lemma in ("add", "continue", "go on")))


def inherit(statements: list[Statement], parent_of: dict[str, Statement]) -> None:
    """Continuations take ``via`` from the latest statement by their speaker; an undated
    statement takes the date of the nearest dated one by the same speaker and relay
    (a report of one event: 'X said on Tuesday ... X added ...'), the one before it
    first. Statements reported inside another one are dated only by their own words."""
    for i, st in enumerate(statements):
        if not st.via and st.id not in parent_of:  # 'According to the agency' it still relays
            carrier = next((o for o in reversed(statements[:i]) if any(
                same_body(v, st.speaker.name) for v in o.via)), None)
            if carrier is not None:
                k = next(j for j, v in enumerate(carrier.via) if same_body(v, st.speaker.name))
                st.via = list(carrier.via[:k])
        prev = next((o for o in reversed(statements[:i]) if o.speaker.name
                     and same_speaker(o, st)), None)
        if prev is not None and not st.via and prev.via and st.id not in parent_of and (
                _continues(st) or not st.said_on or not prev.said_on
                or st.said_on == prev.said_on):
            st.via = list(prev.via)  # 'X told the paper ... X said': still through the paper
    inherit_dates(statements, parent_of)


def inherit_dates(statements: list[Statement], parent_of: dict[str, Statement]) -> None:
    """An undated statement takes the date of the nearest dated one by the same speaker
    through the same relay, the one before it first."""
    for i, st in enumerate(statements):
        if st.said_on or not st.speaker.name or st.id in parent_of:
            continue
        same = [o for o in statements if o is not st and o.said_on and o.id not in parent_of
                and same_speaker(o, st) and o.via == st.via]
        before = [o for o in same if statements.index(o) < i]
        source = before[-1] if before else (same[0] if same else None)
        if source is not None:
            st.said_on = source.said_on


# --- the component ----------------------------------------------------------------------

def relay(doc: Doc, statements: list[Statement]) -> tuple[list[Statement], list[Citation]]:
    """Statements with ``via`` and ``said_on`` set, and the chain links no statement gives."""
    publisher_name = getattr(doc._.document, "publisher", None)
    relays: list[Citation] = []
    parent_of = parents(statements)
    hops = {st.id: cue_hops(doc, st) for st in statements}
    for st in statements:
        chain: list[str] = []
        seen = {st.id}
        node = parent_of.get(st.id)
        while node is not None and node.id not in seen:  # parse errors can make cycles
            seen.add(node.id)
            links = [n for n in [node.speaker.name, *hops[node.id][0]] if n]
            chain = [n for n in links if n not in chain] + chain
            node = parent_of.get(node.id)
        told = [o for o in hops[st.id][1] if not same_body(o, publisher_name) and o not in chain]
        st.via = [n for n in chain + told if norm(n) != norm(st.speaker.name)]
        reporter = trailing_reporter(doc, st)
        if reporter is not None and not same_body(reporter[0], st.speaker.name) \
                and not same_body(reporter[0], publisher_name):
            name, cut = reporter
            spans = [*st.content.spans[:-1], (st.content.spans[-1][0], cut)]
            st.content = Content(text=" ".join(text_of(doc)[a:b] for a, b in spans), spans=spans)
            st.via = [name, *(v for v in st.via if not same_body(v, name))]
            relays.append(Citation(publisher_of(doc), name, "reported", (cut, cut), None,
                                   st.said_on))
        span = st.cue.span if st.cue and st.cue.span else st.content.spans[0]
        for name in told:
            relays.append(Citation(chain[-1] if chain else publisher_of(doc), name, "told", span,
                                   "interview",
                                st.said_on))
        for name in hops[st.id][0]:
            relays.append(Citation(st.speaker.name or publisher_of(doc), name, "citing", span, None,
                                   st.said_on))
    apply_occasions(doc, statements, parent_of)
    not_after_publication(doc, statements)
    for st in statements:
        if not st.said_on:
            st.said_on = event_date(doc, st)
    inherit(statements, parent_of)
    headline_speakers(doc, statements)
    sources = document_sources(doc)
    lead = lead_report(doc, statements)
    sources += [lead] if lead is not None and not any(s.hop for s in sources) else []
    statements = apply_document_sources(doc, statements, sources)
    statements.sort(key=lambda st: st.content.spans[0][0])
    inherit_dates(statements, parents(statements))  # a post's or Source line's date spreads too
    relays = [s.relay for s in sources if s.hop] + relays
    _fullest_names(statements)
    statements.sort(key=lambda st: st.content.spans[0][0])
    for number, st in enumerate(statements, 1):
        st.id = f"s{number}"
    return statements, relays


def _fullest_names(statements: list[Statement]) -> None:
    """One name for one source within a document: 'the Review' and 'magazine' hops become
    'Ordale Review' when the document names it so."""
    # In text order, so that of two names as long ('reports', 'Reports') the first is
    # taken on every run (a set's order changes with Python's string hashing).
    names = list(dict.fromkeys(n for st in statements for n in [st.speaker.name, *st.via] if n))
    for st in statements:
        st.via = [max((n for n in names if same_body(n, hop)), key=len, default=hop)
                  for hop in st.via]


@Language.factory("claimgraph_relay", assigns=["doc._.statements", "doc._.relays"])
def make_relay(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.statements, doc._.relays = relay(doc, doc._.statements or [])
        return doc

    return component
