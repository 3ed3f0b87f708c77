"""Entities: spaCy's named entities merged into people, bodies and places, with roles.

Mentions of one person are merged by name ("Ivan Petrov", "Petrov"); roles come
from titles before a name ("port governor Ivan Petrov") and appositions
("Ivan Petrov, the port governor").
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import ENT_TYPE, IS_TITLE, LOWER, POS
from spacy.language import Language
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from ..lexicons import lexicon, outlet_words
from ..model import Entity
from .tokens import indices_where

TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_ROLE_POS = {"NOUN", "PROPN", "ADJ"}
_DETS = {"the", "a", "an", "its", "their", "his", "her"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "mr.", "mrs.", "ms.", "dr."}


def _clean(span_text: str) -> str:
    text = re.sub(r"\s*\(@\w+\)?$", "", span_text.strip())  # 'Ministry X (@MinistryX)'
    text = text.strip().strip("\"'“”‘’")
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip()


def _titles() -> set[str]:
    return set(lexicon("relay")["titles"])


def _title_before(ent: Span) -> str | None:
    """'port governor' in 'port governor Ivan Petrov'."""
    tokens: list[Token] = []
    i = ent.start - 1
    while i >= ent.sent.start:
        tok = ent.doc[i]
        if tok.ent_type_ or tok.pos_ not in _ROLE_POS or tok.lower_ in _HONORIFICS:
            break
        if tok.head.i < ent.start or tok.head.i >= ent.end:
            if not (tok.head.i > i and tok.head.i < ent.end):
                break
        tokens.insert(0, tok)
        i -= 1
    titles = _titles()
    if not tokens or not any(t.pos_ == "NOUN" or t.lower_ in titles for t in tokens):
        return None
    return _words(tokens)


def _apposition(ent: Span) -> str | None:
    """'the port governor' in 'Ivan Petrov, the port governor, said' (and the reverse order)."""
    root = ent.root
    head = root.head
    # 'the deputy head of the Customs Service, Greta Holm': hung on 'Service', meant for 'head'
    while root.dep_ == "appos" and head.pos_ == "PROPN" and head.dep_ in ("pobj", "compound") \
            and head.head.i != head.i:
        head = head.head if head.dep_ == "compound" else head.head.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < ent.start:
        words = [t for t in head.subtree if t.i < ent.start and t.lower_ not in _DETS
                 and not t.is_punct]
        if words and len(words) <= 8:
            return _words(words)
    for tok in ent:
        for child in tok.children:
            if child.dep_ == "appos" and not child.ent_type_ and child.i >= ent.end:
                words = [t for t in child.subtree if t.lower_ not in _DETS and not t.is_punct]
                if words and len(words) <= 8:
                    return _words(words)
    return None


def _words(tokens: list[Token]) -> str:
    """Lower-case text of ``tokens`` as written ('county's chief fire officer', not
    'county 's chief fire officer')."""
    return re.sub(r"\s+(['’]s)\b", r"\1", " ".join(t.text for t in tokens)).strip().lower()


_BODY_WORDS = {"ministry", "office", "agency", "service", "council", "committee", "army", "navy",
               "police", "court", "party", "university", "institute", "bank", "company", "group",
               "forces", "government", "parliament", "commission", "bureau", "department",
               "command", "staff", "guard", "centre", "center", "foundation", "union", "league",
               # the last word of a company's name
               "motors", "industries", "holdings", "airlines", "airways", "foods", "steel",
               "telecom", "corporation", "energy", "mining", "pharmaceuticals", "shipping"}


def entity_spans(doc: Doc) -> list[Span]:
    """spaCy's entities, with two repairs for names it does not know: an entity holding a
    comma is split ('Rosk, Ilse Varn' is a place and a person), and a run of capitalised
    proper nouns after a title or in the place of a speaker is a person ('General Rune
    Vask', 'the commander, Rune Vask, said')."""
    spans: list[Span] = []
    for ent in doc.ents:
        commas = [t.i for t in ent if t.text == ","]
        if not commas:
            spans.append(_with_capitalised_lead(ent))
            continue
        bounds = [ent.start, *[c + 1 for c in commas], ent.end + 1]
        for i, (a, b) in enumerate(zip(bounds, bounds[1:])):
            part = doc[a:b - 1]
            if not len(part):
                continue
            person = i == len(bounds) - 2 and _looks_like_name(part)
            spans.append(Span(doc, part.start, part.end, label="PERSON" if person else ent.label_))
    spans += _unlabelled_names(doc)
    return sorted(spans, key=lambda s: s.start)


def _with_capitalised_lead(ent: Span) -> Span:
    """An organisation with the capitalised words the NER left before it: 'the monitoring
    group Open Docket', not 'Docket'. Not at a sentence's start, where every word is
    capitalised."""
    if ent.label_ != "ORG":
        return ent
    start = ent.start
    while start - 1 > ent.sent.start and (tok := ent.doc[start - 1]).is_title \
            and tok.pos_ in ("ADJ", "PROPN") and not tok.ent_type_ \
            and tok.lower_ not in _titles() | _DETS and not ent.doc[start - 2].is_title:
        start -= 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)


