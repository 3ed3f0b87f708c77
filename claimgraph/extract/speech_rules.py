"""Rule-based attribution finder over the dependency parse.

Finds source-cue-content triples for reporting verbs with a clausal complement
("X said that ..."), trailing cues ("..., officials said"), "according to X",
quotations with a nearby cue, quotations running over several paragraphs and
attributed by what introduces them ("The bulletin says:") or follows them
("..., reads the ministry's post."), claims attributed by the next sentence ("This
was stated by X"), and headlines of the form "Speaker: claim".
"""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Span, Token

from ..lexicons import lexicon
from ..model import Attribution
from .spans import SPACE_PUNCT, Char, strip_span, text_of
from .tokens import indices_where


_QUOTE_RE = re.compile(r"[\"“]([^\"“”]{8,}?)(?:[\"”]|(?=\n\s*[\"“]))", re.S)
_PUNCT = " \t\n,;:.—–-\"'“”‘’"
_SUBJ = {"nsubj", "nsubjpass"}


def _trim(start: int, end: int, text: str) -> Char:
    return strip_span(text, start, end, trail=SPACE_PUNCT + "\"”")


def _subtree_span(tok: Token) -> Char:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _source_of(verb: Token) -> Char | None:
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return _subtree_span(child)
        if child.dep_ == "agent":  # "it was announced by the ministry"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _subtree_span(grand)
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _source_of(verb.head)
    return None


def noun_phrase_before(doc: Doc, cue: Token) -> Char | None:
    """The speaker of a cue verb the parser left without a subject: the noun phrase that
    ends right before it ('At a briefing on 9 April, the head of the service, Ivo Tarn,
    announced ...')."""
    i = cue.i - 1
    while i >= cue.sent.start and (doc[i].is_punct or doc[i].is_space
                                   or doc[i].dep_ in ("aux", "auxpass", "neg", "advmod")):
        i -= 1
    if i < cue.sent.start or doc[i].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    end = doc[i]
    if end.ent_type_:
        start = i
        while start > cue.sent.start and doc[start - 1].ent_iob_ == "I" \
                and doc[start - 1].ent_type_ == end.ent_type_:
            start -= 1
        while doc[start].ent_iob_ == "I" and start > cue.sent.start:
            start -= 1
        return doc[start].idx, end.idx + len(end.text)
    left = end.left_edge
    return left.idx, end.idx + len(end.text)


def appositive_start(doc: Doc, start: int) -> int:
    """Start of a speaker phrase with a description before the name: 'the head of the
    office, Ilse Varga' starts at 'the'."""
    text = text_of(doc)
    comma = text.rfind(",", 0, start)
    if comma < 0 or text[comma + 1:start].strip():
        return start
    prev = text.rfind(",", 0, comma)
    segment = text[prev + 1:comma].strip() if prev >= 0 else ""
    first = segment.split(" ", 1)[0].lower() if segment else ""
    if first in ("the", "a", "an") or first.endswith(("'s", "’s")):
        return prev + 1 + (len(text[prev + 1:comma]) - len(text[prev + 1:comma].lstrip()))
    return start


def _noun_phrase_between(doc: Doc, start: int, cue: Token) -> Char | None:
    """'the regional governor Arkady Sorin' in '..., the regional governor Arkady Sorin said'."""
    toks = [t for t in doc[:cue.i] if t.idx >= start and not t.is_punct and not t.is_space]
    if toks and len(toks) <= 8 and any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in toks):
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return None


def _cue_span(verb: Token) -> Char:
    """The verb with its auxiliaries and particles ('has learned', 'pointed out')."""
    toks = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "prt", "neg")]
    toks.sort(key=lambda t: t.i)
    # Keep the contiguous run around the verb only.
    run = [t for t in toks if abs(t.i - verb.i) <= 3]
    return run[0].idx, run[-1].idx + len(run[-1].text)


