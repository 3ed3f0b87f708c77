"""The entity alias table: other names of one source, from documents and from analysts.

A document gives them itself ("Oskar Lind, the port's harbour master"; a post's @handle),
stored at ingest with the document; an analyst adds one for every story ("the port chief"
is Oskar Lind). A story's speakers are merged through the rows of its own documents and
every analyst row, so one person is one root however each outlet names them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, or_, select

from .migrations import now
from .schema import documents, entity_aliases


def story_aliases(conn: Connection, story_id: str) -> list[tuple[str, str]]:
    """(alias, name) pairs for one story: its documents' rows and every analyst row."""
    in_story = select(documents.c.pk).where(documents.c.story_id == story_id)
    rows = conn.execute(
        select(entity_aliases.c.alias, entity_aliases.c.name)
        .where(or_(entity_aliases.c.doc_pk.in_(in_story), entity_aliases.c.doc_pk.is_(None)))
        .order_by(entity_aliases.c.pk))
    return list(dict.fromkeys((r.alias, r.name) for r in rows))


def analyst_version(conn: Connection) -> str:
    """Changes whenever an analyst adds or removes an alias."""
    count, last = conn.execute(
        select(func.count(), func.max(entity_aliases.c.pk))
        .where(entity_aliases.c.doc_pk.is_(None))).one()
    return f"{count}.{last or 0}"


def add_alias(conn: Connection, alias: str, name: str, author: str | None) -> dict[str, Any]:
    """An analyst's alias (idempotent): ``alias`` names the same source as ``name``."""
    alias, name = alias.strip(), name.strip()
    found = conn.execute(select(entity_aliases.c.pk).where(
        entity_aliases.c.alias == alias, entity_aliases.c.name == name,
        entity_aliases.c.doc_pk.is_(None))).first()
    if found is None:
        conn.execute(entity_aliases.insert().values(
            alias=alias, name=name, kind="analyst", doc_pk=None, author=author,
            created_at=now()))
    return {"alias": alias, "name": name, "kind": "analyst", "author": author}


def remove_alias(conn: Connection, alias: str, name: str) -> int:
    """Remove an analyst's alias; the number of rows removed (0 or 1)."""
    return conn.execute(delete(entity_aliases).where(
        entity_aliases.c.alias == alias.strip(), entity_aliases.c.name == name.strip(),
        entity_aliases.c.doc_pk.is_(None))).rowcount or 0


def list_aliases(conn: Connection, name: str | None = None,
                 analyst_only: bool = False) -> list[dict[str, Any]]:
    """Alias rows, analyst rows first, optionally only those naming ``name`` either way."""
    query = (select(entity_aliases.c.alias, entity_aliases.c.name, entity_aliases.c.kind,
                    entity_aliases.c.author, entity_aliases.c.created_at, documents.c.id.label("doc"))
             .select_from(entity_aliases.outerjoin(documents,
                                                   documents.c.pk == entity_aliases.c.doc_pk)))
    if name:
        query = query.where(or_(entity_aliases.c.name.ilike(f"%{name}%"),
                                entity_aliases.c.alias.ilike(f"%{name}%")))
    if analyst_only:
        query = query.where(entity_aliases.c.doc_pk.is_(None))
    query = query.order_by(entity_aliases.c.doc_pk.is_not(None), entity_aliases.c.pk)
    return [{"alias": r.alias, "name": r.name, "kind": r.kind, "author": r.author,
             "document": r.doc, "created_at": r.created_at} for r in conn.execute(query)]
