"""Named entities in Russian, Ukrainian and Bulgarian text, by rules over capitalised words.

A run of capitalised words (and of upper-case abbreviations: 'ТАСС', 'ЗСУ', 'МВР') is a
candidate; a sentence's first word joins it only when a name or abbreviation follows or
the lemmatiser knows it as a name, and never when it is an adverb or particle or a word
known only as a common noun ('Водночас', 'Синоптики'). A person's name ends a body's name
('Генштабу Орест Паламарчук', 'МЗС Богдан Мартинюк'). A run headed by an organisation noun of
``slavic_speakers.json`` ('Министерство обороны', 'Служба безопасности Украины',
'Министерството на отбраната') is an ``ORG``, taking the lower-case words of its name
with it; so is an abbreviation. Two or three capitalised words are a ``PERSON``, and so is
one word pymorphy3 knows as a first name or surname; any other single capitalised word
is a place (``GPE``). Mentions of one person are merged by surname and by lemma ('Иван
Петров', 'Ивана Петрова', 'Петров'), names kept in the nominative. Statistical NER was
measured against these rules (README); the rules are used for all three languages.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...model import Entity
from ..lemmas import analyser, lemma
from .names import PERSON_TAGS, nominative
from .words import bg_adjective, cue_verbs, lemma_set, part

# 'МЗС', 'ТАСС', and with a lower-case letter inside: 'МВнР'
_UPPER_ABBR = re.compile(r"^[А-ЯЁІЇЄҐA-Z](?:[А-ЯЁІЇЄҐA-Z]|[а-яёіїєґ](?=[А-ЯЁІЇЄҐA-Z])){1,5}$")
_QUOTES = "«»„“”\"'"


def _capitalised(tok: Token) -> bool:
    text = tok.text
    return (text[:1].isupper() and any(c.isalpha() for c in text)
            and not tok.is_punct and text[0] not in _QUOTES)


@cache
def _joiners(language: str) -> frozenset[str]:
    """Lower-case words inside an organisation's name ('на' in Bulgarian genitives)."""
    return frozenset({"на"} if language == "bg" else set())


def _person_word(tok: Token, language: str, first_names: bool = False) -> bool:
    """Whether pymorphy3 knows ``tok`` as part of a person's name (with ``first_names``:
    as a first name or patronymic, which may open a three-word name)."""
    morph = analyser(language)
    if morph is None:
        return False
    tags = ("Name", "Patr") if first_names else PERSON_TAGS
    return any(any(t in p.tag for t in tags) and p.score >= 0.1
               for p in morph.parse(tok.text))


def _verb_word(tok: Token, language: str) -> bool:
    if lemma(tok.text, language) in cue_verbs(language):
        return True
    morph = analyser(language)
    if morph is None:
        return False
    best = morph.parse(tok.text)[0]
    return best.tag.POS in ("VERB", "INFN", "PRTF", "PRTS", "GRND", "PREP", "CONJ")


def _function_word(tok: Token, language: str) -> bool:
    """An adverb, particle or pronoun by its best reading ('Водночас', 'Тим часом')."""
    morph = analyser(language)
    return morph is not None and morph.parse(tok.text)[0].tag.POS in (
        "ADVB", "PRCL", "NPRO", "INTJ", "PREP", "CONJ")


def _common_noun(tok: Token, language: str) -> bool:
    """A word the dictionary knows only as a common noun, never as a name or a place."""
    morph = analyser(language)
    if morph is None or not morph.word_is_known(tok.text.lower()):
        return False
    parses = morph.parse(tok.text)
    names = {*PERSON_TAGS, "Geox", "Orgn"}
    return all(p.tag.POS == "NOUN" and not names & set(re.split(r"[ ,]", str(p.tag)))
               for p in parses)


def _org_extent(doc: Doc, start: int, end: int, language: str) -> int:
    """End of an organisation name whose capitalised run is ``[start, end)``: lower-case
    genitive words and capitalised words that follow ('обороны Украины')."""
    j = end
    taken = 0
    if language == "bg":  # 'Министерството на отбраната на Кестрия': 'на' and a word, twice
        for _ in range(2):
            if j + 1 < len(doc) and doc[j].lower_ == "на" and doc[j + 1].is_alpha and (
                    j == end or doc[j + 1].text[:1].isupper()):
                j += 2
                # 'на външните работи': an adjective goes on to its noun
                while j < len(doc) and doc[j].is_alpha and bg_adjective(doc[j - 1].text) \
                        and doc[j].text[:1].islower():
                    j += 1
        return j
    while j < len(doc) and taken < 4:
        tok = doc[j]
        if tok.is_punct or tok.is_space or tok.like_num or tok.is_sent_start or (
                tok.text[:1].isupper() and _person_word(tok, language)) or _name_starts(
                doc, j, language):
            break
        if tok.text[:1].islower() and (
                _verb_word(tok, language) or lemma(tok.text, language) in _stops(language)
                or not _genitive(tok, language)):
            break
        j += 1
        taken += 1
    # do not end on a joiner ('Министерството на')
    while j > end and doc[j - 1].lower_ in _joiners(language):
        j -= 1
    # only keep the tail when it reaches a capitalised word or is a genitive phrase
    return j


