"""One outlet (a document's publisher): how much it published, when, and whom it quoted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from .errors import BadQuery
from .schema import documents, statements

TOP_SPEAKERS = 20


def summary(conn: Connection, publisher: str) -> dict[str, Any]:
    """Totals of ``publisher`` (exact name): documents, statements, first and last
    publication date, and the speakers it quoted most. BadQuery when it published nothing."""
    d, s = documents, statements
    mine = d.c.publisher == publisher
    n_docs, first, last = conn.execute(
        select(func.count(), func.min(d.c.published), func.max(d.c.published)).where(mine)).one()
    if not n_docs:
        raise BadQuery(f"no documents from an outlet named {publisher!r}")
    base = s.join(d, d.c.pk == s.c.doc_pk)
    n_statements = conn.execute(select(func.count()).select_from(base).where(mine)).scalar_one()
    n = func.count().label("n")
    quoted = conn.execute(
        select(s.c.speaker_name, n).select_from(base)
        .where(mine, s.c.speaker_name.is_not(None)).group_by(s.c.speaker_name)
        .order_by(n.desc(), s.c.speaker_name).limit(TOP_SPEAKERS)).all()
    return {"name": publisher, "documents": n_docs, "statements": n_statements,
            "first": first[:10] if first else None, "last": last[:10] if last else None,
            "speakers": [{"name": r.speaker_name, "statements": r.n} for r in quoted]}
