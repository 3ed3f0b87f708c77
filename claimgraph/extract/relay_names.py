"""Names along a relay chain: the publisher, one body under several names ('TNA', 'Tervan
News Agency'), the entity a name stands for, one speaker of two statements, and the calendar
day of a date."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..lexicons import outlet_words
from ..model import Entity, Statement
from .entities import initials
from .speakers import word_stems


def publisher_of(doc: Doc) -> str:
    document = doc._.document
    return (document.publisher if document is not None else None) or "the document"


@lru_cache(maxsize=8192)
def norm(name: str | None) -> str:
    text = re.sub(r"\s+", " ", (name or "").lower()).strip(" .,:;\"'“”")
    return re.sub(r"^the ", "", text)


@lru_cache(maxsize=8192)
def same_body(a: str | None, b: str | None) -> bool:
    """Whether two names name one body: equal, or one the other's acronym ('TNA')."""
    na, nb = norm(a), norm(b)
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
        if s.isupper() and 2 <= len(s) <= 6 and (initials(long_name) == s or _acronym_fits(
                s.lower(), tuple(norm(long_name).split()))):
            return True
    return False


@lru_cache(maxsize=8192)
def _acronym_fits(acronym: str, words: tuple[str, ...], first: bool = True) -> bool:
    """Whether an acronym is made of the name's words in order, each word giving its first
    letter or first few ('LINA': 'Lisandrian National News Agency'); an outlet word after
    the first ('News') may give none."""
    if not words:
        return not acronym
    word, rest = words[0], words[1:]
    if not first and word in outlet_words() and _acronym_fits(acronym, rest, False):
        return True
    return any(acronym[:k] == word[:k] and _acronym_fits(acronym[k:], rest, False)
               for k in range(1, min(len(acronym), len(word)) + 1))


def entity_named(entities: list[Entity], name: str) -> Entity | None:
    """The entity ``name`` names ('the Ministry of Defence' for 'Ostrian Ministry of Defence')."""
    key = norm(name)
    for ent in entities:
        names = [norm(n) for n in (ent.name, *ent.aliases)]
        if key in names:
            return ent
    for ent in entities:
        name = norm(ent.name)
        if ent.type in ("ORG", "PERSON") and " " in min(key, name, key=len) and (
                key.endswith(name) or name.endswith(key)):
            return ent
    return None


def calendar_day(value: str | None) -> str | None:
    """A TIMEX3 value if it names one calendar day."""
    return value if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None


def date_in(doc: Doc, start: int, end: int) -> str | None:
    for date in doc._.dates or []:
        if start <= date.span[0] < end and calendar_day(date.value):
            return date.value
    return None


def same_speaker(a: Statement, b: Statement) -> bool:
    """One speaker: one entity, one body's names, or one surname ('Varga-Dorn')."""
    if a.speaker.entity and a.speaker.entity == b.speaker.entity:
        return True
    if same_body(a.speaker.name, b.speaker.name):
        return True
    na, nb = (a.speaker.name or "").split(), (b.speaker.name or "").split()
    return bool(na and nb) and na[-1] == nb[-1] and na[-1][:1].isupper() and (
        len(na) == 1 or len(nb) == 1)
