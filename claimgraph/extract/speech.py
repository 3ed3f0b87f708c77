"""Statements: attributed speech, with speaker, cue and stance, kind and date.

Source-cue-content triples come from the trained attribution finder
(``doc._.attributions``) and the rule finder; overlapping triples are merged. Each
becomes a Statement whose speaker is resolved through pronouns and role nouns.
Sentences outside any reported content that carry a yardstick estimate or a
number become ``assessment`` or ``assertion`` statements in the voice of their
grammatical subject or the publisher.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicons import cue_stance, dateline_pattern, lexicon
from ..model import SPAN_JOINER, Attribution, Content, Cue, Speaker, Statement
from .speakers import (
    DOCUMENT_NOUNS, EVENT_NOUNS, SOURCE_NOUNS, SPEAKING_VERBS, SpeakerResolver,
)
from .spans import SPACE_PUNCT, Char, strip_span, text_of
from .speech_rules import (
    appositive_start, closes_sentence, find_rule_attributions, noun_phrase_before,
    trailing_cues,
)


def _overlap(a: list[Char], b: list[Char]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: list[Char]) -> int:
    return sum(e - s for s, e in spans)


def _nested(inner: Attribution, outer: Attribution) -> bool:
    """``inner`` is reported inside ``outer``'s content ('the ministry said the governor claimed')."""
    def inside(span: Char) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in outer.content)
    return (inner.cue is not None and inside(inner.cue)
            and all(inside(c) for c in inner.content)
            and _length(inner.content) < _length(outer.content))


def _within(inner: list[Char], outer: list[Char]) -> bool:
    return _overlap(inner, outer) >= 0.8 * _length(inner)


def _clashes(a: Attribution, b: Attribution) -> bool:
    shared = _overlap(a.content, b.content)
    if not shared or _nested(a, b) or _nested(b, a):
        return False
    return shared > 0.3 * min(_length(a.content), _length(b.content))


def _named(doc: Doc | None, span: Char | None) -> bool:
    """The source span names someone ('the governor, Arkady Sorin'), not 'he' or 'sources'."""
    if doc is None or span is None:
        return False
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp is not None and any(t.pos_ == "PROPN" for t in sp)


def _said_alone(doc: Doc | None, cand: Attribution, merged: list[Attribution]) -> bool:
    """A 'say' triple in a sentence where no other triple has its cue, or one of another
    reporting verb after what was said, with its source ('<claim>, X warned on Tuesday')."""
    if doc is None or cand.cue is None:
        return False
    cue = doc.char_span(cand.cue[0], cand.cue[1], alignment_mode="expand")
    if cue is None:
        return False
    if cue.root.lemma_ != "say" and not _closing_report(doc, cand, cue):
        return False
    sent = cue.root.sent
    # a tagger's 'cue' that reports no speech ('Ambrel plans to shed 900 jobs') leaves the
    # sentence to the report ('..., the operator announced')
    return not any(m.cue and sent.start_char <= m.cue[0] < sent.end_char
                   and not (_not_speech_verb(doc, m) and not reports_speech(doc, m))
                   for m in merged)


def _closing_report(doc: Doc, cand: Attribution, cue: Span) -> bool:
    """'<claim>, epidemiologist Mara Voss of the institute warned on Tuesday.': a comma,
    the source and a reporting verb closing the sentence after what was said."""
    if cand.source is None or not cand.content or cue.root.lemma_.lower() not in trailing_cues():
        return False
    text = text_of(doc)
    between = text[cand.content[-1][1]:cand.source[0]]
    source = text[cand.source[0]:cand.source[1]].strip().lower()
    if between.strip() != "," or not cand.source[1] <= cand.cue[0] \
            or source in ("i", "we", "you"):  # a speaker's aside inside a quotation
        return False
    return closes_sentence(doc, cue.root)


def _relayed_inside(doc: Doc | None, cand: Attribution, merged: list[Attribution]) -> bool:
    """A sourced 'say' triple inside the content of a report whose cue comes after it:
    '<claim>, investigators said on Wednesday, the agency reported'."""
    if doc is None or cand.cue is None or cand.source is None:
        return False
    cue = doc.char_span(cand.cue[0], cand.cue[1], alignment_mode="expand")
    if cue is None or cue.root.lemma_ != "say":
        return False
    return any(m.cue is not None and m.cue[0] > cand.cue[1] and _nested(cand, m) for m in merged)


