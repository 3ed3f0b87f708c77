"""Utterance dates: when a statement was made (``said_on``) where its cue gives no date:
never after publication, at the event the speaker was last dated at ("X addressed
parliament on Tuesday ..."), or on the day "that afternoon" refers back to."""

from __future__ import annotations

import datetime as dt
import re

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from ..model import Statement
from .relay_names import calendar_day
from .spans import Char, text_of
from .speakers import DOCUMENT_NOUNS, EVENT_NOUNS
from .speech import dates_token
from .tokens import indices_where


def not_after_publication(doc: Doc, statements: list[Statement]) -> None:
    """Nobody spoke after publication: a weekday read forwards ('reads the post on
    Tuesday') is the one before; other later dates belong to the content, not the cue."""
    published = calendar_day(getattr(doc._.document, "published", None))
    if published is None:
        return
    end = dt.date.fromisoformat(published)
    for st in statements:
        if st.said_on and calendar_day(st.said_on) and st.said_on > published:
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
    days = [d for d in doc._.dates or [] if calendar_day(d.value) and d.span[0] < start]
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
            if calendar_day(date.value) and verb.sent.start_char <= date.span[0] < verb.sent.end_char \
                    and dates_token(doc, date.span, (verb.idx, verb.idx + len(verb.text))):
                if tok.idx < start:
                    before.append(date.value)
                elif tok.idx < para_end:  # 'X said ... X made the remarks on Sunday'
                    after.append(date.value)
    return before[-1] if before else (after[0] if after else None)


_OCCASION_NOUNS = EVENT_NOUNS | DOCUMENT_NOUNS


def _earlier_event(doc: Doc, cue: Char, days: list) -> str | None:
    """'Speaking at the briefing, X said': the date given where the briefing was first
    mentioned ('at a joint briefing in Tirel on Wednesday')."""
    span = doc.char_span(*cue, alignment_mode="expand")
    if span is None:
        return None
    for tok in span.sent:
        if tok.lemma_.lower() not in _OCCASION_NOUNS or not any(
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
    """The tokens of ``doc`` with ``lemma``."""
    return [doc[i] for i in indices_where(doc, LEMMA, (lemma,))]


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
