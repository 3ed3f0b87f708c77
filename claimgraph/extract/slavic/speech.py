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
Петрова' -> 'Иван Петров'); a surname, role, epithet, pronoun, bare outlet noun or
abbreviation in it stands for the person or body the document names. ``via`` lists the
sources between the publisher and the speaker: the one relaying a source it cites ('со
ссылкой на'), the outlet spoken to, and the speaker of a statement whose content holds
this one. ``said_on`` is a date in the cue's sentence outside the content, else the date
of the statement it continues; a report after its content with no date of its own takes
the day of the event it reports ('МЗС у понеділок викликало посла, повідомив речник').
A headline 'Speaker: content' is a statement too. Sentences in the publisher's own voice
that carry an estimate are ``assessment`` statements.

This module is the ``claimgraph_speech`` component of these languages: it drops
duplicates, nests statements, resolves speakers and hops in text order and dates and
numbers the statements. Its parts are modules of their own: :mod:`.statement_shapes`
(cues and the shapes around them), :mod:`.speaker_phrases` (the speaker's phrase by the
cue), :mod:`.speakers` (whom that phrase names), :mod:`.speaker_words` (role nouns,
epithets and other readings of its words), :mod:`.outlets` (outlet and abbreviation
lookups), :mod:`.relay` (citing, relaying and the outlet spoken to), :mod:`.headline`,
with :mod:`.speech_words` (the words they read, per language) and :mod:`.found` (a
statement as found) shared by them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...model import Content, Cue, Speaker, Statement
from ..spans import Char, text_of
from .found import Found, inside, overlap, size
from .headline import headline_statement
from .quotes import quotations
from .relay import merge_relaying, relay_hops, split_citing, told_hops
from .speakers import Resolver
from .statement_shapes import according_statements, sentence_content, verb_statements
from .speech_words import speech_words


def _kind(text: str, spans: list[Char], quotes: list[Char]) -> str:
    total = sum(e - s for s, e in spans)
    quoted = sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans for qs, qe in quotes)
    if total == 0 or quoted == 0:
        return "indirect"
    return "direct" if quoted / total > 0.85 else "mixed"


def _said_on(doc: Doc, f: Found) -> str | None:
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
        within = [m.value for m in doc._.dates or [] if len(m.value) == 10
                  and any(cs <= m.span[0] < ce for cs, ce in f.content)]
        document = doc._.document
        published = document.published if document is not None else None
        if len(within) == 1 and published and within[0] <= str(published)[:10]:
            return within[0]
    return best[1] if best else None


def _dedupe(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: -sum(e - s for s, e in f.content)):
        clash = next((k for k in kept if overlap(k.content, f.content)
                      > 0.5 * min(size(k.content), size(f.content))
                      and not _nested(f, k) and not _nested(k, f)), None)
        if clash is None:
            kept.append(f)
        elif not clash.speaker and f.speaker:
            kept[kept.index(clash)] = f
    return sorted(kept, key=lambda f: f.content[0])


def _nested(inner: Found, outer: Found) -> bool:
    return inner.cue is not None and inside(inner.cue[0], outer.content) \
        and size(inner.content) < size(outer.content)


def find_statements(doc: Doc, language: str) -> list[Statement]:
    """The statements of ``doc`` (see the module docstring)."""
    lex = speech_words(language)
    text = text_of(doc)
    quotes = quotations(text)
    dates = [d.span for d in doc._.dates or []]
    found = verb_statements(doc, lex, quotes, dates) + according_statements(
        doc, lex, quotes, dates)
    found = _dedupe(found)
    for f in found:
        split_citing(doc, f, lex, dates)
    found = merge_relaying(found, lex)
    chains = [f.onward for f in found if f.onward is not None]
    # 'который цитира двама министри', 'цитиран от агенция': a link of a chain, no statement
    found = [f for f in found if f.cue is None or not inside(f.cue[0], chains)]
    document = doc._.document
    publisher = (document.publisher if document is not None else None) or "the document"
    resolver = Resolver(doc, lex, doc._.entities or [], publisher)
    resolver.contents = [span for f in found for span in f.content]
    statements: list[Statement] = []
    owners: list[tuple[Found, Statement]] = []
    for f in sorted(found, key=lambda f: f.cue[0] if f.cue else f.content[0][0]):
        speaker = resolver.resolve(f)
        resolver.said_to = max([resolver.said_to, *(e for _, e in f.content),
                                *([f.cue[1]] if f.cue else [])])
        via = relay_hops(f, speaker, resolver)
        outer = [st for g, st in owners if _nested(f, g)]
        if outer:
            parent = min(outer, key=lambda st: size(st.content.spans))
            if parent.speaker.name and parent.speaker.name != speaker.name:
                via = [*parent.via, parent.speaker.name, *via]
        if f.impersonal:
            speaker = resolver.body_of(f) or speaker
        via = told_hops(doc, f, lex, resolver, speaker, via, statements)
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
    headline = headline_statement(doc, lex, statements, resolver)
    if headline is not None:
        statements.append(headline)
    statements += _assessments(doc, [s for st in statements for s in st.content.spans], publisher)
    statements.sort(key=lambda st: st.content.spans[0])
    for number, st in enumerate(statements, 1):
        st.id = f"s{number}"
    return statements


def _assessments(doc: Doc, covered: list[Char], publisher: str) -> list[Statement]:
    """Sentences in the publisher's voice carrying an estimate."""
    text = text_of(doc)
    out = []
    seen: set[int] = set()
    for est in doc._.estimates or []:
        if inside(est.span[0], covered):
            continue
        span = doc.char_span(est.span[0], est.span[1], alignment_mode="expand")
        if span is None or span.sent.start in seen:
            continue
        sent: Span = span.sent
        seen.add(sent.start)
        content = sentence_content(text, sent.start_char, sent.end_char)
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
