"""Outlets and abbreviations in Slavic text, looked up among the document's entities: the
outlet a bare outlet noun stands for ('агентство' for 'агентство «Норд-Инфо»' named before,
'видання' for 'газета «Дольський кур'єр»'), a body named by its abbreviation in full ('МЗС',
'МВнР', 'МИД Вессарии'), an abbreviation after a noun as the document spells the body out
('пресслужба МВС'), and whether a name is the publisher's ('«Вечерним Ольмаром»' for
'Вечерний Ольмар')."""

from __future__ import annotations

import os

from spacy.tokens import Doc, Token

from ...model import Entity
from ..lemmas import analyser
from ..spans import text_of
from .names import nominative
from .speaker_phrases import inside_quote_mark
from .speaker_words import noun_forms
from .speech_words import ABBREVIATION, OBLIQUE, SpeechWords

JOINERS = frozenset({"на", "по", "и", "і", "й", "та", "з"})


def outlet_before(doc: Doc, entities: list[Entity], tok: Token,
                  lex: SpeechWords) -> Entity | None:
    """The organisation last named before ``tok`` right after the same outlet noun
    ('телевизията' for 'телевизия „Канал Изток“'), else after any outlet noun
    ('видання' for 'газета «Дольський кур'єр»')."""
    return _outlet_named(doc, entities, tok, lex, same=True) or _outlet_named(
        doc, entities, tok, lex, same=False)


def _outlet_named(doc: Doc, entities: list[Entity], tok: Token, lex: SpeechWords,
                  same: bool) -> Entity | None:
    forms = noun_forms(tok, lex)
    best = None
    for entity in entities:
        if entity.type != "ORG":
            continue
        for s, _e in entity.mentions:
            if s >= tok.idx:
                continue
            span = doc.char_span(s, _e, alignment_mode="expand")
            if span is None:
                continue
            lead = [t for t in doc[max(0, span.start - 2):span.start]
                    if not inside_quote_mark(t)]
            if lead and lead[-1].lemma_ in lex.outlets and (
                    not same or noun_forms(lead[-1], lex) & forms) and (
                    best is None or s > best[0]):
                best = (s, entity)
    return best[1] if best else None


def expand_abbreviation(entities: list[Entity], words: list[str],
                        lex: SpeechWords) -> str | None:
    """The full name of a body named by its abbreviation ('МЗС', 'МВнР', 'МИД
    Вессарии'): the organisation of the document whose words' initials the
    abbreviation's capitals are, in the nominative, else the abbreviation's usual
    full name with the words after it."""
    if not words:
        return None
    head, tail = words[0], words[1:]
    known = lex.abbreviations.get(head)
    if known is None and not ABBREVIATION.match(head) or any(
            not w[:1].isupper() for w in tail):
        return None
    capitals = [c for c in head if c.isupper()]
    if len(capitals) >= 2:
        for entity in entities:
            content = [w for w in entity.name.split() if w.lower() not in JOINERS]
            if entity.type != "ORG" or len(content) <= len(capitals) - 1 or content[0] == head:
                continue
            rest = content[len(capitals):]
            if [w[:1].upper() for w in content[:len(capitals)]] == capitals and (
                    not tail or same_name(" ".join(tail), " ".join(rest), lex.language)):
                if lex.language == "bg":
                    return entity.name
                return " ".join(nominative(entity.name.split(), lex.language, OBLIQUE))
    if known is not None:
        return " ".join([known, *tail])
    return None


def spelled_out(doc: Doc, entities: list[Entity], abbreviation: str, lex: SpeechWords) -> str:
    """An abbreviation after a noun ('пресслужба МВС') as the organisation's full name
    the document gives in the genitive ('Міністерства внутрішніх справ Сарвенії')."""
    morph = analyser(lex.language)
    text = text_of(doc)
    for entity in entities:
        if entity.type != "ORG" or abbreviation not in entity.aliases or morph is None:
            continue
        for s, e in entity.mentions:
            words = text[s:e].split()
            if len(words) > 1 and any(p.tag.case == "gent" and p.tag.number != "plur"
                                      for p in morph.parse(words[0])):
                return text[s:e]
    return abbreviation


def same_name(name: str, publisher: str, language: str) -> bool:
    """Whether ``name`` is the publisher's name or part of it, in any case: its words
    match a run of the publisher's words by their stems ('«Вечерним Ольмаром»' for
    'Вечерний Ольмар', '„Зорница“' for 'Вестник Зорница')."""
    words = name.lower().split()
    whole = publisher.lower().split()
    if not words:
        return False

    def stem_match(a: str, b: str) -> bool:
        common = len(os.path.commonprefix([a, b]))
        return a == b or common >= max(3, min(len(a), len(b)) - 3)

    return any(all(stem_match(w, p) for w, p in zip(words, whole[k:k + len(words)]))
               for k in range(len(whole) - len(words) + 1))