def _name_starts(doc: Doc, k: int, language: str) -> bool:
    """Whether a person's name opens at token ``k`` after a body's name ('Генштабу Орест
    Паламарчук', 'МЗС Богдан Мартинюк'): a capitalised word that is a first name or cannot
    be in the genitive an organisation's name goes on in, before a known name or surname."""
    if k + 1 >= len(doc) or not _capitalised(doc[k]) or not _capitalised(doc[k + 1]):
        return False
    if language == "bg" or not _person_word(doc[k + 1], language):
        return False
    return _person_word(doc[k], language, first_names=True) or not _genitive(doc[k], language)


def _singular_cases(tok: Token, language: str, names: bool = False) -> set[str]:
    """The cases ``tok`` may be in, singular (with ``names``: as a first name or
    patronymic only)."""
    morph = analyser(language)
    if morph is None:
        return set()
    return {str(p.tag.case) for p in morph.parse(tok.text) if p.tag.case
            and p.tag.number != "plur" and (not names or "Name" in p.tag or "Patr" in p.tag)}


def _case_break(before: Token, first: Token, language: str) -> bool:
    """Whether ``before`` cannot be in the case of the first name after it, so that it is no
    part of the person's name ('Острелії Стоян Миладінов': the country's, then the
    premier's): the words of one name share a case."""
    if language == "bg":
        return False  # no cases
    a, b = _singular_cases(before, language), _singular_cases(first, language, names=True)
    return bool(a and b) and not a & b


def _genitive(tok: Token, language: str) -> bool:
    morph = analyser(language)
    return morph is None or any(p.tag.case == "gent" for p in morph.parse(tok.text))


@cache
def _stops(language: str) -> frozenset[str]:
    lex = part("speakers", language)
    words = set(lex["skip"]) | set(lex["pronouns"]) | set(part("cues", language)["complementizers"])
    words |= {"что", "как", "который", "которые", "і", "та", "и", "по", "с", "за", "от", "для",
              "при", "через", "після", "после", "след", "не"}
    words -= _joiners(language)
    return frozenset(lemma(w, language) for w in words)


def entity_spans(doc: Doc, language: str) -> list[Span]:
    """Name spans of ``doc`` labelled PERSON, ORG or GPE."""
    bodies = lemma_set("speakers", "bodies", language)
    roles = lemma_set("speakers", "roles", language)
    honorifics = {w.lower() for w in part("speakers", language)["honorifics"]}
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not _capitalised(tok) or tok.lower_ in honorifics:
            i += 1
            continue
        j = i
        while j < len(doc) and _capitalised(doc[j]) and (j == i or not doc[j].is_sent_start) \
                and not (j > i and doc[j - 1].whitespace_ == "" and doc[j].text == "-"):
            if j > i and _UPPER_ABBR.match(doc[j - 1].text) and not _UPPER_ABBR.match(
                    doc[j].text) and j + 1 < len(doc) and _capitalised(doc[j + 1]):
                break  # 'МИД Мария Захарова': a body, then a person
            j += 1
        first = doc[i]
        lemmas = [lemma(t.text, language) for t in doc[i:j]]
        if lemmas[0] in bodies:  # 'Генштабу Орест Паламарчук': the body, then the person
            cut = next((k for k in range(i + 1, j - 1) if _name_starts(doc, k, language)), None)
            if cut is not None:
                j = cut
                lemmas = lemmas[:j - i]
        # 'Тарвельский моторный завод': a body noun among the next lower-case words
        ahead = [k for k in range(j, min(j + 2, len(doc)))
                 if doc[k].text[:1].islower() and lemma(doc[k].text, language) in bodies]
        if ahead and not all(doc[k].is_alpha and doc[k].text[:1].islower()
                             for k in range(j, ahead[0] + 1)):
            ahead = []
        # a sentence's first word is only a name when the lemmatiser or the run says so
        sentence_first = first.is_sent_start or all(
            t.is_punct or t.is_space for t in doc[first.sent.start:first.i])
        if sentence_first and j - i == 1 and not _UPPER_ABBR.match(first.text) and not (
                _person_word(first, language) and lemmas[0] not in roles) and not (
                lemmas[0] in bodies and j < len(doc) and doc[j].text[:1].islower()) and not ahead:
            i = j
            continue
        if sentence_first and lemmas[0] not in bodies and (
                _verb_word(first, language) or _function_word(first, language) or (
                j - i in (2, 3) and not ahead and lemmas[0] not in roles
                and _common_noun(first, language))):
            # 'Водночас у відомстві', 'Синоптики Полонецького гідрометцентру': a sentence's
            # first word that is no name does not open one
            i += 1
            continue
        while i < j and lemmas[0] in roles and lemmas[0] not in bodies:
            i += 1  # 'Губернатор Иван Петров': the name without the title
            lemmas = lemmas[1:]
        if i >= j:
            i = j
            continue
        close = _closing_quote(doc, i)
        if close is not None:  # '«Химпоставка»', '„Дравхим“', '«Столичный вестник»'
            spans.append(Span(doc, i, close, label="ORG"))
            i = close
            continue
        if any(lm in bodies for lm in lemmas) or ahead:
            # 'Тарвельский моторный завод': the lower-case words up to the body noun belong
            end = _org_extent(doc, i, ahead[0] + 1 if ahead else j, language)
            spans.append(Span(doc, i, end, label="ORG"))
            i = end
            continue
        if j - i >= 3 and (not _person_word(doc[j - 3], language, first_names=True)
                           or _case_break(doc[j - 3], doc[j - 2], language)):
            # 'Вессарии Павел Ремезов', 'Ардения Лазар Цонев': a place, then a person
            spans.append(Span(doc, i, j - 2, label="GPE" if j - i == 3 else "ORG"))
            i = j - 2
        if j - i == 1 and _UPPER_ABBR.match(doc[i].text):
            spans.append(Span(doc, i, j, label="ORG"))
        elif 2 <= j - i <= 3 or j - i == 1 and _person_word(doc[i], language):
            spans.append(Span(doc, i, j, label="PERSON"))
        elif j - i == 1:
            spans.append(Span(doc, i, j, label="GPE"))
        else:
            spans.append(Span(doc, i, j, label="ORG"))
        i = j
    return spans


