"""Headline speakers: a headline statement ("Army chief says ...") takes the speaker, relay
and date of the body statement it summarises."""

from __future__ import annotations

from spacy.tokens import Doc

from ..lexicons import lexicon
from ..model import Entity, Speaker, Statement
from .relay_names import same_speaker
from .spans import text_of
from .speakers import stem, word_stems


def _content_words(doc: Doc, st: Statement) -> set[str]:
    words = set()
    for s, e in st.content.spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        for tok in span or []:
            if tok.like_num or (tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not tok.is_stop):
                words.add(tok.text.replace(",", "") if tok.like_num else tok.lemma_.lower())
    return words


def headline_speakers(doc: Doc, statements: list[Statement]) -> None:
    """A headline statement takes ``via`` and ``said_on`` from the body statement it
    summarises, and its speaker too when the headline names only a role ('Army chief says
    ...')."""
    title_end = text_of(doc).find("\n")
    if title_end < 0 or not _reads_as_title(text_of(doc)[:title_end]):
        return  # a lead paragraph, not a headline: its speakers are its own
    for st in statements:
        if st.content.spans[0][0] >= title_end or st.speaker.span is None:
            continue
        source = doc.char_span(*st.speaker.span, alignment_mode="expand")
        named = next((e for e in doc._.entities or [] if e.id == st.speaker.entity), None)
        if source is None:
            continue
        words = _content_words(doc, st)
        body = [o for o in statements if o.content.spans[0][0] > title_end and o.speaker.name]
        role = {t.lemma_.lower() for t in source if t.pos_ in ("NOUN", "PROPN")}
        # The most similar body statement whose speaker fits, the innermost among equals.
        scored = sorted(((len(words & _content_words(doc, o)),
                          -sum(e - b for b, e in o.content.spans), -i, o)
                         for i, o in enumerate(body)), key=lambda x: x[:3], reverse=True)
        similar = [match for overlap, _size, _i, match in scored if overlap >= 2]
        fitting = [match for match in similar if _fits(doc, st, named, role, match)]
        if fitting:
            _summarises(st, fitting[0], same_speaker(st, fitting[0]))
        elif similar and (named is None or named.type != "PERSON"):
            # another way of naming the source ('Halcourt accuses ...' for the ministry):
            # the words the headline restates were said when the lead says
            st.said_on = st.said_on or similar[0].said_on
        elif not similar:
            # a headline in other words than its lead ('Customs officials report surge'):
            # the lead's first statement whose speaker fits
            lead = [o for o in body if _in_lead(doc, o, title_end)]
            match = next((o for o in lead if _fits(doc, st, named, role, o)), None)
            if match is not None:
                _summarises(st, match, same_speaker(st, match))


def _in_lead(doc: Doc, st: Statement, title_end: int) -> bool:
    """Whether ``st`` starts in the first paragraph after the headline."""
    text = text_of(doc)
    start = title_end
    while start < len(text) and text[start] in "\n \t":
        start += 1
    end = text.find("\n", start)
    return start <= st.content.spans[0][0] < (end if end >= 0 else len(text))


def _fits(doc: Doc, st: Statement, named: Entity | None, role: set[str], match: Statement) -> bool:
    """Whether the headline's speaker may be ``match``'s: the same one, or a role or
    description that fits it (a named person heads only their own words)."""
    if same_speaker(st, match):
        return True
    if named is not None and named.type == "PERSON":
        return False
    return not role or _role_fits(doc, role, match)


def _summarises(st: Statement, match: Statement, same: bool) -> None:
    """The headline statement ``st`` restates ``match``: its source, relay and date."""
    if not same:
        st.speaker = Speaker(name=match.speaker.name, text=st.speaker.text,
                             span=st.speaker.span, entity=match.speaker.entity)
    st.via = list(match.via)
    st.said_on = st.said_on or match.said_on


TITLE_WORDS = 16  # a first line of more words that ends a sentence is a lead paragraph


def _reads_as_title(line: str) -> bool:
    """Whether a document's first line is a headline ('Army chief says ...', 'Update, 5
    March 2024.') rather than its lead paragraph ('KESSEL, June 7 (NPA) - About 120,000
    homes ... lost power, grid operator Ostland Power said.')."""
    line = line.strip()
    closed = line.rstrip("\"'”’)").endswith((".", "!", "?"))
    return len(line.split()) <= TITLE_WORDS or not closed


def _role_fits(doc: Doc, role: set[str], match: Statement) -> bool:
    """Whether the headline's role words ('army', 'chief') fit the body speaker."""
    synonyms = lexicon("relay")["role_synonyms"]
    wanted = role | {s for r in role for s in synonyms.get(r, [])}
    ent = next((e for e in doc._.entities or [] if e.id == match.speaker.entity), None)
    described = " ".join([*(ent.roles if ent else []), match.speaker.text or "",
                          match.speaker.name or ""]).lower()
    return bool({stem(w) for w in wanted} & word_stems(described))
