"""Citations: who cites whom, by what cue, on which channel and date.

Every statement is a citation of its speaker by whoever relays it: the document's
publisher for top-level statements, the outer speaker for statements reported
inside another statement's content ("the ministry wrote that the governor
claimed ...").
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import lexicon
from ..model import Citation, Statement

Char = tuple[int, int]


@cache
def _channel_re() -> re.Pattern[str]:
    phrases = sorted(lexicon("channels")["channels"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def channel_near(doc: Doc, statement: Statement) -> str | None:
    """The channel named in the cue's sentence outside the content, if any."""
    if statement.cue is None or statement.cue.span is None:
        return None
    span = doc.char_span(*statement.cue.span, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    text = doc.text
    channels = lexicon("channels")["channels"]
    for match in _channel_re().finditer(text, sent.start_char, sent.end_char):
        if any(s <= match.start() < e for s, e in statement.content.spans):
            continue
        return channels[match.group(1).lower()]
    if statement.cue.lemma in ("post", "tweet", "write"):
        return channels.get(statement.cue.lemma, "written")
    return None


def _inside(inner: list[Char], outer: list[Char]) -> bool:
    return any(os <= s and e <= oe and (s, e) != (os, oe) for s, e in inner for os, oe in outer)


def parents(statements: list[Statement]) -> dict[str, Statement]:
    """For each statement id, the innermost statement whose content holds it."""
    found: dict[str, Statement] = {}
    for st in statements:
        probe = st.content.spans + ([st.cue.span] if st.cue and st.cue.span else [])
        holders = [o for o in statements if o is not st and o.kind not in ("assessment", "assertion")
                   and _inside(probe, o.content.spans)]
        if holders:
            found[st.id] = min(holders, key=lambda o: sum(e - s for s, e in o.content.spans))
    return found


def find_citations(doc: Doc, statements: list[Statement]) -> list[Citation]:
    """Citations of ``doc``; also fills each statement's ``via`` chain."""
    document = doc._.document
    publisher = (document.publisher if document is not None else None) or "the document"
    parent_of = parents(statements)
    citations: list[Citation] = []
    seen: set[tuple[str, str, str]] = set()
    for st in statements:
        if st.speaker.name is None or st.cue is None or st.kind in ("assessment", "assertion"):
            continue
        chain: list[str] = []
        seen_ids = {st.id}
        node = parent_of.get(st.id)
        while node is not None and node.id not in seen_ids:  # parse errors can make cycles
            seen_ids.add(node.id)
            if node.speaker.name and node.speaker.name not in chain:
                chain.insert(0, node.speaker.name)
            node = parent_of.get(node.id)
        st.via = chain
        citing = chain[-1] if chain else publisher
        if citing == st.speaker.name:
            continue
        key = (citing, st.speaker.name, st.cue.lemma)
        if key in seen:
            continue
        seen.add(key)
        span = st.speaker.span or st.cue.span or st.content.spans[0]
        citations.append(Citation(citing=citing, cited=st.speaker.name, cue=st.cue.text,
                                  span=(min(span[0], st.cue.span[0] if st.cue.span else span[0]),
                                        max(span[1], st.cue.span[1] if st.cue.span else span[1])),
                                  channel=channel_near(doc, st), date=st.said_on))
    return citations


@Language.factory("claimgraph_citations", assigns=["doc._.citations"])
def make_citations(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.citations = find_citations(doc, doc._.statements or [])
        return doc

    return component