def _looks_like_name(span: Span) -> bool:
    words = [t for t in span if t.text != "-"]
    return 2 <= len(words) <= 4 and all(t.is_title for t in words) \
        and not {t.lower_ for t in words} & (_BODY_WORDS | outlet_words())


def _unlabelled_names(doc: Doc) -> list[Span]:
    """People the NER missed, and companies and bodies named as a clause's subject."""
    titles = _titles()
    found: list[Span] = []
    if not len(doc):
        return found
    pos, ent_type, title_case = doc.to_array([POS, ENT_TYPE, IS_TITLE]).T
    starts = np.flatnonzero((pos == PROPN) & (ent_type == 0) & (title_case == 1)).tolist()
    i = 0
    for start in starts:  # a capitalised proper noun outside any entity opens a run
        if start < i:
            continue
        i = start
        j = i
        while j < len(doc) and not doc[j].ent_type_ and (
                doc[j].pos_ == "PROPN" and doc[j].is_title
                or doc[j].text == "-" and j + 1 < len(doc) and doc[j + 1].is_title
                and not doc[j].whitespace_):
            j += 1
        run = doc[i:j]
        i = j
        lead = 0
        while lead < len(run) and run[lead].lower_ in titles | _BODY_WORDS | {"defence", "defense",
                                                                             "foreign", "prime"}:
            lead += 1
        name = run[lead:]
        titled = lead > 0 or (run.start > 0 and doc[run.start - 1].lower_ in titles)
        if 2 <= len(name) <= 4 and name[-1].lower_ in _BODY_WORDS and lead == 0 \
                and name.root.dep_ in ("nsubj", "nsubjpass"):
            found.append(Span(doc, name.start, name.end, label="ORG"))  # 'Norrhaven Motors'
            continue
        if not _looks_like_name(name):
            continue
        if titled or name.root.dep_ in ("appos", "nsubj", "nsubjpass"):
            found.append(Span(doc, name.start, name.end, label="PERSON"))
    return found


