"""Long documents in pieces: offsets into the whole text, entities joined, ids renumbered."""

from __future__ import annotations

from claimgraph import chunks
from claimgraph.model import Document
from claimgraph.pipeline import extract_one

PARAGRAPH = ("The governor of Velsa, Ilse Marrow, said on Monday that 300 homes had been "
             "evacuated. Marrow added that the river was likely to peak on Friday.")


def test_split_cuts_at_paragraphs_within_the_limit():
    text = "\n\n".join(["word " * 30] * 10)
    pieces = chunks.split(text, size=400)
    assert "".join(p for _o, p in pieces) == text
    assert all(len(p) <= 400 for _o, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _o, p in pieces[:-1])


def test_a_long_document_is_one_extraction_of_the_whole_text(nlp, monkeypatch):
    text = "Floods in Velsa\n\n" + "\n\n".join([PARAGRAPH] * 6)
    whole = extract_one(nlp, Document(text=text, published="2025-04-10"))
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 400)
    pieces = extract_one(nlp, Document(text=text, published="2025-04-10"))
    assert len(chunks.split(text, 400)) > 2
    assert pieces.document.text == text
    assert [s.id for s in pieces.statements] == [f"s{i}" for i in
                                                 range(1, len(pieces.statements) + 1)]
    assert len(pieces.statements) == len(whole.statements)
    for st in pieces.statements:
        for start, end in st.content.spans:
            assert text[start:end] in st.content.text
        for q in st.quantities:
            assert text[q.span[0]:q.span[1]] == q.text
    for date in pieces.dates:
        assert text[date.span[0]:date.span[1]] == date.text
    marrow = [e for e in pieces.entities if e.name == "Ilse Marrow"]
    assert len(marrow) == 1 and len(marrow[0].mentions) >= 6
    assert {s.speaker.entity for s in pieces.statements if s.speaker.name == "Ilse Marrow"} \
        == {marrow[0].id}