@cache
def trailing_cues() -> frozenset[str]:
    """Reporting verbs that may follow what was said ('..., officials said')."""
    return frozenset(lexicon("cues")["trailing"])


def _is_cue_verb(tok: Token, verbs: dict[str, str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in verbs


def _misattached_clause(verb: Token) -> list[Token]:
    """'boasted to subordinates that the town would fall': a that-clause the parser hung on
    the cue's object or addressee instead of the cue."""
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in ("prep", "dobj", "dative"):
            continue
        objs = [child] if child.dep_ != "prep" else [g for g in child.children if g.dep_ == "pobj"]
        for obj in objs:
            for clause in obj.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return [clause]
    return []


def _trailing_report(clause: Token, trailing: set[str]) -> bool:
    """'..., prosecutors said on Monday, the agency reported.': a clause after a comma that
    is only a source and a reporting verb reports the sentence; it is not what was said."""
    return (clause.lemma_.lower() in trailing
            and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in clause.children)
            and clause.i == clause.sent.end - 1 - (clause.sent[-1].is_punct)
            and any(t.text == "," for t in clause.doc[clause.head.i:clause.left_edge.i]))


def _verb_triples(doc: Doc, verbs: dict[str, str]) -> list[Attribution]:
    found: list[Attribution] = []
    trailing = trailing_cues()
    text = text_of(doc)
    for tok in (doc[i] for i in indices_where(doc, POS, (VERB, AUX))):
        if not _is_cue_verb(tok, verbs):
            continue
        comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i
                and (c.dep_ == "ccomp" or tok.lemma_ in ("say", "claim", "deny", "appear"))
                and not _trailing_report(c, trailing)]
        comp = comp or _misattached_clause(tok)
        before = [c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i]
        if not comp and before and tok.lemma_.lower() in trailing:
            start, end = _subtree_span(before[0])
            found.append(Attribution(content=[_trim(start, end, text)], cue=_cue_span(tok),
                                     source=_source_of(tok) or _noun_phrase_between(doc, end, tok),
                                     score=0.6))
            continue
        if comp:
            start, end = _subtree_span(comp[0])
            # Include a complementiser ("that") opening the clause.
            found.append(Attribution(content=[_trim(start, end, text)], cue=_cue_span(tok),
                                     source=_source_of(tok), score=0.6))
            continue
        if tok.lemma_.lower() not in trailing:
            continue
        # Trailing cue: "The port was closed, officials said."
        if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i < tok.i:
            head = tok.head
            sent = tok.sent
            end = min(_subtree_span(tok)[0], text.rfind(",", sent.start_char, tok.idx) + 1 or tok.idx)
            start = sent.start_char
            span = _trim(start, max(start, end), text)
            if span[1] - span[0] > 10 and head.i < tok.i:
                found.append(Attribution(content=[span], cue=_cue_span(tok),
                                         source=_source_of(tok), score=0.6))
        elif tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i > tok.i:
            # Parenthetical cue: 'The museum, Mr. Obama said, would make visitors ...'
            source = _source_of(tok)
            sent = tok.sent
            after = text[tok.idx + len(tok.text):sent.end_char]
            if source is None or not after.lstrip().startswith(",") or \
                    not text[sent.start_char:source[0]].rstrip().endswith(","):
                continue
            first = _trim(sent.start_char, source[0], text)
            rest = _trim(tok.idx + len(tok.text) + after.index(",") + 1, sent.end_char, text)
            if first[1] - first[0] > 3 and rest[1] - rest[0] > 10:
                found.append(Attribution(content=[first, rest], cue=_cue_span(tok), source=source,
                                         score=0.7))
        elif tok.dep_ == "conj" and not any(c.dep_ in _SUBJ for c in tok.children) \
                and tok.head.i < tok.i \
                and text[:tok.idx].rstrip().endswith(","):
            # '<claim>, its highest level, the head of the office, X, said on Thursday.'
            source = noun_phrase_before(doc, tok)
            if source is None:
                continue
            start_src = appositive_start(doc, source[0])
            content = _trim(tok.sent.start_char, start_src, text)
            if content[1] - content[0] > 10:
                found.append(Attribution(content=[content], cue=_cue_span(tok),
                                         source=(start_src, source[1]), score=0.7))
        elif tok.dep_ == "ROOT" and tok.i > tok.sent.start + 3:
            # Quote or clause before the cue with no parse link: '"...," he said.'
            sent = tok.sent
            before = text[sent.start_char:tok.idx]
            subj = _source_of(tok)
            if subj and before.rstrip().endswith((",", ",\"", ",”", "\"", "”")) and subj[0] > sent.start_char:
                span = _trim(sent.start_char, min(subj[0], tok.idx), text)
                if span[1] - span[0] > 10:
                    found.append(Attribution(content=[span], cue=_cue_span(tok), source=subj,
                                             score=0.6))
    return found