def find_entities(doc: Doc) -> list[Entity]:
    """Entities of ``doc`` in order of first mention, ids e1, e2, ..."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], Entity] = {}
    surnames: dict[str, Entity] = {}
    tails: dict[str, Entity] = {}
    by_name: dict[str, Entity] = {}
    org_tails = _BODY_WORDS | outlet_words()
    for ent in entity_spans(doc):
        if ent.label_ not in TYPES:
            continue
        name = _clean(ent.text)
        title = None
        label = ent.label_
        if " " in name and name.split()[0].lower() in _titles() and label in (
                "PERSON", "ORG", "GPE", "NORP") and all(w[:1].isupper() for w in name.split()) \
                and name.split()[-1].lower() not in _BODY_WORDS:  # 'General Staff' is a body
            title, name = name.split(" ", 1)  # 'General Sabine Roekel': a general named Roekel
            label = "PERSON"
        if not name:
            continue
        if label == "PERSON" and " " in name and name.split()[-1].lower() in _BODY_WORDS:
            label = "ORG"  # 'Norrhaven Motors' is no person
        key = (label, name.lower())
        entity = by_key.get(key)
        if entity is None and (label == "PERSON" or " " not in name):
            entity = surnames.get(name.lower())  # "Sorin" after "Arkady Sorin", whatever its label
        if entity is None and " " not in name:
            entity = tails.get(name.lower())  # "the Herald" after "the Harbour Herald"
        if entity is None and " " in name and label in ("ORG", "PERSON"):
            entity = by_name.get(name.lower())  # one name of two words: one entity, any label
        if entity is None:
            entity = Entity(id=f"e{len(entities) + 1}", name=name, type=label)
            entities.append(entity)
            by_key[key] = entity
            if label in ("ORG", "PERSON"):
                by_name.setdefault(name.lower(), entity)
        elif name != entity.name and name not in entity.aliases:
            entity.aliases.append(name)
        entity.mentions.append((ent.start_char, ent.end_char))
        _add_parenthesised_acronym(doc, ent, entity)
        last = name.split()[-1].lower()
        if entity.type == "ORG" and " " in name and last in org_tails:
            tails.setdefault(last, entity)
        if label == "PERSON":
            if " " in name:
                surnames.setdefault(name.split()[-1].lower(), entity)
            for role in (_title_before(ent), _apposition(ent), title and title.lower()):
                if role and role not in entity.roles:
                    entity.roles.append(role)
    _add_bare_surnames(doc, surnames)
    _add_repeated_names(doc, entities)
    return _merge_acronyms(entities)


def _add_repeated_names(doc: Doc, entities: list[Entity]) -> None:
    """Mentions of a name of two or more words the NER found once and missed elsewhere
    ("Norrhaven Motors" in the headline, not in the lead): the same words, capitalised as
    they are, where no entity is. One pass over the text, longer names first."""
    named = {e.name: e for e in entities if e.type in ("ORG", "PERSON") and " " in e.name}
    if not named:
        return
    names = sorted(named, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    taken = [span for ent in entities for span in ent.mentions]
    found = set()
    for match in pattern.finditer(doc.text):
        span = match.span()
        if not any(s < span[1] and span[0] < e for s, e in taken):
            named[match.group()].mentions.append(span)
            found.add(match.group())
    for name in found:
        named[name].mentions.sort()


def _add_bare_surnames(doc: Doc, surnames: dict[str, Entity]) -> None:
    """Mentions by surname alone that the NER missed ("Petrov also said")."""
    for tok in (doc[i] for i in indices_where(doc, LOWER, surnames)):
        entity = surnames.get(tok.lower_)
        if entity is None or tok.pos_ != "PROPN" or tok.ent_type_ in TYPES - {"PERSON"}:
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        if not any(s <= span[0] < e for s, e in entity.mentions):
            entity.mentions.append(span)
    for entity in surnames.values():
        entity.mentions.sort()


def _add_parenthesised_acronym(doc: Doc, ent: Span, entity: Entity) -> None:
    """'Ministry of Defence (MoD)': the acronym is an alias and a mention."""
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
        return
    acronym = doc[ent.end + 1]
    caps = sum(c.isupper() for c in acronym.text)
    if caps >= 2 and len(acronym.text) <= 8 and initials(entity.name) == "".join(
            c for c in acronym.text if c.isupper()):
        if acronym.text not in entity.aliases:
            entity.aliases.append(acronym.text)
        entity.mentions.append((acronym.idx, acronym.idx + len(acronym.text)))


def initials(name: str) -> str:
    """'Ministry of Defence' -> 'MD': the capitals an acronym is made of."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _merge_acronyms(entities: list[Entity]) -> list[Entity]:
    """'MoD' joins 'Ministry of Defence' when its capitals are the name's initials."""
    kept: list[Entity] = []
    for entity in entities:
        target = None
        if entity.type != "PERSON" and 2 <= len(entity.name) <= 6 and " " not in entity.name:
            caps = "".join(c for c in entity.name if c.isupper())
            target = next((k for k in kept if k.type == "ORG" and len(caps) >= 2
                           and initials(k.name) == caps), None)
        if target is None:
            kept.append(entity)
            continue
        if entity.name not in target.aliases:
            target.aliases.append(entity.name)
        target.mentions = sorted(set(target.mentions + entity.mentions))
    for number, entity in enumerate(kept, 1):
        entity.id = f"e{number}"
    return kept


@Language.factory("claimgraph_entities", assigns=["doc._.entities"])
def make_entities(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.entities = find_entities(doc)
        return doc

    return component
