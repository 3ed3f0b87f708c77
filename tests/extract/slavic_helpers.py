"""Running the Russian, Ukrainian and Bulgarian pipelines on a sentence in tests."""

from __future__ import annotations

from claimgraph.model import Document, Extraction
from claimgraph.pipeline import language_pipeline, make_doc, to_extraction


def run(text: str, language: str, published: str = "2025-03-12",
        publisher: str = "Вестник") -> Extraction:
    nlp = language_pipeline(language)
    document = Document(text=text, language=language, published=published, publisher=publisher)
    return to_extraction(nlp(make_doc(nlp, document)))


def by_cue(extraction: Extraction, cue: str):  # type: ignore[no-untyped-def]
    return next(s for s in extraction.statements if s.cue and s.cue.text == cue)
