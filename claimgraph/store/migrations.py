"""Versioned schema: create a new database, check an existing one, upgrade an old one.

``schema_version`` holds one row per version applied. A new database is built from
:mod:`claimgraph.store.schema` (the latest tables) in one transaction and stamped with
:data:`SCHEMA_VERSION`; a database at an older version runs each step in
:data:`UPGRADES` in order, each in its own transaction with its version row, so a
failed upgrade leaves the database at the last version that completed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from . import search
from .errors import NotClaimgraphDatabase, ReadOnlyDatabase, SchemaTooNew
from .schema import MARKER_TABLES, SCHEMA_VERSION, metadata, schema_version

Upgrade = Callable[[Connection], None]
# PostgreSQL advisory lock that every writer holds for its transaction ("claimg").
WRITE_LOCK = 0x636C61696D67


def add_assessments(conn: Connection) -> None:
    """Version 1 -> 2: the assessment ledger (``assessments``, ``assessment_evidence``).

    The tables are spelled out here as they were at this step, not taken from
    :mod:`claimgraph.store.schema`, so that a later step changing them still starts from
    this shape; the step creates only these two tables and touches nothing else.
    """
    frozen = MetaData()
    Table("documents", frozen, Column("pk", Integer, primary_key=True))  # FK target only
    Table(
        "assessments", frozen,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("text", Text, nullable=False),
        Column("term", Text, nullable=False),
        Column("scale", String(16), nullable=False),
        Column("low", Float, nullable=False),
        Column("high", Float, nullable=False),
        Column("probability", Float),
        Column("confidence", String(16)),
        Column("author", Text),
        Column("created", String(32), nullable=False),
        Column("resolves_by", String(10)),
        Column("outcome", Integer),
        Column("resolved_on", String(10)),
        Column("warnings", Text, nullable=False),
        Index("ix_assessments_author", "author"),
        Index("ix_assessments_outcome", "outcome"),
    )
    Table(
        "assessment_evidence", frozen,
        Column("assessment_pk", Integer, ForeignKey("assessments.pk", ondelete="CASCADE"),
               primary_key=True),
        Column("ordinal", Integer, primary_key=True, autoincrement=False),
        Column("story_id", Text, nullable=False),
        Column("claim_id", Text, nullable=False),
        Column("doc_id", Text),
        Column("statement_id", Text),
        Column("claim_text", Text),
        Index("ix_assessment_evidence_story", "story_id"),
    )
    for name in ("assessments", "assessment_evidence"):
        frozen.tables[name].create(conn)


def add_lemmas(conn: Connection) -> None:
    """Version 3 -> 4: languages on statements, lemma columns for Russian, Ukrainian and
    Bulgarian search, filled for the documents already stored."""
    from ..extract.lemmas import LANGUAGES, lemma_text

    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN lemmas TEXT")
    conn.exec_driver_sql("ALTER TABLE statements ADD COLUMN language VARCHAR(16)")
    conn.exec_driver_sql("ALTER TABLE statements ADD COLUMN lemmas TEXT")
    conn.exec_driver_sql("CREATE INDEX ix_statements_language ON statements (language)")
    conn.exec_driver_sql("CREATE INDEX ix_documents_language ON documents (language)")
    conn.exec_driver_sql("UPDATE statements SET language = "
                         "(SELECT language FROM documents WHERE documents.pk = statements.doc_pk)")
    if conn.dialect.name == "sqlite":
        for statement in search.SQLITE_LEMMA_DDL:
            conn.exec_driver_sql(statement)
    else:
        for table in ("documents", "statements"):
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{table}_tsv")
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN tsv")
    codes = {f"l{i}": code for i, code in enumerate(LANGUAGES)}
    among = ", ".join(f":{k}" for k in codes)
    docs = conn.execute(text(f"SELECT pk, title, text, language FROM documents "
                             f"WHERE language IN ({among})"), codes).all()
    for pk, title, body, language in docs:
        conn.execute(text("UPDATE documents SET lemmas = :lemmas WHERE pk = :pk"),
                     {"pk": pk, "lemmas": lemma_text(f"{title or ''}\n{body}", language)})
    rows = conn.execute(text(f"SELECT pk, speaker_name, content_text, language FROM statements "
                             f"WHERE language IN ({among})"), codes).all()
    for pk, speaker, content, language in rows:
        conn.execute(text("UPDATE statements SET lemmas = :lemmas WHERE pk = :pk"),
                     {"pk": pk, "lemmas": lemma_text(f"{speaker or ''}\n{content}", language)})
    if conn.dialect.name != "sqlite":
        for table in ("documents", "statements"):
            for statement in search.postgres_tsv_ddl(table):
                conn.exec_driver_sql(statement)


# UPGRADES[v] = (description, step from version v - 1 to v), for v in 2..SCHEMA_VERSION.
# Version 1 is the first release; there is no earlier schema to upgrade from.
def add_entity_aliases(conn: Connection) -> None:
    """Version 2 -> 3: the entity alias table, filled from the entities already stored.

    The table is spelled out as it was at this step (see :func:`add_assessments`)."""
    from .records import alias_rows

    frozen = MetaData()
    Table("documents", frozen, Column("pk", Integer, primary_key=True))  # FK target only
    aliases = Table(
        "entity_aliases", frozen,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("alias", Text, nullable=False),
        Column("name", Text, nullable=False),
        Column("kind", String(16), nullable=False),
        Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE")),
        Column("author", Text),
        Column("created_at", String(32), nullable=False),
        UniqueConstraint("alias", "name", "doc_pk", name="uq_entity_aliases"),
        Index("ix_entity_aliases_doc", "doc_pk"),
        Index("ix_entity_aliases_alias", "alias"),
    )
    aliases.create(conn)
    stored = conn.execute(text("SELECT doc_pk, name, aliases, roles FROM entities")).all()
    rows = [{**row, "doc_pk": doc_pk, "created_at": now()}
            for doc_pk, name, names, roles in stored
            for row in alias_rows(name, json.loads(names or "[]"), json.loads(roles or "[]"))]
    if rows:
        conn.execute(aliases.insert(), rows)


def add_feed_items(conn: Connection) -> None:
    """The table of watched feeds' items already handled (``feed_items``), empty.

    The table is spelled out as it was at this step (see :func:`add_assessments`); the step
    creates only this table and reads nothing, so it runs at whatever version it is given."""
    frozen = MetaData()
    Table(
        "feed_items", frozen,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("feed", Text, nullable=False),
        Column("key", Text, nullable=False),
        Column("link", Text),
        Column("doc_id", Text),
        Column("error", Text),
        Column("seen_at", String(32), nullable=False),
        UniqueConstraint("feed", "key", name="uq_feed_items"),
        Index("ix_feed_items_link", "link"),
    ).create(conn)


def add_grades_and_corrections(conn: Connection) -> None:
    """Version 5 -> 6: analysts' source grades and corrections (``source_grades``,
    ``corrections``).

    The tables are spelled out as they were at this step (see :func:`add_assessments`);
    the step creates only these two and reads nothing, so it may run at any version."""
    frozen = MetaData()
    Table(
        "source_grades", frozen,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("key", Text, nullable=False),
        Column("name", Text, nullable=False),
        Column("grade", String(1), nullable=False),
        Column("note", Text),
        Column("author", Text),
        Column("created_at", String(32), nullable=False),
        Index("ix_source_grades_key", "key", "pk"),
    )
    Table(
        "corrections", frozen,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("action", String(16), nullable=False),
        Column("doc_id", Text, nullable=False),
        Column("statement_id", Text, nullable=False),
        Column("anchor", Text),
        Column("other_doc_id", Text),
        Column("other_statement_id", Text),
        Column("other_anchor", Text),
        Column("before", Text),
        Column("after", Text),
        Column("note", Text),
        Column("author", Text),
        Column("created_at", String(32), nullable=False),
        Column("undone_at", String(32)),
        Column("undone_by", Text),
        Index("ix_corrections_doc", "doc_id"),
        Index("ix_corrections_other_doc", "other_doc_id"),
    )
    for name in ("source_grades", "corrections"):
        frozen.tables[name].create(conn)


def add_token_scopes(conn: Connection) -> None:
    """Version 6 -> 7: API tokens in the versioned schema, each with a scope.

    The ``api_tokens`` table used to be created on first use by ``claimgraph token
    create``, outside the schema, and every token in it could write: when the table is
    there, its tokens keep that right (scope ``write``); else it is created. The table
    is spelled out as it was at this step (see :func:`add_assessments`)."""
    frozen = MetaData()
    tokens = Table(
        "api_tokens", frozen,
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("name", Text, nullable=False),
        Column("hash", String(64), nullable=False, unique=True),
        Column("created_at", String(32), nullable=False),
        Column("scope", String(8), nullable=False, server_default="write"),
    )
    found = inspect(conn)
    if not found.has_table("api_tokens"):
        tokens.create(conn)
    elif "scope" not in {c["name"] for c in found.get_columns("api_tokens")}:
        conn.exec_driver_sql(
            "ALTER TABLE api_tokens ADD COLUMN scope VARCHAR(8) NOT NULL DEFAULT 'write'")


def add_search_filter_indexes(conn: Connection) -> None:
    """Version 7 -> 8: on SQLite, indexes that let search check its filters on a match
    without reading table rows (a statement's speaker, language and document; a document's
    speakers); nothing on PostgreSQL. The step only adds what is missing, so it may run at
    any version."""
    if conn.dialect.name == "sqlite":
        for statement in search.SQLITE_FILTER_DDL:
            conn.exec_driver_sql(statement)


def add_speaker_index(conn: Connection) -> None:
    """Version 8 -> 9: on PostgreSQL, the index of statements by speaker name and document
    that search by speaker reads; nothing on SQLite, which has its own since version 8.
    The step only adds what is missing, so it may run at any version."""
    if conn.dialect.name == "postgresql":
        for statement in search.POSTGRES_SPEAKER_DDL:
            conn.exec_driver_sql(statement)


def add_story_builds(conn: Connection) -> None:
    """Version 9 -> 10: the table of built stories (``story_builds``), empty: each story is
    built again on its next read. Spelled out as it was at this step; made only when it is
    missing, so the step may run at any version."""
    frozen = MetaData()
    Table(
        "story_builds", frozen,
        Column("story_id", Text, primary_key=True),
        Column("version", Text, nullable=False),
        Column("built_at", String(32), nullable=False),
        Column("seconds", Float),
        Column("detail", Text, nullable=False),
    ).create(conn, checkfirst=True)


UPGRADES: dict[int, tuple[str, Upgrade]] = {
    2: ("assessment ledger", add_assessments),
    3: ("entity aliases", add_entity_aliases),
    4: ("languages on statements; lemma search for Russian, Ukrainian and Bulgarian",
        add_lemmas),
    5: ("watched feed items", add_feed_items),
    6: ("source grades and corrections", add_grades_and_corrections),
    7: ("API token scopes (read, write, admin)", add_token_scopes),
    8: ("indexes for search filters (speaker, language)", add_search_filter_indexes),
    9: ("index for search by speaker on PostgreSQL", add_speaker_index),
    10: ("built stories", add_story_builds),
}


@contextmanager
def exclusive(engine: Engine) -> Iterator[Connection]:
    """A transaction holding the database's write lock from its first statement.

    SQLite: ``BEGIN IMMEDIATE``, which waits for another writer (the connection's busy
    timeout) where a deferred transaction that read first would fail at once with
    "database is locked" on its first write. PostgreSQL: the advisory lock every writer
    takes. So of two processes creating or upgrading one database at once, the second
    waits, then finds the first's work done.
    """
    with engine.connect() as conn:
        conn.execution_options(sqlite_immediate=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            yield conn


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_version(conn: Connection) -> int | None:
    """The database's schema version; None for an empty database.

    Raises NotClaimgraphDatabase when the database holds tables but not claimgraph's.
    """
    names = {n for n in inspect(conn).get_table_names() if not n.startswith("sqlite_")}
    if not names:
        return None
    if not set(MARKER_TABLES) <= names:
        shown = ", ".join(sorted(names)[:5])
        raise NotClaimgraphDatabase(
            f"{conn.engine.url.render_as_string(hide_password=True)} is not a claimgraph database "
            f"(it holds other tables: {shown}); name a new file or an empty database")
    version = conn.execute(select(func.max(schema_version.c.version))).scalar()
    if version is None:
        raise NotClaimgraphDatabase("the database has no schema version; it is not claimgraph's")
    return int(version)


def create(conn: Connection) -> None:
    """Build the latest schema in an empty database (caller holds the transaction)."""
    metadata.create_all(conn)
    search.create_index(conn)
    conn.execute(schema_version.insert().values(
        version=SCHEMA_VERSION, description="create schema", applied_at=now()))


def ensure_schema(engine: Engine, *, write: bool, label: str) -> int:
    """Check (and, when ``write``, create or upgrade) the schema; returns its version.

    Raises SchemaTooNew for a database from a newer claimgraph, ReadOnlyDatabase when an
    upgrade is needed but ``write`` is false, NotClaimgraphDatabase for foreign databases.
    """
    with engine.connect() as conn:
        version = current_version(conn)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{label} has schema version {version}, newer than this claimgraph supports "
            f"({SCHEMA_VERSION}); upgrade claimgraph to read it")
    if version == SCHEMA_VERSION:
        return version
    if not write:
        if version is None:
            raise NotClaimgraphDatabase(f"{label} is an empty database; ingest documents first")
        raise ReadOnlyDatabase(
            f"{label} has schema version {version} and needs an upgrade to {SCHEMA_VERSION}; "
            "run claimgraph ingest on it (which upgrades it) or open it writable")
    try:
        if version is None:
            with exclusive(engine) as conn:
                # Re-check under the lock: another process may have created it.
                if current_version(conn) is None:
                    create(conn)
            return SCHEMA_VERSION
        for target in range(version + 1, SCHEMA_VERSION + 1):
            description, step = UPGRADES[target]
            with exclusive(engine) as conn:
                if (current_version(conn) or 0) >= target:
                    continue  # another process applied this step while we waited
                step(conn)
                conn.execute(schema_version.insert().values(
                    version=target, description=description, applied_at=now()))
    except DBAPIError as exc:
        if "readonly" in str(exc.orig).replace("-", "").lower():
            raise ReadOnlyDatabase(f"{label} is read-only; cannot create or upgrade its schema") \
                from None
        raise
    return SCHEMA_VERSION
