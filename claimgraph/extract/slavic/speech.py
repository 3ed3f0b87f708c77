"""Statements in Russian, Ukrainian and Bulgarian text: speaker, cue with stance, content.

Reporting verbs are found by lemma (``slavic_cues.json``), so every inflected form counts
('заявил', 'заявила', 'заявили', 'заявив', 'заяви'). The shapes read:

* a quotation and its cue: '«...», — заявил губернатор.', 'Министърът заяви: „...“';
* a cue and its clause: 'Губернатор заявил, что ...', 'Міністр повідомив, що ...',
  'Говорителят каза, че ...';
* a cue clause around its content: 'Как заявил губернатор, ...', '..., сообщил он.',
  '..., — заяви министърът.';
* dash dialogue: '— Мы не отступим, — сказал он. — ...';
* 'according to': 'По словам губернатора, ...', 'За даними штабу, ...', 'Според
  министъра ...', and the same after the content;
* 'This was stated by ...' ('Об этом заявил ...', 'Про це повідомив ...', 'Това заяви
  ...'): the content is the sentence before.

The speaker is the noun phrase next to the cue, in the nominative ('по словам Ивана
Петрова' -> 'Иван Петров'); a person named in it stands for the whole phrase, a surname
for the full name found in the document, a role ('губернатор') for the person last named
with that role (by any reading of the word: 'голови' is also 'голова'; 'голови ОДА' when
that is how the person was introduced), an epithet no one was introduced with
('поліцейський', 'посадовиця', 'очільник області') for the last speaker of its gender, a
pronoun ('он', 'вона', 'тя') for the last speaker of its gender (or
for a person of that gender named since the last statement, outside its content). A
phrase runs to its head noun and past it through a body's field ('управление по
чрезвычайным ситуациям'), an unnamed source's place ('джерело в міністерстві') and, in
Bulgarian, adjectives after 'на' ('на външните работи'); an abbreviated ministry ('МЗС',
'МВнР') is named in full; a bare outlet noun ('агентство', 'видання') is the outlet named
before with one, and an outlet's interlocutor ('собеседник газеты') the source it cited. 'со
ссылкой на', 'з посиланням на', 'позовавайки се на' split a relaying source from the one
it cites: the cited one speaks, the relaying one is a ``via`` hop ('цитиран от' the other
way round; '..., которая ссылается на ...' adds a hop), and a statement reported inside
another's content has the outer speaker as a hop too; so is the outlet spoken to ('в
интервью телеканалу «...»'; a bare 'газеті' is the newspaper named before, after the hops
it came through), unless it is the publisher. A body in a prepositional phrase before a
plural cue speaks ('у відомстві зазначили'), an abbreviation after a body noun is spelled
out as the document names the body ('пресслужба МВС'), and after an impersonal cue the
body named in the genitive speaks ('йдеться в зведенні Міністерства оборони'). A cue in
the future tense ('прокоментує') and a phrase with no nominative reading before a cue
('організаторам повідомили') give no statement. ``said_on`` is a
date in the cue's sentence outside the content, else the date of the statement it
continues; a report after its content with no date of its own takes the day of the
event it reports ('МЗС у понеділок викликало посла, повідомив речник'). Sentences in the
publisher's own voice that carry an estimate are
``assessment`` statements.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...model import Content, Cue, Entity, Speaker, Statement
from ..lemmas import analyser, lemma
from ..spans import strip_span, text_of
from .names import nominative
from .quotes import quotations
from .words import alternation, bg_adjective, cue_verbs, lemma_set, part

Char = tuple[int, int]
TRIM = " \t\n,;:—–-"
OBLIQUE = ("gent", "accs", "datv", "ablt", "loct")
ABBREVIATION = re.compile(r"^[А-ЯЁІЇЄҐ](?:[А-ЯЁІЇЄҐ]|[а-яёіїєґ](?=[А-ЯЁІЇЄҐ])){1,5}$")
JOINERS = frozenset({"на", "по", "и", "і", "й", "та", "з"})
RELATIVES = frozenset({"который", "которая", "которое", "которые", "який", "яка", "яке", "які",
                       "който", "която", "което", "които"})


def statement_nouns(language: str) -> frozenset[str]:
    return lemma_set("cues", "statement_nouns", language)
_TERMINAL = ".!?…"


@dataclass
class _Found:
    content: list[Char]
    cue: Char | None
    cue_text: str
    cue_lemma: str
    stance: str
    speaker: list[Token]
    oblique: bool = False
    via: list[str] = field(default_factory=list)
    relayed: list[Token] = field(default_factory=list)
    between: list[Token] = field(default_factory=list)  # a hop after ``relayed``
    onward: Char | None = None  # the relative clause naming ``between``'s own source
    previous: bool = False  # 'Об этом заявил ...': the content was the sentence before
    impersonal: bool = False  # '..., говорится в заявлении': the body the text is about
    headline: bool = False


@dataclass(frozen=True)
class _Lex:
    language: str
    verbs: dict[str, str]
    according: dict[str, str]
    according_re: re.Pattern[str]
    according_pronoun_re: re.Pattern[str]
    according_pronoun: dict[str, str]
    citing_re: re.Pattern[str]
    citing_on_re: re.Pattern[str]
    cited_by_re: re.Pattern[str]
    complementizers: frozenset[str]
    as_words: frozenset[str]
    this_was_re: re.Pattern[str]
    roles: frozenset[str]
    bodies: frozenset[str]
    pronouns: dict[str, str]
    skip: frozenset[str]
    honorifics: frozenset[str]
    body_prepositions: tuple[tuple[str, ...], ...]
    outlets: frozenset[str]
    sources: frozenset[str]
    epithets: frozenset[str]
    attachments: frozenset[str]
    abbreviations: dict[str, str]
    stops: frozenset[str]
    prepositions: frozenset[str]
    impersonal_re: re.Pattern[str]
    told_re: re.Pattern[str]
    relaying: frozenset[str]


@cache
def _lex(language: str) -> _Lex:
    cues = part("cues", language)
    speakers = part("speakers", language)
    according = {" ".join(k.lower().split()): v for k, v in cues["according_to"].items()}
    prepositions = part("dates", language)["prepositions"]
    stops = set(cues["complementizers"]) | set(cues["as"]) | {"и", "а", "но", "і", "й", "та",
                                                              "але", "и", "но", "не", "ни"}
    possessives = cues["possessives"]
    pron = alternation(possessives)
    by_pronoun = {" ".join(k.lower().split()): v for k, v in cues["according_to_pronoun"].items()}
    pronoun_phrases = "|".join(
        re.escape(k).replace(r"\ ", r"\s+").replace(r"\{p\}", rf"(?P<p{i}>{pron})")
        for i, k in enumerate(sorted(by_pronoun, key=len, reverse=True)))
    return _Lex(
        language=language,
        verbs=cue_verbs(language),
        according=according,
        according_re=re.compile(rf"(?<![\w-])(?:{alternation(according)})(?![\w-])", re.I),
        according_pronoun_re=re.compile(rf"(?<![\w-])(?:{pronoun_phrases})(?![\w-])", re.I),
        according_pronoun=by_pronoun,
        citing_re=re.compile(rf"(?<![\w-])(?:{alternation(cues['citing'])})(?![\w-])", re.I),
        cited_by_re=re.compile(rf"(?<![\w-])(?:{alternation(cues['cited_by'])})(?![\w-])", re.I),
        citing_on_re=re.compile(
            rf",\s*(?P<rel>{alternation(RELATIVES)})(?![\w-])[^.!?;:«»„“]{{0,40}}?"
            rf"(?<![\w-])(?:{alternation(cues['citing_on'])})(?![\w-])\s*", re.I),
        complementizers=frozenset(cues["complementizers"]),
        as_words=frozenset(cues["as"]),
        this_was_re=re.compile(rf"^\s*(?:{alternation(cues['this_was'])})(?![\w-])", re.I),
        roles=lemma_set("speakers", "roles", language),
        bodies=lemma_set("speakers", "bodies", language),
        pronouns={k.lower(): v for k, v in {**possessives, **speakers["pronouns"]}.items()},
        skip=frozenset(speakers["skip"]) | frozenset(prepositions),
        honorifics=frozenset(w.lower() for w in speakers["honorifics"]),
        body_prepositions=tuple(tuple(p.split()) for p in speakers["body_prepositions"]),
        outlets=lemma_set("speakers", "outlets", language),
        sources=lemma_set("speakers", "sources", language),
        epithets=lemma_set("speakers", "epithets", language),
        attachments=frozenset(speakers["attachments"]),
        abbreviations=dict(speakers["abbreviations"]),
        stops=frozenset(stops | {"этом", "том", "этого", "цьому", "тому", "цього", "това", "тази"}),
        prepositions=frozenset(w for w in speakers["prepositions"] if " " not in w),
        impersonal_re=re.compile(rf"(?<![\w-])(?:{alternation(cues['impersonal'])})(?![\w-])",
                                 re.I),
        relaying=frozenset(w.lower() for w in cues["relaying"]),
        told_re=re.compile(
            rf"(?<![\w-])(?:{alternation(cues['told'])})(?:\s+(?:{alternation(cues['told'])}))?"
            r"\s+(?:(?P<quoted>«[^»\n]{1,60}»|„[^“\n]{1,60}“|\"[^\"\n]{1,60}\")"
            r"|(?P<named>[A-ZА-ЯЁІЇЄҐ][\w-]*(?:\s+(?:\d+|[A-ZА-ЯЁІЇЄҐ][\w-]*))*)"
            r"|(?P<phrase>[^\W\d_]+(?:\s+[^\W\d_]+)?))", re.I),
    )


# ----------------------------------------------------------------- noun phrases by the cue

def _inside(pos: int, spans: list[Char]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _boundary(tok: Token) -> bool:
    return tok.is_punct and tok.text not in ("-", "'", "’", ".") or tok.is_space \
        or "\n" in tok.text


def _speaker_before(doc: Doc, cue: Token, lex: _Lex, dates: list[Char]) -> list[Token]:
    """The noun phrase before ``cue`` in its sentence: its subject in 'X заявил'."""
    words: list[Token] = []
    i = _past_parenthetical(doc, cue.i - 1, cue.sent.start)
    start = cue.sent.start
    while i >= start and len(words) < 10:
        tok = doc[i]
        if _boundary(tok) and words and tok.text in ("«", "„") and words[-1].text in ("»", "“"):
            words.insert(0, tok)  # a quoted name: 'агентство «Норд-Инфо» передаёт'
            i -= 1
            continue
        if _boundary(tok) and not (tok.text in ("»", "“") and not words and i > start):
            break
        if tok.lower_ in lex.stops or tok.lemma_ in lex.verbs:
            break
        if words and _attached(doc, i, lex):  # 'Источник в правительстве заявил'
            words.insert(0, tok)
            i -= 1
            continue
        if words and tok.lower_ in lex.prepositions and _impersonal_body(words, cue, lex):
            return words  # 'Водночас у відомстві зазначили': the body itself speaks
        if words and tok.lower_ in lex.prepositions and not _joins_name(doc, i, lex) and not (
                words[0].lower_ in lex.pronouns):
            # 'Звягинцева на пресс-конференции пояснила': what follows 'на' is its object
            words = []
            i -= 1
            continue
        if tok.lower_ in lex.skip or _inside(tok.idx, dates) or tok.like_num:
            if words and tok.lower_ not in lex.skip and not _inside(tok.idx, dates):
                break
            if words and tok.lower_ in lex.skip and _joins_name(doc, i, lex):
                words.insert(0, tok)
            elif words:
                break
            i -= 1
            continue
        words.insert(0, tok)
        if tok.lower_ in lex.pronouns and len(words) == 1 and tok.lower_ not in (
                "его", "ее", "её", "його", "її", "му", "ѝ", "им", "их"):
            break  # 'При этом он признал': the pronoun is the subject
        i -= 1
    return _trim_phrase(words, lex)


def _impersonal_body(words: list[Token], cue: Token, lex: _Lex) -> bool:
    """Whether ``words``, after a preposition before a plural cue, are a body's lower-case
    noun (with its adjectives): 'у відомстві зазначили', 'в министерстве сообщили'."""
    morph = analyser(lex.language)
    if morph is None or not words[-1].is_lower or words[-1].lemma_ not in lex.bodies or not all(
            _adjective(t, lex) for t in words[:-1]):
        return False
    return cue.i == words[-1].i + 1 and morph.parse(cue.text)[0].tag.number == "plur"


def _past_parenthetical(doc: Doc, i: int, start: int) -> int:
    """The token before a parenthetical set off by commas that ends at token ``i``
    ('Елена Мартынюк, в свою очередь, заявила'): up to four lower-case words."""
    if i <= start or doc[i].text != ",":
        return i
    j = i - 1
    while j > start and i - j <= 5 and doc[j].text != ",":
        if not (doc[j].is_alpha and doc[j].is_lower):
            return i
        j -= 1
    if doc[j].text == "," and 1 < i - j <= 5:
        return j - 1
    return i


def _joins_name(doc: Doc, i: int, lex: _Lex) -> bool:
    """'на' inside a Bulgarian name ('министърът на отбраната')."""
    return lex.language == "bg" and doc[i].lower_ == "на" and i > 0 and not _boundary(doc[i - 1])


def _speaker_after(doc: Doc, start: int, end_char: int, lex: _Lex, dates: list[Char],
                   oblique: bool = False) -> list[Token]:
    """The noun phrase from token ``start`` on: the speaker of an inverted cue
    ('..., — заявил губернатор Иван Петров в интервью.') or of 'по словам ...'. With
    ``oblique`` (after 'по словам', 'со ссылкой на') a Russian or Ukrainian phrase ends
    before the first word that cannot be in the genitive or accusative."""
    words: list[Token] = []
    i = start
    sent_end = doc[start].sent.end if start < len(doc) else start
    while i < min(sent_end, len(doc)) and len(words) < 10 and doc[i].idx < end_char:
        tok = doc[i]
        quoted = _quoted_name(doc, i) if words else None
        if quoted is not None:  # 'агентство «Норд-Инфо»'
            words.extend(doc[i:quoted])
            i = quoted
            continue
        if _boundary(tok) or tok.lower_ in lex.stops:
            break
        field_end = _body_field(doc, i, words, lex, sent_end)
        if field_end is not None:  # 'управления по чрезвычайным ситуациям'
            words.extend(doc[i:field_end])
            i = field_end
            continue
        if not words and not oblique and tok.lower_ in lex.prepositions:
            i = _past_phrase(doc, i, sent_end, lex, dates)  # 'на брифинге губернатор'
            continue
        if lex.language == "bg" and words and not _continues_bg(doc, i, words, lex):
            break
        if tok.lower_ in lex.skip or _inside(tok.idx, dates):
            if not words:
                i += 1
                continue
            if not _joins_name(doc, i, lex):
                break
        elif words and oblique and not _oblique_word(tok, lex):
            break
        if tok.lemma_ in lex.verbs and words:
            break
        words.append(tok)
        if tok.lower_ in lex.pronouns and len(words) == 1:
            break  # 'сказал он журналистам'
        i += 1
        if len(words) == 1 and i < len(doc) and _attached(doc, i, lex):
            end = _attachment_end(doc, i, sent_end, lex)  # 'на источник в администрации'
            words.extend(doc[i:end])
            i = end
    return _trim_phrase(words, lex)


def _attached(doc: Doc, i: int, lex: _Lex) -> bool:
    """Whether token ``i`` is a preposition attaching a place to the unnamed source
    before it ('источник в администрации президента', 'джерело в міністерстві')."""
    return doc[i].lower_ in lex.attachments and i > 0 and doc[i - 1].lemma_ in lex.sources \
        and i + 1 < len(doc) and doc[i + 1].is_alpha


def _attachment_end(doc: Doc, i: int, end: int, lex: _Lex) -> int:
    """End of the place attached at preposition ``i``: up to three words, none a verb,
    preposition or stop word (in Russian and Ukrainian, each in an oblique case)."""
    j = i + 1
    while j < min(end, i + 4):
        tok = doc[j]
        if not tok.is_alpha or tok.lower_ in lex.stops or tok.lower_ in lex.prepositions \
                or tok.lemma_ in lex.verbs or _inside_quote_mark(tok):
            break
        if j > i + 1 and lex.language != "bg" and not _oblique_field_word(tok, lex):
            break
        if j > i + 1 and lex.language == "bg" and not tok.text[:1].isupper():
            break
        j += 1
    return j


def _inside_quote_mark(tok: Token) -> bool:
    return tok.text in ("«", "»", "„", "“", '"')


def _body_field(doc: Doc, i: int, words: list[Token], lex: _Lex, end: int) -> int | None:
    """End of the field a body is in charge of, when token ``i`` opens it after the body
    noun: 'по чрезвычайным ситуациям', 'з питань надзвичайних ситуацій' (up to three
    lower-case words in an oblique case)."""
    if not words or words[-1].lemma_ not in lex.bodies:
        return None
    for phrase in lex.body_prepositions:
        if tuple(t.lower_ for t in doc[i:i + len(phrase)]) != phrase:
            continue
        j = i + len(phrase)
        while j < min(end, i + len(phrase) + 3) and doc[j].is_alpha and doc[j].is_lower \
                and doc[j].lower_ not in lex.stops and _oblique_field_word(doc[j], lex):
            j += 1
        return j if j > i + len(phrase) else None
    return None


def _oblique_field_word(tok: Token, lex: _Lex) -> bool:
    morph = analyser(lex.language)
    if morph is None:
        return tok.lemma_ not in lex.verbs
    return any(p.tag.case in ("datv", "loct", "gent") and p.tag.POS in ("NOUN", "ADJF")
               for p in morph.parse(tok.text))


def _past_phrase(doc: Doc, i: int, end: int, lex: _Lex, dates: list[Char]) -> int:
    """The token after the prepositional phrase opening at ``i``: its object is skipped up
    to a role or body noun, a capitalised word or a pronoun that is not its first word."""
    if i + 1 < end and doc[i + 1].is_lower and doc[i + 1].lemma_ in lex.bodies:
        return i + 1  # 'уточнили в пресслужбі комбінату': the body itself speaks
    j = i + 2
    while j < min(end, i + 6):
        tok = doc[j]
        if _boundary(tok):
            return j
        if tok.lower_ in lex.prepositions:
            return j
        if (tok.lemma_ in lex.roles or tok.lemma_ in lex.bodies or tok.lower_ in lex.pronouns
                or tok.text[:1].isupper()) and doc[j - 1].lower_ not in lex.prepositions:
            if tok.lemma_ in lex.bodies and all(_adjective(t, lex) for t in doc[i + 1:j]):
                return i + 1  # 'сообщили в областном управлении': the body itself speaks
            return j
        j += 1
    return j


def _adjective(tok: Token, lex: _Lex) -> bool:
    morph = analyser(lex.language)
    if morph is None:
        return bg_adjective(tok.text)
    return tok.is_lower and morph.parse(tok.text)[0].tag.POS in ("ADJF", "PRTF")


def _quoted_name(doc: Doc, i: int) -> int | None:
    """End (exclusive) of a quoted name opening at token ``i`` ('«Норд-Инфо»'), or None."""
    if doc[i].text not in ("«", "„", "“", '"'):
        return None
    j = i + 1
    while j < min(len(doc), i + 6) and doc[j].text not in ("»", "“", "”", '"'):
        j += 1
    if j >= len(doc) or j == i + 1 or not doc[i + 1].text[:1].isupper() or doc[j].text not in (
            "»", "“", "”", '"'):
        return None
    return j + 1


def _oblique_word(tok: Token, lex: _Lex) -> bool:
    morph = analyser(lex.language)
    if morph is None or not tok.text[:1].isalpha() or ABBREVIATION.match(tok.text):
        return True  # an abbreviation does not decline: 'за словами голови ОДА'
    return any(p.tag.case in ("gent", "accs") for p in morph.parse(tok.text))


def _continues_bg(doc: Doc, i: int, words: list[Token], lex: _Lex) -> bool:
    """Whether token ``i`` still belongs to a Bulgarian name or role phrase: a capitalised
    word, 'на' and the word after it (and the noun after a definite adjective: 'на
    пожарната безопасност'), a role or body noun."""
    tok = doc[i]
    if tok.is_lower and tok.lemma_ in lex.bodies and tok.lemma_ not in lex.roles and words[
            -1].is_lower and words[-1].lower_ != "на" and not bg_adjective(words[-1].text):
        return False  # 'По данни на разследващите групата е ...': a new noun phrase
    if tok.text[:1].isupper() or tok.lemma_ in lex.roles or tok.lemma_ in lex.bodies:
        return True
    if tok.lower_ in lex.honorifics:  # 'инспекция д-р Ирена Колева'
        return i + 1 < len(doc) and doc[i + 1].text[:1].isupper()
    if tok.lower_ == "на":
        return i + 1 < len(doc) and doc[i + 1].is_alpha
    if words[-1].lower_ == "на":
        return True
    after = [w.lower_ for w in words]
    if "на" in after and tok.is_alpha:
        # 'на регионалната здравна инспекция': adjectives after 'на' go on to their noun
        tail = words[len(after) - after[::-1].index("на"):]
        if tail and all(bg_adjective(w.text) for w in tail):
            return True
    return len(words) >= 2 and words[-2].lower_ == "на" and words[-1].lower_.endswith(
        ("ата", "ната", "ния", "ото")) and tok.is_alpha


def _trim_phrase(words: list[Token], lex: _Lex) -> list[Token]:
    while words and (words[-1].lower_ in lex.skip or words[-1].is_punct):
        words.pop()
    while words and (words[0].lower_ in lex.skip or words[0].is_punct):
        words.pop(0)
    return words


# ----------------------------------------------------------------------------- finding

def _cue_tokens(doc: Doc, lex: _Lex, quotes: list[Char]) -> list[Token]:
    """Reporting verbs outside quotations, as finite verbs or gerunds: 'призваны' (called
    up, a participle) is no 'призвал' (urged), 'заявить' no statement yet."""
    return [t for t in doc if t.lemma_ in lex.verbs and not _inside(t.idx, quotes)
            and (not t.text[:1].isupper() or t.is_sent_start) and _finite(t, lex)]


def _finite(tok: Token, lex: _Lex) -> bool:
    morph = analyser(lex.language)
    if morph is None:
        return True
    verbs = [p for p in morph.parse(tok.text)[:2] if p.tag.POS in ("VERB", "GRND")]
    # 'прокоментує', 'заявит': what is yet to be said is no statement
    return bool(verbs) and not all(p.tag.tense == "futr" for p in verbs)


def _subject(tok: Token, lex: _Lex) -> bool:
    """Whether a phrase opening with ``tok`` can be a verb's subject: not a word that has
    no nominative reading ('організаторам схеми повідомили про підозру')."""
    morph = analyser(lex.language)
    if morph is None or not tok.is_alpha or tok.text[:1].isupper():
        return True
    return any(p.tag.case in (None, "nomn") for p in morph.parse(tok.text))


def _sentence_content(text: str, start: int, end: int) -> list[Char]:
    s, e = strip_span(text, start, end, trail=TRIM + _TERMINAL)
    return [(s, e)] if e - s > 1 else []


def _quote_before(text: str, quotes: list[Char], pos: int) -> Char | None:
    """A quotation ending right before ``pos``, joined to it by a comma and/or a dash. A
    quotation joined by a space alone is a quoted name ('в интервью телеканалу «Вессария-24»
    утверждал'), not what the cue reports, unless its own words end a sentence."""
    for s, e in quotes:
        gap = text[e:pos]
        if e <= pos and len(gap) <= 6 and re.fullmatch(r"[»“”\"]?\s*[,.!?…]?\s*[—–-]?\s*", gap) \
                and (re.search(r"[,.!?…—–-]", gap) or text[s:e].rstrip()[-1:] in _TERMINAL):
            return s, e
    return None


def _quote_after(text: str, quotes: list[Char], pos: int) -> Char | None:
    for s, e in quotes:
        gap = text[pos:s]
        if s >= pos and len(gap) <= 5 and re.fullmatch(r"\s*[:,]?\s*[—–-]?\s*[«„“\"]", gap):
            return s, e
    return None


def _dialogue_start(text: str, sent_start: int) -> int | None:
    """Start of a dialogue line's speech ('— Мы не отступим, — сказал он.')."""
    line = text.rfind("\n", 0, sent_start) + 1
    head = text[line:sent_start + 3]
    m = re.match(r"[ \t]*[—–][ \t]*", head)
    return line + m.end() if m else None


def _verb_statements(doc: Doc, lex: _Lex, quotes: list[Char],
                     dates: list[Char]) -> list[_Found]:
    text = text_of(doc)
    found: list[_Found] = []
    for cue in _cue_tokens(doc, lex, quotes):
        sent = cue.sent
        stance = lex.verbs[cue.lemma_]
        cue_span = (cue.idx, cue.idx + len(cue.text))
        f = _Found([], cue_span, cue.text, cue.lemma_, stance, [])
        before_text = text[sent.start_char:cue.idx]
        after = text[cue_span[1]:sent.end_char]
        quote = _quote_before(text, quotes, cue.idx)
        prev = doc[cue.i - 1] if cue.i > sent.start else None
        as_word = prev is not None and prev.lower_ in lex.as_words
        if quote is not None and not as_word:
            # '«...», — заявил губернатор.'
            f.content = [quote]
            f.speaker = _speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            found.append(f)
            continue
        dialogue = _dialogue_start(text, sent.start_char)
        if dialogue is not None and re.search(r"[,!?…]\s*[—–]\s*$", before_text):
            # '— Мы не отступим, — сказал он. — ...'
            cut = re.search(r"[,!?…]?\s*[—–]\s*$", before_text)
            assert cut is not None
            f.content = _sentence_content(text, dialogue, sent.start_char + cut.start())
            line_end = text.find("\n", cue.idx)
            line_end = len(text) if line_end < 0 else line_end
            rest = re.search(r"[.!?…]\s*[—–]\s*", text[cue.idx:line_end])
            if rest:
                f.content += _sentence_content(text, cue.idx + rest.end(), line_end)
            f.speaker = _speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            found.append(f)
            continue
        lead = re.match(r"\s*(?:[^\w\s]\s*)?", after)
        colon = re.match(r"[^:,.!?…]{0,80}?:\s*", after)
        comp = re.match(rf"[^,.!?…]{{0,80}}?,?\s*(?:{alternation(lex.complementizers)})(?![\w-])",
                        after, re.I)
        if as_word:
            # 'Как заявил губернатор, ...' / 'Ситуация, как заявил он, остается сложной'
            f.speaker = _speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            comma = text.find(",", cue_span[1], sent.end_char)
            clause_start = prev.idx if prev is not None else cue.idx
            left = text[sent.start_char:clause_start].rstrip(" ,")
            spans = []
            if len(left.split()) >= 2:
                spans += _sentence_content(text, sent.start_char, clause_start)
            if comma > 0:
                spans += _sentence_content(text, comma + 1, sent.end_char)
            f.content = spans
        elif colon is not None and "," not in colon.group() or after.lstrip().startswith(":"):
            # 'Министр заявил: «...»' / 'Министр заявил: ...'
            pos = cue_span[1] + colon.end() if colon else cue_span[1]
            quote = _quote_after(text, quotes, pos - 1) or _quote_after(text, quotes, pos)
            f.content = [quote] if quote else _sentence_content(text, pos, sent.end_char)
            f.speaker = _speaker_before(doc, cue, lex, dates) or _speaker_after(
                doc, cue.i + 1, pos, lex, dates)
        elif comp is not None:
            pos = cue_span[1] + comp.end()
            f.content = _sentence_content(text, pos, sent.end_char)
            quote = _quote_after(text, quotes, pos)
            if quote and quote[1] > sent.end_char:
                f.content = _sentence_content(text, pos, quote[1] + 1)
            f.speaker = _speaker_before(doc, cue, lex, dates) or _speaker_after(
                doc, cue.i + 1, pos, lex, dates)
        elif re.search(r",\s*[—–-]?\s*$", before_text) and len(before_text.split()) >= 3:
            # '..., сообщил губернатор.'
            cut = re.search(r",\s*[—–-]?\s*$", before_text)
            assert cut is not None
            f.content = _sentence_content(text, sent.start_char, sent.start_char + cut.start())
            f.speaker = _speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
        elif lex.this_was_re.match(before_text) or lex.this_was_re.match(
                text[sent.start_char:cue.idx].split(",")[-1]):
            # 'Об этом заявил губернатор.': the sentence before is the content
            f.previous = True
            f.speaker = _speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            if sent.start > 0:
                before = doc[sent.start - 1].sent
                f.content = _sentence_content(text, before.start_char, before.end_char)
        else:
            quote = _quote_after(text, quotes, cue_span[1])
            f.speaker = _speaker_before(doc, cue, lex, dates)
            if quote is not None:
                f.content = [quote]
            elif f.speaker and _subject(f.speaker[0], lex) and len(
                    after.split()) >= 2 and not lex.impersonal_re.search(
                    text, max(sent.start_char, cue.idx - 4), cue_span[1] + 1):
                # 'пообещал вернуть тепло к пятнице', 'назвала эти обещания «рекламой»'
                f.content = _sentence_content(text, cue_span[1], sent.end_char)
        if lex.impersonal_re.search(text, max(sent.start_char, cue.idx - 4), cue_span[1] + 1):
            f.impersonal = True
        if lead is None or not f.content:
            continue
        found.append(f)
    return found


def _according(doc: Doc, lex: _Lex, quotes: list[Char], dates: list[Char]) -> list[_Found]:
    """'По словам губернатора, ...', 'По его словам, ...' and '..., по словам губернатора.'"""
    text = text_of(doc)
    found = []
    taken: list[Char] = []
    matches = [(m, True) for m in lex.according_pronoun_re.finditer(text)]
    matches += [(m, False) for m in lex.according_re.finditer(text)]
    for m, by_pronoun in matches:
        if _inside(m.start(), quotes) or _inside(m.start(), taken):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        taken.append((m.start(), m.end()))
        sent = span.sent
        phrase = " ".join(m.group().lower().split())
        if by_pronoun:
            group = next(g for g, v in m.groupdict().items() if v)
            key = " ".join(re.sub(re.escape(m.group(group)), "{p}", m.group(), count=1,
                                  flags=re.I).lower().split())
            stance = lex.according_pronoun.get(key, "neutral")
            pronoun = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
            speaker = list(pronoun) if pronoun is not None else []
        else:
            stance = lex.according[phrase]
            speaker = _speaker_after(doc, span.end, sent.end_char, lex, dates, oblique=True)
        f = _Found([], (m.start(), m.end()), m.group(), phrase, stance, speaker)
        f.oblique = True
        if not f.speaker:
            continue
        clause_end = max(m.end(), f.speaker[-1].idx + len(f.speaker[-1].text))
        cited_by = lex.cited_by_re.match(text, clause_end + len(text[clause_end:]) - len(
            text[clause_end:].lstrip(" ,")))
        if cited_by is not None:  # 'По информация на вестника, цитирана от телевизията, ...'
            comma = text.find(",", cited_by.end(), sent.end_char)
            clause_end = comma if comma > 0 else clause_end
        before = text[sent.start_char:m.start()]
        if before.strip(" ,—–-\n") and re.search(r"[,(—–-]\s*$", before):
            # '..., по словам губернатора, ...'
            f.content = _sentence_content(text, sent.start_char, m.start())
            comma = text.find(",", clause_end, sent.end_char)
            if comma > 0 and len(text[comma:sent.end_char].split()) > 2:
                f.content += _sentence_content(text, comma + 1, sent.end_char)
        else:
            f.content = _sentence_content(text, clause_end, sent.end_char)
        if f.content:
            found.append(f)
    return found


# -------------------------------------------------------------------------------- speakers

@dataclass
class _Resolver:
    doc: Doc
    lex: _Lex
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
                            and not any(_boundary(t) or t.lemma_ in self.lex.verbs
                                        for t in between):
                        # 'мэр Тарвеля Семён Кольцов'; not 'Источник утверждает, что ...
                        # Вережникова': an unnamed source is nobody named
                        self.by_role.setdefault(tok.lemma_, entity.name)
                        if self.by_role[tok.lemma_] == entity.name:
                            self.role_words.setdefault(tok.lemma_, set()).update(
                                t.lemma_ for t in between)

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

    def resolve(self, f: _Found) -> Speaker:
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
            return Speaker(name=name, text=text, span=span, entity=self._entity_id(name))
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
                           entity=self._entity_id(self.cited))
        if len(tokens) == 1 and lemmas[0] in self.lex.outlets:
            outlet = self._outlet_before(tokens[0])
            if outlet is not None:  # 'агентство' for 'агентство «Норд-Инфо»' named before
                return Speaker(name=outlet.name, text=text, span=span, entity=outlet.id)
        if person is None and (_noun_forms(tokens[0], self.lex) & statement_nouns(
                self.lex.language) or (
                len(tokens) == 1 and lemmas[0] in self.lex.bodies and tokens[0].is_lower)):
            # 'в сводке министерства', 'предприятие': the body the document is about
            body = self.body_of(f)
            if body is not None:
                return Speaker(name=body.name, text=text, span=span, entity=body.entity)
        role = _role(tokens[0], self.lex)
        if person is None and role in self.by_role and len(tokens) > 1 and all(
                t.lemma_ in self.role_words.get(role, ()) for t in tokens[1:]):
            # 'За словами голови ОДА' after 'Голова ОДА Мирон Ткаченко': the role described
            # as when the person was named is that person, though it names a body too
            person = next((e for e in self.entities if e.name == self.by_role[role]), None)
        epithet = _epithet(tokens[0], self.lex)
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
        elif org is not None and self.expanded([t.text for t in tokens]):
            name = self.expanded([t.text for t in tokens]) or ""  # 'За даними МЗС'
        elif org is not None and not (_role(tokens[0], self.lex) and tokens[0].i < self._first(
                org)):
            name = self._phrase(tokens, f.oblique, org)
        elif _role(tokens[0], self.lex) in self.by_role and len(tokens) <= 5:
            name = self.by_role[_role(tokens[0], self.lex)]
        else:
            name = self._phrase(tokens, f.oblique, None)
        self._remember(name, name.split() if person is not None else [tokens[0].text],
                       person=person is not None or lemmas[0] in self.lex.roles)
        return Speaker(name=name, text=text, span=span, entity=self._entity_id(name))

    def _by_surname(self, tokens: list[Token]) -> Entity | None:
        """'Ремезов' for 'Павел Ремезов' named earlier."""
        names = {t.lemma_ for t in tokens if t.text[:1].isupper()}
        for entity in self.entities:
            if entity.type == "PERSON" and " " in entity.name and lemma(
                    entity.name.split()[-1], self.lex.language) in names:
                return entity
        return None

    def expanded(self, words: list[str]) -> str | None:
        """The full name of a body named by its abbreviation ('МЗС', 'МВнР', 'МИД
        Вессарии'): the organisation of the document whose words' initials the
        abbreviation's capitals are, in the nominative, else the abbreviation's usual
        full name with the words after it."""
        if not words:
            return None
        head, tail = words[0], words[1:]
        known = self.lex.abbreviations.get(head)
        if known is None and not ABBREVIATION.match(head) or any(
                not w[:1].isupper() for w in tail):
            return None
        capitals = [c for c in head if c.isupper()]
        if len(capitals) >= 2:
            for entity in self.entities:
                content = [w for w in entity.name.split() if w.lower() not in JOINERS]
                if entity.type != "ORG" or len(content) <= len(capitals) - 1 or content[0] == head:
                    continue
                rest = content[len(capitals):]
                if [w[:1].upper() for w in content[:len(capitals)]] == capitals and (
                        not tail or _same_name(" ".join(tail), " ".join(rest), self.lex.language)):
                    if self.lex.language == "bg":
                        return entity.name
                    return " ".join(nominative(entity.name.split(), self.lex.language, OBLIQUE))
        if known is not None:
            return " ".join([known, *tail])
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
                if after >= 0 and (s < after or _inside(s, self.contents)):
                    continue
                if s < tok.idx and (best is None or s > best[0]):
                    best = (s, entity)
        return best[1] if best else None

    def _outlet_before(self, tok: Token) -> Entity | None:
        """The organisation last named before ``tok`` right after the same outlet noun
        ('телевизията' for 'телевизия „Канал Изток“'), else after any outlet noun
        ('видання' for 'газета «Дольський кур'єр»')."""
        return self._outlet_named(tok, same=True) or self._outlet_named(tok, same=False)

    def _outlet_named(self, tok: Token, same: bool) -> Entity | None:
        forms = _noun_forms(tok, self.lex)
        best = None
        for entity in self.entities:
            if entity.type != "ORG":
                continue
            for s, _e in entity.mentions:
                if s >= tok.idx:
                    continue
                span = self.doc.char_span(s, _e, alignment_mode="expand")
                if span is None:
                    continue
                lead = [t for t in self.doc[max(0, span.start - 2):span.start]
                        if not _inside_quote_mark(t)]
                if lead and lead[-1].lemma_ in self.lex.outlets and (
                        not same or _noun_forms(lead[-1], self.lex) & forms) and (
                        best is None or s > best[0]):
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

    def body_of(self, f: _Found) -> Speaker | None:
        """The body that '..., говорится в заявлении' speaks for: the first named in the
        content, else the last named before the cue."""
        orgs = [(s, e, ent) for ent in self.entities if ent.type == "ORG"
                for s, e in ent.mentions]
        text = text_of(self.doc)
        inside = sorted(m for m in orgs if _inside(m[0], f.content))
        before = sorted(m for m in orgs if f.cue is not None and m[1] <= f.cue[0])
        # 'йдеться в зведенні Міністерства оборони': the body whose document it is, in the
        # genitive a few words after the cue
        after = sorted(m for m in orgs if f.cue is not None and f.cue[1] <= m[0]
                       and not _inside(m[0], f.content)
                       and re.fullmatch(r"\s+(?:[^\W\d_]+\s+){0,4}", text[f.cue[1]:m[0]]))
        pick = after[0] if after else inside[0] if inside else before[-1] if before else None
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
                    or _count_word(lead, self.lex)))):
                # else 'пресс-служба Минобороны', 'двох високопосадовців Міністерства
                # фінансів': the whole phrase
                tokens = list(head)
        words = [t.text for t in tokens]
        first = tokens[0].i
        if first > 0 and self.doc[first - 1].lower_ in self.lex.prepositions and tokens[0].is_lower:
            oblique = True  # 'сообщили в областном управлении'
        if oblique and self.lex.language == "bg":
            words[:1] = [_full_article(tokens[0], self.lex)]
        elif oblique:  # 'областного управления по ...': adjectives and head noun
            words = nominative(words, self.lex.language, OBLIQUE)
        if self.lex.language != "bg":  # 'пресслужба МВС': the body's full name, as named
            words = [self._spelled_out(w) if k > 0 and ABBREVIATION.match(w) else w
                     for k, w in enumerate(words)]
        text = " ".join(words)
        return re.sub(r"\s+([,.])", r"\1", text)

    def _spelled_out(self, abbreviation: str) -> str:
        """An abbreviation after a noun ('пресслужба МВС') as the organisation's full name
        the document gives in the genitive ('Міністерства внутрішніх справ Сарвенії')."""
        morph = analyser(self.lex.language)
        text = text_of(self.doc)
        for entity in self.entities:
            if entity.type != "ORG" or abbreviation not in entity.aliases or morph is None:
                continue
            for s, e in entity.mentions:
                words = text[s:e].split()
                if len(words) > 1 and any(p.tag.case == "gent" and p.tag.number != "plur"
                                          for p in morph.parse(words[0])):
                    return text[s:e]
        return abbreviation

    def _remember(self, name: str, words: list[str], person: bool = True) -> None:
        if not person:  # a body is 'они', 'вони', 'те', never 'он' or 'она'
            self.last["p"] = self.last["any"] = name
            return
        gender = self.genders.get(name) or self.gender(words)
        self.genders[name] = gender
        self.last[gender] = name
        self.last["any"] = name

    def continue_with(self, name: str | None) -> None:
        if name is not None and name in self.genders:
            self.last[self.genders[name]] = name

    def _entity_id(self, name: str | None) -> str | None:
        if name is None:
            return None
        for entity in self.entities:
            if entity.name == name or name in entity.aliases:
                return entity.id
        return None


