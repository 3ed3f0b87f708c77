"""Long documents in paragraph-aligned pieces: linear time and memory in text length.

spaCy refuses texts over ``nlp.max_length`` (a million characters) and its parser's
memory grows with the text, so a document longer than :data:`CHUNK_CHARS` is cut at
paragraph breaks (line breaks, then sentence ends, as a last resort anywhere), each piece
is extracted as a document of its own, and the pieces' results are joined into one
:class:`~claimgraph.model.Extraction` whose offsets index into the whole text. Entities
named in several pieces become one; statement and entity ids are numbered anew.
Document-level sources (a closing "Source:" line) and pronouns reach only within their
piece.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .model import Document, Entity, Extraction

CHUNK_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"))


def split(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``, each piece at most ``size`` characters,
    cut at the last paragraph break (else line break, else sentence end) before the limit."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > size // 2]
            if ends:
                cut = ends[-1]
                break
        cut = cut or size
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def piece_documents(document: Document, size: int = CHUNK_CHARS) -> list[tuple[int, Document]]:
    """The document's pieces as documents with its metadata (and its id, for messages)."""
    return [(offset, dataclasses.replace(document, text=piece, id=document.id))
            for offset, piece in split(document.text, size)]


def _shift(value: Any, by: int, seen: set[int] | None = None) -> Any:
    """``value`` with every span under it moved by ``by``, each object once (a statement's
    quantities are the extraction's quantities too)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return value
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name == "span" and isinstance(item, tuple) and len(item) == 2:
                setattr(value, f.name, (item[0] + by, item[1] + by))
            elif f.name in ("spans", "mentions") and isinstance(item, list):
                setattr(value, f.name, [(s + by, e + by) for s, e in item])
            else:
                _shift(item, by, seen)
    elif isinstance(value, list):
        for item in value:
            _shift(item, by, seen)
    return value


def join(document: Document, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction of ``document`` from its pieces' extractions at their offsets."""
    out = Extraction(document=document)
    by_key: dict[tuple[str, str], Entity] = {}
    for offset, part in parts:
        _shift(part, offset)
        renamed: dict[str, str] = {}
        for ent in part.entities:
            key = (ent.type, ent.name.lower())
            kept = by_key.get(key)
            if kept is None:
                kept = by_key[key] = ent
                out.entities.append(ent)
            else:
                kept.mentions += ent.mentions
                kept.aliases += [a for a in ent.aliases if a not in kept.aliases]
                kept.roles += [r for r in ent.roles if r not in kept.roles]
            renamed[ent.id] = f"e{out.entities.index(kept) + 1}"
        for st in part.statements:
            if st.speaker.entity:
                st.speaker.entity = renamed.get(st.speaker.entity, st.speaker.entity)
        out.statements += part.statements
        out.citations += [c for c in part.citations
                          if (c.citing, c.cited) not in {(o.citing, o.cited) for o in out.citations}]
        out.quantities += part.quantities
        out.estimates += part.estimates
        out.dates += part.dates
    for number, ent in enumerate(out.entities, 1):
        ent.id = f"e{number}"
    for number, st in enumerate(out.statements, 1):
        st.id = f"s{number}"
    return out
