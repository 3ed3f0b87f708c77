"""A headline in the shape 'Speaker: content' ('Губернатор области: из зоны паводка
эвакуированы ...') as a statement: the speaker, date and hops of the body statement it
sums up (most content words shared), else the phrase before the colon as its speaker. A
ministry, even abbreviated ('МЗС Ліморії: ...'), stays the ministry."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...model import Content, Cue, Speaker, Statement
from ..spans import Char, text_of
from .outlets import expand_abbreviation
from .speakers import Resolver
from .speech_words import SpeechWords


def _content_lemmas(doc: Doc, spans: list[Char]) -> set[str]:
    out = set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out |= {t.lemma_ for t in span if t.is_alpha and len(t.text) > 3}
    return out


def headline_statement(doc: Doc, lex: SpeechWords, statements: list[Statement],
                       resolver: Resolver) -> Statement | None:
    """'Губернатор области: из зоны паводка эвакуированы ...': the headline's content in the
    words of the body statement it sums up (most content words shared), else of the
    phrase before the colon."""
    text = text_of(doc)
    first = text.split("\n", 1)[0]
    m = re.match(r"^\s*([^:\n]{2,80}?):\s+(\S.*?)\s*$", first)
    if m is None or "\n" not in text or len(m.group(1).split()) > 8:
        return None
    if any(st.content.spans[0][0] < len(first) for st in statements):
        return None  # the headline reports speech of its own ('Мэр заявил, что ...')
    content = [(m.start(2), m.end(2))]
    words = _content_lemmas(doc, content)
    best = max(statements, key=lambda st: len(words & _content_lemmas(doc, st.content.spans)),
               default=None)
    shared = len(words & _content_lemmas(doc, best.content.spans)) if best else 0
    cue = (m.end(1), m.end(1) + 1)
    # 'МЗС Ліморії: ...': a ministry, even abbreviated, stays the ministry
    body = expand_abbreviation(resolver.entities, m.group(1).split(), lex)
    if best is not None and shared >= 2:
        speaker = Speaker(name=body or best.speaker.name, text=m.group(1).strip(),
                          span=(m.start(1), m.end(1)),
                          entity=resolver.entity_id(body) if body else best.speaker.entity)
        said_on, via = best.said_on, list(best.via)
    else:
        speaker = Speaker(name=m.group(1).strip(), text=m.group(1).strip(),
                          span=(m.start(1), m.end(1)))
        said_on, via = None, []
    return Statement(id="", kind="indirect", speaker=speaker,
                     cue=Cue(text=":", lemma=":", stance="neutral", span=cue),
                     content=Content(text=m.group(2), spans=content), said_on=said_on, via=via,
                     extractor="speech")
