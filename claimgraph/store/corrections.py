"""Analysts' corrections in the store: add, list, undo, and the ones a story is built with.

A correction names its statement by document id and statement id, and keeps the
statement's content as it read then (its anchor), never a row key: it outlives a new
extraction of the document, which the linker matches it to again when the story is
built. Every correction is kept with who made it and when, what the field was and what
it became; undoing one stamps it undone and keeps it on record.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, or_, select

from ..model import Correction, StatementRef
from .errors import CorrectionNotFound
from .migrations import now
from .records import dumps
from .schema import corrections, documents

ID_PATTERN = re.compile(r"x(\d{1,18})")


def correction_id(pk: int) -> str:
    return f"x{pk}"


def parse_id(value: str) -> int:
    """'x12' -> 12; CorrectionNotFound for anything that is not a correction id."""
    m = ID_PATTERN.fullmatch(value.strip())
    if m is None:
        raise CorrectionNotFound(f"{value!r} is not a correction id (they look like x12); "
                                 "list them with: claimgraph correct list --db DB")
    return int(m.group(1))


def _anchor(ref: StatementRef | None) -> str | None:
    if ref is None or (ref.text is None and ref.span is None):
        return None
    return dumps({"text": ref.text, "span": list(ref.span) if ref.span else None})


def add(conn: Connection, correction: Correction) -> Correction:
    """Store ``correction`` (checked by the caller); returns it with its id and time."""
    created = now()
    other = correction.other
    pk = conn.execute(corrections.insert().values(
        action=correction.action, doc_id=correction.target.document,
        statement_id=correction.target.statement, anchor=_anchor(correction.target),
        other_doc_id=other.document if other else None,
        other_statement_id=other.statement if other else None, other_anchor=_anchor(other),
        before=dumps(correction.before), after=dumps(correction.after), note=correction.note,
        author=correction.author, created_at=created,
    ).returning(corrections.c.pk)).scalar_one()
    return get(conn, pk)


def get(conn: Connection, pk: int) -> Correction:
    row = conn.execute(select(corrections).where(corrections.c.pk == pk)).mappings().first()
    if row is None:
        raise CorrectionNotFound(f"no correction {correction_id(pk)}; list them with: "
                                 "claimgraph correct list --db DB")
    return _correction(row)


def undo(conn: Connection, pk: int, author: str | None) -> tuple[Correction, bool]:
    """Withdraw a correction; (it, whether this call withdrew it). Undoing twice keeps the
    first stamp."""
    found = get(conn, pk)
    if not found.active:
        return found, False
    conn.execute(corrections.update().where(corrections.c.pk == pk)
                 .values(undone_at=now(), undone_by=author))
    return get(conn, pk), True


def _touching(story_id: str) -> ColumnElement[bool]:
    in_story = select(documents.c.id).where(documents.c.story_id == story_id)
    return or_(corrections.c.doc_id.in_(in_story), corrections.c.other_doc_id.in_(in_story))


def listing(conn: Connection, *, document: str | None = None, story: str | None = None,
            active_only: bool = False) -> list[Correction]:
    """Corrections in the order they were made, optionally of one document or story."""
    query = select(corrections)
    if document:
        query = query.where(or_(corrections.c.doc_id == document,
                                corrections.c.other_doc_id == document))
    if story:
        query = query.where(_touching(story))
    if active_only:
        query = query.where(corrections.c.undone_at.is_(None))
    return [_correction(r) for r in conn.execute(query.order_by(corrections.c.pk)).mappings()]


def story_corrections(conn: Connection, story_id: str) -> list[Correction]:
    """The corrections in force on statements of ``story_id``'s documents, oldest first."""
    return listing(conn, story=story_id, active_only=True)


def story_version(conn: Connection, story_id: str) -> str:
    """Changes whenever a correction touching ``story_id`` is made or undone."""
    count, last, undone = conn.execute(
        select(func.count(), func.max(corrections.c.pk), func.count(corrections.c.undone_at))
        .where(_touching(story_id))).one()
    return f"{count}.{last or 0}.{undone}"


def story_versions(conn: Connection) -> dict[str, str]:
    """For every story a correction touches, a mark that changes whenever one of its
    corrections is made or undone (a merge counts once per document it names)."""
    rows = conn.execute(
        select(documents.c.story_id, func.count(), func.max(corrections.c.pk),
               func.count(corrections.c.undone_at))
        .select_from(corrections.join(documents, or_(documents.c.id == corrections.c.doc_id,
                                                     documents.c.id == corrections.c.other_doc_id)))
        .group_by(documents.c.story_id))
    return {story: f"{count}.{last}.{undone}" for story, count, last, undone in rows}


def version(conn: Connection) -> str:
    """Changes whenever any correction is made or undone."""
    count, last, undone = conn.execute(
        select(func.count(), func.max(corrections.c.pk), func.count(corrections.c.undone_at))
    ).one()
    return f"{count}.{last or 0}.{undone}"


def _ref(doc_id: str | None, statement_id: str | None, anchor: str | None) -> StatementRef | None:
    if doc_id is None or statement_id is None:
        return None
    data = json.loads(anchor) if anchor else {}
    span = data.get("span")
    return StatementRef(doc_id, statement_id, data.get("text"),
                        (int(span[0]), int(span[1])) if span else None)


def _correction(r: Any) -> Correction:
    target = _ref(r["doc_id"], r["statement_id"], r["anchor"])
    assert target is not None  # both columns are NOT NULL
    return Correction(
        action=r["action"], target=target,
        other=_ref(r["other_doc_id"], r["other_statement_id"], r["other_anchor"]),
        before=json.loads(r["before"]) if r["before"] else None,
        after=json.loads(r["after"]) if r["after"] else None,
        note=r["note"], author=r["author"], created=r["created_at"], undone=r["undone_at"],
        undone_by=r["undone_by"], id=correction_id(r["pk"]))