def _only_a_report(doc: Doc, att: Attribution, triples: list[Attribution]) -> bool:
    """A 'content' that is only another triple's source and cue ('prosecutors said [the
    agency reported]'): the parse read the trailing report as what was said."""
    text = text_of(doc)

    def wordless(spans: list[Char]) -> bool:
        rest = " ".join(text[s:e] for s, e in spans).split()
        return all(w.strip(SPACE_PUNCT).lower() in ("", "the", "a") for w in rest)

    whole: bool | None = None  # whether the content alone is wordless, once asked
    for other in triples:
        if other is att or other.cue is None or other.source is None or not att.content:
            continue
        holes = [other.source, other.cue]
        if _overlap(att.content, holes):
            if wordless(_minus(att.content, holes)):
                return True
            continue
        if whole is None:
            whole = wordless(att.content)
        if whole:
            return True
    return False


def _minus(spans: list[Char], holes: list[Char]) -> list[Char]:
    """The parts of ``spans`` outside every one of ``holes``."""
    out = list(spans)
    for h0, h1 in holes:
        out = [piece for s, e in out
               for piece in ((s, min(e, h0)), (max(s, h1), e)) if piece[0] < piece[1]]
    return out


def _phrasal_action(doc: Doc, att: Attribution) -> bool:
    """A 'cue' that is a phrasal action ('called up', lexicon ``not_speech_phrasal``)."""
    cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand") if att.cue else None
    if cue is None:
        return False
    phrasal = lexicon("cues")["not_speech_phrasal"].get(cue.root.lemma_.lower(), [])
    return any(c.dep_ == "prt" and c.lower_ in phrasal for c in cue.root.children)


def merge(primary: list[Attribution], secondary: list[Attribution],
          only_nested: bool = False, doc: Doc | None = None) -> list[Attribution]:
    """``primary`` triples, completed and extended by non-clashing ``secondary`` ones.

    With ``only_nested``, a secondary triple is added only when it is reported inside
    a primary one's content ('the ministry said the governor claimed ...') or shares a
    primary one's source: that keeps the citation chain without the rules' lower
    precision elsewhere.
    """
    merged = [Attribution(list(a.content), a.cue, a.source, a.score, a.quotation) for a in primary]
    for cand in secondary:
        clash = [m for m in merged if _clashes(m, cand)]
        if not clash:
            if not only_nested or cand.score >= 0.7 or cand.score >= 0.6 and (
                    any(_nested(cand, m) for m in merged if m.quotation)
                    # the source the tagger found, with a second cue of its own: "X, the
                    # union said, disputing the company's figure"
                    or cand.source is not None and any(m.source == cand.source for m in merged)
                    # "..., the region's governor has said." where the tagger found nothing
                    or _said_alone(doc, cand, merged)
                    or _relayed_inside(doc, cand, merged)
                    or _named(doc, cand.source)
                    and any(_nested(cand, m) or _nested(m, cand) for m in merged)):
                merged.append(cand)
            continue
        if cand.quotation and all(_within(m.content, cand.content) for m in clash):
            # A passage quoted over several paragraphs: pieces of it become the whole.
            merged = [m for m in merged if m not in clash] + [cand]
            continue
        for m in clash:
            same_cue = m.cue is not None and cand.cue is not None and _overlap([m.cue], [cand.cue])
            if same_cue and _length(m.content) < 25 < _length(cand.content):
                m.content = list(cand.content)  # the tagger kept a fragment ('that it')
            if m.cue is None:
                m.cue = cand.cue
            if m.source is None and cand.source is not None and (
                    m.cue is None or cand.cue is None or _overlap([m.cue], [cand.cue]) > 0):
                m.source = cand.source
    merged.sort(key=lambda a: a.content[0][0] if a.content else 0)
    return merged


def kind_of(text: str, spans: list[Char]) -> str:
    """``direct`` when the content is quoted, ``mixed`` when partly, else ``indirect``."""
    inside = 0
    total = 0
    for start, end in spans:
        depth = _quote_depth_before(text, start)
        for ch in text[start:end]:
            if ch in "\"“”":
                depth = (depth + 1) % 2 if ch == "\"" else (1 if ch == "“" else 0)
                continue
            if ch.isalnum():
                total += 1
                inside += depth
    if total == 0 or inside == 0:
        return "indirect"
    return "direct" if inside / total > 0.85 else "mixed"


