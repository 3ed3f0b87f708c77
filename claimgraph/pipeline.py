"""The extraction pipeline: claimgraph's extractors as registered spaCy components.

Each extractor module registers a factory with ``@Language.factory`` and writes its
results to a ``Doc`` extension; :func:`build` appends them, in order, to a loaded
spaCy model, and :func:`extract` turns documents into :class:`Extraction` values.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import chunks, language
from .errors import ClaimgraphError
from .extract.spans import remember_text
from .model import Document, Extraction
from .nlp import load_model

EXTENSIONS = ("document", "entities", "dates", "quantities", "estimates",
              "attributions", "statements", "relays", "citations")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Order matters: speech reads dates and entities; assemble attaches values to statements.
COMPONENTS = (
    "claimgraph_entities",
    "claimgraph_dates",
    "claimgraph_quantities",
    "claimgraph_estimates",
    "claimgraph_attributions",
    "claimgraph_speech",
    "claimgraph_relay",
    "claimgraph_citations",
    "claimgraph_assemble",
)

# Trained on one spaCy model's token vectors: with another model, rules stand in for it.
OPTIONAL = {"claimgraph_attributions"}
# What a headline's reading leaves out: only its statements are kept. (Every other
# component changes them: the tagger and the entities on about one headline in ten.)
HEADLINE_SKIPS = ("claimgraph_citations",)


def _register() -> None:
    # Importing the modules runs their @Language.factory decorators.
    from .extract import (  # noqa: F401
        assemble, attributions, citations, dates, entities, estimates, paragraphs, quantities,
        relay, speech,
    )


def build(model: str | None = None, components: Iterable[str] | None = None) -> Language:
    """A spaCy pipeline with claimgraph's extractors (default: all of them) appended."""
    _register()
    components = COMPONENTS if components is None else components
    nlp = load_model(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimgraph_paragraphs", before="parser")
    for name in components:
        try:
            nlp.add_pipe(name, last=True)
        except ClaimgraphError as exc:
            if name not in OPTIONAL:
                raise
            print(f"claimgraph: warning: {exc}; going on without {name}", file=sys.stderr)
    _out_of_collector()
    return nlp


def _out_of_collector() -> None:
    """Move every object alive now (the model, lexicons, matchers: what lasts as long as
    the pipeline) out of the cyclic garbage collector's generations. Extraction makes many
    short-lived objects, so the collector runs often; without this each full collection
    walks the whole model again (about 1.5% of extraction time)."""
    gc.collect()
    gc.freeze()


# A short text that takes extraction through the paths that load something on first use.
WARM_UP_TITLE = "Minister says 1,200 troops likely moved north"
WARM_UP_TEXT = (f"{WARM_UP_TITLE}\n\nThe minister said on Tuesday that about 1,200 troops had "
                "probably moved north, according to the state agency.")


def warm_up(nlp: Language) -> None:
    """Load now what extraction otherwise loads on its first documents (the language
    identifier, dateparser's data, lexicons): a worker's start-up, kept out of its first
    task and out of throughput measurements."""
    from .extract.dates import load_fallback

    load_fallback()
    document = Document(text=WARM_UP_TEXT, title=WARM_UP_TITLE, publisher="Wire",
                        published="2024-03-06")
    for _ in extract(nlp, [document]):
        pass


@cache
def language_pipeline(language: str) -> Language:
    """The extraction pipeline of a language other than English ('ru', 'uk', 'bg'), built
    on first use (:mod:`claimgraph.extract.slavic`)."""
    from .extract import slavic

    return slavic.build(language)


def pipeline_for(nlp: Language, language: str | None) -> Language:
    """The pipeline that reads ``language``: ``nlp`` (English) or that language's own."""
    if language and language != "en" and language in language_pipeline_languages():
        return language_pipeline(language)
    return nlp


def language_pipeline_languages() -> tuple[str, ...]:
    from .extract.slavic import LANGUAGES

    return LANGUAGES


def make_doc(nlp: Language, document: Document) -> Doc:
    identify(document)
    doc = nlp.make_doc(document.text)
    remember_text(doc, document.text)
    doc._.document = document
    return doc


def to_extraction(doc: Doc) -> Extraction:
    statements = doc._.statements or []
    language = getattr(doc._.document, "language", "") or ""
    for statement in statements:
        statement.language = language
    return Extraction(
        document=doc._.document,
        entities=doc._.entities or [],
        statements=statements,
        citations=doc._.citations or [],
        quantities=doc._.quantities or [],
        estimates=doc._.estimates or [],
        dates=doc._.dates or [],
    )


def identify(document: Document) -> Document:
    """Set the document's language when its input did not give one."""
    if not document.language:
        document.language = language.detect(document.text)
    return document


def extract(nlp: Language, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
    """Run the pipeline over ``documents``, yielding results in input order; a long
    document goes through in paragraph-aligned pieces (:mod:`claimgraph.chunks`), one in
    Russian, Ukrainian or Bulgarian through its language's own pipeline, one in a language
    extraction does not read yields only itself (:mod:`claimgraph.language`)."""
    batch: list[Document] = []
    for document in documents:
        if len(document.text) <= chunks.CHUNK_CHARS and (identify(document).language or "en") \
                == "en":
            batch.append(document)
            continue
        yield from _short(nlp, batch, batch_size)
        batch = []
        yield extract_one(nlp, document)
    yield from _short(nlp, batch, batch_size)


def _short(nlp: Language, documents: list[Document], batch_size: int) -> Iterator[Extraction]:
    docs = (make_doc(nlp, d) for d in documents)
    found = [to_extraction(doc) for doc in nlp.pipe(docs, batch_size=batch_size)]
    yield from _with_headlines(nlp, found, batch_size)


def _with_headlines(nlp: Language, found: list[Extraction],
                    batch_size: int = 16) -> list[Extraction]:
    """Each title read as a short text of its own: what the headline asserts ("1,500 sent
    into battle") is a statement the linker compares with the body and the source."""
    titled = [e for e in found if (e.document.title or "").strip()]
    titles = (make_doc(nlp, Document(text=e.document.title or "", id=e.document.id,
                                     publisher=e.document.publisher,
                                     published=e.document.published,
                                     language=e.document.language)) for e in titled)
    skip = [name for name in HEADLINE_SKIPS if name in nlp.pipe_names]
    for extraction, doc in zip(titled, nlp.pipe(titles, batch_size=batch_size, disable=skip)):
        extraction.headline = doc._.statements or []
        for statement in extraction.headline:
            statement.id = "h" + statement.id.removeprefix("s")  # apart from the body's s1, s2
            statement.language = extraction.document.language
    return found


def extract_one(nlp: Language, document: Document) -> Extraction:
    if not language.supported(identify(document).language):
        return Extraction(document=document)  # stored and searchable; no English rules
    nlp = pipeline_for(nlp, document.language)
    if len(document.text) <= chunks.CHUNK_CHARS:
        return _with_headlines(nlp, [to_extraction(nlp(make_doc(nlp, document)))])[0]
    parts = [(offset, to_extraction(nlp(make_doc(nlp, piece))))
             for offset, piece in chunks.piece_documents(document)]
    return _with_headlines(nlp, [chunks.join(document, parts)])[0]


class PipelineExtractor:
    """Documents to extraction records (DESIGN section 4), the pipeline loaded on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None

    def __call__(self, docs: list[Document]) -> list[dict[str, Any]]:
        if self._nlp is None:
            self._nlp = build(self.model)
        return [e.to_dict() for e in extract(self._nlp, docs)]
