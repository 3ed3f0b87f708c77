"""Extraction records (DESIGN section 4) to table rows and back.

A record is stored whole as JSON, with ``document.text`` nulled as it has its own column;
:func:`record_from_row` puts the text back, so what comes out is what went in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..ingest.readers import is_extraction_record
from ..extract.lemmas import lemma_text
from ..model import content_id

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class RecordError(ValueError):
    """A record that does not have the shape of an extraction record."""


def day(value: Any) -> str | None:
    """The YYYY-MM-DD prefix of an ISO date or date-time string, else None."""
    if isinstance(value, str) and _DATE.match(value):
        return value[:10]
    return None


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass
class Rows:
    """A record split into the rows of each table (foreign keys filled in at insert time)."""

    document: dict[str, Any]
    statements: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    aliases: list[dict[str, Any]]


def check(record: dict[str, Any]) -> dict[str, Any]:
    """Validate the fields the store relies on; fills ``document.id`` from the text if absent.

    Raises RecordError naming the first problem.
    """
    if not is_extraction_record(record):
        raise RecordError('not an extraction record (needs "document" and "statements")')
    doc = record["document"]
    if not isinstance(doc.get("text"), str) or not doc["text"].strip():
        raise RecordError('document has no "text"')
    for key in ("id", "title", "publisher", "published", "url", "path", "language"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            raise RecordError(f'document "{key}" must be a string')
    if not doc.get("id"):
        doc["id"] = content_id(doc["text"])
    for field in ("entities", "citations"):
        if not isinstance(record.get(field, []), list):
            raise RecordError(f'"{field}" must be a list')
    for i, st in enumerate(record["statements"]):
        if not isinstance(st, dict) or not isinstance(st.get("id"), str):
            raise RecordError(f'statement {i + 1} has no "id"')
        content = st.get("content")
        if not isinstance(content, dict) or not isinstance(content.get("text"), str):
            raise RecordError(f'statement {st["id"]} has no "content.text"')
    for i, ent in enumerate(record.get("entities", [])):
        if not isinstance(ent, dict) or not isinstance(ent.get("id"), str) \
                or not isinstance(ent.get("name"), str):
            raise RecordError(f'entity {i + 1} needs "id" and "name"')
    for field in ("statements", "entities"):
        ids = [item["id"] for item in record.get(field, [])]
        if len(set(ids)) != len(ids):
            dup = next(x for x in ids if ids.count(x) > 1)
            raise RecordError(f'{field} id {dup!r} appears twice; ids must be unique per document')
    return record


def split(record: dict[str, Any], ingested_at: str) -> Rows:
    """The rows for a checked record."""
    doc = record["document"]
    stored = dict(record)
    stored["document"] = {**doc, "text": None}  # keeps the key order for the restore
    published = _str(doc.get("published"))
    language = _str(doc.get("language"))
    document = {
        "id": doc["id"], "content_hash": content_id(doc["text"]),
        "title": _str(doc.get("title")), "publisher": _str(doc.get("publisher")),
        "published": published, "url": _str(doc.get("url")), "path": _str(doc.get("path")),
        "language": _str(doc.get("language")), "text": doc["text"], "record": dumps(stored),
        "n_statements": len(record["statements"]), "ingested_at": ingested_at,
        "lemmas": lemma_text(f"{_str(doc.get('title')) or ''}\n{doc['text']}", language),
    }
    statements = []
    for ordinal, st in enumerate(record["statements"]):
        speaker = st.get("speaker") if isinstance(st.get("speaker"), dict) else {}
        cue = st.get("cue") if isinstance(st.get("cue"), dict) else {}
        said_on = _str(st.get("said_on"))
        statements.append({
            "doc_id": doc["id"], "id": st["id"], "ordinal": ordinal, "kind": _str(st.get("kind")),
            "speaker_name": _str(speaker.get("name")), "speaker_entity": _str(speaker.get("entity")),
            "cue_text": _str(cue.get("text")), "cue_lemma": _str(cue.get("lemma")),
            "cue_stance": _str(cue.get("stance")), "content_text": st["content"]["text"],
            "said_on": said_on, "date": day(said_on) or day(published),
            "via": dumps(st.get("via") or []),
            "n_quantities": len(st.get("quantities") or []),
            "n_estimates": len(st.get("estimates") or []),
            "language": language,
            "lemmas": lemma_text(f"{_str(speaker.get('name')) or ''}\n{st['content']['text']}",
                                 language),
        })
    entities = [{
        "doc_id": doc["id"], "id": ent["id"], "name": ent["name"], "type": _str(ent.get("type")),
        "aliases": dumps(ent.get("aliases") or []), "roles": dumps(ent.get("roles") or []),
        "n_mentions": len(ent.get("mentions") or []),
    } for ent in record.get("entities", [])]
    aliases = [{**row, "created_at": ingested_at}
               for ent in record.get("entities", [])
               for row in alias_rows(ent["name"], ent.get("aliases") or [], ent.get("roles") or [])]
    return Rows(document, statements, entities, aliases)


def alias_rows(name: str, aliases: list[str], roles: list[str]) -> list[dict[str, Any]]:
    """The other names a document gives an entity: aliases and handles ("@ExampleMFA", "Lind")
    and role descriptions of two words or more ("the port's harbour master")."""
    rows = [{"alias": a, "name": name, "kind": "alias"} for a in aliases if a and a != name]
    rows += [{"alias": r, "name": name, "kind": "role"} for r in roles
             if r and len(r.split()) >= 2 and r != name]
    return list({(r["alias"], r["name"]): r for r in rows}.values())


def record_from_row(record_json: str, text: str) -> dict[str, Any]:
    """The stored record with its document text restored."""
    record: dict[str, Any] = json.loads(record_json)
    record["document"]["text"] = text
    return record