CLOSING_TAIL = 4  # words of time or place a closing report may end with ('on Monday')


def closes_sentence(doc: Doc, verb: Token) -> bool:
    """Whether only a few words of time or place follow ``verb`` before its sentence ends
    or a side clause opens ('..., the operator announced on Wednesday, as profit fell')."""
    sent = verb.sent
    end = next((t.i for t in doc[verb.i + 1:sent.end] if t.text == ","), sent.end)
    if end < sent.end - 1 and not (doc[end + 1].pos_ == "SCONJ" or doc[end + 1].lower_ == "as"):
        return False
    tail = [t for t in doc[verb.i + 1:end] if not t.is_punct and not t.is_space]
    return len(tail) <= CLOSING_TAIL and not any(t.pos_ in ("VERB", "AUX") for t in tail)


def _closing_reports(doc: Doc) -> list[Attribution]:
    """'<claim>, hydrologist Ines Malto of the water office warned on Monday.': a reporting
    verb near the end of its sentence, after a comma and a noun phrase, whatever the parse
    made of it (the small model may tag the title as a verb or hang the verb on the claim).

    The source is the words between the comma and the verb: at most eight, a noun among
    them, no auxiliary or verb in a past or -ing form ('Patriot failed as predicted' is no
    report; a title read as a present-tense verb, 'epidemiologist Mara Voss', may be)."""
    found: list[Attribution] = []
    text = text_of(doc)
    for tok in (doc[i] for i in indices_where(doc, LEMMA, trailing_cues())):
        if tok.pos != VERB or tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
            continue
        sent = tok.sent
        if not closes_sentence(doc, tok):
            continue
        comma = text.rfind(",", sent.start_char, tok.idx)
        if comma < 0:
            continue
        words = [t for t in doc[sent.start:tok.i] if t.idx > comma and not t.is_space]
        if not words or len(words) > 8 or any(t.pos_ == "AUX" or t.tag_ in ("VBD", "VBG", "VBN")
                                              or t.is_punct for t in words) \
                or not any(t.pos_ in ("NOUN", "PROPN") for t in words):
            continue
        opening = next((t for t in doc[sent.start:words[0].i]
                        if not (t.is_punct or t.is_space or t.pos_ == "CCONJ")), None)
        if words[0].pos_ == "CCONJ" or opening is None or opening.pos_ == "SCONJ" \
                or opening.tag_ == "WRB":
            continue  # '..., but X learned'; 'When Congress cut funding, Mexico said'
        content = _trim(sent.start_char, comma, text)
        if content[1] - content[0] > 10 and any(  # a finite verb: a clause, not a phrase
                t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[sent.start:words[0].i]
                if t.idx < comma):
            found.append(Attribution(content=[content], cue=_cue_span(tok),
                                     source=(words[0].idx, words[-1].idx + len(words[-1].text)),
                                     score=0.6))
    return found


