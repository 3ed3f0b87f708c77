"""Citations of a Russian, Ukrainian or Bulgarian document: every link of every
statement's chain, as in English, without the English channel words."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..citations import find_citations


def make_citations(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        doc._.citations = find_citations(doc, doc._.statements or [], channels=False)
        return doc

    return component
