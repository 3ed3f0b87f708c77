"""Citations: who cites whom, by what cue, on which channel and date.

Each link of each statement's relay chain (publisher -> ``via`` ... -> speaker) is a
citation; links that no statement of the document stands for (a "Source:" line, "told
<Outlet>", "citing the agency") come from ``doc._.relays``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import channel_of, channel_pattern, lexicon
from ..model import Citation, Statement
from .spans import text_of

Char = tuple[int, int]


def channel_near(doc: Doc, statement: Statement) -> str | None:
    """The channel named in the cue's sentence outside the content, if any."""
    if statement.cue is None or statement.cue.span is None:
        return None
    span = doc.char_span(*statement.cue.span, alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    text = text_of(doc)
    for match in channel_pattern().finditer(text, sent.start_char, sent.end_char):
        if any(s <= match.start() < e for s, e in statement.content.spans):
            continue
        return channel_of(match.group(1))
    if statement.cue.lemma in ("post", "tweet", "write"):
        return lexicon("channels")["channels"].get(statement.cue.lemma, "written")
    return None


def find_citations(doc: Doc, statements: list[Statement], channels: bool = True) -> list[Citation]:
    """Every link of every statement's chain: publisher -> via ... -> speaker; with
    ``channels``, each last link's channel read from the English channel words."""
    document = doc._.document
    publisher = (document.publisher if document is not None else None) or "the document"
    citations: list[Citation] = []
    seen: set[tuple[str, str]] = set()

    def add(citation: Citation) -> None:
        key = (citation.citing, citation.cited)
        if citation.citing != citation.cited and key not in seen:
            seen.add(key)
            citations.append(citation)

    for link in doc._.relays or []:
        add(link)
    for st in statements:
        if st.speaker.name is None or st.kind in ("assessment", "assertion") and st.cue is None:
            continue
        chain = [publisher, *st.via, st.speaker.name]
        span = st.speaker.span or (st.cue.span if st.cue else None) or st.content.spans[0]
        if st.cue is not None and st.cue.span is not None:
            span = (min(span[0], st.cue.span[0]), max(span[1], st.cue.span[1]))
        for citing, cited in zip(chain, chain[1:-1]):
            add(Citation(citing=citing, cited=cited, cue="", span=span))
        add(Citation(citing=chain[-2], cited=st.speaker.name,
                     cue=st.cue.text if st.cue else "", span=span,
                     channel=channel_near(doc, st) if channels else None, date=st.said_on))
    return citations


@Language.factory("claimgraph_citations", assigns=["doc._.citations"])
def make_citations(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.citations = find_citations(doc, doc._.statements or [])
        return doc

    return component
