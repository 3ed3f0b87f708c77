"""Document-level sources: lines that speak for part of a document in the publisher's place.

A trailing "Source: <Body> update, <date>" line and a wire dateline ("KARVEN, 4 May
(Northgate Wire) - ...") cover the whole document; an embedded post line ("— Ministry of
Foreign Affairs (@ExampliaMFA) March 3, 2025") covers the paragraph above it; an outlet
other than the publisher reporting the lead ("..., the state news agency OSNA reported.")
covers the rewrite that follows. What such a source covers in the publisher's own voice
becomes that source's statements; everyone else's statements get it as their outermost hop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ..lexicons import channel_of, channel_pattern, dateline_pattern, lexicon, outlet_words
from ..model import Citation, Content, Cue, Entity, Speaker, Statement
from .relay_names import date_in, entity_named, norm, publisher_of, same_body
from .spans import Char, strip_span, text_of
from .speakers import DOCUMENT_NOUNS, latest_outlet, mentions_of

OWN_VOICE = ("assessment", "assertion")


@dataclass
class DocumentSource:
    """A source that covers part of the document (``region``) in the publisher's place."""

    name: str
    region: Char
    relay: Citation  # the link publisher -> source that the line stands for
    date: str | None = None
    hop: bool = True  # False: the publisher's own dateline, which only dates the report
    voice: bool = True  # False: the publisher's own words stay its own (a lead's "X reported")

    def cue(self, doc: Doc) -> Cue:
        """The line's label ('Source', the poster's handle) as the cue of what it covers."""
        start, end = self.relay.span
        line = text_of(doc)[start:end]
        label = line.split(":", 1)[0].strip(" \t—–-") if ":" in line else self.relay.cue
        at = text_of(doc).find(label, start, end)
        span = (at, at + len(label)) if at >= 0 else None
        return Cue(text=label, lemma=label.lower(), stance="neutral", span=span)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = lexicon("relay")
    return {
        "source_line": re.compile(words["source_line"], re.I | re.M),
        "post_line": re.compile(words["post_line"], re.M),
        "channel_tail": re.compile(words["channel_tail"], re.I),
    }


def _body_name(text: str) -> str:
    """'Ostrian Ministry of Defence update, 8 April 2025' -> 'Ostrian Ministry of Defence'."""
    text = text.split(",")[0].strip()
    text = _patterns()["channel_tail"].sub("", text).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I).strip(" .:;-–—")


def document_sources(doc: Doc) -> list[DocumentSource]:
    """Source lines, embedded post lines and wire datelines of ``doc``."""
    text = text_of(doc)
    if doc._.entities is None:
        doc._.entities = []
    entities = doc._.entities
    found = []
    for match in _patterns()["source_line"].finditer(text):
        name = _body_name(match.group("body"))
        date = date_in(doc, match.start("body"), match.end())
        if not name or text[match.end():].strip() or not (
                date or _channel(match.group("body"))):
            continue  # a closing line naming a publication sources the document, not a credit
        ent = entity_named(entities, name)
        name = ent.name if ent else name
        link = Citation(publisher_of(doc), name, "source", match.span(),
                        _channel(match.group("body")), date)
        found.append(DocumentSource(name, (0, len(text)), link, date))
    for match in _patterns()["post_line"].finditer(text):
        name = match.group("name").strip()
        ent = entity_named(entities, name)
        if ent is None:  # the poster, named on its post line, is an entity of the document
            ent = Entity(id=f"e{len(entities) + 1}", name=name, type="ORG",
                         mentions=[match.span("name")])
            entities.append(ent)
        if match.group("handle") not in ent.aliases:
            ent.aliases.append(match.group("handle"))
        name = ent.name
        date = date_in(doc, match.start("date"), match.end())
        above = text.rfind("\n\n", 0, max(0, match.start() - 1))
        region = (above + 2 if above >= 0 else 0, match.start())
        link = Citation(publisher_of(doc), name, "posted", match.span(), "X post", date)
        found.append(DocumentSource(name, region, link, date))
    publisher = norm(getattr(doc._.document, "publisher", None))
    for match in dateline_pattern().finditer(text[:400]):
        if match.group("outlet") is None:
            continue  # 'VENNSBY, 20 October 2025 - ': a place and a date, no wire
        name = match.group("outlet").strip()
        date = date_in(doc, match.start("date"), match.end("date"))
        link = Citation(publisher_of(doc), name, "dateline", match.span("outlet"), "report", date)
        found.append(DocumentSource(name, (match.end(), len(text)), link, date,
                                    hop=not same_body(name, publisher_of(doc))))
    return found


def _channel(text: str) -> str | None:
    match = channel_pattern().search(text)
    return channel_of(match.group(1)) if match else None


def _in_region(st: Statement, region: Char) -> bool:
    return region[0] <= st.content.spans[0][0] < region[1]


