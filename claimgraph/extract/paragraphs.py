"""Sentence boundaries at line breaks: headlines and paragraphs never run together."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .tokens import lines_of


def mark_paragraphs(doc: Doc) -> Doc:
    """Open a sentence after every token that holds a line break (a token's trailing
    whitespace is at most one space, so a line break is always inside a token)."""
    for i in lines_of(doc):
        if i + 1 < len(doc):
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


@Language.component("claimgraph_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    return mark_paragraphs(doc)
