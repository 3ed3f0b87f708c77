"""Extraction for Russian, Ukrainian and Bulgarian: one spaCy pipeline per language.

Each pipeline is spaCy's blank language class (its tokenizer) with claimgraph's
components under the English pipeline's names, registered for that language only
(spaCy looks up ``ru.claimgraph_speech`` before ``claimgraph_speech``), so no English
rule runs on these languages: ``claimgraph_sentences`` (sentencizer, line breaks,
quotations), ``claimgraph_lemmas``, ``claimgraph_dates``, ``claimgraph_entities``,
``claimgraph_quantities``, ``claimgraph_estimates``, ``claimgraph_speech``, then the
shared ``claimgraph_citations`` (without the English channel words) and
``claimgraph_assemble``. The words they read are the ``slavic_*.json`` lexicons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import spacy
from spacy.language import Language

LANGUAGES = ("ru", "uk", "bg")

COMPONENTS = (
    "claimgraph_sentences",
    "claimgraph_lemmas",
    "claimgraph_dates",
    "claimgraph_entities",
    "claimgraph_quantities",
    "claimgraph_estimates",
    "claimgraph_speech",
    "claimgraph_citations",
    "claimgraph_assemble",
)


def _factories() -> dict[str, Callable]:  # type: ignore[type-arg]
    from . import citations, dates, entities, estimates, lemmatise, quantities, sentences, speech

    return {
        "claimgraph_sentences": sentences.make_sentences,
        "claimgraph_lemmas": lemmatise.make_lemmas,
        "claimgraph_dates": dates.make_dates,
        "claimgraph_entities": entities.make_entities,
        "claimgraph_quantities": quantities.make_quantities,
        "claimgraph_estimates": estimates.make_estimates,
        "claimgraph_speech": speech.make_speech,
        "claimgraph_citations": citations.make_citations,
    }


@cache
def _register() -> None:
    from .. import assemble  # noqa: F401  (the shared claimgraph_assemble factory)

    factories = _factories()
    for code in LANGUAGES:
        cls = spacy.util.get_lang_class(code)
        for name, func in factories.items():
            if f"{code}.{name}" not in spacy.util.registry.factories:
                cls.factory(name, func=func)


def _keep_hyphenated_words(nlp: Language) -> None:
    """'пресс-служба', 'прем'єр-міністр', 'най-вероятно' stay one token, as the
    lemmatisers and lexicons know them."""
    infixes = [p for p in nlp.Defaults.infixes or [] if not re.search(p, "пресс-служба")]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def build(language: str) -> Language:
    """The extraction pipeline for ``language`` ('ru', 'uk' or 'bg')."""
    if language not in LANGUAGES:
        raise ValueError(f"no extraction pipeline for {language!r}")
    from ... import pipeline  # noqa: F401  (the Doc extensions the components write)

    _register()
    nlp = spacy.blank(language)
    _keep_hyphenated_words(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