def _role(tok: Token, lex: _Lex) -> str | None:
    """The role noun ``tok`` is a form of, by any of its readings: 'голови' is read first
    as the plural of 'голови' (heads of cabbage), but is also the genitive of 'голова'."""
    if tok.lemma_ in lex.roles:
        return tok.lemma_
    morph = analyser(lex.language)
    if morph is None or not tok.is_alpha:
        return None
    return next((p.normal_form for p in morph.parse(tok.lower_) if p.normal_form in lex.roles),
                None)


def _epithet(tok: Token, lex: _Lex) -> str | None:
    """The epithet noun ('очільник', 'поліцейський') ``tok`` is a form of, if any."""
    if tok.lemma_ in lex.epithets:
        return tok.lemma_
    morph = analyser(lex.language)
    if morph is None or not tok.is_alpha:
        return None
    return next((p.normal_form for p in morph.parse(tok.lower_)
                 if p.normal_form in lex.epithets), None)


@cache
def _number_words(language: str) -> frozenset[str]:
    return lemma_set("quantities", "number_words", language)


def _count_word(tok: Token, lex: _Lex) -> bool:
    """A number word counting people ('двама министри', 'двох високопосадовців')."""
    return tok.is_alpha and (tok.lemma_ in _number_words(lex.language)
                             or tok.lower_ in _number_words(lex.language))


