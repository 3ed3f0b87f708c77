"""Sentence boundaries at line breaks: headlines and paragraphs never run together."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_paragraphs(doc: Doc) -> Doc:
    """Open a sentence after every token that holds or is followed by a line break."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


@Language.component("claimgraph_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    return mark_paragraphs(doc)