def _closing_quote(doc: Doc, i: int) -> int | None:
    """End of a quoted name whose first word is token ``i``, or None."""
    if i == 0 or doc[i - 1].text not in ("«", "„", "“", '"'):
        return None
    for k in range(i + 1, min(len(doc), i + 6)):
        if doc[k].text in ("»", "“", "”", '"'):
            return k
        if doc[k].is_punct:
            return None
    return None


def _key(span: Span, language: str) -> str:
    return " ".join(lemma(t.text, language) for t in span)


def person_name(span: Span, language: str) -> str:
    """A person's name in the nominative."""
    words = [t.text for t in span]
    return " ".join(nominative(words, language, ("gent", "accs", "datv", "ablt", "loct")))


def find_entities(doc: Doc, language: str) -> list[Entity]:
    """Entities of ``doc`` in order of first mention, ids e1, e2, ..."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], Entity] = {}
    surnames: dict[str, Entity] = {}
    for span in entity_spans(doc, language):
        key = _key(span, language)
        label = span.label_
        entity = by_key.get((label, key))
        if entity is None and len(span) == 1:
            entity = surnames.get(key)
        if entity is None:
            name = person_name(span, language) if label == "PERSON" else span.text
            entity = Entity(id=f"e{len(entities) + 1}", name=name, type=label)
            entities.append(entity)
            by_key[(label, key)] = entity
            if label == "PERSON" and len(span) > 1:
                surnames.setdefault(lemma(span[-1].text, language), entity)
        elif span.text != entity.name and span.text not in entity.aliases:
            entity.aliases.append(span.text)
        entity.mentions.append((span.start_char, span.end_char))
    return _merge_acronyms(entities)


def _merge_acronyms(entities: list[Entity]) -> list[Entity]:
    """'МЗС' joins 'Міністерство закордонних справ Ліморії': its letters are the initials
    of the name's first words."""
    kept: list[Entity] = []
    for entity in entities:
        target = None
        if entity.type == "ORG" and _UPPER_ABBR.match(entity.name):
            target = next((k for k in entities if k is not entity and k.type == "ORG"
                           and " " in k.name and "".join(w[0] for w in k.name.split()).upper()
                           .startswith(entity.name)), None)
        if target is None:
            kept.append(entity)
            continue
        target.aliases.append(entity.name)
        target.mentions = sorted(set(target.mentions + entity.mentions))
    for number, entity in enumerate(kept, 1):
        entity.id = f"e{number}"
    return kept


def make_entities(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    language = nlp.lang

    def component(doc: Doc) -> Doc:
        doc._.entities = find_entities(doc, language)
        return doc

    return component