_BG_ARTICLES = ("ът", "ят", "та", "то", "те", "а", "я")


def _noun_forms(tok: Token, lex: _Lex) -> set[str]:
    """The lemma of a noun, and in Bulgarian also the word without its definite article,
    which the lemmatiser does not always strip ('бюлетина' -> 'бюлетин')."""
    forms = {tok.lemma_}
    if lex.language == "bg":
        low = tok.lower_
        forms |= {low[:-len(a)] for a in _BG_ARTICLES if low.endswith(a) and len(low) > len(a) + 2}
    return forms


def _told(doc: Doc, f: _Found, lex: _Lex, publisher: str) -> str | None:
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
        if _same_name(name, publisher, lex.language):
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


def _told_before(text: str, f: _Found, lex: _Lex) -> re.Match[str] | None:
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


def _full_article(tok: Token, lex: _Lex) -> str:
    """A Bulgarian masculine role noun as a subject: 'министъра' -> 'министърът'."""
    word = tok.text
    if tok.lemma_ in lex.roles and word.lower() != tok.lemma_ and word[-1:] in ("а", "я") \
            and word[:-1].lower() == tok.lemma_:
        return word[:-1] + ("ят" if word.endswith("я") else "ът")
    return word


def _cited(doc: Doc, f: _Found, lex: _Lex, dates: list[Char]) -> None:
    """'ТАСС со ссылкой на пресс-службу': the cited source speaks, the outlet is a hop."""
    text = text_of(doc)
    if f.cue is None:
        return
    cue = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
    if cue is None:
        return
    sent = cue.sent
    for m in lex.citing_re.finditer(text, sent.start_char, sent.end_char):
        if _inside(m.start(), f.content):
            continue
        phrase = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if phrase is None or phrase.end >= len(doc):
            continue
        cited = _speaker_after(doc, phrase.end, sent.end_char, lex, dates, oblique=True)
        if not cited:
            continue
        relayed = _speaker_before(doc, doc[phrase.start], lex, dates)
        if not relayed or relayed[-1].i >= phrase.start and relayed[0].i < phrase.start:
            relayed = [t for t in f.speaker if t.i < phrase.start]
        if not relayed and f.speaker and f.speaker[0].i > cue.start:
            relayed = [t for t in f.speaker if t.i < phrase.start]
        if not relayed and phrase.start > sent.start and doc[phrase.start - 1].text == ",":
            # 'Агенцията, позовавайки се на източник ..., съобщава': the subject before
            relayed = _speaker_before(doc, doc[phrase.start - 1], lex, dates)
        f.relayed = relayed
        f.speaker = cited
        f.oblique = True
        on = lex.citing_on_re.search(text, cited[-1].idx, sent.end_char)
        if on is not None and not _inside(on.start(), f.content):
            # '..., которая, в свою очередь, ссылается на источник': the one cited cites on
            onward = doc.char_span(on.end(), on.end() + 1, alignment_mode="expand")
            rel = doc.char_span(on.start("rel"), on.end("rel"), alignment_mode="expand")
            further = _speaker_after(doc, onward.start, sent.end_char, lex, dates, oblique=True) \
                if onward is not None else []
            if further and rel is not None:
                f.between = list(rel)
                f.speaker = further
                f.onward = (on.start(), further[-1].idx + len(further[-1].text))
        return
    for m in lex.cited_by_re.finditer(text, sent.start_char, sent.end_char):
        # 'министърът ..., цитиран от агенция „Ард-Прес“': the speaker stays, the outlet
        # after the participle relays
        if _inside(m.start(), f.content) or not f.speaker or f.relayed:
            continue
        phrase = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if phrase is None or phrase.end >= len(doc):
            continue
        relay = _speaker_after(doc, phrase.end, sent.end_char, lex, dates, oblique=True)
        if relay:
            f.relayed = relay
            f.onward = (m.start(), relay[-1].idx + len(relay[-1].text))
            return


