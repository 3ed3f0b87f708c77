"""The store: open a database and read from it (documents, statements, entities, stories, search).

Every listing returns a :class:`Page` ordered on a unique key, with a keyset cursor for
the next page, so the same functions can back a paginated web API. Writing is in
:mod:`claimgraph.store.ingest`.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Self

from sqlalchemy import ColumnElement, Connection, and_, func, literal, select, tuple_
from sqlalchemy.exc import DBAPIError

from ..model import Correction, SourceGrade, StatementRef
from . import aliases as alias_table
from . import builds as build_table
from . import corrections as correction_table
from . import grades as grade_table
from . import outlets as outlet_table
from . import search as fts
from .engine import Target, open_engine
from .errors import (
    BadQuery,
    DocumentNotFound,
    ReadOnlyDatabase,
    StatementNotFound,
    StoreError,
    StoryNotFound,
)
from .linking import Linker
from .migrations import ensure_schema, exclusive
from .pagination import Page, check_int, check_limit, check_offset, decode_cursor, encode_cursor
from .records import day, record_from_row
from .schema import documents, entities, statements, stories

STANCES = ("neutral", "distancing", "endorsing")
CLAIM_ID = re.compile(r"c\d+")

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

    def __init__(self, engine: Any, target: Target, linker: Linker | None = None,
                 writable: bool = False) -> None:
        self.engine = engine
        self.target = target
        self._linker = linker
        self.writable = writable  # opened to write: stories built on read are kept

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
        return cls(engine, target, linker, writable=write)

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
            items = self._summaries(conn, page)
        nxt = encode_cursor([rows[limit - 1].sort, rows[limit - 1].id]) \
            if len(rows) > limit else None
        return Page(items, nxt, total)

    def search_stories(self, query: str, *, limit: int = 50, offset: int = 0) -> Page:
        """Stories with a document whose title or text matches ``query`` (the search
        language of :meth:`search`), best first, as :meth:`stories` lists them; the next
        page's cursor is its offset."""
        check_limit(limit)
        if offset < 0:
            raise BadQuery("offset must not be negative")
        if not re.search(r"\w", query):
            raise BadQuery(f"nothing to search for in {query!r}; give at least one word")
        with self.read() as conn:
            page, total = fts.search_stories(conn, query, limit=limit, offset=offset)
            items = self._summaries(conn, page)
        nxt = str(offset + limit) if offset + limit < total else None
        return Page(items, nxt, total)

    def _summaries(self, conn: Connection, page: list[str]) -> list[dict[str, Any]]:
        """The linker's summaries of ``page``'s stories, from document metadata and each
        document's first statement (for the title of a document without a headline)."""
        members: dict[str, list[dict[str, Any]]] = {sid: [] for sid in page}
        if not page:
            return []
        first = statements.alias("first")
        for r in conn.execute(
                select(documents.c.story_id, documents.c.id, documents.c.url,
                       documents.c.title, documents.c.publisher, documents.c.published,
                       first.c.speaker_name, first.c.content_text)
                .select_from(documents.outerjoin(first, and_(first.c.doc_pk == documents.c.pk,
                                                             first.c.ordinal == 0)))
                .where(documents.c.story_id.in_(page)).order_by(documents.c.pk)
        ).mappings():
            said = [{"speaker": {"name": r["speaker_name"]},
                     "content": {"text": r["content_text"]}}] if r["content_text"] else []
            members[r["story_id"]].append({"document": {
                k: r[k] for k in ("id", "url", "title", "publisher", "published")},
                "statements": said})
        # Summaries need only document metadata: no texts or records are loaded.
        return [self.linker.summarise(sid, members[sid]) for sid in page]

    def story_records(self, story_id: str) -> list[dict[str, Any]]:
        """The extraction records of a story's documents in ingest order; StoryNotFound if none."""
        with self.read() as conn:
            rows = conn.execute(
                select(documents.c.record, documents.c.text)
                .where(documents.c.story_id == story_id).order_by(documents.c.pk)).all()
        if not rows:
            raise self._no_story(story_id)
        return [record_from_row(r.record, r.text) for r in rows]

    def _no_story(self, story_id: str) -> StoryNotFound:
        return StoryNotFound(f"no story with id {story_id!r}; list stories with: claimgraph "
                             f"stories --db {self.target.label}")

    def story_version(self, story_id: str) -> str:
        """Changes whenever a document joins the story (documents are only ever added and
        never move), an analyst changes an alias or grades a source, or a correction of
        one of its statements is made or undone; other stories' ingests and corrections
        leave it."""
        with self.read() as conn:
            count, last = conn.execute(
                select(func.count(), func.max(documents.c.pk))
                .where(documents.c.story_id == story_id)).one()
            analysts = alias_table.analyst_version(conn)
            corrected = correction_table.story_version(conn, story_id)
            graded = grade_table.version(conn)
        return f"{count}:{last or 0}:{analysts}:{corrected}:{graded}"

    def claim_versions(self) -> dict[str, str]:
        """For every story, a mark that changes whenever its claims may: a document joins
        it, an analyst changes an alias, or a correction of it is made or undone (a grade
        changes what a story shows of its claims, not the claims, so it is not in it)."""
        with self.read() as conn:
            sizes = conn.execute(
                select(documents.c.story_id, func.count(), func.max(documents.c.pk))
                .where(documents.c.story_id.is_not(None)).group_by(documents.c.story_id)).all()
            analysts = alias_table.analyst_version(conn)
            corrected = correction_table.story_versions(conn)
        return {story: f"{count}:{last}:{analysts}:{corrected.get(story, '')}"
                for story, count, last in sizes}

    def story(self, story_id: str) -> dict[str, Any]:
        """The linker's view of a story: documents, claims, provenance, drift (as kept when
        it was last built at its current version, else built now)."""
        version = self._build_version(story_id)
        if version is not None:
            with self.read() as conn:
                found = build_table.kept(conn, story_id, version)
            if found is not None:
                return found
        return self.story_with_records(story_id)[0]

    def story_with_records(self, story_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The story, built with its aliases, the corrections of its statements and the
        source grades, and the records it was built from (the corrections applied). A
        store opened to write keeps what it builds (:mod:`claimgraph.store.builds`)."""
        version = self._build_version(story_id)  # before the records: a later one is newer
        records = self.story_records(story_id)
        with self.read() as conn:
            aliases = alias_table.story_aliases(conn, story_id)
            corrections = correction_table.story_corrections(conn, story_id)
            grades = grade_table.current_grades(conn)
            story = build_table.kept(conn, story_id, version) if version else None
        if story is None:
            started = time.perf_counter()
            story = self.linker.build_story(story_id, records, aliases, corrections, grades)
            if version is not None and self.writable:
                self._keep(story_id, version, story, time.perf_counter() - started)
        if corrections:
            records = self.linker.correct_records(records, corrections)
        return story, records

    def build_stories(self, story_ids: Iterable[str],
                      progress: Callable[[], None] | None = None) -> int:
        """Build and keep each of ``story_ids`` whose kept build is not current (the store
        must be open to write); the number built."""
        built = 0
        for story_id in story_ids:
            version = self._build_version(story_id)
            with self.read() as conn:
                current = version is not None and build_table.versions(
                    conn, [story_id]).get(story_id) == version
            if not current:
                self.story_with_records(story_id)
                built += 1
            if progress:
                progress()
        return built

    def _keep(self, story_id: str, version: str, story: dict[str, Any], seconds: float) -> None:
        """Keep a build; a database that cannot take it now (another writer holding it past
        the busy timeout, a file turned read-only) costs only the next read a build."""
        try:
            with self.write() as conn:
                build_table.keep(conn, story_id, version, story, seconds)
        except StoreError:
            pass

    def _build_version(self, story_id: str) -> str | None:
        """The version a build of ``story_id`` is kept under: the story's data and the
        linker's mark; None for a linker without a mark (its builds are not kept)."""
        mark = getattr(self.linker, "mark", None)
        return f"{self.story_version(story_id)}:{mark}" if mark else None

    def every_story(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every story, built as :meth:`story` builds it, oldest story first (ids read
        ``batch`` at a time)."""
        return (self.story(story_id) for story_id in self.story_ids(batch))

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

    def story_ids(self, batch: int = 500) -> Iterator[str]:
        """Every story id, oldest story first, read ``batch`` at a time."""
        after: tuple[str, str] | None = None
        key = tuple_(stories.c.created_at, stories.c.id)
        while True:
            q = select(stories.c.created_at, stories.c.id)
            if after is not None:
                q = q.where(key > tuple_(*after))
            with self.read() as conn:
                rows = conn.execute(q.order_by(stories.c.created_at, stories.c.id)
                                    .limit(batch)).all()
            yield from (r.id for r in rows)
            if len(rows) < batch:
                return
            after = (rows[-1].created_at, rows[-1].id)

    def iter_records(self, *, story: str | None = None,
                     batch: int = 200) -> Iterator[tuple[str | None, dict[str, Any]]]:
        """``(story id, extraction record)`` of every document (of ``story`` when given) in
        ingest order, read ``batch`` documents at a time so any number fits in memory.

        StoryNotFound when ``story`` has no documents.
        """
        after = 0
        seen = False
        while True:
            q = select(documents.c.pk, documents.c.story_id, documents.c.record,
                       documents.c.text).where(documents.c.pk > after)
            if story is not None:
                q = q.where(documents.c.story_id == story)
            with self.read() as conn:
                rows = conn.execute(q.order_by(documents.c.pk).limit(batch)).all()
            if not rows and not seen and story is not None:
                raise self._no_story(story)
            seen = seen or bool(rows)
            for r in rows:
                yield r.story_id, record_from_row(r.record, r.text)
            if len(rows) < batch:
                return
            after = rows[-1].pk

    # --- source grades -------------------------------------------------------------------

    def grade_source(self, name: str, grade: str, note: str | None = None,
                     author: str | None = None) -> SourceGrade:
        """Give ``name`` (a publisher or speaker) the Admiralty reliability ``grade`` (A-F)."""
        with self.write() as conn:
            return grade_table.add_grade(conn, name, grade, note, author)

    def source_grades(self) -> list[SourceGrade]:
        """The grade in force for every graded source."""
        with self.read() as conn:
            return grade_table.current_grades(conn)

    def grade_history(self, name: str) -> list[SourceGrade]:
        with self.read() as conn:
            return grade_table.history(conn, name)

    def outlet(self, publisher: str) -> dict[str, Any]:
        """What ``publisher`` published: totals, dates and the speakers it quoted most
        (:func:`claimgraph.store.outlets.summary`); BadQuery when it published nothing."""
        with self.read() as conn:
            return outlet_table.summary(conn, publisher)

    # --- corrections ----------------------------------------------------------------------

    def statement_ref(self, ref: str) -> StatementRef:
        """A statement named ``DOC_ID#STATEMENT_ID``, or a claim's root named
        ``STORY_ID#CLAIM_ID`` (as ``claimgraph story`` lists it), with its content as it
        reads now; StatementNotFound if the store has no such statement or claim."""
        head, sep, tail = ref.rpartition("#")
        if not sep or not head or not tail:
            raise StatementNotFound(
                f"{ref!r} names no statement; write DOC_ID#STATEMENT_ID or STORY_ID#CLAIM_ID")
        if CLAIM_ID.fullmatch(tail):
            with self.read() as conn:
                is_story = conn.execute(select(stories.c.id).where(stories.c.id == head)).first()
            if is_story is not None:
                claims = self.story(head).get("claims") or []
                claim = next((c for c in claims if c["id"] == tail), None)
                if claim is None:
                    raise StatementNotFound(f"story {head} has no claim {tail} (its claims: "
                                            f"{', '.join(c['id'] for c in claims) or 'none'})")
                root = claim["root"]
                return self.statement(root["document"], root["statement"])
        return self.statement(head, tail)

    def statement(self, doc_id: str, statement_id: str) -> StatementRef:
        """The statement ``statement_id`` of ``doc_id`` with its content as it reads now."""
        st = self._statement(doc_id, statement_id)
        content = st.get("content") or {}
        spans = [s for s in content.get("spans") or [] if isinstance(s, list) and len(s) == 2]
        span = (int(spans[0][0]), int(spans[-1][1])) if spans else None
        return StatementRef(doc_id, statement_id, content.get("text"), span)

    def _statement(self, doc_id: str, statement_id: str) -> dict[str, Any]:
        try:
            record = self.document(doc_id)
        except DocumentNotFound:
            raise StatementNotFound(f"no document with id {doc_id!r}") from None
        found = next((st for st in record.get("statements") or []
                      if st.get("id") == statement_id), None)
        if found is None:
            ids = ", ".join(str(st.get("id")) for st in record.get("statements") or [])
            raise StatementNotFound(f"document {doc_id} has no statement {statement_id!r} "
                                    f"(its statements: {ids or 'none'})")
        return found

    def correct(self, action: str, target: StatementRef, *, after: Any = None,
                other: StatementRef | None = None, note: str | None = None,
                author: str | None = None) -> Correction:
        """Record an analyst's correction of ``target`` (see :class:`claimgraph.model.Correction`):
        ``after`` is the new speaker name, cue (``{"text", "lemma", "stance"}``) or via list;
        ``other`` the second claim root of a merge. The extracted value is kept as ``before``.
        Raises StatementNotFound or BadQuery."""
        st = self._statement(target.document, target.statement)
        before: Any = None
        if action == "reject":
            before = {"speaker": (st.get("speaker") or {}).get("name"),
                      "content": (st.get("content") or {}).get("text")}
        elif action == "speaker":
            after = " ".join(str(after or "").split())
            if not after:
                raise BadQuery("a speaker correction needs the speaker's name")
            before = (st.get("speaker") or {}).get("name")
        elif action == "cue":
            after = _checked_cue(after)
            cue = st.get("cue") or {}
            before = {k: cue.get(k) for k in ("text", "lemma", "stance")} if cue else None
        elif action == "via":
            after = [" ".join(str(v).split()) for v in after or []]
            if not all(after):
                raise BadQuery("a via correction names each source between the publisher "
                               "and the speaker; an empty name is none")
            before = list(st.get("via") or [])
        elif action == "merge":
            if other is None:
                raise BadQuery("a merge names two claims")
            self._statement(other.document, other.statement)
            if (other.document, other.statement) == (target.document, target.statement):
                raise BadQuery("a merge needs two different claims")
            self._same_story(target.document, other.document)
        elif action != "split":
            raise BadQuery(f"unknown correction {action!r}; "
                           "use reject, speaker, cue, via, merge or split")
        correction = Correction(action=action, target=target, other=other,  # type: ignore[arg-type]
                                before=before, after=after, note=note or None, author=author)
        with self.write() as conn:
            return correction_table.add(conn, correction)

    def _same_story(self, first: str, second: str) -> None:
        with self.read() as conn:
            found = dict(conn.execute(select(documents.c.id, documents.c.story_id)
                                      .where(documents.c.id.in_([first, second]))).all())
        if found.get(first) != found.get(second):
            raise BadQuery(f"{first} and {second} are in different stories "
                           f"({found.get(first)}, {found.get(second)}); only claims of one "
                           "story can be merged")

    def corrections(self, *, document: str | None = None, story: str | None = None,
                    active_only: bool = False) -> list[Correction]:
        """Corrections in the order they were made, undone ones included unless
        ``active_only``; optionally only those of one document or story."""
        with self.read() as conn:
            return correction_table.listing(conn, document=document, story=story,
                                            active_only=active_only)

    def undo_correction(self, correction_id: str,
                        author: str | None = None) -> tuple[Correction, bool]:
        """Withdraw a correction (it stays on record, stamped undone); (it, whether this
        call withdrew it). CorrectionNotFound for an unknown id."""
        pk = correction_table.parse_id(correction_id)
        with self.write() as conn:
            return correction_table.undo(conn, pk, author)

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


def _checked_cue(cue: Any) -> dict[str, Any]:
    if not isinstance(cue, dict) or not " ".join(str(cue.get("text") or "").split()):
        raise BadQuery("a cue correction needs the cue's words")
    stance = cue.get("stance") or "neutral"
    if stance not in STANCES:
        raise BadQuery(f"a cue's stance is one of {', '.join(STANCES)}, not {stance!r}")
    text = " ".join(str(cue["text"]).split())
    return {"text": text, "lemma": cue.get("lemma") or text.lower(), "stance": stance}


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
