"""Hops named around a statement's cue: whom its speaker cites ("citing the agency"), the
outlet the speaker spoke to ("told Northgate Wire", "Northgate Wire quoted him"), and a
reporter closing the sentence ("..., the news agency HalvPress reported.")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicons import outlet_like, outlet_words
from ..model import Statement
from .spans import strip_span, text_of
from .speakers import OUTLET_NOUNS, latest_outlet, mentions_of, plain_name
from .speech import quoting_verb
from .speech_rules import trailing_cues


def _cue_token(doc: Doc, st: Statement) -> Token | None:
    if st.cue is None or st.cue.span is None:
        return None
    span = doc.char_span(*st.cue.span, alignment_mode="expand")
    return span.root if span is not None else None


def is_outlet(doc: Doc, tok: Token) -> str | None:
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


def _described(tok: Token) -> bool:
    """Whether an outlet noun has words of its own besides a determiner ('Lisandrian public
    television', not 'the newspaper')."""
    return any(c.dep_ in ("amod", "compound", "nmod") for c in tok.children)


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
        if subj is not None and (name := is_outlet(doc, subj) or _entity_name(doc, subj)):
            told.append(name)
    for subj in (c for c in cue.children if c.dep_ == "nsubj"):
        # 'X, who spoke to the Courier,' and "X's deputy, Y, who spoke to the Courier,"
        for clause in (c for c in subj.subtree if c.dep_ == "relcl" and (
                c.head == subj or c.head.dep_ == "appos" and c.head.head == subj)):
            if clause.lemma_ in ("speak", "talk", "tell"):  # 'X, who spoke to the Courier,'
                for prep in (c for c in clause.children if c.dep_ in ("prep", "dobj", "dative")):
                    target = next((g for g in prep.children if g.dep_ == "pobj"), prep)
                    if (name := is_outlet(doc, target)) is not None:
                        told.append(name)
    if cue.lemma_ in ("tell", "say", "speak"):
        for child in cue.children:
            target = child
            if child.dep_ == "prep" and child.lower_ == "to":
                target = next((g for g in child.children if g.dep_ == "pobj"), child)
            if target.dep_ not in ("dobj", "dative", "pobj"):
                continue
            name = is_outlet(doc, target)
            if name is None and target.lemma_.lower() in OUTLET_NOUNS:  # 'told the newspaper'
                ent = latest_outlet(doc, mentions_of(doc._.entities or []), target.idx)
                if ent is not None and _described(target) \
                        and target.lower_ not in ent.name.lower().split():
                    ent = None  # 'told Lisandrian public television': not the wire named before
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
            or verb.lemma_.lower() not in trailing_cues():
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    comma = text.rfind(",", start, verb.idx)
    reporter = doc.char_span(comma + 1, verb.idx, alignment_mode="expand") if comma > 0 else None
    if not subjects or reporter is None or subjects[0].idx < comma \
            or not any(t.pos_ == "PROPN" for t in reporter):
        return None
    name = next((n for subj in subjects  # 'the agency VelPress' may be parsed as two
                 if (n := is_outlet(doc, subj) or _entity_name(doc, subj))), None)
    return (name, strip_span(text, start, comma)[1]) if name else None