def _according_to(doc: Doc) -> list[Attribution]:
    found = []
    text = text_of(doc)
    for i in indices_where(doc, LOWER, ("according", "as")):
        tok = doc[i]
        words = [t.lower_ for t in doc[i:i + 3]]
        if words[:2] == ["according", "to"]:
            to = doc[tok.i + 1]
        elif words == ["as", "reported", "by"]:
            to = doc[tok.i + 2]
        else:
            continue
        objs = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in tok.children if c.dep_ == "pobj"] or [
            t for t in doc[to.i + 1:to.i + 8] if t.head.i <= to.i and t.pos_ in ("PROPN", "NOUN")]
        if objs and objs[0].lemma_.lower() in lexicon("cues")["according_to_not_sources"]:
            continue  # 'according to plan'
        phrase_end = _subtree_span(objs[0])[1] if objs else to.idx + 2
        source = _subtree_span(objs[0]) if objs else None
        sent = tok.sent
        if tok.idx - sent.start_char < 3:  # "According to X, content."
            content = _trim(phrase_end, sent.end_char, text)
        else:  # "Content, according to X."
            content = _trim(sent.start_char, tok.idx, text)
            rest = _trim(phrase_end, sent.end_char, text)
            if rest[1] - rest[0] > 15 and text[rest[0]:rest[1]].strip(_PUNCT):
                content = (content[0], sent.end_char) if content[1] - content[0] < 10 else content
        if content[1] - content[0] > 10:
            found.append(Attribution(content=[content], cue=(tok.idx, to.idx + len(to.text)),
                                     source=source, score=0.7))
    return found


def _quotes(doc: Doc, verbs: dict[str, str]) -> list[Attribution]:
    """Quoted passages, tied to a cue verb in the same or a neighbouring sentence."""
    found = []
    text = text_of(doc)
    for match in _QUOTE_RE.finditer(text):
        start, end = match.span(1)
        if len(match.group(1).split()) < 4:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        cue = _nearby_cue(doc, span, verbs)
        if cue is None:
            continue
        found.append(Attribution(content=[_trim(start, end, text)], cue=_cue_span(cue),
                                 source=_source_of(cue), score=0.5))
    return found


def _nearby_cue(doc: Doc, span: Span, verbs: dict[str, str]) -> Token | None:
    sents = [span.sent]
    last = doc[span.end - 1].sent
    if last != span.sent:
        sents.append(last)
    if last.end < len(doc):
        sents.append(doc[last.end].sent)
    for sent in sents:
        for tok in sent:
            if (span.start <= tok.i < span.end) or not _is_cue_verb(tok, verbs):
                continue
            if _source_of(tok) is not None:
                return tok
    return None


_HEADLINE_SAYS = re.compile(r"^(?P<claim>.{12,}?),\s+(?P<source>[^,]{2,60}?)\s+"
                            r"(?P<cue>[a-z]+)$")  # a reporting verb in the present
_HEADLINE_TAG = re.compile(r"^(?P<claim>.{12,}?)\s+(?P<cue>[-–—])\s+"
                           r"(?P<source>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})$")


def _headline(doc: Doc) -> list[Attribution]:
    """'Governor: 4,000 reservists called up', '4,000 reservists called up, governor says'
    and '4,000 reservists called up - Northgate Wire' on the first line."""
    text = text_of(doc)
    first = text.split("\n", 1)[0].rstrip()
    for pattern in (_HEADLINE_SAYS, _HEADLINE_TAG) if len(first) <= 300 else ():  # a headline
        found = pattern.match(first)
        if found is None or len(found.group("source").split()) > 5 \
                or len(found.group("claim").split()) < 3:
            continue
        source = doc.char_span(*found.span("source"), alignment_mode="expand")
        cue = doc.char_span(*found.span("cue"), alignment_mode="expand")
        if pattern is _HEADLINE_SAYS and not (cue is not None and cue.root.tag_ in ("VBZ", "VBP")
                                              and cue.root.lemma_.lower() in trailing_cues()):
            continue
        if source is not None and any(t.pos_ in ("NOUN", "PROPN") for t in source):
            return [Attribution(content=[_trim(*found.span("claim"), text)],
                                cue=found.span("cue"), source=found.span("source"), score=0.7)]
    colon = first.find(": ")
    if colon <= 0 or len(first[:colon].split()) > 5 or len(first[colon + 2:].split()) < 3:
        return []
    left = doc.char_span(0, colon, alignment_mode="expand")
    if left is None or not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP")
                               or t.pos_ == "NOUN" for t in left):
        return []
    return [Attribution(content=[_trim(colon + 2, len(first), text)], cue=(colon, colon + 1),
                        source=(0, colon), score=0.7)]


