"""Relay: the chain of sources between the publisher and each speaker, and when each spoke.

A statement's ``via`` lists, outermost first, whoever relays it between the publisher
and its speaker:

- the speakers of the statements whose content holds it ("the ministry said the
  governor claimed ..."), each followed by whom that speaker cites ("<Outlet>, citing
  the agency, said ...");
- the outlet a speaker talked to ("<Person> told <Outlet>", "<Outlet> quoted him as
  saying"), unless that outlet is the publisher;
- document-level sources: a trailing "Source: <Body> update, <date>" line and a wire
  dateline ("KARVEN, 4 May (Northgate Wire) - ...") cover the whole document; an
  embedded post line ("— Ministry of Foreign Affairs (@ExampliaMFA) March 3, 2025")
  covers the paragraph above it. What such a source covers in the publisher's own voice
  becomes that source's statements.

Continuations ("He added that ...", "According to him, ...", "The assessment also
says ...") and headlines naming a role ("Army chief says ...") take speaker, ``via``
and ``said_on`` from the statement they continue or summarise.

Reads ``doc._.statements`` (from ``claimgraph_speech``), ``doc._.entities`` and
``doc._.dates``; rewrites the statements in place and sets ``doc._.relays``, the
links of each chain that no statement stands for (document-level sources, "told",
"citing"), which ``claimgraph_citations`` turns into citations.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..lexicons import (channel_of, channel_pattern, dateline_pattern, lexicon, outlet_like,
                        outlet_words)
from ..model import Citation, Content, Cue, Entity, Speaker, Statement
from .entities import initials
from .spans import Char, strip_span, text_of
from .speakers import (
    DOCUMENT_NOUNS, EVENT_NOUNS, GROUP_PRONOUNS, OUTLET_NOUNS, PERSON_PRONOUNS, latest_outlet,
    mentions_of, plain_name, stem, word_stems,
)
from .speech import dates_token, quoting_verb

if not Doc.has_extension("relays"):
    Doc.set_extension("relays", default=None)

OWN_VOICE = ("assessment", "assertion")
CONTINUATION_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS


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


# --- names -----------------------------------------------------------------------------

def _publisher(doc: Doc) -> str:
    document = doc._.document
    return (document.publisher if document is not None else None) or "the document"


@lru_cache(maxsize=8192)
def _norm(name: str | None) -> str:
    text = re.sub(r"\s+", " ", (name or "").lower()).strip(" .,:;\"'“”")
    return re.sub(r"^the ", "", text)


@lru_cache(maxsize=8192)
def same_body(a: str | None, b: str | None) -> bool:
    """Whether two names name one body: equal, or one the other's acronym ('TNA')."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or word_stems(na) == word_stems(nb):  # 'Altherian defence ministry'
        return True
    wa, wb = na.split(), nb.split()
    short, full = sorted((wa, wb), key=len)
    if short and short == full[len(full) - len(short):] \
            and short[-1] in outlet_words():
        return True  # 'the Herald' is 'The Eskeld Herald'
    if len(short) >= 2 and short == full[:len(short)] and short[0] in outlet_words():
        return True  # 'Channel Nine' is 'Channel Nine Estrava'
    for short_name, long_name in ((a or "", b or ""), (b or "", a or "")):
        s = short_name.strip()
        if s.isupper() and 2 <= len(s) <= 6 and initials(long_name) == s:
            return True
    return False


def _entity_named(entities: list[Entity], name: str) -> Entity | None:
    """The entity ``name`` names ('the Ministry of Defence' for 'Ostrian Ministry of Defence')."""
    key = _norm(name)
    for ent in entities:
        names = [_norm(n) for n in (ent.name, *ent.aliases)]
        if key in names:
            return ent
    for ent in entities:
        name = _norm(ent.name)
        if ent.type in ("ORG", "PERSON") and " " in min(key, name, key=len) and (
                key.endswith(name) or name.endswith(key)):
            return ent
    return None


