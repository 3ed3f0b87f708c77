"""Names as a speaker is named in the nominative: 'по словам Ивана Петрова' -> 'Иван Петров'.

Russian and Ukrainian names and role nouns decline; after 'по словам', 'за словами',
'со ссылкой на' they stand in the genitive or accusative. Each word is read by pymorphy3
in that case (a person's name and surname agreeing in gender) and put into the
nominative, its capitals kept. Bulgarian nouns do not decline: names stay as written.
"""

from __future__ import annotations

from ..lemmas import analyser

PERSON_TAGS = ("Name", "Surn", "Patr")


def _restore_case(word: str, form: str) -> str:
    if word.isupper() and len(word) > 1:
        return form.upper()
    if word[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in form.split("-"))
    return form


def _nominative_name(morph, word: str) -> bool:  # type: ignore[no-untyped-def]
    """A singular nominative reading of ``word`` as a name (or any reading, for a word
    that is no name)."""
    parses = morph.parse(word)
    named = [p for p in parses if any(t in p.tag for t in PERSON_TAGS)]
    return any(p.tag.case == "nomn" and p.tag.number != "plur" for p in named or parses[:1])


def _inflected(parse, word: str) -> str:  # type: ignore[no-untyped-def]
    form = parse.inflect({"nomn"})
    return _restore_case(word, form.word) if form is not None else word


def _head_noun(morph, words: list[str], cases: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The first noun reading among ``words`` (after adjectives) in one of ``cases``."""
    for word in words:
        parses = [p for p in morph.parse(word) if p.tag.case in cases]
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns:
            return nouns[0]
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            return None
    return None


def nominative(words: list[str], language: str, cases: tuple[str, ...],
               force: bool = False) -> list[str]:
    """``words`` (a name or a role phrase's head words) in the nominative, read as
    standing in one of ``cases`` ('gent', 'accs', 'datv', 'ablt'); words that no parse in
    those cases fits, and all words in a language without declension, stay as written.
    Unless ``force``, a phrase whose first word reads best as a nominative is kept."""
    morph = analyser(language)
    if morph is None or not cases:
        return list(words)
    first = words[0] if words else ""
    if not force and first[:1].isalpha() and _nominative_name(morph, first):
        return list(words)  # may well be in the nominative already: kept
    out: list[str] = []
    gender = None
    head_done = False
    for i, word in enumerate(words):
        if head_done or not word[:1].isalpha() or (word.isupper() and len(word) > 1):
            out.append(word)
            continue
        parses = [p for p in morph.parse(word) if p.tag.case in cases]
        if gender is not None:
            parses = [p for p in parses if p.tag.gender is None or p.tag.gender == gender] or parses
        people = [p for p in parses if any(t in p.tag for t in PERSON_TAGS)]
        if people and word[:1].isupper():
            # a person's names agree in gender: 'Ивана Сорина' -> 'Иван Сорин'
            pick = people[0]
            if gender is None and pick.tag.gender in ("masc", "femn"):
                gender = pick.tag.gender
            form = pick.inflect({"nomn", "sing"} if pick.tag.number == "sing" else {"nomn"})
            out.append(_restore_case(word, form.word) if form is not None else word)
            continue
        if not parses:
            out.append(word)
            head_done = i > 0
            continue
        # 'областного управления по ...' -> 'областное управление по ...': adjectives and
        # the head noun are put back, what follows the head is kept
        adjective = [p for p in parses if p.tag.POS in ("ADJF", "PRTF")]
        head = _head_noun(morph, words[i + 1:], cases)
        if head is not None:  # 'в областном управлении': the adjective agrees with its noun
            adjective = [p for p in adjective if p.tag.number == head.tag.number and (
                head.tag.number == "plur" or p.tag.gender == head.tag.gender)] or adjective
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        pick = adjective[0] if adjective and i + 1 < len(words) else (nouns or parses)[0]
        if pick.tag.POS == "NOUN":
            head_done = True
        out.append(_inflected(pick, word))
    return out
