"""Attach quantities and estimates to the statements that carry them, and rate how strongly
each statement asserts its claim (:mod:`claimgraph.extract.strength`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Statement

Char = tuple[int, int]


def _within(span: Char, spans: list[Char]) -> int | None:
    """Length of the content span holding ``span`` (smaller is more specific)."""
    sizes = [e - s for s, e in spans if s <= span[0] and span[1] <= e]
    return min(sizes) if sizes else None


def _owner(span: Char, statements: list[Statement]) -> Statement | None:
    best, best_size = None, None
    for st in statements:
        size = _within(span, st.content.spans)
        if size is not None and (best_size is None or size < best_size):
            best, best_size = st, size
    return best


def attach(doc: Doc, statements: list[Statement]) -> None:
    """Give each quantity and estimate to the innermost statement whose content holds it;
    an estimate outside any content goes to the statements cued in its sentence."""
    for qty in doc._.quantities or []:
        owner = _owner(qty.span, statements)
        if owner is not None:
            owner.quantities.append(qty)
    for est in doc._.estimates or []:
        owner = _owner(est.span, statements)
        if owner is not None:
            owner.estimates.append(est)
            continue
        sent = doc.char_span(est.span[0], est.span[1], alignment_mode="expand")
        if sent is None:
            continue
        bounds = (sent.sent.start_char, sent.sent.end_char)
        for st in statements:
            if st.cue and st.cue.span and bounds[0] <= st.cue.span[0] < bounds[1]:
                st.estimates.append(est)


def rate(doc: Doc, statements: list[Statement]) -> None:
    """Each statement's claim strength (0 no relationship .. 3 causal, hedges and cue stance
    weighed in), read on its content: what drift compares across a re-report."""
    from .strength import claim_strength

    for st in statements:
        spans = st.content.spans
        content = doc.char_span(spans[0][0], spans[-1][1], alignment_mode="expand") \
            if spans else None
        if content is not None and len(content):
            st.strength = round(claim_strength(content).score, 3)


@Language.factory("claimgraph_assemble", assigns=["doc._.statements"])
def make_assemble(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        attach(doc, doc._.statements or [])
        rate(doc, doc._.statements or [])
        return doc

    return component
