"""Where Slavic statements are: reporting verbs outside quotations and the shapes their
content takes around them (a quotation before or after the cue, dash dialogue, a 'что',
'що' or 'че' clause, 'Как заявил ...', '..., сообщил ...', 'Об этом заявил ...'), and
'according to' phrases ('По словам губернатора, ...', 'По его словам, ...', '..., според
министъра.'). Each is a ``Found`` with the tokens of its speaker phrase. A cue in the
future tense ('прокоментує') and a phrase with no nominative reading before a cue
('організаторам повідомили') give none."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lemmas import analyser
from ..spans import Char, strip_span, text_of
from .found import Found, inside
from .speaker_phrases import speaker_after, speaker_before
from .speech_words import SpeechWords
from .words import alternation

TRIM = " \t\n,;:—–-"
_TERMINAL = ".!?…"


def _cue_tokens(doc: Doc, lex: SpeechWords, quotes: list[Char]) -> list[Token]:
    """Reporting verbs outside quotations, as finite verbs or gerunds: 'призваны' (called
    up, a participle) is no 'призвал' (urged), 'заявить' no statement yet."""
    return [t for t in doc if t.lemma_ in lex.verbs and not inside(t.idx, quotes)
            and (not t.text[:1].isupper() or t.is_sent_start) and _finite(t, lex)]


def _finite(tok: Token, lex: SpeechWords) -> bool:
    morph = analyser(lex.language)
    if morph is None:
        return True
    verbs = [p for p in morph.parse(tok.text)[:2] if p.tag.POS in ("VERB", "GRND")]
    # 'прокоментує', 'заявит': what is yet to be said is no statement
    return bool(verbs) and not all(p.tag.tense == "futr" for p in verbs)


def _subject(tok: Token, lex: SpeechWords) -> bool:
    """Whether a phrase opening with ``tok`` can be a verb's subject: not a word that has
    no nominative reading ('організаторам схеми повідомили про підозру')."""
    morph = analyser(lex.language)
    if morph is None or not tok.is_alpha or tok.text[:1].isupper():
        return True
    return any(p.tag.case in (None, "nomn") for p in morph.parse(tok.text))


def sentence_content(text: str, start: int, end: int) -> list[Char]:
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


def verb_statements(doc: Doc, lex: SpeechWords, quotes: list[Char],
                    dates: list[Char]) -> list[Found]:
    text = text_of(doc)
    found: list[Found] = []
    for cue in _cue_tokens(doc, lex, quotes):
        sent = cue.sent
        stance = lex.verbs[cue.lemma_]
        cue_span = (cue.idx, cue.idx + len(cue.text))
        f = Found([], cue_span, cue.text, cue.lemma_, stance, [])
        before_text = text[sent.start_char:cue.idx]
        after = text[cue_span[1]:sent.end_char]
        quote = _quote_before(text, quotes, cue.idx)
        prev = doc[cue.i - 1] if cue.i > sent.start else None
        as_word = prev is not None and prev.lower_ in lex.as_words
        if quote is not None and not as_word:
            # '«...», — заявил губернатор.'
            f.content = [quote]
            f.speaker = speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            found.append(f)
            continue
        dialogue = _dialogue_start(text, sent.start_char)
        if dialogue is not None and re.search(r"[,!?…]\s*[—–]\s*$", before_text):
            # '— Мы не отступим, — сказал он. — ...'
            cut = re.search(r"[,!?…]?\s*[—–]\s*$", before_text)
            assert cut is not None
            f.content = sentence_content(text, dialogue, sent.start_char + cut.start())
            line_end = text.find("\n", cue.idx)
            line_end = len(text) if line_end < 0 else line_end
            rest = re.search(r"[.!?…]\s*[—–]\s*", text[cue.idx:line_end])
            if rest:
                f.content += sentence_content(text, cue.idx + rest.end(), line_end)
            f.speaker = speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            found.append(f)
            continue
        lead = re.match(r"\s*(?:[^\w\s]\s*)?", after)
        colon = re.match(r"[^:,.!?…]{0,80}?:\s*", after)
        comp = re.match(rf"[^,.!?…]{{0,80}}?,?\s*(?:{alternation(lex.complementizers)})(?![\w-])",
                        after, re.I)
        if as_word:
            # 'Как заявил губернатор, ...' / 'Ситуация, как заявил он, остается сложной'
            f.speaker = speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            comma = text.find(",", cue_span[1], sent.end_char)
            clause_start = prev.idx if prev is not None else cue.idx
            left = text[sent.start_char:clause_start].rstrip(" ,")
            spans = []
            if len(left.split()) >= 2:
                spans += sentence_content(text, sent.start_char, clause_start)
            if comma > 0:
                spans += sentence_content(text, comma + 1, sent.end_char)
            f.content = spans
        elif colon is not None and "," not in colon.group() or after.lstrip().startswith(":"):
            # 'Министр заявил: «...»' / 'Министр заявил: ...'
            pos = cue_span[1] + colon.end() if colon else cue_span[1]
            quote = _quote_after(text, quotes, pos - 1) or _quote_after(text, quotes, pos)
            f.content = [quote] if quote else sentence_content(text, pos, sent.end_char)
            f.speaker = speaker_before(doc, cue, lex, dates) or speaker_after(
                doc, cue.i + 1, pos, lex, dates)
        elif comp is not None:
            pos = cue_span[1] + comp.end()
            f.content = sentence_content(text, pos, sent.end_char)
            quote = _quote_after(text, quotes, pos)
            if quote and quote[1] > sent.end_char:
                f.content = sentence_content(text, pos, quote[1] + 1)
            f.speaker = speaker_before(doc, cue, lex, dates) or speaker_after(
                doc, cue.i + 1, pos, lex, dates)
        elif re.search(r",\s*[—–-]?\s*$", before_text) and len(before_text.split()) >= 3:
            # '..., сообщил губернатор.'
            cut = re.search(r",\s*[—–-]?\s*$", before_text)
            assert cut is not None
            f.content = sentence_content(text, sent.start_char, sent.start_char + cut.start())
            f.speaker = speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
        elif lex.this_was_re.match(before_text) or lex.this_was_re.match(
                text[sent.start_char:cue.idx].split(",")[-1]):
            # 'Об этом заявил губернатор.': the sentence before is the content
            f.previous = True
            f.speaker = speaker_after(doc, cue.i + 1, sent.end_char, lex, dates)
            if sent.start > 0:
                before = doc[sent.start - 1].sent
                f.content = sentence_content(text, before.start_char, before.end_char)
        else:
            quote = _quote_after(text, quotes, cue_span[1])
            f.speaker = speaker_before(doc, cue, lex, dates)
            if quote is not None:
                f.content = [quote]
            elif f.speaker and _subject(f.speaker[0], lex) and len(
                    after.split()) >= 2 and not lex.impersonal_re.search(
                    text, max(sent.start_char, cue.idx - 4), cue_span[1] + 1):
                # 'пообещал вернуть тепло к пятнице', 'назвала эти обещания «рекламой»'
                f.content = sentence_content(text, cue_span[1], sent.end_char)
        if lex.impersonal_re.search(text, max(sent.start_char, cue.idx - 4), cue_span[1] + 1):
            f.impersonal = True
        if lead is None or not f.content:
            continue
        found.append(f)
    return found


def according_statements(doc: Doc, lex: SpeechWords, quotes: list[Char],
                         dates: list[Char]) -> list[Found]:
    """'По словам губернатора, ...', 'По его словам, ...' and '..., по словам губернатора.'"""
    text = text_of(doc)
    found = []
    taken: list[Char] = []
    matches = [(m, True) for m in lex.according_pronoun_re.finditer(text)]
    matches += [(m, False) for m in lex.according_re.finditer(text)]
    for m, by_pronoun in matches:
        if inside(m.start(), quotes) or inside(m.start(), taken):
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
            speaker = speaker_after(doc, span.end, sent.end_char, lex, dates, oblique=True)
        f = Found([], (m.start(), m.end()), m.group(), phrase, stance, speaker)
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
            f.content = sentence_content(text, sent.start_char, m.start())
            comma = text.find(",", clause_end, sent.end_char)
            if comma > 0 and len(text[comma:sent.end_char].split()) > 2:
                f.content += sentence_content(text, comma + 1, sent.end_char)
        else:
            f.content = sentence_content(text, clause_end, sent.end_char)
        if f.content:
            found.append(f)
    return found