def _quote_depth_before(text: str, start: int) -> int:
    line_start = text.rfind("\n", 0, start) + 1
    window = text[line_start:start]
    if not window.strip() and start < len(text) and text[start] in "\"“":
        return 0
    curly = window.count("“") - window.count("”")
    if curly > 0:
        return 1
    straight = window.count("\"")
    if straight % 2 == 1:
        return 1
    return 1 if start > 0 and text[start - 1] in "\"“" else 0


def _trim_cue(doc: Doc, span: Char) -> Char:
    """'also boasted' -> 'boasted', 'said on' -> 'said': adverbs and prepositions at the edges
    modify the cue; particles ('pointed out') and 'according to' stay."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or len(sp) < 2 or sp.text.lower().startswith(("according", "as reported")):
        return span
    toks = list(sp)
    while len(toks) > 1 and (toks[0].pos_ in ("ADV", "PUNCT", "CCONJ") or toks[0].is_space):
        toks.pop(0)
    while len(toks) > 1 and (toks[-1].pos_ in ("ADV", "PUNCT", "ADP") and toks[-1].dep_ != "prt"
                             or toks[-1].is_space):
        toks.pop()
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _cue(doc: Doc, span: Char | None) -> Cue | None:
    if span is None:
        return None
    span = _trim_cue(doc, span)
    text = text_of(doc)[span[0]:span[1]]
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    lemma = text.lower().strip()
    if lemma == ":":
        lemma = "say"
    elif sp is not None and lemma not in ("according to", "as reported by"):
        verbs = [t for t in sp if t.pos_ in ("VERB", "NOUN")] or list(sp)
        lemma = verbs[-1].lemma_.lower()
    return Cue(text=text, lemma=lemma, stance=cue_stance(lemma) or "neutral", span=span)  # type: ignore[arg-type]


# Clauses of their own: a date inside one dates that clause's event, not the utterance
# ("warned that floods would peak on Thursday", "who spoke to the paper last week insisted").
_OWN_CLAUSE = {"relcl", "ccomp", "advcl", "xcomp", "acl", "csubj", "parataxis", "pcomp"}


def dates_token(doc: Doc, date_span: Char, cue: Char) -> bool:
    """Whether the date hangs on the cue (directly, or in a phrase such as 'at the briefing
    on 9 April') without passing through a clause of its own; a cue that continues its
    head ('used a speech on Thursday to warn', 'and added') shares the head's date."""
    span = doc.char_span(date_span[0], date_span[1], alignment_mode="expand")
    cue_span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or cue_span is None:
        return False
    targets = {t.i for t in cue_span}
    verb = cue_span.root
    while verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
            and len(targets) < 8:
        verb = verb.head
        targets.add(verb.i)
    tok = span.root
    for _ in range(12):
        if tok.i in targets:
            return True
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in _OWN_CLAUSE and not (
                tok.dep_ == "acl" and tok.head.lemma_.lower() in SOURCE_NOUNS | EVENT_NOUNS
                or tok.dep_ in ("advcl", "relcl") and tok.lemma_.lower() in SPEAKING_VERBS):
            # ... but 'in a statement published on Wednesday, X said', 'Speaking on
            # Monday, X said' and 'X, who spoke to the agency on Monday, said' date X's words
            return False
        tok = tok.head
    return False


def _dateline_end(text: str, at: int) -> int | None:
    """Where the wire dateline ('KARVEN, 4 May (Wire) - ') opening ``at``'s line ends."""
    line = text.rfind("\n", 0, at) + 1
    match = dateline_pattern().match(text, line, min(len(text), line + 200))
    return match.end() if match else None


def _in_dateline(text: str, span: Char) -> bool:
    """The date of a wire dateline dates the report, not the words after it."""
    end = _dateline_end(text, span[0])
    return end is not None and span[1] <= end


def _said_on(doc: Doc, att: Attribution) -> str | None:
    """The date given for the utterance: the nearest date in the cue's sentence, outside
    the content, that the parse attaches to the cue; a day before a coarser date ('raised
    its rate on Thursday, its third increase this year, and said')."""
    if att.cue is None or not doc._.dates:
        return None
    cue_tok = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    if cue_tok is None:
        return None
    sent = cue_tok.sent
    best, best_distance = None, None
    for date in doc._.dates:
        start, end = date.span
        if not sent.start_char <= start < sent.end_char or _overlap([date.span], att.content) \
                or _in_dateline(text_of(doc), date.span):
            continue
        if not dates_token(doc, date.span, (cue_tok.start_char, cue_tok.end_char)) \
                and not _right_after(text_of(doc), att.cue, date.span):
            continue
        distance = (not _DAY.fullmatch(date.value or ""),
                    max(start - att.cue[1], att.cue[0] - end, 0))
        if best_distance is None or distance < best_distance:
            best, best_distance = date.value, distance
    return best or _occasion_date(doc, cue_tok.root, att)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _right_after(text: str, cue: Char, date: Char) -> bool:
    """'said on Tuesday': the date follows the cue with at most a preposition between."""
    return 0 <= date[0] - cue[1] <= 5 and text[cue[1]:date[0]].strip().lower() in ("", "on", "at")


def _occasion_date(doc: Doc, verb: Token, att: Attribution) -> str | None:
    """The date of the occasion a cue's clause describes: 'at a graduation on 4 July,
    where he claimed ...'."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    occasion = verb.head
    for date in doc._.dates:
        if _overlap([date.span], att.content) or _in_dateline(text_of(doc), date.span):
            continue
        if dates_token(doc, date.span, (occasion.idx, occasion.idx + len(occasion.text))):
            return date.value
    return None


MIN_PIECE_WORDS = 3  # shorter pieces of a split content are tagging noise ('that the')


def tidy_spans(text: str, spans: list[Char]) -> list[Char]:
    """Content spans without edge spaces and commas, without enclosing quotation marks,
    and without stray one-word pieces ('that') when the content has other pieces."""
    tidy = []
    for start, end in spans:
        start, end = strip_span(text, start, end)
        if end - start >= 2 and text[start] in "\"“" and text[end - 1] in "\"”,.":
            inner = text[start + 1:end].rstrip(",.\"” ")
            if not any(q in inner for q in "\"“”"):
                start, end = start + 1, start + 1 + len(inner)
        if end > start:
            tidy.append((start, end))
    if len(tidy) > 1:
        kept = [sp for sp in tidy if len(text[sp[0]:sp[1]].split()) >= MIN_PIECE_WORDS]
        tidy = kept or tidy
    return tidy


def _near_unknown_cue(doc: Doc, att: Attribution) -> list[Char]:
    """A cue outside the lexicon ('offered') keeps only the content in its own sentence."""
    if att.cue is None or len(att.content) < 2 or att.quotation:
        return att.content
    cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    if cue is None or cue_stance(cue.root.lemma_) is not None:
        return att.content
    sent = cue.root.sent
    kept = [(s, e) for s, e in att.content if sent.start_char <= s and e <= sent.end_char]
    return kept or att.content


def drop_cue_modifiers(doc: Doc, spans: list[Char]) -> list[Char]:
    """'on 3 March that ...' -> 'that ...': words before the complementiser that modify
    the cue (a date, a place) belong to the utterance, not to its content."""
    if not spans:
        return spans
    first = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    if first is None:
        return spans
    for tok in first[:7]:
        if tok.lower_ == "that" and tok.dep_ == "mark" and tok.i > first.start:
            lead = first[:tok.i - first.start]
            if not any(t.pos_ in ("VERB", "AUX") for t in lead):
                return [(tok.idx, spans[0][1]), *spans[1:]]
            break
    # 'said on Tuesday it had opened ...': a date on the cue leads the content, wherever
    # the parse hung it when a subject follows it at once
    lead_tok = first[0]
    if lead_tok.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in lead_tok.subtree):
        rest = lead_tok.right_edge.i + 1
        if rest < first.end - 3 and (lead_tok.head.i < first.start
                                     or doc[rest].dep_ in ("nsubj", "nsubjpass")):
            return [(doc[rest].idx, spans[0][1]), *spans[1:]]
    return spans


def after_dateline(text: str, spans: list[Char]) -> list[Char]:
    """Content spans without a wire dateline ('KARVEN, 4 May (Wire) - ') at their start."""
    out = []
    for start, end in spans:
        dateline = _dateline_end(text, start)
        if dateline is not None and start < dateline < end:
            start = dateline
        out.append((start, end))
    return out


def _join(doc: Doc, spans: list[Char]) -> str:
    return SPAN_JOINER.join(text_of(doc)[s:e] for s, e in spans).strip()


def own_voice_statements(doc: Doc, covered: list[Char], resolver: SpeakerResolver,
                         publisher: str | None) -> list[tuple[Attribution, str, Speaker]]:
    """Sentences outside reported content that carry a yardstick estimate or a quantity."""
    found = []
    estimates = doc._.estimates or []
    quantities = doc._.quantities or []
    whole = text_of(doc)
    for sent in doc.sents:
        span = (sent.start_char, sent.end_char)
        sent_text = whole[span[0]:span[1]]  # sent.text, without joining its tokens anew
        text = sent_text.strip()
        if not text or _overlap([span], covered):
            continue
        ests = [e for e in estimates if span[0] <= e.span[0] < span[1]]
        qtys = [q for q in quantities if span[0] <= q.span[0] < span[1]]
        if not ests and not qtys:
            continue
        kind = "assessment" if any(e.scale != "none" for e in ests) else "assertion"
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        att = Attribution(content=[(span[0] + (len(sent_text) - len(sent_text.lstrip())),
                                    span[0] + len(sent_text.rstrip()))])
        if kind == "assessment" and subj is not None and cue_stance(root.lemma_) is not None:
            sub = list(subj.subtree)
            att.source = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
            att.cue = (root.idx, root.idx + len(root.text))
            speaker = resolver.resolve(att.source)
        else:
            speaker = Speaker(name=publisher)
        found.append((att, kind, speaker))
    return found


_EXPLETIVES = {"it", "there", "this", "that"}


def _completed(doc: Doc, spans: list[Char]) -> list[Char]:
    """A content cut short after a few words ('that it', 'that it is likely') runs on to
    the end of its sentence when nothing closes it there."""
    if len(spans) != 1:
        return spans
    start, end = spans[0]
    text = text_of(doc)
    piece = doc.char_span(start, end, alignment_mode="expand")
    if piece is None or len(text[start:end].split()) > 4 or not piece[0].lower_ == "that":
        return spans
    sent_end = piece.sent.end_char
    rest = text[end:sent_end]
    if not rest.strip() or rest.lstrip()[:1] in ",;:.\"”)":
        return spans
    return [strip_span(text, start, sent_end, trail=" \t\n.")]


def settle_source(doc: Doc, att: Attribution) -> None:
    """The cue verb's own subject is its speaker ('Sorin confirmed ..., the ministry
    reported': Sorin confirmed); without one, the noun phrase just before the verb.
    Content pieces inside the source are dropped."""
    cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand") if att.cue else None
    quoted = quoted_speaker(doc, cue.root) if cue is not None else None
    if quoted is not None:  # 'the paper quoted him as saying': he speaks
        att.source = quoted
    elif cue is not None and cue.root.pos_ in ("VERB", "AUX"):
        verb = cue.root
        subj = _subject(verb)
        if subj is not None and any(s <= subj.idx < e for s, e in att.content):
            subj = None  # a misparse: the reported clause's subject is no speaker
            if att.source is None or _overlap([att.source], att.content):
                att.source = noun_phrase_before(doc, verb)
                if att.source is not None:
                    att.source = (appositive_start(doc, att.source[0]), att.source[1])
        if subj is not None:
            sub = list(subj.subtree)
            span = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
            if att.source is None or not _overlap([att.source], [span]):
                att.source = span
        elif att.source is None:
            att.source = noun_phrase_before(doc, verb)
    if att.source is not None:
        s0, s1 = att.source
        kept = []
        for s, e in att.content:
            if s0 <= s and e <= s1:
                continue  # a piece of the source
            if s < s0 and s1 <= e:  # '<claim>, fire service spokesman Oren Blythe' + cue
                text = text_of(doc)
                kept += [p for p in (strip_span(text, s, s0), strip_span(text, s1, e))
                         if p[1] - p[0] > 10]
            else:
                kept.append((s, e))
        att.content = kept
    if cue is not None and att.content and not att.quotation:
        att.content = _without_cue(doc, att.content, cue)
        att.content = _without_setting(doc, att.content, cue)


def _without_setting(doc: Doc, spans: list[Char], cue: Span) -> list[Char]:
    """'At a forum on 9 April, X announced that ...': a verbless phrase before the cue sets
    the scene of the utterance; it is no part of what was said."""
    if not any(s >= cue.end_char for s, _e in spans):
        return spans
    kept = []
    for start, end in spans:
        piece = doc.char_span(start, end, alignment_mode="expand")
        if end <= cue.start_char and piece is not None and piece.sent == cue.sent \
                and not any(t.pos_ in ("VERB", "AUX") for t in piece):
            continue
        kept.append((start, end))
    return kept or spans


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or for 'used a speech to warn' / 'and added' its head's."""
    text = verb.doc.text
    for _ in range(2):
        # not a dateline the parser took for a second subject ('WENDMOOR, Dec 4 (ENB) - The
        # Bank of Elbrania raised ... and said')
        subj = next((c for c in verb.children if c.dep_ == "nsubj"
                     and c.lower_ not in _EXPLETIVES
                     and not _in_dateline(text, (c.idx, c.idx + len(c.text)))), None)
        if subj is not None or verb.dep_ not in ("xcomp", "advcl", "conj") \
                or verb.head.pos_ not in ("VERB", "AUX"):
            return subj
        if verb.dep_ == "advcl" and not any(c.lower_ == "to" for c in verb.children):
            return None  # only a purpose clause shares its head's subject
        verb = verb.head
    return None


def _without_cue(doc: Doc, spans: list[Char], cue: Span) -> list[Char]:
    """A content span holding its own cue ('<source> announced that X', tagged as one
    content) is cut to what the cue reports: its clause, else what follows the cue."""
    out = []
    for start, end in spans:
        if not (start <= cue.start_char and cue.end_char <= end):
            out.append((start, end))
            continue
        comp = [c for c in cue.root.children if c.dep_ in ("ccomp", "xcomp") and c.i > cue.root.i]
        if comp:
            sub = list(comp[0].subtree)
            out.append((sub[0].idx, min(end, sub[-1].idx + len(sub[-1].text))))
        elif end - cue.end_char > 10:
            out.append(strip_span(text_of(doc), cue.end_char, end))
    return out


_PARENTHETICAL_END = re.compile(r"\s*,\s*(?:(?:and|but)\s+(?:that\s+)?)?")


def _around_cue(text: str, att: Attribution) -> list[Char]:
    """"X, the official said, and Y": a content span running over its own cue and speaker
    set off by commas is two spans, X and Y, without the cue, the speaker or the "and"."""
    if att.cue is None:
        return att.content
    marks = [att.cue] + ([att.source] if att.source else [])
    lo, hi = min(m[0] for m in marks), max(m[1] for m in marks)
    out: list[Char] = []
    for start, end in att.content:
        if not (start < lo and hi < end):
            out.append((start, end))
            continue
        comma = text.rfind(",", start, lo)
        after = _PARENTHETICAL_END.match(text, hi)
        if comma < 0 or text[comma:lo].strip(", ").count(" ") > 3 or not after \
                or "," not in after.group(0):
            out.append((start, end))
            continue
        out += [s for s in ((start, comma), (after.end(), end)) if s[1] - s[0] > 3]
    return out


def quoting_verb(tok: Token) -> Token | None:
    """The 'quote' verb of 'X quoted Y as saying' for its 'quoted' or 'saying' token."""
    for cand in (tok, tok.head, tok.head.head):
        if cand.lemma_ == "quote" and cand.pos_ == "VERB":
            return cand
    return None


def quoted_speaker(doc: Doc, tok: Token) -> Char | None:
    """Y in 'X quoted Y as saying ...'."""
    verb = quoting_verb(tok)
    if verb is None or not any(c.lower_ == "as" for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return None
    sub = list(obj.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _not_speech_verb(doc: Doc, att: Attribution) -> bool:
    """Whether the cue is a verb of the lexicon's ``not_speech`` list ('plans', 'published')."""
    cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand") if att.cue else None
    return cue is not None and cue.root.lemma_.lower() in lexicon("cues")["not_speech"]


def _in_a_name(tok: Token) -> bool:
    """A capitalised word inside a sentence, after a capitalised name word: part of a name
    (not in a headline written in title case, 'Christie Calls Clinton A Disgrace')."""
    if tok.i == tok.sent.start or not tok.text[:1].isupper() or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    if not (before.pos_ == "PROPN" and before.text[:1].isupper() and not before.is_sent_start):
        return False
    words = [t for t in tok.sent if t.is_alpha]
    return sum(t.text[:1].isupper() for t in words) < 0.6 * len(words)


def _bare_object(doc: Doc, att: Attribution, cue: Span | None) -> bool:
    """A content of one or two words outside quotation marks with no verb or figure in it,
    after a ``cue`` that does not take what was said as its object ('denied the reports' is a
    denial; lexicon ``object_verbs``)."""
    if len(att.content) != 1 or cue is not None \
            and cue.root.lemma_.lower() in lexicon("cues")["object_verbs"]:
        return False
    span = doc.char_span(*att.content[0], alignment_mode="expand")
    words = [t for t in span or [] if not (t.is_punct or t.is_space)]
    return span is not None and len(words) <= 2 and not any(
        t.pos_ in ("VERB", "AUX", "NUM") or t.is_quote for t in span) \
        and kind_of(text_of(doc), att.content) == "indirect"


def reports_speech(doc: Doc, att: Attribution) -> bool:
    """False where the 'cue' reports no speech: a noun outside the cue lexicon with no
    source ('A decision on whether ...'); a lone preposition or 'is'; a word of a name ('the
    Vale Says No campaign'); a one- or two-word object ('urges Harry'); a 'without' cue ('without confirming'); a
    phrasal action ('call up', lexicon ``not_speech_phrasal``); a verb that reports no
    speech (lexicon ``not_speech``), or a negated one, whose 'content' is a mere object
    ('offered cash bonuses', 'published data', 'did not confirm the number') or a question
    ('did not say whether'); a passive verb with an infinitive ('was expected to', 'have
    been asked to'); 'citing X'."""
    if att.cue is None or att.quotation:
        return True
    cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    if cue is not None and cue.root.pos_ == "NOUN" and att.source is None \
            and cue.root.lemma_.lower() not in lexicon("cues")["nouns"]:
        return False  # 'A decision on whether to allow ...': no one speaks
    if cue is not None and len(cue) == 1 and (cue.root.pos_ == "ADP" or cue.root.lemma_ == "be"):
        return False  # 'about the incident', 'is': the tagger's slip, no reporting word
    if cue is not None and _in_a_name(cue[0]):
        return False  # 'the North East Says No campaign': a word of a name
    if _bare_object(doc, att, cue):
        return False  # 'urges Harry', 'protested his': an object, not what was said
    if cue is None or cue.root.pos_ not in ("VERB", "AUX"):
        return True
    verb = cue.root
    if verb.head.lower_ == "without":
        return False
    content = doc.char_span(att.content[0][0], att.content[0][1], alignment_mode="expand")
    if content is None:
        return True
    root = content.root
    clause = root.pos_ in ("VERB", "AUX") or content.text.lstrip()[:1] in "\"“«"
    if verb.lemma_ in ("cite", "quote") and not clause:
        # 'citing the agency' names a source (a hop of the relay), 'citing a threat' a
        # reason; 'quoted him as' is the quoted one, whose words come after 'saying'
        return not (root.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or root.pos_ in (
            "PRON", "PROPN") or root.lemma_.lower() in SOURCE_NOUNS | EVENT_NOUNS)
    reported = root.dep_ in ("ccomp", "parataxis") or content.text.lstrip()[:1] in "\"“«" or \
        content.text.lower().startswith("that ")
    if _phrasal_action(doc, att):
        return False  # 'will call up more reservists': an action
    if verb.lemma_.lower() in lexicon("cues")["not_speech"]:
        return reported  # 'plans to', 'published data'; but 'published a report saying that'
    negated = any(c.dep_ == "neg" for c in verb.children)
    if negated and (not clause and root.dep_ in _OBJECT_DEPS
                    or content.text.lower().startswith(("whether ", "if "))):
        return False  # 'did not confirm the number', 'did not say whether ...'
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    agent = any(c.dep_ == "agent" for c in verb.children)
    # 'was expected to', 'have been asked to', 'have been called up': no one speaks
    return not (passive and not agent and not reported and verb.lemma_ != "quote")


_OBJECT_DEPS = {"dobj", "attr", "pobj", "nsubj", "nsubjpass", "appos", "oprd", "dative"}


def _whole_clause(doc: Doc, found: list[Attribution], rules: list[Attribution]) -> None:
    """"<clause>, according to X": the content is the whole clause. The parser may hang the
    phrase on a word inside it ("people suspected of plotting ..., according to"), and a
    candidate built from that word holds only part of the clause."""
    text = text_of(doc)
    whole = {r.cue: r.content for r in rules if r.cue and len(r.content) == 1
             and text[r.cue[0]:r.cue[1]].lower().startswith(("according to", "as reported by"))}
    for att in found:
        spans = whole.get(att.cue) if att.cue else None
        if spans and len(att.content) == 1 and spans[0] != att.content[0] \
                and spans[0][0] <= att.content[0][0] and att.content[0][1] <= spans[0][1]:
            att.content = list(spans)


def _stacked_sources(items: list[tuple[Attribution, str, Speaker]]) -> None:
    """'<claim>, spokeswoman Ana Petrik said, the Brenholm Post reported.': the outlet
    reports the claim with its attribution, so its content runs to 'said', and the inner
    speaker's content is the claim without the outlet's 'the Brenholm Post reported'.

    A piece of one triple's content that holds another triple's source and cue, where the
    other triple's content is this one's first piece, is that outer report, not content."""
    for inner, _k, _s in items:
        if inner.cue is None or len(inner.content) < 2:
            continue
        for outer, _k2, _s2 in items:
            if outer is inner or outer.cue is None or outer.source is None \
                    or outer.content[:1] != inner.content[:1]:
                continue
            holder = next((piece for piece in inner.content[1:]
                           if piece[0] <= outer.source[0] and outer.cue[1] <= piece[1]), None)
            if holder is None or inner.cue[1] > holder[0]:
                continue
            inner.content = [piece for piece in inner.content if piece[0] < holder[0]]
            outer.content = [(outer.content[0][0], inner.cue[1])]
            break


def find_statements(doc: Doc, use_rules: bool = True) -> list[Statement]:
    """Statements of ``doc`` in text order, ids s1, s2, ..."""
    document = doc._.document
    publisher = document.publisher if document is not None else None
    model = [a for a in doc._.attributions or [] if not _phrasal_action(doc, a)]
    for att in model:
        cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand") if att.cue else None
        if cue is not None:
            att.content = _without_cue(doc, att.content, cue) or att.content
    rules = find_rule_attributions(doc) if use_rules else []
    triples = merge(model, rules, only_nested=True, doc=doc) if model else merge([], rules)
    triples = [a for a in triples if not _only_a_report(doc, a, triples)]
    _whole_clause(doc, triples, rules)
    resolver = SpeakerResolver(doc, doc._.entities or [], publisher)
    items: list[tuple[Attribution, str, Speaker]] = []
    for att in triples:
        att.content = _completed(doc, att.content)
        settle_source(doc, att)
        att.content = drop_cue_modifiers(doc, tidy_spans(text_of(doc), after_dateline(text_of(doc),
                                                                                  att.content)))
        att.content = _near_unknown_cue(doc, att)
        att.content = _around_cue(text_of(doc), att)
        if not att.content or not reports_speech(doc, att):
            continue
        items.append((att, kind_of(text_of(doc), att.content), resolver.resolve(att.source)))
    _stacked_sources(items)
    covered = [s for att, _k, _s in items for s in att.content + ([att.cue] if att.cue else [])]
    items += own_voice_statements(doc, covered, resolver, publisher)
    items.sort(key=lambda item: item[0].content[0][0])
    statements = []
    for number, (att, kind, speaker) in enumerate(items, 1):
        statements.append(Statement(
            id=f"s{number}", kind=kind, speaker=speaker, cue=_cue(doc, att.cue),  # type: ignore[arg-type]
            content=Content(text=_join(doc, att.content), spans=list(att.content)),
            said_on=_said_on(doc, att),
        ))
    return statements


@Language.factory("claimgraph_speech", assigns=["doc._.statements"],
                  default_config={"use_rules": True})
def make_speech(nlp: Language, name: str, use_rules: bool):
    def component(doc: Doc) -> Doc:
        doc._.statements = find_statements(doc, use_rules=use_rules)
        return doc

    return component