OPENING, CLOSING = "“\"«", "”\"»"
_QUOTE_MARK = re.compile("[" + re.escape(OPENING + CLOSING) + "]")  # the only characters read


def quotation_blocks(text: str) -> list[list[Char]]:
    """Quoted passages as lists of per-paragraph spans inside the quotation marks.

    A quotation left open at the end of a paragraph runs on when the next paragraph opens
    with a quotation mark (the newspaper convention); otherwise it ends there."""
    blocks: list[list[Char]] = []
    current: list[Char] = []
    open_at: int | None = None
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        lead = start + len(line) - len(line.lstrip())
        if open_at is not None:
            if text[lead] in OPENING:
                current.append((open_at, text.rfind("\n", 0, lead)))
                open_at = lead + 1
            else:
                current.append((open_at, text.rfind("\n", 0, lead)))
                blocks.append(current)
                current, open_at = [], None
        for mark in _QUOTE_MARK.finditer(text, lead if open_at is None else lead + 1, end):
            i, ch = mark.start(), mark.group()
            if open_at is None and ch in OPENING and (ch != '"' or (
                    (i == start or text[i - 1] in " \t(—–-") and i + 1 < end
                    and not text[i + 1].isspace())):
                open_at = i + 1
            elif open_at is not None and ch in CLOSING and ch != "“" and (
                    ch != '"' or not text[i - 1].isspace()):
                current.append((open_at, i))
                blocks.append(current)
                current, open_at = [], None
    if open_at is not None:
        current.append((open_at, len(text.rstrip())))
        blocks.append(current)
    return [[_trim(s, e, text) for s, e in b] for b in blocks if b]


def _cue_in(doc: Doc, start: int, end: int, verbs: dict[str, str]) -> Token | None:
    """The first cue verb (or a verb introducing a quotation: 'reads') in ``text[start:end]``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    intro = set(lexicon("cues")["quotation_verbs"])
    for tok in span or []:
        if _is_cue_verb(tok, verbs) or (tok.pos_ in ("VERB", "AUX") and tok.lemma_ in intro):
            return tok
    return None


def _intro_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The main verb of an introduction ending in a colon, when it has a subject ('the
    service set out its assessment at length:')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    return root if root.pos_ in ("VERB", "AUX") and _source_of(root) is not None else None


def _block_source(doc: Doc, cue: Token) -> Char | None:
    """Subject of the cue; for an inverted 'reads the ministry's post' its object."""
    source = _source_of(cue)
    if source is None:
        obj = [c for c in cue.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > cue.i]
        source = _subtree_span(obj[0]) if obj else noun_phrase_before(doc, cue)
    return source


