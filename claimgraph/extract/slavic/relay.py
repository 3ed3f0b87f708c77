"""Relay chains of Slavic statements: the sources between the publisher and a speaker
(``via``), outermost first.

'со ссылкой на', 'з посиланням на', 'позовавайки се на' split a relaying source from the
one it cites: the cited one speaks, the relaying one is a hop ('цитиран от' the other way
round; '..., которая ссылается на ...' adds a hop). '..., передаёт агентство «...»' makes
the outlet a hop of the statements its content covers. The outlet spoken to ('в интервью
телеканалу «...»', 'каза пред БТА') is a hop too, unless it is the publisher; a bare
'газеті' is the newspaper named before, after the hops it came through."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...model import Speaker, Statement
from ..lemmas import lemma
from ..spans import Char, text_of
from .found import Found, inside, overlap, size
from .names import nominative
from .outlets import outlet_before, same_name
from .speaker_phrases import speaker_after, speaker_before
from .speakers import Resolver
from .speech_words import OBLIQUE, SpeechWords


def split_citing(doc: Doc, f: Found, lex: SpeechWords, dates: list[Char]) -> None:
    """'ТАСС со ссылкой на пресс-службу': the cited source speaks, the outlet is a hop."""
    text = text_of(doc)
    if f.cue is None:
        return
    cue = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
    if cue is None:
        return
    sent = cue.sent
    for m in lex.citing_re.finditer(text, sent.start_char, sent.end_char):
        if inside(m.start(), f.content):
            continue
        phrase = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if phrase is None or phrase.end >= len(doc):
            continue
        cited = speaker_after(doc, phrase.end, sent.end_char, lex, dates, oblique=True)
        if not cited:
            continue
        relayed = speaker_before(doc, doc[phrase.start], lex, dates)
        if not relayed or relayed[-1].i >= phrase.start and relayed[0].i < phrase.start:
            relayed = [t for t in f.speaker if t.i < phrase.start]
        if not relayed and f.speaker and f.speaker[0].i > cue.start:
            relayed = [t for t in f.speaker if t.i < phrase.start]
        if not relayed and phrase.start > sent.start and doc[phrase.start - 1].text == ",":
            # 'Агенцията, позовавайки се на източник ..., съобщава': the subject before
            relayed = speaker_before(doc, doc[phrase.start - 1], lex, dates)
        f.relayed = relayed
        f.speaker = cited
        f.oblique = True
        on = lex.citing_on_re.search(text, cited[-1].idx, sent.end_char)
        if on is not None and not inside(on.start(), f.content):
            # '..., которая, в свою очередь, ссылается на источник': the one cited cites on
            onward = doc.char_span(on.end(), on.end() + 1, alignment_mode="expand")
            rel = doc.char_span(on.start("rel"), on.end("rel"), alignment_mode="expand")
            further = speaker_after(doc, onward.start, sent.end_char, lex, dates, oblique=True) \
                if onward is not None else []
            if further and rel is not None:
                f.between = list(rel)
                f.speaker = further
                f.onward = (on.start(), further[-1].idx + len(further[-1].text))
        return
    for m in lex.cited_by_re.finditer(text, sent.start_char, sent.end_char):
        # 'министърът ..., цитиран от агенция „Ард-Прес“': the speaker stays, the outlet
        # after the participle relays
        if inside(m.start(), f.content) or not f.speaker or f.relayed:
            continue
        phrase = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if phrase is None or phrase.end >= len(doc):
            continue
        relay = speaker_after(doc, phrase.end, sent.end_char, lex, dates, oblique=True)
        if relay:
            f.relayed = relay
            f.onward = (m.start(), relay[-1].idx + len(relay[-1].text))
            return


def merge_relaying(found: list[Found], lex: SpeechWords) -> list[Found]:
    """'..., передаёт агентство «Норд-Инфо»': the outlet passes on the statements whose
    content its own covers; it is their hop, not a speaker of its own."""
    relays = [f for f in found if f.cue_text.lower() in lex.relaying and f.speaker]
    kept = [f for f in found if f not in relays]
    for relay in relays:
        carried = [f for f in kept if overlap(f.content, relay.content)
                   >= 0.5 * min(size(f.content), size(relay.content))]
        if not carried:
            kept.append(relay)
            continue
        for f in carried:
            f.relayed = f.relayed or relay.speaker
    return kept


def relay_hops(f: Found, speaker: Speaker, resolver: Resolver) -> list[str]:
    """The hops of ``f``'s citing chain, outermost first: the source relaying its speaker
    ('ТАСС со ссылкой на ...'), then the one between ('..., которая ссылается на ...').
    A speaker someone relays is the source a later bare 'источник' stands for."""
    via: list[str] = []
    if f.relayed and speaker.name:
        resolver.cited = speaker.name
    if f.relayed:
        relay = resolver.resolve(Found([], None, "", "", "neutral", f.relayed))
        if relay.name:
            via.append(relay.name)
    if f.between:
        middle = resolver.resolve(Found([], None, "", "", "neutral", f.between))
        if middle.name and middle.name not in via:
            via.append(middle.name)
    return via


def told_hops(doc: Doc, f: Found, lex: SpeechWords, resolver: Resolver, speaker: Speaker,
              via: list[str], statements: list[Statement]) -> list[str]:
    """``via`` with the outlet ``f``'s speaker spoke to added, if any: a bare outlet noun
    after the hops its outlet came through in ``statements`` (the statements so far), a
    named outlet unless it is already a hop, the speaker or the publisher."""
    told = _told(doc, f, lex, resolver.publisher)
    outlet = _outlet_told(doc, f, told, lex, resolver)
    if outlet is not None:
        # 'в інтерв'ю газеті': the newspaper named before, and the hops it came through
        chain = next((st.via for st in reversed(statements) if st.speaker.name == outlet), [])
        return via + [hop for hop in [*chain, outlet] if hop not in via]
    if told and told not in via and told != speaker.name and not same_name(
            told, resolver.publisher, lex.language):  # the publisher is never a hop
        return [*via, told]
    return via


def _told(doc: Doc, f: Found, lex: SpeechWords, publisher: str) -> str | None:
    """The outlet a speaker spoke to ('заявил в интервью агентству «Норд-Инфо»',
    'утверждал в эфире государственного телевидения', 'каза пред БТА'), as a hop."""
    if f.cue is None:
        return None
    text = text_of(doc)
    cue = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
    if cue is None:
        return None
    sent = cue.sent
    limit = min([s for s, _ in f.content if s > f.cue[1]] + [sent.end_char])
    m = lex.told_re.search(text, f.cue[1], limit)
    if m is None or len(text[f.cue[1]:m.start()].split()) > 4:
        m = _told_before(text, f, lex)
    if m is None:
        return None
    if m.group("quoted"):
        name = m.group("quoted")[1:-1].strip()
        if same_name(name, publisher, lex.language):
            return None  # the publisher is never a hop
        if lex.language == "bg":
            return name
        return " ".join(nominative(name.split(), lex.language, OBLIQUE))  # «Вечернему Тарвелю»
    if m.group("named") and m.group("named")[:1].isupper():
        return m.group("named")
    words = (m.group("named") or m.group("phrase")).split()
    if lex.language == "bg":
        return " ".join(words)
    return " ".join(nominative(words, lex.language, OBLIQUE, force=True))


def _told_before(text: str, f: Found, lex: SpeechWords) -> re.Match[str] | None:
    """'X в интервью телеканалу «Вессария-24» утверждал': the outlet named between the
    speaker before the cue and the cue."""
    if f.cue is None or not f.speaker or f.speaker[-1].idx >= f.cue[0]:
        return None
    start = f.speaker[-1].idx + len(f.speaker[-1].text)
    m = lex.told_re.search(text, start, f.cue[0])
    if m is None or text[m.end():f.cue[0]].strip(" ,") and len(
            text[m.end():f.cue[0]].split()) > 3:
        return None
    return m


def _outlet_told(doc: Doc, f: Found, told: str | None, lex: SpeechWords,
                 resolver: Resolver) -> str | None:
    """The outlet a bare outlet noun spoken to stands for ('заявила в інтерв'ю газеті'):
    the one named before with such a noun, unless it is the publisher."""
    if not told or " " in told or f.cue is None or lemma(told, lex.language) not in lex.outlets:
        return None
    cue = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
    if cue is None:
        return None
    noun = next((t for t in cue.sent if t.lemma_ == lemma(told, lex.language)
                 and not inside(t.idx, f.content)), None)
    outlet = outlet_before(doc, resolver.entities, noun, lex) if noun is not None else None
    if outlet is None or same_name(outlet.name, resolver.publisher, lex.language):
        return None
    return outlet.name