# -------------------------------------------------------------------------------- assembly

def _kind(text: str, spans: list[Char], quotes: list[Char]) -> str:
    total = sum(e - s for s, e in spans)
    inside = sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans for qs, qe in quotes)
    if total == 0 or inside == 0:
        return "indirect"
    return "direct" if inside / total > 0.85 else "mixed"


def _said_on(doc: Doc, f: _Found) -> str | None:
    """A date in the cue's sentence, outside the content, nearest the cue."""
    if f.cue is None:
        return None
    cue = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
    if cue is None:
        return None
    sent = cue.sent
    best = None
    for mention in doc._.dates or []:
        s, e = mention.span
        if not (sent.start_char <= s < sent.end_char) or any(cs <= s < ce for cs, ce in f.content):
            continue
        if len(mention.value) != 10:
            continue
        distance = abs(s - f.cue[0])
        if best is None or distance < best[0]:
            best = (distance, mention.value)
    if best is None and f.content and f.content[-1][1] <= f.cue[0] and not f.relayed:
        # 'МЗС у понеділок викликало посла, повідомив речник': the report of a past event
        # with no date of its own is of the day the event is dated
        inside = [m.value for m in doc._.dates or [] if len(m.value) == 10
                  and any(cs <= m.span[0] < ce for cs, ce in f.content)]
        document = doc._.document
        published = document.published if document is not None else None
        if len(inside) == 1 and published and inside[0] <= str(published)[:10]:
            return inside[0]
    return best[1] if best else None