def _day(value: str | None) -> str | None:
    """A TIMEX3 value if it names one calendar day."""
    return value if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None


def _date_in(doc: Doc, start: int, end: int) -> str | None:
    for date in doc._.dates or []:
        if start <= date.span[0] < end and _day(date.value):
            return date.value
    return None


# --- document-level sources ------------------------------------------------------------

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
        date = _date_in(doc, match.start("body"), match.end())
        if not name or text[match.end():].strip() or not (
                date or _channel(match.group("body"))):
            continue  # a closing line naming a publication sources the document, not a credit
        ent = _entity_named(entities, name)
        name = ent.name if ent else name
        link = Citation(_publisher(doc), name, "source", match.span(),
                        _channel(match.group("body")), date)
        found.append(DocumentSource(name, (0, len(text)), link, date))
    for match in _patterns()["post_line"].finditer(text):
        name = match.group("name").strip()
        ent = _entity_named(entities, name)
        if ent is None:  # the poster, named on its post line, is an entity of the document
            ent = Entity(id=f"e{len(entities) + 1}", name=name, type="ORG",
                         mentions=[match.span("name")])
            entities.append(ent)
        if match.group("handle") not in ent.aliases:
            ent.aliases.append(match.group("handle"))
        name = ent.name
        date = _date_in(doc, match.start("date"), match.end())
        above = text.rfind("\n\n", 0, max(0, match.start() - 1))
        region = (above + 2 if above >= 0 else 0, match.start())
        link = Citation(_publisher(doc), name, "posted", match.span(), "X post", date)
        found.append(DocumentSource(name, region, link, date))
    publisher = _norm(getattr(doc._.document, "publisher", None))
    for match in dateline_pattern().finditer(text[:400]):
        name = match.group("outlet").strip()
        date = _date_in(doc, match.start("date"), match.end("date"))
        link = Citation(_publisher(doc), name, "dateline", match.span("outlet"), "report", date)
        found.append(DocumentSource(name, (match.end(), len(text)), link, date,
                                    hop=not same_body(name, _publisher(doc))))
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
    publisher = _norm(getattr(doc._.document, "publisher", None))
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
                                            or _norm(st.speaker.name) == publisher) or (
                source.relay.cue == "source" and _document_noun(doc, st))
            if not source.voice and (own or st.cue is None):
                continue
            if own or (st.cue is None and st.speaker.name is None):
                ent = _entity_named(doc._.entities or [], source.name)
                st.speaker = Speaker(name=source.name, entity=ent.id if ent else None)
                st.cue = st.cue or source.cue(doc)
                st.said_on = st.said_on or source.date
                st.extractor = "relay"
            elif set(_norm(st.speaker.name).split()) <= set(_norm(source.name).split()):
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
    ent = _entity_named(doc._.entities or [], source.name)
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
        link = Citation(_publisher(doc), name, st.cue.text, st.cue.span or st.speaker.span,
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
    ent = _entity_named(doc._.entities or [], source.name)
    return [Statement(id="", kind="direct", speaker=Speaker(name=source.name,
                                                           entity=ent.id if ent else None),
                      cue=None, content=Content(text=text_of(doc)[start:end], spans=[(start, end)]),
                      said_on=source.date, extractor="relay")]


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


# --- hops named in the cue's clause ------------------------------------------------------

def _cue_token(doc: Doc, st: Statement) -> Token | None:
    if st.cue is None or st.cue.span is None:
        return None
    span = doc.char_span(*st.cue.span, alignment_mode="expand")
    return span.root if span is not None else None


def _is_outlet(doc: Doc, tok: Token) -> str | None:
    """The name of the news outlet ``tok`` heads, if it is one: by its words ('Harbour
    Herald', 'the broadcaster QTV'), or as a name the document calls an outlet elsewhere
    ('the state news agency KarsInform ... told KarsInform')."""
    words = outlet_words()
    sub = list(tok.subtree)
    if not any(t.pos_ == "PROPN" or t.is_title and t.i > sub[0].i for t in sub):
        return None
    tokens = {t.lower_ for t in sub}
    named = any(t.is_title or t.is_upper and len(t.text) >= 2 for t in sub)  # 'QTV' too
    if tokens & words and named or \
            any(t.ent_type_ == "ORG" for t in sub) and tok.lower_ in words:
        return _phrase_name(doc, tok)
    name = _phrase_name(doc, tok)
    return name if name in document_outlets(doc) or outlet_like(name) else None


def document_outlets(doc: Doc) -> set[str]:
    """Names the document presents as news outlets: after outlet words ('the state news
    agency KarsInform') or reporting ('KarsInform reported')."""
    if "claimgraph_outlets" in doc.user_data:
        return doc.user_data["claimgraph_outlets"]
    words = outlet_words()
    found: set[str] = set()
    doc.user_data["claimgraph_outlets"] = found
    for ent in doc._.entities or []:
        for s, e in ent.mentions:
            lead = text_of(doc)[max(0, s - 30):s].lower().split()[-2:]
            after = text_of(doc)[e:e + 12].lower().split()[:1]
            if words & set(lead) or after and after[0].startswith("report"):
                found.add(ent.name)
    return found


def _phrase_name(doc: Doc, tok: Token, run_on: bool = False) -> str:
    """The name a noun phrase gives: its entity's ('the state news agency OSNA': OSNA),
    else its words without the article; with ``run_on`` a name the parser hung beside the
    phrase counts ('citing the state agency Velpress')."""
    sub = list(tok.subtree)
    end = sub[-1].i
    while run_on and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    if end == sub[-1].i and (name := _entity_name(doc, tok)) is not None:
        return name
    return plain_name(text_of(doc)[sub[0].idx:doc[end].idx + len(doc[end].text)])


def _entity_name(doc: Doc, tok: Token) -> str | None:
    """The name of the entity ``tok`` mentions, if any."""
    for ent in doc._.entities or []:
        if any(s <= tok.idx < e for s, e in ent.mentions):
            return ent.name
    return None


def cue_hops(doc: Doc, st: Statement) -> tuple[list[str], list[str]]:
    """Sources named around the cue: whom the speaker cites ('citing the agency'), which
    belong after the speaker for statements it holds; and the outlet the speaker spoke to
    ('told Northgate Wire', 'Northgate Wire quoted him'), a hop before the speaker."""
    cue = _cue_token(doc, st)
    if cue is None:
        return [], []
    cites, told = [], []
    content_start = st.content.spans[0][0]
    for tok in cue.sent:
        if tok.lower_ not in ("citing", "quoting"):
            continue
        inside = any(s <= tok.idx < e for s, e in st.content.spans)
        if not inside and tok.idx < max(content_start, cue.idx):
            objs = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
            if objs:
                cites.append(_phrase_name(doc, objs[0], run_on=True))
    quoting = quoting_verb(cue)
    if quoting is not None:  # 'OSNA quoted Dorfman as saying': OSNA relays her
        subj = next((c for c in quoting.children if c.dep_ == "nsubj"), None)
        if subj is not None and (name := _is_outlet(doc, subj) or _entity_name(doc, subj)):
            told.append(name)
    for subj in (c for c in cue.children if c.dep_ == "nsubj"):
        # 'X, who spoke to the Courier,' and "X's deputy, Y, who spoke to the Courier,"
        for clause in (c for c in subj.subtree if c.dep_ == "relcl" and (
                c.head == subj or c.head.dep_ == "appos" and c.head.head == subj)):
            if clause.lemma_ in ("speak", "talk", "tell"):  # 'X, who spoke to the Courier,'
                for prep in (c for c in clause.children if c.dep_ in ("prep", "dobj", "dative")):
                    target = next((g for g in prep.children if g.dep_ == "pobj"), prep)
                    if (name := _is_outlet(doc, target)) is not None:
                        told.append(name)
    if cue.lemma_ in ("tell", "say", "speak"):
        for child in cue.children:
            target = child
            if child.dep_ == "prep" and child.lower_ == "to":
                target = next((g for g in child.children if g.dep_ == "pobj"), child)
            if target.dep_ not in ("dobj", "dative", "pobj"):
                continue
            name = _is_outlet(doc, target)
            if name is None and target.lemma_.lower() in OUTLET_NOUNS:  # 'told the newspaper'
                ent = latest_outlet(doc, mentions_of(doc._.entities or []), target.idx)
                name = ent.name if ent else _phrase_name(doc, target)  # 'regional television'
            if name:
                told.append(name)
    return cites, told


def trailing_reporter(doc: Doc, st: Statement) -> tuple[str, int] | None:
    """A report closing the sentence the statement's content ends in ('..., the news
    agency HalvPress reported.'): the reporter's name and where the content should end
    instead (its cue is another statement's, or none)."""
    text = text_of(doc)
    start, end = st.content.spans[-1]
    last = doc.char_span(max(start, end - 1), end, alignment_mode="expand")
    if last is None or (st.cue is not None and st.cue.span is not None
                        and st.cue.span[0] >= end):
        return None  # '"...," the agency reported': the cue is the report itself
    sent = last[-1].sent
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    verb = words[-1] if words else None
    if verb is None or verb.idx < start or verb.pos_ != "VERB" \
            or verb.lemma_.lower() not in _trailing_cues():
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    comma = text.rfind(",", start, verb.idx)
    reporter = doc.char_span(comma + 1, verb.idx, alignment_mode="expand") if comma > 0 else None
    if not subjects or reporter is None or subjects[0].idx < comma \
            or not any(t.pos_ == "PROPN" for t in reporter):
        return None
    name = next((n for subj in subjects  # 'the agency VelPress' may be parsed as two
                 if (n := _is_outlet(doc, subj) or _entity_name(doc, subj))), None)
    return (name, strip_span(text, start, comma)[1]) if name else None


@cache
def _trailing_cues() -> frozenset[str]:
    return frozenset(lexicon("cues")["trailing"])


# --- occasions --------------------------------------------------------------------------

@dataclass
class Occasion:
    """Remarks by someone on some outlet on some day ('remarks by General X on the state
    channel Drunia-1 on Sunday'), which the paragraph then reports ('X claimed ...')."""

    speaker: Entity
    start: int
    outlet: str | None
    date: str | None


def occasions(doc: Doc) -> list[Occasion]:
    """Event nouns followed by 'by' or 'with' and a named person ('remarks by', 'an
    interview with'); the outlet ('on the state channel Drunia-1') and the date ('on
    Sunday') are read from the rest of the sentence, wherever the parse hung them."""
    found = []
    for tok in doc[:-1]:
        if tok.lemma_.lower() not in EVENT_NOUNS or tok.pos_ != "NOUN" \
                or doc[tok.i + 1].lower_ not in ("by", "with"):
            continue
        rest = doc[tok.i + 1:tok.sent.end]
        person = next((e for e in doc._.entities or [] if e.type == "PERSON" and any(
            rest.start_char <= s < rest.end_char for s, _e in e.mentions)), None)
        if person is None:
            continue
        outlet = next((name for t in rest if t.dep_ == "pobj" and t.head.lower_ in ("on", "to")
                       and (name := _is_outlet(doc, t))), None)
        date = next((d.value for d in doc._.dates or []
                     if rest.start_char <= d.span[0] < rest.end_char), None)
        if outlet or date:
            found.append(Occasion(person, tok.idx, outlet, date))
    return found


def apply_occasions(doc: Doc, statements: list[Statement],
                    parent_of: dict[str, Statement]) -> None:
    """Statements by an occasion's speaker later in its paragraph, with no date or outlet
    of their own, were made then and there."""
    text = text_of(doc)
    for occasion in occasions(doc):
        end = text.find("\n", occasion.start)
        end = len(text) if end < 0 else end
        for st in statements:
            if st.id in parent_of or st.speaker.entity != occasion.speaker.id \
                    or not occasion.start < st.content.spans[0][0] < end:
                continue
            st.said_on = st.said_on or occasion.date
            if occasion.outlet and not any(same_body(v, occasion.outlet) for v in st.via):
                st.via = [*st.via, occasion.outlet]


# --- continuations -----------------------------------------------------------------------

def _continues(st: Statement) -> bool:
    """A source that points back: a pronoun, 'the update', or no source with 'added'."""
    source = _norm(st.speaker.text)
    last = source.split()[-1] if source else ""
    return (source in CONTINUATION_PRONOUNS or last in DOCUMENT_NOUNS
            or (st.cue is not None and st.cue.lemma in ("add", "continue", "go on")))


def same_speaker(a: Statement, b: Statement) -> bool:
    """One speaker: one entity, one body's names, or one surname ('Varga-Dorn')."""
    if a.speaker.entity and a.speaker.entity == b.speaker.entity:
        return True
    if same_body(a.speaker.name, b.speaker.name):
        return True
    na, nb = (a.speaker.name or "").split(), (b.speaker.name or "").split()
    return bool(na and nb) and na[-1] == nb[-1] and na[-1][:1].isupper() and (
        len(na) == 1 or len(nb) == 1)


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


def _content_words(doc: Doc, st: Statement) -> set[str]:
    words = set()
    for s, e in st.content.spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        for tok in span or []:
            if tok.like_num or (tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not tok.is_stop):
                words.add(tok.text.replace(",", "") if tok.like_num else tok.lemma_.lower())
    return words


def headline_speakers(doc: Doc, statements: list[Statement]) -> None:
    """A headline statement takes ``via`` and ``said_on`` from the body statement it
    summarises, and its speaker too when the headline names only a role ('Army chief says
    ...')."""
    title_end = text_of(doc).find("\n")
    if title_end < 0 or not _reads_as_title(text_of(doc)[:title_end]):
        return  # a lead paragraph, not a headline: its speakers are its own
    for st in statements:
        if st.content.spans[0][0] >= title_end or st.speaker.span is None:
            continue
        source = doc.char_span(*st.speaker.span, alignment_mode="expand")
        named = next((e for e in doc._.entities or [] if e.id == st.speaker.entity), None)
        if source is None:
            continue
        words = _content_words(doc, st)
        body = [o for o in statements if o.content.spans[0][0] > title_end and o.speaker.name]
        role = {t.lemma_.lower() for t in source if t.pos_ in ("NOUN", "PROPN")}
        # The most similar body statement whose speaker fits, the innermost among equals.
        scored = sorted(((len(words & _content_words(doc, o)),
                          -sum(e - b for b, e in o.content.spans), -i, o)
                         for i, o in enumerate(body)), key=lambda x: x[:3], reverse=True)
        similar = [match for overlap, _size, _i, match in scored if overlap >= 2]
        fitting = [match for match in similar if _fits(doc, st, named, role, match)]
        if fitting:
            _summarises(st, fitting[0], same_speaker(st, fitting[0]))
        elif similar and (named is None or named.type != "PERSON"):
            # another way of naming the source ('Halcourt accuses ...' for the ministry):
            # the words the headline restates were said when the lead says
            st.said_on = st.said_on or similar[0].said_on
        elif not similar:
            # a headline in other words than its lead ('Customs officials report surge'):
            # the lead's first statement whose speaker fits
            lead = [o for o in body if _in_lead(doc, o, title_end)]
            match = next((o for o in lead if _fits(doc, st, named, role, o)), None)
            if match is not None:
                _summarises(st, match, same_speaker(st, match))


def _in_lead(doc: Doc, st: Statement, title_end: int) -> bool:
    """Whether ``st`` starts in the first paragraph after the headline."""
    text = text_of(doc)
    start = title_end
    while start < len(text) and text[start] in "\n \t":
        start += 1
    end = text.find("\n", start)
    return start <= st.content.spans[0][0] < (end if end >= 0 else len(text))


def _fits(doc: Doc, st: Statement, named: Entity | None, role: set[str], match: Statement) -> bool:
    """Whether the headline's speaker may be ``match``'s: the same one, or a role or
    description that fits it (a named person heads only their own words)."""
    if same_speaker(st, match):
        return True
    if named is not None and named.type == "PERSON":
        return False
    return not role or _role_fits(doc, role, match)


def _summarises(st: Statement, match: Statement, same: bool) -> None:
    """The headline statement ``st`` restates ``match``: its source, relay and date."""
    if not same:
        st.speaker = Speaker(name=match.speaker.name, text=st.speaker.text,
                             span=st.speaker.span, entity=match.speaker.entity)
    st.via = list(match.via)
    st.said_on = st.said_on or match.said_on


TITLE_WORDS = 16  # a first line of more words that ends a sentence is a lead paragraph


def _reads_as_title(line: str) -> bool:
    """Whether a document's first line is a headline ('Army chief says ...', 'Update, 5
    March 2024.') rather than its lead paragraph ('KESSEL, June 7 (NPA) - About 120,000
    homes ... lost power, grid operator Ostland Power said.')."""
    line = line.strip()
    closed = line.rstrip("\"'”’)").endswith((".", "!", "?"))
    return len(line.split()) <= TITLE_WORDS or not closed


def _role_fits(doc: Doc, role: set[str], match: Statement) -> bool:
    """Whether the headline's role words ('army', 'chief') fit the body speaker."""
    synonyms = lexicon("relay")["role_synonyms"]
    wanted = role | {s for r in role for s in synonyms.get(r, [])}
    ent = next((e for e in doc._.entities or [] if e.id == match.speaker.entity), None)
    described = " ".join([*(ent.roles if ent else []), match.speaker.text or "",
                          match.speaker.name or ""]).lower()
    return bool({stem(w) for w in wanted} & word_stems(described))


# --- said_on ----------------------------------------------------------------------------

def _not_after_publication(doc: Doc, statements: list[Statement]) -> None:
    """Nobody spoke after publication: a weekday read forwards ('reads the post on
    Tuesday') is the one before; other later dates belong to the content, not the cue."""
    published = _day(getattr(doc._.document, "published", None))
    if published is None:
        return
    end = dt.date.fromisoformat(published)
    for st in statements:
        if st.said_on and _day(st.said_on) and st.said_on > published:
            day = dt.date.fromisoformat(st.said_on)
            st.said_on = (day - dt.timedelta(days=7)).isoformat() \
                if (day - end).days < 7 else None


_ANAPHORIC = re.compile(r"\b(?:that|the same)\s+(?:day|morning|afternoon|evening|night)\b", re.I)


def event_date(doc: Doc, st: Statement) -> str | None:
    """The date of the event an undated statement was made at: a date on the verb whose
    subject or object is the speaker or its document in a sentence before ('X addressed
    parliament on Tuesday ...', 'issued its bulletin on Wednesday. The bulletin says:'),
    or the day an anaphoric 'that afternoon' on the cue refers back to."""
    start = st.content.spans[0][0]
    cue = st.cue.span if st.cue and st.cue.span else None
    days = [d for d in doc._.dates or [] if _day(d.value) and d.span[0] < start]
    if cue is not None:
        sent = doc.char_span(*cue, alignment_mode="expand")
        for match in _ANAPHORIC.finditer(text_of(doc), sent.sent.start_char, sent.sent.end_char) \
                if sent is not None else []:
            before = [d for d in days if d.span[0] < match.start()]
            if before:
                return before[-1].value
    if cue is not None and (day := _earlier_event(doc, cue, days)) is not None:
        return day
    before, after = [], []
    para_end = text_of(doc).find("\n\n", text_of(doc).find("\n\n", start) + 2)
    para_end = len(text_of(doc)) if para_end < 0 else para_end
    for tok in _speaker_tokens(doc, st):
        head = tok
        while head.dep_ in ("compound", "appos", "poss", "flat", "amod", "case") \
                and head.head.i != head.i:
            head = head.head
        if head.dep_ not in ("nsubj", "nsubjpass", "dobj") or head.head.pos_ != "VERB":
            continue
        verb = head.head
        for date in doc._.dates or []:
            if _day(date.value) and verb.sent.start_char <= date.span[0] < verb.sent.end_char \
                    and dates_token(doc, date.span, (verb.idx, verb.idx + len(verb.text))):
                if tok.idx < start:
                    before.append(date.value)
                elif tok.idx < para_end:  # 'X said ... X made the remarks on Sunday'
                    after.append(date.value)
    return before[-1] if before else (after[0] if after else None)


def _earlier_event(doc: Doc, cue: Char, days: list) -> str | None:
    """'Speaking at the briefing, X said': the date given where the briefing was first
    mentioned ('at a joint briefing in Tirel on Wednesday')."""
    span = doc.char_span(*cue, alignment_mode="expand")
    if span is None:
        return None
    for tok in span.sent:
        if tok.lemma_.lower() not in EVENT_NOUNS | DOCUMENT_NOUNS or not any(
                c.lower_ in ("the", "that", "this") for c in tok.children):
            continue
        if not dates_token(doc, (tok.idx, tok.idx + len(tok.text)), cue):
            continue
        for earlier in reversed([t for t in _by_lemma(doc, tok.lemma_) if t.i < tok.i]):
            found = [d for d in days if earlier.sent.start_char <= d.span[0] < earlier.sent.end_char
                     and dates_token(doc, d.span, (earlier.idx, earlier.idx + len(earlier.text)))]
            if found:
                return found[0].value
    return None


def _by_lemma(doc: Doc, lemma: str) -> list[Token]:
    """The tokens of ``doc`` with ``lemma``, indexed once per Doc."""
    index = doc.user_data.get("claimgraph_lemmas")
    if index is None:
        index = doc.user_data["claimgraph_lemmas"] = {}
        for t in doc:
            index.setdefault(t.lemma_, []).append(t)
    return index.get(lemma, [])


def _speaker_tokens(doc: Doc, st: Statement) -> list[Token]:
    """Tokens naming the speaker: its entity's mentions, and its document noun."""
    toks = []
    ent = next((e for e in doc._.entities or [] if e.id == st.speaker.entity), None)
    for s, e in ent.mentions if ent else []:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            toks.append(span.root)
    if st.speaker.span is not None:
        span = doc.char_span(*st.speaker.span, alignment_mode="expand")
        if span is not None:
            toks.append(span.root)
        if span is not None and span.root.lemma_.lower() in DOCUMENT_NOUNS:
            toks += [t for t in _by_lemma(doc, span.root.lemma_) if t.i < span.root.i]
    return sorted(toks, key=lambda t: t.i)


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
        st.via = [n for n in chain + told if _norm(n) != _norm(st.speaker.name)]
        reporter = trailing_reporter(doc, st)
        if reporter is not None and not same_body(reporter[0], st.speaker.name) \
                and not same_body(reporter[0], publisher_name):
            name, cut = reporter
            spans = [*st.content.spans[:-1], (st.content.spans[-1][0], cut)]
            st.content = Content(text=" ".join(text_of(doc)[a:b] for a, b in spans), spans=spans)
            st.via = [name, *(v for v in st.via if not same_body(v, name))]
            relays.append(Citation(_publisher(doc), name, "reported", (cut, cut), None,
                                   st.said_on))
        span = st.cue.span if st.cue and st.cue.span else st.content.spans[0]
        for name in told:
            relays.append(Citation(chain[-1] if chain else _publisher(doc), name, "told", span,
                                   "interview",
                                st.said_on))
        for name in hops[st.id][0]:
            relays.append(Citation(st.speaker.name or _publisher(doc), name, "citing", span, None,
                                   st.said_on))
    apply_occasions(doc, statements, parent_of)
    _not_after_publication(doc, statements)
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
