"""Character spans: trimming their edges; the text they index."""

from __future__ import annotations

from spacy.tokens import Doc

Char = tuple[int, int]
SPACE_PUNCT = " \t\n,;:—–"
QUOTES = "\"'“”‘’"


def strip_span(text: str, start: int, end: int, lead: str = SPACE_PUNCT,
               trail: str = SPACE_PUNCT) -> Char:
    """``(start, end)`` moved inwards past ``lead`` characters and before ``trail`` ones."""
    while start < end and text[start] in lead:
        start += 1
    while end > start and text[end - 1] in trail:
        end -= 1
    return start, end


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins the tokens anew on every access)."""
    text = doc.user_data.get("claimgraph_text")
    if text is None:
        text = doc.user_data["claimgraph_text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Keep the text ``doc`` was made from as its :func:`text_of` (spaCy's tokenizer keeps
    every character, so it is ``doc.text`` without joining the tokens again)."""
    doc.user_data["claimgraph_text"] = text
