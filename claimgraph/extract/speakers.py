"""Speaker resolution: pronouns, role nouns and organisation references to names.

"he" takes the latest person before it; "the governor" the latest person whose
role names a governor; "the ministry" or "the update" the latest organisation whose
name holds the noun, or the document's publisher for the document's own reports.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..lexicons import dateline_pattern, lexicon, outlet_words

from ..model import Entity, Speaker, Span
from .spans import QUOTES, SPACE_PUNCT, strip_span, text_of

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "his"}
GROUP_PRONOUNS = {"they", "we", "it", "them"}
_RELAY = lexicon("relay")
DOCUMENT_NOUNS = frozenset(_RELAY["document_nouns"])
CHANNEL_NOUNS = frozenset(_RELAY["channel_nouns"])  # 'a post on the Grey Bastion channel'
# Nouns naming who or what speaks: 'citing the ministry's office' names a source.
SOURCE_NOUNS = DOCUMENT_NOUNS | frozenset(_RELAY["source_nouns"])
OUTLET_NOUNS = frozenset(_RELAY["outlet_nouns"])
EVENT_NOUNS = frozenset(_RELAY["event_nouns"])
COMPANY_NOUNS = frozenset(_RELAY["company_nouns"])  # 'the company': the body named before
SPEAKING_VERBS = frozenset(_RELAY["speaking_verbs"])
_DETS = ("the ", "a ", "an ", "this ", "that ", "its ", "their ")
_UNNAMED = {"officials", "sources", "a source", "source", "an official", "official", "experts",
            "analysts", "witnesses", "residents", "local media", "reports", "observers", "critics"}


_APPOSED_NAME = re.compile(r",\s+(?P<name>(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)\s*[,.]")


class SpeakerResolver:
    """Resolves source spans of one document to entity names, left to right."""

    def __init__(self, doc: Doc, entities: list[Entity], publisher: str | None) -> None:
        self.doc = doc
        self.entities = entities
        self.publisher = publisher
        self.mentions = mentions_of(entities)
        self.last_speaker: Entity | None = None
        self.last_at: int | None = None
        self.plain: list[Entity] = []
        self.cache: dict[Span, Speaker] = {}

    def _entity_in(self, span: Span) -> Entity | None:
        """The entity a source phrase names: the name in apposition to its head ('the head
        of the office, Ilse Varga'), else the first person, else the first entity."""
        root = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if root is not None:
            for child in root.root.children:
                if child.dep_ == "appos" and (ent := self._entity_at(child.idx)) is not None:
                    return ent
        inside = [ent for s, e, ent in self.mentions if s >= span[0] and e <= span[1]
                  and ent.type in ("PERSON", "ORG", "GPE", "NORP")]
        persons = [ent for ent in inside if ent.type == "PERSON"]
        return (persons or inside or [None])[0]

    def _entity_at(self, char: int) -> Entity | None:
        for s, e, ent in self.mentions:
            if s <= char < e:
                return ent
        return None

    def _latest(self, before: int, types: tuple[str, ...]) -> Entity | None:
        found = None
        for s, _e, ent in self.mentions:
            if s >= before:
                break
            if ent.type in types:
                found = ent
        return found

    def _organisation_before(self, before: int) -> Entity | None:
        """The organisation the paragraph is about so far ('Drensk Steel will close its
        plant, the company said'): the first named as the subject of a clause."""
        text = text_of(self.doc)
        start = text.rfind("\n", 0, before) + 1
        dateline = dateline_pattern().match(text, start, min(len(text), start + 200))
        start = dateline.end() if dateline else start  # '(CWS)' is the wire, not the company
        return next((ent for s, e, ent in self.mentions
                     if start <= s < before and ent.type == "ORG" and self._is_subject(s, e)),
                    None)

    def _is_subject(self, start: int, end: int) -> bool:
        """Whether the mention at ``start:end`` is the subject of its clause."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
            head = head.head
        return head.dep_ in ("nsubj", "nsubjpass")

    def _by_role(self, noun: str, before: int, plural: bool = False) -> Entity | None:
        """The latest entity before ``before`` whose role or name holds ``noun``; else the
        first one after it (headlines name the role before the text names the person).
        A ``plural`` noun ('prosecutors') is no one person."""
        found = None
        for s, _e, ent in self.mentions:
            if ent.type == "PERSON" and plural:
                continue
            if ent.type == "PERSON":  # 'police' is no 'police spokesman': roles by their head
                names = [r.split(" of ")[0].split()[-1] for r in ent.roles if r.strip()]
            else:
                names = [ent.name, *ent.aliases]
            if any(noun in n.lower().split() for n in names):
                if s >= before:
                    return found or ent
                found = ent
        return found

    def _paragraph_subject(self, before: int) -> Entity | None:
        """The latest person named as a subject earlier in the paragraph ('Deputy Marta
        Ilvane said ... "...," she said'), outside quotations, of a main clause: in
        'Ferguson believes Henry caught Heinze ... "...," he said', Henry is the subject of
        what Ferguson believes, not of the paragraph."""
        text = text_of(self.doc)
        start = text.rfind("\n", 0, before) + 1
        found = None
        for s, _e, ent in self.mentions:
            if s >= before:
                break
            if s < start or ent.type != "PERSON" or _in_quotes(text, s):
                continue
            tok = self.doc.char_span(s, _e, alignment_mode="expand")
            if tok is None:
                continue
            head = tok.root
            while head.dep_ in ("compound", "appos", "flat", "conj") and head.head.i != head.i:
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass") and _main_clause(head.head):
                found = ent
        return found

    def _without_time(self, span: Span) -> Span:
        """'Lesovia on Monday' -> 'Lesovia': a time phrase after the speaker is no part of it."""
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if sp is None:
            return span
        for tok in sp:
            if tok.dep_ == "prep" and tok.i > sp.start and any(
                    t.ent_type_ in ("DATE", "TIME") for t in tok.subtree):
                return strip_span(text_of(self.doc), span[0], tok.idx)
        return span

    def _without_relative_clause(self, span: Span) -> Span:
        """'The institute, which is based in Eskeld' -> 'The institute': a clause that
        describes the speaker names no one else."""
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if sp is None:
            return span
        for tok in sp:
            if tok.dep_ == "relcl" and tok.head.i in range(sp.start, sp.end) \
                    and tok.left_edge.i > sp.start:
                cut = tok.left_edge.idx
                return strip_span(text_of(self.doc), span[0], cut, trail=SPACE_PUNCT)
        return span

    def _latest_outlet(self, before: int) -> Entity | None:
        return latest_outlet(self.doc, self.mentions, before)

    def _sentence_subject(self, at: int) -> Entity | None:
        """The entity that is the subject of the sentence holding ``at``."""
        tok = self.doc.char_span(at, at + 1, alignment_mode="expand")
        if tok is None:
            return None
        for t in tok.sent:
            if t.dep_ in ("nsubj", "nsubjpass") and t.idx < at:
                sub = list(t.subtree)
                ent = self._entity_in((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
                if ent is not None:
                    return ent
        return None

    def resolve(self, span: Span | None) -> Speaker:
        """The speaker a source span names; one span always names one speaker (the pieces
        of a quotation over several paragraphs share their introduction)."""
        if span is None:
            return Speaker(name=None)
        if span not in self.cache:
            self.cache[span] = self._resolve(span)
        return self.cache[span]

    def _resolve(self, span: Span) -> Speaker:
        span = strip_span(text_of(self.doc), *span, lead=SPACE_PUNCT + QUOTES,
                          trail=SPACE_PUNCT + QUOTES)
        dash = max(text_of(self.doc).rfind(" - ", *span), text_of(self.doc).rfind(" — ", *span))
        if dash >= 0:  # 'KARVEN, 4 May (Wire) - the minister': a dateline is no speaker
            span = strip_span(text_of(self.doc), dash + 3, span[1])
        span = self._without_relative_clause(self._without_time(span))
        text = text_of(self.doc)[span[0]:span[1]]
        root = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if root is not None and root.root.lower_ in ("who", "which", "that") \
                and root.root.head.dep_ == "relcl":
            head = root.root.head.head  # 'three workers, who said': the workers
            return self.resolve((head.left_edge.idx, head.idx + len(head.text)))
        root_tok = root.root if root is not None else None
        lower = text.lower().strip()
        entity: Entity | None = None
        if root_tok is not None and root_tok.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if root_tok.lower_ in PERSON_PRONOUNS:
                same_paragraph = self.last_at is not None and "\n" not in text_of(self.doc)[
                    self.last_at:span[0]]
                entity = self._paragraph_subject(span[0]) or (
                    self.last_speaker if same_paragraph else None) or (
                    self.last_speaker if self.last_speaker and self.last_speaker.type == "PERSON"
                    else self._latest(span[0], ("PERSON",)))
            elif root_tok.lower_ == "we" and self.publisher \
                    and not _in_quotes(text_of(self.doc), span[0]):
                # the document's own voice
                return Speaker(name=self.publisher, text=text, span=span)
            else:
                entity = self.last_speaker or self._latest(span[0], ("ORG",))
        elif root_tok is not None and (entity := self._entity_at(root_tok.idx)) is not None:
            pass
        elif root_tok is not None and root_tok.pos_ == "NOUN" and lower not in _UNNAMED:
            head = root_tok.lemma_.lower()
            named = self._trailing_name(span)
            if named is not None:  # 'the head of the service, Brigadier Nils Oberg'
                return self.resolve(named)
            if head in DOCUMENT_NOUNS and (owner := _possessor(root)) is not None:
                return self.resolve(owner)  # "the ministry's post": the ministry
            if head in DOCUMENT_NOUNS and (maker := _maker(root)) is not None:
                return self.resolve(maker)  # 'a statement from the ministry's press service'
            if head in DOCUMENT_NOUNS and any(c.dep_ == "poss" for c in root.root.children):
                entity = self._sentence_subject(span[0]) or self._latest(span[0], ("ORG",))
                if entity is not None:  # 'according to its report': the body it is of
                    self.last_speaker, self.last_at = entity, span[0]
                    return Speaker(name=entity.name, text=text, span=span, entity=entity.id)
            inside = self._entity_in(span)
            if inside is not None and _only_modifies(root, inside, self.doc):
                # "Dalmarian military intelligence", not "Dalmarian"
                entity = self._by_role(head, span[0], root_tok.tag_ == "NNS")
                if entity is not None and _shares_stem(entity.name, inside.name):
                    pass
                elif head in COMPANY_NOUNS and \
                        (company := self._organisation_before(span[0])) is not None:
                    entity = company  # 'the Kaldoran carmaker': the company the paragraph is about
                else:
                    return self._plain(text, span)
            elif inside is None and head in OUTLET_NOUNS:
                entity = self._latest_outlet(span[0])
            by_role = self._by_role(head, span[0], root_tok.tag_ == "NNS")
            if by_role is not None and not _description_fits(root, by_role):
                by_role = None  # 'the Drunian foreign minister' is not 'Prime Minister X'
            entity = entity or inside or by_role or self._described(root, span[0]) \
                or self._named_before(head) or (self._organisation_before(span[0])
                                                if head in COMPANY_NOUNS else None)
            if entity is None and head in DOCUMENT_NOUNS:
                owner = self._document_owner(root.root)
                if owner is not None:  # 'published its assessment ... The assessment says'
                    return self.resolve(owner)
                entity = self.last_speaker
                if entity is None and self.publisher:
                    return Speaker(name=self.publisher, text=text, span=span)
        else:
            entity = self._entity_in(span)
            if entity is not None and root is not None and _only_modifies(root, entity, self.doc):
                return self._plain(text, span)  # "Estrava's Foreign Intelligence Bureau"
        if entity is not None:
            self.last_speaker = entity
            self.last_at = span[0]
            return Speaker(name=entity.name, text=text, span=span, entity=entity.id or None)
        return self._plain(text, span)

    def _described(self, root: SpacySpan, before: int) -> Entity | None:
        """'the senior customs official': the person named before whose known role shares
        the description's telling words ('deputy head of the Customs Service')."""
        generic = {"official", "senior", "spokesman", "spokeswoman", "spokesperson", "source",
                   "officer", "member", "representative", "person", "man", "woman"}
        if root.root.lower_ not in generic | set(lexicon("relay")["titles"]):
            return None  # 'state media' describes no person
        words = {stem(t.text) for t in root if t.pos_ in ("NOUN", "PROPN", "ADJ")
                 and t.lower_ not in generic and t.i != root.root.i}
        if not words:
            return None
        best, best_score = None, 0
        for s, _e, ent in self.mentions:
            if s >= before:
                break
            if ent.type != "PERSON":
                continue
            known = word_stems(" ".join(ent.roles))
            score = len(words & known)
            if score >= best_score and score > 0 and _description_fits(root, ent):
                best, best_score = ent, score
        return best

    def _trailing_name(self, span: Span) -> Span | None:
        """A name in apposition right after a role phrase the parse left outside it."""
        match = _APPOSED_NAME.match(text_of(self.doc), span[1])
        if match is None:
            return None
        start, end = match.span("name")
        person = next(((s, e) for s, e, ent in self.mentions
                       if start <= s < end and ent.type == "PERSON"), None)
        return person

    def _document_owner(self, noun: Token) -> Span | None:
        """The subject of the verb whose object the same document noun was earlier."""
        for tok in reversed(self.doc[:noun.i]):
            if tok.lemma_ == noun.lemma_ and tok.dep_ in ("dobj", "nsubjpass") \
                    and tok.i < noun.sent.start + 1 and tok.sent.start >= noun.sent.start - 60:
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    sub = list(subj.subtree)
                    return sub[0].idx, sub[-1].idx + len(sub[-1].text)
        return None

    def _plain(self, text: str, span: Span) -> Speaker:
        """A speaker no entity names: its own words, remembered so that 'the bureau' later
        finds "Estrava's Foreign Intelligence Bureau"."""
        name = plain_name(text)
        known = next((p for p in self.plain if p.name == name), None)
        capitalised = any(w[:1].isupper() for w in name.split())
        if known is None and name.lower() not in _UNNAMED and capitalised:
            known = Entity(id="", name=name, type="SPEAKER")
            self.plain.append(known)
        if known is not None:
            self.last_speaker, self.last_at = known, span[0]
        return Speaker(name=name, text=text, span=span)

    def _named_before(self, noun: str) -> Entity | None:
        """The latest unnamed-by-entity speaker whose words hold ``noun`` ('the bureau')."""
        for known in reversed(self.plain):
            if noun in known.name.lower().split():
                return known
        return None


def _main_clause(verb: Token) -> bool:
    """Whether ``verb`` heads its sentence, a clause joined to the head by 'and', or what a
    report after it says ('Vessel made the remarks on Sunday, KarsInform said'): not the
    complement of a verb before it ('Ferguson believes Henry caught ...')."""
    while verb.head.i != verb.i and (verb.dep_ == "conj" or verb.dep_ in ("ccomp", "parataxis")
                                     and verb.head.i > verb.i):
        verb = verb.head
    return verb.dep_ == "ROOT"


def latest_outlet(doc: Doc, mentions: list[tuple[int, int, Entity]],
                  before: int) -> Entity | None:
    """'the newspaper reported': the latest news outlet named before ``before``, known by
    its name or by the words just before it ('the state news agency OSNA')."""
    words = outlet_words()
    found = None
    for s, _e, ent in mentions:
        if s >= before:
            break
        lead = text_of(doc)[max(0, s - 30):s]
        lead_words = [] if lead.rstrip().endswith((",", ".", ";", ":")) else \
            lead.lower().split()[-2:]
        if ent.type == "ORG" and words & set(ent.name.lower().split() + lead_words):
            found = ent
    return found


def mentions_of(entities: list[Entity]) -> list[tuple[int, int, Entity]]:
    return sorted(((s, e, ent) for ent in entities for s, e in ent.mentions),
                  key=lambda m: (m[0], m[1]))


def _maker(root: SpacySpan) -> Span | None:
    """Whom a document noun is from: 'a statement from the ministry', 'a report by the
    audit chamber', 'a post published on the Grey Bastion channel' (a channel or a name
    after 'on', never a date)."""
    head = root.root
    for tok in (head, *(c for c in head.children if c.dep_ == "acl")):
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ in ("DATE", "TIME") or prep.lower_ not in (
                    "from", "by", "on") or prep.lower_ == "on" and not (
                    obj.lemma_.lower() in CHANNEL_NOUNS or obj.pos_ == "PROPN"):
                continue
            sub = list(obj.subtree)
            return sub[0].idx, sub[-1].idx + len(sub[-1].text)
    return None


def _possessor(root: SpacySpan) -> Span | None:
    owner = next((c for c in root.root.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ in ("its", "their", "his", "her"):
        return None
    sub = [t for t in owner.subtree if t.dep_ != "case"]
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _only_modifies(root: SpacySpan, entity: Entity, doc: Doc) -> bool:
    """Whether ``entity`` only qualifies the phrase ('Dalmarian' in 'Dalmarian military
    intelligence', 'Drunia' in "Drunia's interior ministry", 'Pellin' in 'the embassy in
    Pellin'): a place or people, the phrase's head no part of it."""
    head = root.root
    if any(s <= head.idx < e for s, e in entity.mentions) or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if entity.type in ("NORP", "GPE", "LOC"):
        return True
    # "Drunia's interior ministry", "the Dornach regional police department"
    inside = [t for t in root if any(s <= t.idx < e for s, e in entity.mentions)]
    if inside and all(_where(t, head) for t in inside):
        return True  # "police in Tarsk": a place, whatever type the tagger gave the name
    return bool(inside) and all(t.dep_ in ("amod", "compound", "nmod", "poss", "case", "det")
                                or t.head.i in {u.i for u in inside} for t in inside)


_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across"})


def _where(t: Token, head: Token) -> bool:
    """Whether ``t`` is (part of) the object of a place preposition on ``head``."""
    x = t
    while x.dep_ in ("compound", "flat") and x.head is not x:
        x = x.head
    return x.dep_ == "pobj" and x.head.lower_ in _PLACE_PREPOSITIONS and x.head.head.i == head.i


STEM = 5  # a word's first letters stand for it: 'Altherian' ~ 'Altheria', 'monitors' ~ 'Monitoring'


def stem(word: str) -> str:
    return word.lower()[:STEM]


def word_stems(text: str) -> frozenset[str]:
    """The stems of a name's or role's words, without 'of', 'the' and 'and'."""
    return frozenset(stem(w) for w in re.findall(r"\w+", text) if w.lower() not in
                     ("of", "the", "and"))


def _description_fits(root: SpacySpan, entity: Entity) -> bool:
    """Whether the capitalised modifiers of a description ('Drunian' in 'the Drunian
    foreign minister') appear in what is known of the entity."""
    known = " ".join([entity.name, *entity.aliases, *entity.roles]).lower()
    stems = word_stems(known)
    marks = [t for t in root if t.i != root.root.i and t.is_title and t.i > root.start
             or t.i == root.start and t.is_title and t.lower_ not in ("the", "a", "an")
             and t.pos_ in ("ADJ", "PROPN")]
    return all(stem(t.text) in stems for t in marks if t.i != root.root.i)


def _shares_stem(a: str, b: str) -> bool:
    return any(stem(w) == stem(v) for w in a.split() for v in b.split() if len(v) > 4)


def plain_name(text: str) -> str:
    """A speaker's own words as its name: no article, no trailing clause ('..., which is
    based in Eskeld'); a name in apposition wins ('governor of Tesmar, Alina Rudova')."""
    name = text.strip().strip("\"'“”,")
    if ", " in name:
        head, _sep, last = name.partition(", ")
        words = last.split()
        if 1 < len(words) <= 4 and all(w[:1].isupper() for w in words):
            return last
        name = head
    for det in _DETS:
        if name.lower().startswith(det) and name.lower() not in _UNNAMED:
            name = name[len(det):]
            break
    words = name.split()
    for i in range(len(words) - 1, 0, -1):  # 'state news agency OSNA': OSNA
        if words[i - 1] in OUTLET_NOUNS | {"weekly", "magazine", "broadcaster"} and all(
                w[:1].isupper() for w in words[i:]):
            return " ".join(words[i:])
    return name


def _in_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` sits inside a quotation opened earlier in its paragraph."""
    para = text[text.rfind("\n", 0, pos) + 1:pos]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1
