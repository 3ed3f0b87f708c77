"""The noun phrase by a Slavic cue that names its speaker, as tokens: the subject before
the cue ('Губернатор заявил', 'При этом он признал') or the phrase after it ('...,
заявил губернатор Иван Петров', 'по словам губернатора', 'со ссылкой на пресс-службу').

A phrase runs to its head noun and past it through a body's field ('управление по
чрезвычайным ситуациям'), an unnamed source's place ('джерело в міністерстві'), a quoted
name ('агентство «Норд-Инфо»') and, in Bulgarian, 'на' and adjectives after it ('на
външните работи'). After 'по словам' or 'со ссылкой на' a Russian or Ukrainian phrase ends
before the first word that cannot be in the genitive or accusative. A body in a
prepositional phrase before a plural cue speaks itself ('у відомстві зазначили')."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lemmas import analyser
from ..spans import Char
from .found import inside
from .speech_words import ABBREVIATION, SpeechWords
from .words import bg_adjective


def boundary(tok: Token) -> bool:
    return tok.is_punct and tok.text not in ("-", "'", "’", ".") or tok.is_space \
        or "\n" in tok.text


def speaker_before(doc: Doc, cue: Token, lex: SpeechWords, dates: list[Char]) -> list[Token]:
    """The noun phrase before ``cue`` in its sentence: its subject in 'X заявил'."""
    words: list[Token] = []
    i = _past_parenthetical(doc, cue.i - 1, cue.sent.start)
    start = cue.sent.start
    while i >= start and len(words) < 10:
        tok = doc[i]
        if boundary(tok) and words and tok.text in ("«", "„") and words[-1].text in ("»", "“"):
            words.insert(0, tok)  # a quoted name: 'агентство «Норд-Инфо» передаёт'
            i -= 1
            continue
        if boundary(tok) and not (tok.text in ("»", "“") and not words and i > start):
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
        if not words and _adverb(tok, lex):
            i -= 1  # 'у середу ввечері в ефірі радіо заявив': a time, not the speaker
            continue
        if tok.lower_ in lex.skip or inside(tok.idx, dates) or tok.like_num:
            if words and tok.lower_ not in lex.skip and not inside(tok.idx, dates):
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


def _adverb(tok: Token, lex: SpeechWords) -> bool:
    """Whether the lower-case ``tok`` is only ever an adverb ('ввечері', 'вчера')."""
    morph = analyser(lex.language)
    if morph is None or not tok.text[:1].islower():
        return False
    parses = morph.parse(tok.text)
    return bool(parses) and all(p.tag.POS == "ADVB" for p in parses)


def _impersonal_body(words: list[Token], cue: Token, lex: SpeechWords) -> bool:
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


def _joins_name(doc: Doc, i: int, lex: SpeechWords) -> bool:
    """'на' inside a Bulgarian name ('министърът на отбраната')."""
    return lex.language == "bg" and doc[i].lower_ == "на" and i > 0 and not boundary(doc[i - 1])


def speaker_after(doc: Doc, start: int, end_char: int, lex: SpeechWords, dates: list[Char],
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
        if words and tok.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")" \
                and ABBREVIATION.match(doc[i + 1].text):
            i += 3  # 'голова агенції цивільного захисту (ДАЦЗ) Олена Вербицька'
            continue
        if boundary(tok) or tok.lower_ in lex.stops:
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
        if tok.lower_ in lex.skip or inside(tok.idx, dates):
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


def _attached(doc: Doc, i: int, lex: SpeechWords) -> bool:
    """Whether token ``i`` is a preposition attaching a place to the unnamed source
    before it ('источник в администрации президента', 'джерело в міністерстві')."""
    return doc[i].lower_ in lex.attachments and i > 0 and doc[i - 1].lemma_ in lex.sources \
        and i + 1 < len(doc) and doc[i + 1].is_alpha


def _attachment_end(doc: Doc, i: int, end: int, lex: SpeechWords) -> int:
    """End of the place attached at preposition ``i``: up to three words, none a verb,
    preposition or stop word (in Russian and Ukrainian, each in an oblique case)."""
    j = i + 1
    while j < min(end, i + 4):
        tok = doc[j]
        if not tok.is_alpha or tok.lower_ in lex.stops or tok.lower_ in lex.prepositions \
                or tok.lemma_ in lex.verbs or inside_quote_mark(tok):
            break
        if j > i + 1 and lex.language != "bg" and not _oblique_field_word(tok, lex):
            break
        if j > i + 1 and lex.language == "bg" and not tok.text[:1].isupper():
            break
        j += 1
    return j


def inside_quote_mark(tok: Token) -> bool:
    return tok.text in ("«", "»", "„", "“", '"')


def _body_field(doc: Doc, i: int, words: list[Token], lex: SpeechWords, end: int) -> int | None:
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


def _oblique_field_word(tok: Token, lex: SpeechWords) -> bool:
    morph = analyser(lex.language)
    if morph is None:
        return tok.lemma_ not in lex.verbs
    return any(p.tag.case in ("datv", "loct", "gent") and p.tag.POS in ("NOUN", "ADJF")
               for p in morph.parse(tok.text))


def _past_phrase(doc: Doc, i: int, end: int, lex: SpeechWords, dates: list[Char]) -> int:
    """The token after the prepositional phrase opening at ``i``: its object is skipped up
    to a role or body noun, a capitalised word or a pronoun that is not its first word."""
    if i + 1 < end and doc[i + 1].is_lower and doc[i + 1].lemma_ in lex.bodies:
        return i + 1  # 'уточнили в пресслужбі комбінату': the body itself speaks
    j = i + 2
    while j < min(end, i + 6):
        tok = doc[j]
        if boundary(tok):
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


def _adjective(tok: Token, lex: SpeechWords) -> bool:
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


def _oblique_word(tok: Token, lex: SpeechWords) -> bool:
    morph = analyser(lex.language)
    if morph is None or not tok.text[:1].isalpha() or ABBREVIATION.match(tok.text):
        return True  # an abbreviation does not decline: 'за словами голови ОДА'
    return any(p.tag.case in ("gent", "accs") for p in morph.parse(tok.text))


def _continues_bg(doc: Doc, i: int, words: list[Token], lex: SpeechWords) -> bool:
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


def _trim_phrase(words: list[Token], lex: SpeechWords) -> list[Token]:
    while words and (words[-1].lower_ in lex.skip or words[-1].is_punct):
        words.pop()
    while words and (words[0].lower_ in lex.skip or words[0].is_punct):
        words.pop(0)
    return words
