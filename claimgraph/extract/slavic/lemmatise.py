"""The ``claimgraph_lemmas`` component: ``Token.lemma_`` from the language's lemmatiser."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ..lemmas import lemma


def lemmatise_doc(doc: Doc, language: str) -> Doc:
    for token in doc:
        if not token.is_space and not token.is_punct:
            token.lemma_ = lemma(token.text, language)
    return doc


def make_lemmas(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Sets ``Token.lemma_`` with the language's lemmatiser."""
    language = nlp.lang

    def component(doc: Doc) -> Doc:
        return lemmatise_doc(doc, language)

    return component