def _long_quotes(doc: Doc, verbs: dict[str, str]) -> list[Attribution]:
    """Quotations attributed by an introduction ending in a colon or by the words after
    the closing mark; quotations over several paragraphs also by a cue just before them."""
    text = text_of(doc)
    found = []
    intro_verbs = set(lexicon("cues")["quotation_verbs"])
    for block in quotation_blocks(text):
        first, last = block[0], block[-1]
        if sum(len(text[s:e].split()) for s, e in block) < 6:
            continue
        cue = None
        after_end = text.find("\n", last[1])
        after_end = len(text) if after_end < 0 else after_end
        after = text[last[1]:after_end]
        if after.lstrip(CLOSING + " ").startswith(","):  # '..., reads the post.'
            cue = _cue_in(doc, last[1], min(after_end, last[1] + 60), verbs)
            # One paragraph with '..., he said.' is the quotation finder's and the tagger's.
            if cue is not None and len(block) == 1 and cue.lemma_ not in intro_verbs:
                cue = None
        if cue is None:
            before_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, first[0]) - 1)) + 1
            intro = text[before_start:first[0] - 1].rstrip()
            if intro.endswith(":") or len(block) > 1:
                sent_start = max(text.rfind(". ", before_start, first[0] - 2) + 1, before_start)
                cue = _intro_verb(doc, sent_start, first[0] - 1) if intro.endswith(":") else None
                cue = cue or _cue_in(doc, sent_start, first[0] - 1, verbs)
        if cue is None:
            continue
        # One statement a paragraph: each paragraph of the passage is that source's words.
        source = _block_source(doc, cue)
        found += [Attribution(content=[piece], cue=_cue_span(cue), source=source, score=0.85,
                              quotation=True) for piece in block]
    return found


_SIGNATURE = re.compile(r"[”\"»]?[ \t\xa0]*[―—–][ \t\xa0]*"
                        r"(?P<name>[A-Z][\w.'’-]*(?:[ \t][A-Z@][\w.'’-]*){0,6})")


def _signed_quotes(doc: Doc) -> list[Attribution]:
    """A quotation signed by a dash and a name after it: '“...” ― Sonya Herridge', an
    embedded post's '“...” — Ministry of Foreign Affairs (@ExampleMFA) March 3, 2025'."""
    text = text_of(doc)
    found = []
    for block in quotation_blocks(text):
        end = block[-1][1]
        match = _SIGNATURE.match(text, end, min(len(text), end + 90))
        if match is None or len(" ".join(text[s:e] for s, e in block).split()) < 4:
            continue
        dash = match.start("name") - 1
        while text[dash] in " \t\xa0":
            dash -= 1
        found += [Attribution(content=[piece], cue=(dash, dash + 1), source=match.span("name"),
                              score=0.8, quotation=True) for piece in block]
    return found


def _stated_by(doc: Doc, verbs: dict[str, str]) -> list[Attribution]:
    """'<claim>. This was stated by <Person>, <role>.': the claim is the sentence before."""
    found = []
    sents = list(doc.sents)
    for prev, sent in zip(sents, sents[1:]):
        first = next((t for t in sent if not t.is_space), None)
        if first is None or first.lower_ not in ("this", "that", "these", "so"):
            continue
        words = [t for t in sent if not t.is_space]
        if len(words) < 4:
            continue
        cue = next((t for t in words[1:4] if _is_cue_verb(t, verbs)), None)
        agent = next((c for c in cue.children if c.dep_ == "agent"), None) if cue else None
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if pobj is None or len(prev.text.split()) < 4 or "\n\n" in text_between(doc, prev, sent):
            continue
        found.append(Attribution(content=[_trim(prev.start_char, prev.end_char, text_of(doc))],
                                 cue=_cue_span(cue), source=_subtree_span(pobj), score=0.8))
    return found


def text_between(doc: Doc, a: Span, b: Span) -> str:
    return text_of(doc)[a.end_char:b.start_char]


def find_rule_attributions(doc: Doc) -> list[Attribution]:
    """Triples found by rules, possibly overlapping each other."""
    verbs = lexicon("cues")["verbs"]
    return (_headline(doc) + _signed_quotes(doc) + _long_quotes(doc, verbs) + _quotes(doc, verbs)
            + _verb_triples(doc, verbs) + _closing_reports(doc) + _according_to(doc)
            + _stated_by(doc, verbs))
