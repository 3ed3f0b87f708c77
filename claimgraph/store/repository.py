"""The store: open a database and read from it (documents, statements, entities, stories, search).

Every listing returns a :class:`Page` ordered on a unique key, with a keyset cursor for
the next page, so the same functions can back a paginated web API. Writing is in
:mod:`claimgraph.store.ingest`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Self

from sqlalchemy import ColumnElement, Connection, and_, func, literal, select, tuple_
from sqlalchemy.exc import DBAPIError

from . import aliases as alias_table
from . import search as fts
from .engine import Target, open_engine
from .errors import (
    BadQuery,
    DocumentNotFound,
    ReadOnlyDatabase,
    StoreError,
    StoryNotFound,
)
from .linking import Linker
from .migrations import ensure_schema, exclusive
from .pagination import Page, check_int, check_limit, check_offset, decode_cursor, encode_cursor
from .records import day, record_from_row
from .schema import documents, entities, statements, stories

# Key of the PostgreSQL advisory lock that serialises write transactions.


def check_date(value: str | None, name: str) -> str | None:
    """``value`` as YYYY-MM-DD, or BadQuery."""
    if value is None:
        return None
    if day(value) != value:
        raise BadQuery(f"{name} must be a date like 2024-03-05, not {value!r}")
    return value


def _like(column: Any, needle: str) -> ColumnElement[bool]:
    return column.ilike(f"%{needle}%")  # type: ignore[no-any-return]


class Store:
    """A claimgraph database. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, engine: Any, target: Target, linker: Linker | None = None) -> None:
        self.engine = engine
        self.target = target
        self._linker = linker

    @classmethod
    def open(cls, db: str | os.PathLike[str], *, write: bool = False,
             linker: Linker | None = None) -> Store:
        """Open ``db`` (file path or PostgreSQL URL).

        ``write=True`` creates the database (or upgrades its schema) when needed; a read
        open refuses a missing file. Raises StoreError subclasses with one-line messages.
        """
        engine, target = open_engine(db, write=write)
        try:
            with translate_errors(target):
                ensure_schema(engine, write=write, label=target.label)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, target, linker)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def linker(self) -> Linker:
        if self._linker is None:
            from .linking import DefaultLinker

            self._linker = DefaultLinker()
        return self._linker

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with translate_errors(self.target), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a transaction that commits on success and rolls back on error.

        One writer at a time, on both backends (:func:`~.migrations.exclusive`): story
        assignment must see every document committed before it, and racing inserts
        could deadlock.
        """
        with translate_errors(self.target), exclusive(self.engine) as conn:
            yield conn

    # --- documents ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.read() as conn:
            return {
                "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
                "statements": conn.execute(
                    select(func.count()).select_from(statements)).scalar_one(),
                "entities": conn.execute(select(func.count()).select_from(entities)).scalar_one(),
                "stories": conn.execute(select(func.count()).select_from(stories)).scalar_one(),
            }

    def document(self, doc_id: str) -> dict[str, Any]:
        """The extraction record of ``doc_id``, as ingested; DocumentNotFound if absent."""
        with self.read() as conn:
            row = conn.execute(select(documents.c.record, documents.c.text)
                               .where(documents.c.id == doc_id)).first()
        if row is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        return record_from_row(row.record, row.text)

    def documents(self, *, limit: int = 50, cursor: str | None = None,
                  publisher: str | None = None, since: str | None = None,
                  until: str | None = None, story: str | None = None,
                  language: str | None = None) -> Page:
        """Document metadata, newest published first (undated last), then newest ingested."""
        check_limit(limit)
        key = func.coalesce(documents.c.published, literal(""))
        q = select(documents.c.pk, documents.c.id, documents.c.title, documents.c.publisher,
                   documents.c.published, documents.c.url, documents.c.language,
                   documents.c.story_id, documents.c.n_statements, documents.c.ingested_at,
                   key.label("sort"))
        conds: list[ColumnElement[bool]] = []
        if publisher:
            conds.append(documents.c.publisher == publisher)
        if check_date(since, "since"):
            conds.append(documents.c.published >= since)
        if check_date(until, "until"):
            conds.append(documents.c.published < f"{until}\uffff")
        if story:
            conds.append(documents.c.story_id == story)
        if language:
            conds.append(documents.c.language == language)
        with self.read() as conn:
            total = conn.execute(select(func.count()).select_from(documents)
                                 .where(and_(True, *conds))).scalar_one()
            if cursor:
                after = decode_cursor(cursor, (str, int))
                conds.append(tuple_(key, documents.c.pk) < tuple_(*after))
            rows = conn.execute(q.where(and_(True, *conds))
                                .order_by(key.desc(), documents.c.pk.desc())
                                .limit(limit + 1)).mappings().all()
        items = [{
            "id": r["id"], "title": r["title"], "publisher": r["publisher"],
            "published": r["published"], "url": r["url"], "language": r["language"],
            "story": r["story_id"], "statements": r["n_statements"],
            "ingested_at": r["ingested_at"],
        } for r in rows[:limit]]
        nxt = encode_cursor([rows[limit - 1]["sort"], rows[limit - 1]["pk"]]) \
            if len(rows) > limit else None
        return Page(items, nxt, total)

    # --- statements -----------------------------------------------------------------------

    def statements(self, *, limit: int = 50, cursor: str | None = None,
                   speaker: str | None = None, kind: str | None = None,
                   since: str | None = None, until: str | None = None,
                   has_estimate: bool | None = None, has_quantity: bool | None = None,
                   document: str | None = None, story: str | None = None,
                   language: str | None = None) -> Page:
        """Statements in ingest order, filtered; dates are ``said_on`` else the document's."""
        check_limit(limit)
        s, d = statements, documents
        conds: list[ColumnElement[bool]] = []
        if language:
            conds.append(s.c.language == language)
        if speaker:
            conds.append(_like(s.c.speaker_name, speaker))
        if kind:
            conds.append(s.c.kind == kind)
        if check_date(since, "since"):
            conds.append(s.c.date >= since)
        if check_date(until, "until"):
            conds.append(s.c.date <= until)
        if has_estimate is not None:
            conds.append(s.c.n_estimates > 0 if has_estimate else s.c.n_estimates == 0)
        if has_quantity is not None:
            conds.append(s.c.n_quantities > 0 if has_quantity else s.c.n_quantities == 0)
        if document:
            conds.append(s.c.doc_id == document)
        if story:
            conds.append(d.c.story_id == story)
        base = s.join(d, d.c.pk == s.c.doc_pk)
        with self.read() as conn:
            total = conn.execute(select(func.count()).select_from(base)
                                 .where(and_(True, *conds))).scalar_one()
            if cursor:
                conds.append(s.c.pk > decode_cursor(cursor, (int,))[0])
            rows = conn.execute(
                select(s, d.c.title, d.c.publisher, d.c.published, d.c.story_id)
                .select_from(base).where(and_(True, *conds)).order_by(s.c.pk)
                .limit(limit + 1)).mappings().all()
        items = [statement_item(r) for r in rows[:limit]]
        nxt = encode_cursor([rows[limit - 1]["pk"]]) if len(rows) > limit else None
        return Page(items, nxt, total)

    # --- entities -------------------------------------------------------------------------

    def entities(self, *, name: str | None = None, type: str | None = None,
                 limit: int = 50, offset: int = 0) -> Page:
        """Distinct (name, type) pairs with how many documents mention them, most first."""
        check_limit(limit)
        check_offset(offset)
        e = entities
        conds: list[ColumnElement[bool]] = []
        if name:
            conds.append(_like(e.c.name, name))
        if type:
            conds.append(e.c.type == type)
        n_docs = func.count(func.distinct(e.c.doc_pk)).label("documents")
        grouped = select(e.c.name, e.c.type, n_docs).where(and_(True, *conds)) \
            .group_by(e.c.name, e.c.type)
        with self.read() as conn:
            total = conn.execute(select(func.count()).select_from(grouped.subquery())).scalar_one()
            rows = conn.execute(grouped.order_by(n_docs.desc(), e.c.name, e.c.type)
                                .limit(limit).offset(offset)).mappings().all()
        items = [dict(r) for r in rows]
        nxt = str(offset + limit) if offset + limit < total else None
        return Page(items, nxt, total)

    # --- stories --------------------------------------------------------------------------

    def stories(self, *, limit: int = 50, cursor: str | None = None,
                min_size: int = 1) -> Page:
        """Stories, newest (latest document date) first; each item is the linker's summary
        (size, date range, outlets, document ids) of the story's document metadata."""
        check_limit(limit)
        check_int(min_size, "min_size", 1)
        st = stories
        key = func.coalesce(st.c.last_published, literal(""))
        conds: list[ColumnElement[bool]] = [st.c.size >= min_size]
        with self.read() as conn:
            total = conn.execute(select(func.count()).select_from(st)
                                 .where(and_(*conds))).scalar_one()
            if cursor:
                conds.append(tuple_(key, st.c.id) < tuple_(*decode_cursor(cursor, (str, str))))
            rows = conn.execute(select(st.c.id, key.label("sort")).where(and_(*conds))
                                .order_by(key.desc(), st.c.id.desc())
                                .limit(limit + 1)).all()
            page = [r.id for r in rows[:limit]]
            members: dict[str, list[dict[str, Any]]] = {sid: [] for sid in page}
            if page:
                for r in conn.execute(
                        select(documents.c.story_id, documents.c.id, documents.c.url,
                               documents.c.title, documents.c.publisher, documents.c.published)
                        .where(documents.c.story_id.in_(page)).order_by(documents.c.pk)
                ).mappings():
                    members[r["story_id"]].append({"document": {
                        k: r[k] for k in ("id", "url", "title", "publisher", "published")}})
        # Summaries need only document metadata: no texts or statements are loaded.
        items = [self.linker.summarise(sid, members[sid]) for sid in page]
        nxt = encode_cursor([rows[limit - 1].sort, rows[limit - 1].id]) \
            if len(rows) > limit else None
        return Page(items, nxt, total)

    def story_records(self, story_id: str) -> list[dict[str, Any]]:
        """The extraction records of a story's documents in ingest order; StoryNotFound if none."""
        with self.read() as conn:
            rows = conn.execute(
                select(documents.c.record, documents.c.text)
                .where(documents.c.story_id == story_id).order_by(documents.c.pk)).all()
        if not rows:
            raise StoryNotFound(
                f"no story with id {story_id!r}; list stories with: claimgraph stories "
                f"--db {self.target.label}")
        return [record_from_row(r.record, r.text) for r in rows]

    def story_version(self, story_id: str) -> str:
        """Changes whenever a document joins the story (documents are only ever added and
        never move) or an analyst changes an alias: its size, latest document key and the
        analysts' aliases; other stories' ingests leave it."""
        with self.read() as conn:
            count, last = conn.execute(
                select(func.count(), func.max(documents.c.pk))
                .where(documents.c.story_id == story_id)).one()
            analysts = alias_table.analyst_version(conn)
        return f"{count}:{last or 0}:{analysts}"

    def story(self, story_id: str) -> dict[str, Any]:
        """The linker's view of a story: documents, claims, provenance, drift."""
        return self.story_with_records(story_id)[0]

    def story_with_records(self, story_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The story and the records it was built from (with its aliases applied)."""
        records = self.story_records(story_id)
        with self.read() as conn:
            aliases = alias_table.story_aliases(conn, story_id)
        return self.linker.build_story(story_id, records, aliases), records

    # --- aliases ------------------------------------------------------------------------

    def aliases(self, name: str | None = None, analyst_only: bool = False) -> list[dict[str, Any]]:
        with self.read() as conn:
            return alias_table.list_aliases(conn, name, analyst_only)

    def add_alias(self, alias: str, name: str, author: str | None = None) -> dict[str, Any]:
        if not alias.strip() or not name.strip() or alias.strip() == name.strip():
            raise BadQuery("an alias needs two different, non-empty names")
        with self.write() as conn:
            return alias_table.add_alias(conn, alias, name, author)

    def remove_alias(self, alias: str, name: str) -> int:
        with self.write() as conn:
            return alias_table.remove_alias(conn, alias, name)

    # --- search ---------------------------------------------------------------------------

    def search(self, query: str, *, speaker: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 20,
               language: str | None = None) -> dict[str, Any]:
        """Statements and documents matching ``query``, each list best first, with snippets."""
        check_limit(limit, 200)
        check_date(since, "since")
        check_date(until, "until")
        if not re.search(r"\w", query):
            raise BadQuery(f"nothing to search for in {query!r}; give at least one word")
        with self.read() as conn:
            found_statements = fts.search_statements(conn, query, speaker=speaker, since=since,
                                                     until=until, limit=limit, language=language)
            found_documents = fts.search_documents(conn, query, speaker=speaker, since=since,
                                                   until=until, limit=limit, language=language)
        return {
            "query": query,
            "filters": {"speaker": speaker, "since": since, "until": until,
                        "language": language},
            "statements": found_statements,
            "documents": found_documents,
        }


@contextmanager
def translate_errors(target: Target) -> Iterator[None]:
    """Turn driver errors a user can fix into one-line StoreErrors."""
    try:
        yield
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        low = reason.lower()
        if "readonly" in low or "read-only" in low or "permission denied" in low:
            raise ReadOnlyDatabase(f"{target.label} cannot be written: {reason}") from None
        if "database is locked" in low:
            raise StoreError(f"{target.label} is busy: another process held it too long "
                             f"({reason}); try again") from None
        if "file is not a database" in low or "malformed" in low:
            raise StoreError(f"{target.label} is not a usable claimgraph database: {reason}") \
                from None
        if "nul (0x00)" in low:
            raise BadQuery(f"{target.label} cannot hold or search text with a NUL character "
                           "(\\u0000); remove it") from None
        if "fts5: syntax error" in low or "tsquery" in low:
            raise BadQuery(f"cannot parse the search query: {reason}") from None
        if "unable to open database" in low:
            raise StoreError(f"cannot open {target.label}: {reason}") from None
        if "connection" in low or "server closed" in low or "could not" in low:
            raise StoreError(f"lost the database connection to {target.label}: {reason}") \
                from None
        raise


def statement_item(r: Any) -> dict[str, Any]:
    """A statements row joined with its document, as ``Store.statements`` lists it."""
    return {
        "document": r["doc_id"], "id": r["id"], "kind": r["kind"],
        "speaker": {"name": r["speaker_name"], "entity": r["speaker_entity"]},
        "cue": {"text": r["cue_text"], "lemma": r["cue_lemma"], "stance": r["cue_stance"]},
        "content": r["content_text"], "said_on": r["said_on"], "date": r["date"],
        "via": json.loads(r["via"] or "[]"), "quantities": r["n_quantities"],
        "estimates": r["n_estimates"], "title": r["title"], "publisher": r["publisher"],
        "published": r["published"], "story": r["story_id"], "language": r.get("language"),
    }
