"""Sentence boundaries for Russian, Ukrainian and Bulgarian: spaCy's sentencizer, with
line breaks as boundaries, no boundary inside a quotation («...», „...“, "...") and
none before a lower-case word after an abbreviation ('3,7 тыс. человек')."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from ..paragraphs import mark_paragraphs
from ..spans import text_of
from .quotes import quotations

SENTENCE_ENDS = [".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "?..", "!..", ".»", "!»", "?»",
                 ".“", "!“", "?“", ".\"", "!\"", "?\""]


def mark_sentences(doc: Doc, sentencizer: Sentencizer) -> Doc:
    sentencizer(doc)
    text = text_of(doc)
    inner = [(s, e) for s, e in quotations(text)]
    for tok in doc[1:]:
        if not tok.is_sent_start:
            continue
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            continue
        opened = next(((s, e) for s, e in inner if s == tok.idx), None)
        if opened is not None and prev.idx + len(prev.text) == tok.idx and prev.is_punct:
            # the sentencizer skips the opening quote mark: the sentence starts with it
            before = doc[prev.i - 1] if prev.i > 0 else None
            if before is None or not any(s < before.idx < e for s, e in inner):
                prev.is_sent_start = True
            tok.is_sent_start = False
        elif tok.text[:1].islower() or any(s < tok.idx < e for s, e in inner):
            tok.is_sent_start = False
    return mark_paragraphs(doc)


def make_sentences(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    sentencizer = Sentencizer(punct_chars=SENTENCE_ENDS)

    def component(doc: Doc) -> Doc:
        return mark_sentences(doc, sentencizer)

    return component