def apply_document_sources(doc: Doc, statements: list[Statement],
                           sources: list[DocumentSource]) -> list[Statement]:
    """Give each covered statement its source: as speaker of the publisher's own voice,
    as the outermost hop of everyone else's; the covered lines themselves are no claims."""
    publisher = norm(getattr(doc._.document, "publisher", None))
    lines = [s.relay.span for s in sources]
    statements = [st for st in statements
                  if not any(a <= st.content.spans[0][0] < b for a, b in lines)]
    # The innermost region first: a post embedded in an update is the poster's.
    for source in sorted(sources, key=lambda s: s.region[1] - s.region[0]):
        covered = [st for st in statements if _in_region(st, source.region)]
        for st in covered:
            if not source.hop:
                st.said_on = st.said_on or source.date
                continue
            own = st.kind in OWN_VOICE and (st.speaker.name is None
                                            or norm(st.speaker.name) == publisher) or (
                source.relay.cue == "source" and _document_noun(doc, st))
            if not source.voice and (own or st.cue is None):
                continue
            if own or (st.cue is None and st.speaker.name is None):
                ent = entity_named(doc._.entities or [], source.name)
                st.speaker = Speaker(name=source.name, entity=ent.id if ent else None)
                st.cue = st.cue or source.cue(doc)
                st.said_on = st.said_on or source.date
                st.extractor = "relay"
            elif set(norm(st.speaker.name).split()) <= set(norm(source.name).split()):
                # 'the ministry', 'Observers': the source named in part
                st.speaker = Speaker(name=source.name, text=st.speaker.text,
                                     span=st.speaker.span, entity=st.speaker.entity)
            elif not same_body(st.speaker.name, source.name) and not any(
                    same_body(v, source.name) for v in st.via):
                st.via = [source.name, *st.via]
            st.said_on = st.said_on or source.date
        if source.relay.cue == "posted":
            statements += _post_statements(doc, source, covered)
        elif source.relay.cue == "source":
            statements += _sourced_sentences(doc, source, statements)
    return statements


def _sourced_sentences(doc: Doc, source: DocumentSource,
                       statements: list[Statement]) -> list[Statement]:
    """Under a 'Source:' line every body sentence in the publisher's voice is the source's
    claim, numbers or not ('The threat is a violation of the convention.')."""
    title_end = text_of(doc).find("\n")
    taken = [sp for st in statements for sp in st.content.spans] + [source.relay.span]
    ent = entity_named(doc._.entities or [], source.name)
    found = []
    for sent in doc.sents:
        start, end = strip_span(text_of(doc), sent.start_char, sent.end_char)
        if start <= title_end or end - start < 20 or len(sent.text.split()) < 5 \
                or any(a < end and start < b for a, b in taken):
            continue
        kind = "assessment" if any(e.scale != "none" and start <= e.span[0] < end
                                   for e in doc._.estimates or []) else "assertion"
        found.append(Statement(id="", kind=kind,  # type: ignore[arg-type]
                               speaker=Speaker(name=source.name, entity=ent.id if ent else None),
                               cue=source.cue(doc),
                               content=Content(text=text_of(doc)[start:end], spans=[(start, end)]),
                               said_on=source.date, extractor="relay"))
    return found


def lead_report(doc: Doc, statements: list[Statement]) -> DocumentSource | None:
    """'<lead>, the state news agency OSNA reported.': an outlet other than the publisher
    reporting the lead is the source of the whole rewrite that follows."""
    text = text_of(doc)
    title_end = text.find("\n")
    if title_end < 0:
        return None
    body = text[title_end:].lstrip()
    lead_end = text.find("\n", len(text) - len(body))
    lead_end = len(text) if lead_end < 0 else lead_end
    publisher = getattr(doc._.document, "publisher", None)
    mentions = mentions_of(doc._.entities or [])
    for st in statements:
        if st.content.spans[0][0] >= lead_end or st.cue is None or st.cue.lemma != "report" \
                or st.speaker.span is None or st.speaker.span[0] < title_end or st.via:
            continue
        outlet = latest_outlet(doc, mentions, st.speaker.span[1])
        words = outlet_words()
        relays_other = any(o is not st and o.cue and o.cue.span and any(
            a <= o.cue.span[0] < b for a, b in st.content.spans) for o in statements)
        if not relays_other:
            continue  # the outlet's own report, not a rewrite of what others said
        if outlet is not None and (outlet.id == st.speaker.entity
                                   or (st.speaker.name or "").endswith(outlet.name)):
            name = outlet.name
        elif words & set((st.speaker.text or "").lower().split()):
            name = st.speaker.name or ""
        else:
            continue
        if not name or same_body(name, publisher):
            continue
        link = Citation(publisher_of(doc), name, st.cue.text, st.cue.span or st.speaker.span,
                        "report", st.said_on)
        return DocumentSource(name, (st.content.spans[0][0], len(text)), link, st.said_on,
                              voice=False)
    return None


def _document_noun(doc: Doc, st: Statement) -> bool:
    """Whether the speaker is named by a document noun ('Altherian update', 'the bulletin')."""
    if st.speaker.span is None:
        return False
    span = doc.char_span(*st.speaker.span, alignment_mode="expand")
    return span is not None and span.root.lemma_.lower() in DOCUMENT_NOUNS


def _post_statements(doc: Doc, source: DocumentSource, covered: list[Statement]) -> list[Statement]:
    """The embedded post's own text, when no statement holds it yet."""
    start, end = strip_span(text_of(doc), *source.region, lead=" \n\t\"“", trail=" \n\t\"”")
    if end - start < 10 or any(s <= start < e or start <= s < end
                               for st in covered for s, e in st.content.spans):
        return []
    ent = entity_named(doc._.entities or [], source.name)
    return [Statement(id="", kind="direct", speaker=Speaker(name=source.name,
                                                           entity=ent.id if ent else None),
                      cue=None, content=Content(text=text_of(doc)[start:end], spans=[(start, end)]),
                      said_on=source.date, extractor="relay")]