def _dedupe(found: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: -sum(e - s for s, e in f.content)):
        clash = next((k for k in kept if _overlap(k.content, f.content)
                      > 0.5 * min(_size(k.content), _size(f.content))
                      and not _nested(f, k) and not _nested(k, f)), None)
        if clash is None:
            kept.append(f)
        elif not clash.speaker and f.speaker:
            kept[kept.index(clash)] = f
    return sorted(kept, key=lambda f: f.content[0])


def _overlap(a: list[Char], b: list[Char]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _size(spans: list[Char]) -> int:
    return sum(e - s for s, e in spans)


def _nested(inner: _Found, outer: _Found) -> bool:
    return inner.cue is not None and _inside(inner.cue[0], outer.content) \
        and _size(inner.content) < _size(outer.content)


def _relays(found: list[_Found], lex: _Lex) -> list[_Found]:
    """'..., передаёт агентство «Норд-Инфо»': the outlet passes on the statements whose
    content its own covers; it is their hop, not a speaker of its own."""
    relays = [f for f in found if f.cue_text.lower() in lex.relaying and f.speaker]
    kept = [f for f in found if f not in relays]
    for relay in relays:
        carried = [f for f in kept if _overlap(f.content, relay.content)
                   >= 0.5 * min(_size(f.content), _size(relay.content))]
        if not carried:
            kept.append(relay)
            continue
        for f in carried:
            f.relayed = f.relayed or relay.speaker
    return kept


def find_statements(doc: Doc, language: str) -> list[Statement]:
    """The statements of ``doc`` (see the module docstring)."""
    lex = _lex(language)
    text = text_of(doc)
    quotes = quotations(text)
    dates = [d.span for d in doc._.dates or []]
    found = _verb_statements(doc, lex, quotes, dates) + _according(doc, lex, quotes, dates)
    found = _dedupe(found)
    for f in found:
        _cited(doc, f, lex, dates)
    found = _relays(found, lex)
    chains = [f.onward for f in found if f.onward is not None]
    # 'который цитира двама министри', 'цитиран от агенция': a link of a chain, no statement
    found = [f for f in found if f.cue is None or not _inside(f.cue[0], chains)]
    document = doc._.document
    publisher = (document.publisher if document is not None else None) or "the document"
    resolver = _Resolver(doc, lex, doc._.entities or [], publisher)
    resolver.contents = [span for f in found for span in f.content]
    statements: list[Statement] = []
    owners: list[tuple[_Found, Statement]] = []
    for f in sorted(found, key=lambda f: f.cue[0] if f.cue else f.content[0][0]):
        speaker = resolver.resolve(f)
        resolver.said_to = max([resolver.said_to, *(e for _, e in f.content),
                                *([f.cue[1]] if f.cue else [])])
        via: list[str] = []
        if f.relayed and speaker.name:
            resolver.cited = speaker.name
        if f.relayed:
            relay = resolver.resolve(_Found([], None, "", "", "neutral", f.relayed))
            if relay.name:
                via.append(relay.name)
        if f.between:
            middle = resolver.resolve(_Found([], None, "", "", "neutral", f.between))
            if middle.name and middle.name not in via:
                via.append(middle.name)
        outer = [st for g, st in owners if _nested(f, g)]
        if outer:
            parent = min(outer, key=lambda st: _size(st.content.spans))
            if parent.speaker.name and parent.speaker.name != speaker.name:
                via = [*parent.via, parent.speaker.name, *via]
        if f.impersonal:
            speaker = resolver.body_of(f) or speaker
        told = _told(doc, f, lex, publisher)
        outlet = _outlet_told(doc, f, told, lex, resolver)
        if outlet is not None:
            # 'в інтерв'ю газеті': the newspaper named before, and the hops it came through
            chain = next((st.via for st in reversed(statements) if st.speaker.name == outlet), [])
            via += [hop for hop in [*chain, outlet] if hop not in via]
        elif told and told not in via and told != speaker.name and not _same_name(
                told, publisher, language):  # the publisher is never a hop
            via.append(told)
        spans = sorted(f.content)
        statement = Statement(
            id="", kind=_kind(text, spans, quotes),  # type: ignore[arg-type]
            speaker=speaker,
            cue=Cue(text=f.cue_text, lemma=f.cue_lemma, stance=f.stance,  # type: ignore[arg-type]
                    span=f.cue),
            content=Content(text=" ".join(text[s:e] for s, e in spans), spans=spans),
            said_on=_said_on(doc, f), via=via, extractor="speech",
        )
        earlier = [st for st in statements if st.speaker.name == speaker.name and speaker.name]
        if earlier:  # a speaker's later statements continue the first: same date, same relay
            statement.said_on = statement.said_on or earlier[-1].said_on
            statement.via = statement.via or list(earlier[-1].via)
        owners.append((f, statement))
        statements.append(statement)
    headline = _headline(doc, lex, statements, resolver)
    if headline is not None:
        statements.append(headline)
    statements += _assessments(doc, [s for st in statements for s in st.content.spans], publisher)
    statements.sort(key=lambda st: st.content.spans[0])
    for number, st in enumerate(statements, 1):
        st.id = f"s{number}"
    return statements


def _outlet_told(doc: Doc, f: _Found, told: str | None, lex: _Lex,
                 resolver: _Resolver) -> str | None:
    """The outlet a bare outlet noun spoken to stands for ('заявила в інтерв'ю газеті'):
    the one named before with such a noun, unless it is the publisher."""
    if not told or " " in told or f.cue is None or lemma(told, lex.language) not in lex.outlets:
        return None
    cue = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
    if cue is None:
        return None
    noun = next((t for t in cue.sent if t.lemma_ == lemma(told, lex.language)
                 and not _inside(t.idx, f.content)), None)
    outlet = resolver._outlet_before(noun) if noun is not None else None
    if outlet is None or _same_name(outlet.name, resolver.publisher, lex.language):
        return None
    return outlet.name


def _same_name(name: str, publisher: str, language: str) -> bool:
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


def _content_lemmas(doc: Doc, spans: list[Char]) -> set[str]:
    out = set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out |= {t.lemma_ for t in span if t.is_alpha and len(t.text) > 3}
    return out


def _headline(doc: Doc, lex: _Lex, statements: list[Statement],
              resolver: _Resolver) -> Statement | None:
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
    body = resolver.expanded(m.group(1).split())
    if best is not None and shared >= 2:
        speaker = Speaker(name=body or best.speaker.name, text=m.group(1).strip(),
                          span=(m.start(1), m.end(1)),
                          entity=resolver._entity_id(body) if body else best.speaker.entity)
        said_on, via = best.said_on, list(best.via)
    else:
        speaker = Speaker(name=m.group(1).strip(), text=m.group(1).strip(),
                          span=(m.start(1), m.end(1)))
        said_on, via = None, []
    return Statement(id="", kind="indirect", speaker=speaker,
                     cue=Cue(text=":", lemma=":", stance="neutral", span=cue),
                     content=Content(text=m.group(2), spans=content), said_on=said_on, via=via,
                     extractor="speech")


def _assessments(doc: Doc, covered: list[Char], publisher: str) -> list[Statement]:
    """Sentences in the publisher's voice carrying an estimate."""
    text = text_of(doc)
    out = []
    seen: set[int] = set()
    for est in doc._.estimates or []:
        if _inside(est.span[0], covered):
            continue
        span = doc.char_span(est.span[0], est.span[1], alignment_mode="expand")
        if span is None or span.sent.start in seen:
            continue
        sent: Span = span.sent
        seen.add(sent.start)
        content = _sentence_content(text, sent.start_char, sent.end_char)
        if not content:
            continue
        out.append(Statement(id="", kind="assessment", speaker=Speaker(name=publisher),
                             cue=None, content=Content(text=text[slice(*content[0])],
                                                       spans=content), extractor="speech"))
    return out


def make_speech(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    language = nlp.lang

    def component(doc: Doc) -> Doc:
        doc._.statements = find_statements(doc, language)
        return doc

    return component

