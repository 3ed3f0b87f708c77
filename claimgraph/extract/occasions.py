"""Occasions: remarks, interviews and briefings a paragraph names ("remarks by General X on
the state channel Drunia-1 on Sunday"), which date the speaker's statements after them and
add the outlet to their relay."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Entity, Statement
from .hops import is_outlet
from .relay_names import same_body
from .spans import text_of
from .speakers import EVENT_NOUNS


@dataclass
class Occasion:
    """Remarks by someone on some outlet on some day ('remarks by General X on the state
    channel Drunia-1 on Sunday'), which the paragraph then reports ('X claimed ...')."""

    speaker: Entity
    start: int
    outlet: str | None
    date: str | None


def occasions(doc: Doc) -> list[Occasion]:
    """Event nouns followed by 'by' or 'with' and a named person ('remarks by', 'an
    interview with'); the outlet ('on the state channel Drunia-1') and the date ('on
    Sunday') are read from the rest of the sentence, wherever the parse hung them."""
    found = []
    for tok in doc[:-1]:
        if tok.lemma_.lower() not in EVENT_NOUNS or tok.pos_ != "NOUN" \
                or doc[tok.i + 1].lower_ not in ("by", "with"):
            continue
        rest = doc[tok.i + 1:tok.sent.end]
        person = next((e for e in doc._.entities or [] if e.type == "PERSON" and any(
            rest.start_char <= s < rest.end_char for s, _e in e.mentions)), None)
        if person is None:
            continue
        outlet = next((name for t in rest if t.dep_ == "pobj" and t.head.lower_ in ("on", "to")
                       and (name := is_outlet(doc, t))), None)
        date = next((d.value for d in doc._.dates or []
                     if rest.start_char <= d.span[0] < rest.end_char), None)
        if outlet or date:
            found.append(Occasion(person, tok.idx, outlet, date))
    return found


def apply_occasions(doc: Doc, statements: list[Statement],
                    parent_of: dict[str, Statement]) -> None:
    """Statements by an occasion's speaker later in its paragraph, with no date or outlet
    of their own, were made then and there."""
    text = text_of(doc)
    for occasion in occasions(doc):
        end = text.find("\n", occasion.start)
        end = len(text) if end < 0 else end
        for st in statements:
            if st.id in parent_of or st.speaker.entity != occasion.speaker.id \
                    or not occasion.start < st.content.spans[0][0] < end:
                continue
            st.said_on = st.said_on or occasion.date
            if occasion.outlet and not any(same_body(v, occasion.outlet) for v in st.via):
                st.via = [*st.via, occasion.outlet]
