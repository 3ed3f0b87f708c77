"""Who speaks: the name a Slavic speaker phrase stands for, in the nominative ('по словам
Ивана Петрова' -> 'Иван Петров'), resolved across the document in text order (``Resolver``).

A person named in the phrase stands for the whole phrase, a surname for the full name
found in the document, a role ('губернатор') for the person last named with that role (by
any reading of the word: 'голови' is also 'голова'; 'голови ОДА' when that is how the
person was introduced), an epithet no one was introduced with ('поліцейський',
'посадовиця', 'очільник області') for the last speaker of its gender, a pronoun ('он',
'вона', 'тя') for the last speaker of its gender (or for a person of that gender named
since the last statement, outside its content), 'который' for the person or body named
before it in its sentence. An abbreviated ministry ('МЗС', 'МВнР') is named in full, an
abbreviation after a body noun as the document names the body ('пресслужба МВС'); a bare
outlet noun ('агентство', 'видання') is the outlet named before with one, and an outlet's
interlocutor ('собеседник газеты') the source it cited. A statement noun or a bare body
noun ('в сводке министерства', 'предприятие') is the body the text is about, and after an
impersonal cue the body named in the genitive speaks ('йдеться в зведенні Міністерства
оборони')."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...model import Entity, Speaker
from ..lemmas import analyser, lemma
from ..spans import Char, text_of
from .found import Found, inside
from .names import nominative
from .outlets import expand_abbreviation, outlet_before, spelled_out
from .speaker_phrases import boundary
from .speaker_words import (count_word, epithet_of, full_article, noun_forms, role_of,
                            statement_nouns)
from .speech_words import ABBREVIATION, OBLIQUE, RELATIVES, SpeechWords


@dataclass
class Resolver:
    doc: Doc
    lex: SpeechWords
    entities: list[Entity]
    publisher: str
    by_role: dict[str, str] = field(default_factory=dict)
    role_words: dict[str, set[str]] = field(default_factory=dict)  # role -> its description
    last: dict[str, str] = field(default_factory=dict)  # gender -> name
    genders: dict[str, str] = field(default_factory=dict)
    cited: str | None = None  # the source an outlet cited last ('со ссылкой на ...')
    contents: list[Char] = field(default_factory=list)  # every statement's content
    said_to: int = 0  # where the statement resolved last ends

    def __post_init__(self) -> None:
        # 'мэр Тарвеля Семён Кольцов': a role named right before a person is that person's
        for entity in self.entities:
            if entity.type != "PERSON":
                continue
            for s, _e in entity.mentions:
                span = self.doc.char_span(s, s + 1, alignment_mode="expand")
                if span is None:
                    continue
                start = max(span.sent.start, span.start - 5)
                for tok in self.doc[start:span.start]:
                    between = self.doc[tok.i + 1:span.start]
                    if tok.lemma_ in self.lex.roles and tok.lemma_ not in self.lex.sources \
                            and not any(boundary(t) or t.lemma_ in self.lex.verbs
                                        for t in between):
                        # 'мэр Тарвеля Семён Кольцов'; not 'Источник утверждает, что ...
                        # Вережникова': an unnamed source is nobody named
                        self.by_role.setdefault(tok.lemma_, entity.name)
                        if self.by_role[tok.lemma_] == entity.name:
                            self.role_words.setdefault(tok.lemma_, set()).update(
                                t.lemma_ for t in between)
                        for part in tok.lemma_.split("-")[:-1]:  # 'прем'єр-міністр': 'прем'єр'
                            if part in self.lex.roles:
                                self.by_role.setdefault(part, entity.name)

    def entity_at(self, tokens: list[Token], types: tuple[str, ...]) -> Entity | None:
        """The first entity of ``types`` named in ``tokens``; a full name before a single
        word ('Ректор Лісового університету Іван Бондар': the adjective read as a surname
        gives way to the name the role phrase ends with)."""
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        best = None
        for entity in self.entities:
            if entity.type not in types:
                continue
            for s, e in entity.mentions:
                key = (" " not in entity.name, s)
                if start <= s and e <= end and (best is None or best[1] > key):
                    best = (entity, key)
        return best[0] if best else None

    def gender(self, words: list[str]) -> str:
        """'m' or 'f': the grammatical gender of a name or role phrase's first noun."""
        morph = analyser(self.lex.language)
        if morph is not None:
            for word in words:
                parses = morph.parse(word)
                # names are remembered in the nominative: read them so ('Мирослава')
                for p in sorted(parses, key=lambda p: p.tag.case != "nomn"):
                    if "Fixd" in p.tag and "Surn" in p.tag:
                        continue  # 'Савчук', 'Бойчук': an indeclinable surname is either's
                    if p.tag.gender in ("masc", "femn") and (
                            "Name" in p.tag or "Surn" in p.tag or p.tag.POS == "NOUN"):
                        return "m" if p.tag.gender == "masc" else "f"
        last = words[-1].lower() if words else ""
        return "f" if last.endswith(("ова", "ева", "ина", "ская", "ска", "ая", "а", "я")) else "m"

    def resolve(self, f: Found) -> Speaker:
        tokens = f.speaker
        if not tokens:
            return Speaker(name=None)
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        text = text_of(self.doc)[span[0]:span[1]]
        if len(tokens) == 1 and tokens[0].lower_ in self.lex.pronouns:
            gender = self.lex.pronouns[tokens[0].lower_]
            name = self.last.get(gender) or (self.last.get("any") if gender == "p" else None)
            newer = self._person_before(tokens[0], gender, after=self.said_to) \
                if gender in ("m", "f") else None
            if newer is not None and newer.name != name:
                # 'Директор Олег Прудников оказался осторожнее. По его словам, ...': a person
                # of that gender named, outside any statement, since the last statement
                name = newer.name
                self._remember(name, name.split())
            if name is None and gender in ("m", "f"):
                # 'Говорителят Мирослав Дичев отрече ... „...“, каза той': no speaker of
                # that gender yet, so the person of that gender named last before
                person = self._person_before(tokens[0], gender)
                if person is not None:
                    name = person.name
                    self._remember(name, name.split())
            return Speaker(name=name, text=text, span=span, entity=self.entity_id(name))
        if tokens[0].lower_ in RELATIVES:
            antecedent = self._before(tokens[0])
            if antecedent is not None:
                self._remember(antecedent.name, antecedent.name.split()[:1],
                               person=antecedent.type == "PERSON")
                return Speaker(name=antecedent.name, text=text, span=span, entity=antecedent.id)
        person = self.entity_at(tokens, ("PERSON",)) or self._by_surname(tokens)
        org = self.entity_at(tokens, ("ORG",))
        lemmas = [t.lemma_ for t in tokens]
        if person is None and lemmas[0] in self.lex.sources and self.cited \
                and all(t.lemma_ in self.lex.outlets for t in tokens[1:]):
            # 'Источник утверждает', 'Співрозмовники газети': the source the outlet cited
            return Speaker(name=self.cited, text=text, span=span,
                           entity=self.entity_id(self.cited))
        if len(tokens) == 1 and lemmas[0] in self.lex.outlets:
            outlet = outlet_before(self.doc, self.entities, tokens[0], self.lex)
            if outlet is not None:  # 'агентство' for 'агентство «Норд-Инфо»' named before
                return Speaker(name=outlet.name, text=text, span=span, entity=outlet.id)
        if person is None and (noun_forms(tokens[0], self.lex) & statement_nouns(
                self.lex.language) or (
                len(tokens) == 1 and lemmas[0] in self.lex.bodies and tokens[0].is_lower)):
            # 'в сводке министерства', 'предприятие': the body the document is about
            body = self.body_of(f)
            if body is not None:
                return Speaker(name=body.name, text=text, span=span, entity=body.entity)
        role = role_of(tokens[0], self.lex)
        if person is None and role in self.by_role and len(tokens) > 1 and all(
                t.lemma_ in self.role_words.get(role, ()) for t in tokens[1:]):
            # 'За словами голови ОДА' after 'Голова ОДА Мирон Ткаченко': the role described
            # as when the person was named is that person, though it names a body too
            person = next((e for e in self.entities if e.name == self.by_role[role]), None)
        epithet = epithet_of(tokens[0], self.lex)
        if person is None and org is None and epithet and epithet not in self.by_role \
                and len(tokens) <= 4:
            # '— сказав поліцейський', 'написала посадовиця': no one was introduced so;
            # the last person of the noun's gender who spoke
            earlier = self.last.get(self.gender([tokens[0].text]))
            person = next((e for e in self.entities if e.name == earlier
                           and e.type == "PERSON"), None)
        if person is not None:
            name = person.name
            for lm in lemmas:
                if lm in self.lex.roles:
                    self.by_role[lm] = name
        elif org is not None and expand_abbreviation(self.entities, [t.text for t in tokens],
                                                     self.lex):
            name = expand_abbreviation(self.entities, [t.text for t in tokens],
                                       self.lex) or ""  # 'За даними МЗС'
        elif org is not None and not (role_of(tokens[0], self.lex) and tokens[0].i < self._first(
                org)):
            name = self._phrase(tokens, f.oblique, org)
        elif role_of(tokens[0], self.lex) in self.by_role and len(tokens) <= 5:
            name = self.by_role[role_of(tokens[0], self.lex)]
        else:
            name = self._phrase(tokens, f.oblique, None)
        self._remember(name, name.split() if person is not None else [tokens[0].text],
                       person=person is not None or lemmas[0] in self.lex.roles)
        return Speaker(name=name, text=text, span=span, entity=self.entity_id(name))

    def _by_surname(self, tokens: list[Token]) -> Entity | None:
        """'Ремезов' for 'Павел Ремезов' named earlier."""
        names = {t.lemma_ for t in tokens if t.text[:1].isupper()}
        for entity in self.entities:
            if entity.type == "PERSON" and " " in entity.name and lemma(
                    entity.name.split()[-1], self.lex.language) in names:
                return entity
        return None

    def _person_before(self, tok: Token, gender: str, after: int = -1) -> Entity | None:
        """The person of ``gender`` with a full name mentioned last before ``tok`` (with
        ``after``: past that position and outside every statement's content)."""
        best = None
        for entity in self.entities:
            if entity.type != "PERSON" or " " not in entity.name or self.gender(
                    entity.name.split()) != gender:
                continue
            for s, _e in entity.mentions:
                if after >= 0 and (s < after or inside(s, self.contents)):
                    continue
                if s < tok.idx and (best is None or s > best[0]):
                    best = (s, entity)
        return best[1] if best else None

    def _before(self, tok: Token) -> Entity | None:
        """The person or body named last before ``tok`` in its sentence ('..., который')."""
        best = None
        for entity in self.entities:
            if entity.type not in ("PERSON", "ORG"):
                continue
            for s, e in entity.mentions:
                if tok.sent.start_char <= s and e <= tok.idx and (best is None or e > best[0]):
                    best = (e, entity)
        return best[1] if best else None

    def body_of(self, f: Found) -> Speaker | None:
        """The body that '..., говорится в заявлении' speaks for: the first named in the
        content, else the last named before the cue."""
        orgs = [(s, e, ent) for ent in self.entities if ent.type == "ORG"
                for s, e in ent.mentions]
        text = text_of(self.doc)
        within = sorted(m for m in orgs if inside(m[0], f.content))
        before = sorted(m for m in orgs if f.cue is not None and m[1] <= f.cue[0])
        # 'йдеться в зведенні Міністерства оборони': the body whose document it is, in the
        # genitive a few words after the cue
        after = sorted(m for m in orgs if f.cue is not None and f.cue[1] <= m[0]
                       and not inside(m[0], f.content)
                       and re.fullmatch(r"\s+(?:[^\W\d_]+\s+){0,4}", text[f.cue[1]:m[0]]))
        pick = after[0] if after else within[0] if within else before[-1] if before else None
        if pick is None:
            return None
        entity = pick[2]
        name = entity.name
        if self.lex.language != "bg":  # named as it was first met: 'Міністерства оборони'
            name = " ".join(nominative(name.split(), self.lex.language, OBLIQUE))
        self._remember(name, [name.split()[0]], person=False)
        return Speaker(name=name, text=text[pick[0]:pick[1]], span=(pick[0], pick[1]),
                       entity=entity.id)

    def _first(self, entity: Entity) -> int:
        span = self.doc.char_span(*entity.mentions[0], alignment_mode="expand")
        return span.start if span is not None else 0

    def _phrase(self, tokens: list[Token], oblique: bool, org: Entity | None) -> str:
        if org is not None:
            s, e = next((s, e) for s, e in org.mentions
                        if tokens[0].idx <= s and e <= tokens[-1].idx + len(tokens[-1].text))
            head = self.doc.char_span(s, e, alignment_mode="expand")
            lead = tokens[0]
            quoted = head is not None and head.start > 0 and self.doc[head.start - 1].text in (
                "«", "„", "“", '"')
            if head is not None and (quoted or not (lead.text[:1].islower() and (
                    lead.lemma_ in self.lex.bodies or lead.lemma_ in self.lex.roles
                    or count_word(lead, self.lex)))):
                # else 'пресс-служба Минобороны', 'двох високопосадовців Міністерства
                # фінансів': the whole phrase
                tokens = list(head)
        words = [t.text for t in tokens]
        first = tokens[0].i
        if first > 0 and self.doc[first - 1].lower_ in self.lex.prepositions and tokens[0].is_lower:
            oblique = True  # 'сообщили в областном управлении'
        if oblique and self.lex.language == "bg":
            words[:1] = [full_article(tokens[0], self.lex)]
        elif oblique:  # 'областного управления по ...': adjectives and head noun
            words = nominative(words, self.lex.language, OBLIQUE)
        if self.lex.language != "bg":  # 'пресслужба МВС': the body's full name, as named
            words = [spelled_out(self.doc, self.entities, w, self.lex)
                     if k > 0 and ABBREVIATION.match(w) else w for k, w in enumerate(words)]
        text = " ".join(words)
        return re.sub(r"\s+([,.])", r"\1", text)

    def _remember(self, name: str, words: list[str], person: bool = True) -> None:
        if not person:  # a body is 'они', 'вони', 'те', never 'он' or 'она'
            self.last["p"] = self.last["any"] = name
            return
        gender = self.genders.get(name) or self.gender(words)
        self.genders[name] = gender
        self.last[gender] = name
        self.last["any"] = name

    def entity_id(self, name: str | None) -> str | None:
        if name is None:
            return None
        for entity in self.entities:
            if entity.name == name or name in entity.aliases:
                return entity.id
        return None
