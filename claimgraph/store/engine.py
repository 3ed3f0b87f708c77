"""Open a database from what the user typed after ``--db``: a file path or a PostgreSQL URL.

SQLite files run in WAL mode with foreign keys on; every transaction starts with an
explicit ``BEGIN`` so DDL and batches are atomic. PostgreSQL goes through psycopg 3
(``postgresql://`` and ``postgres://`` URLs are rewritten to ``postgresql+psycopg://``).
Connection failures become one-line :class:`StoreError` subclasses.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from .errors import DatabaseMissing, DatabaseUnreachable, NotClaimgraphDatabase, ReadOnlyDatabase

PG_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")
from ..defaults import DB_ENV, DEFAULT_DB  # noqa: E402,F401  (re-exported)


@dataclass(frozen=True)
class Target:
    """Where a database lives: a SQLite file or a PostgreSQL URL (password hidden in ``label``)."""

    dialect: str  # "sqlite" or "postgresql"
    url: URL
    label: str
    path: Path | None = None


def is_postgres(db: str) -> bool:
    return db.startswith(PG_PREFIXES)


def parse_target(db: str | os.PathLike[str]) -> Target:
    """Classify ``db``; a string that is not a PostgreSQL URL is a SQLite file path."""
    raw = os.fspath(db)
    if is_postgres(raw):
        try:
            url = make_url(raw).set(drivername="postgresql+psycopg")
        except ArgumentError:
            raise DatabaseUnreachable(f"not a valid PostgreSQL URL: {raw!r}") from None
        return Target("postgresql", url, url.render_as_string(hide_password=True))
    path = Path(raw).expanduser()
    return Target("sqlite", URL.create("sqlite+pysqlite", database=str(path)), str(path), path)


def sqlite_read_only(path: Path) -> bool:
    """True when ``path`` (or its folder, for a new file) cannot or should not be written.

    A file without any write permission bit counts as read-only even for root, who could
    write it anyway: the permissions state the owner's intent.
    """
    if path.exists():
        mode = path.stat().st_mode
        return not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK)
    folder = path.parent if str(path.parent) else Path(".")
    return not os.access(folder, os.W_OK)


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database at all, before SQLite touches it."""
    if path.is_dir():
        raise NotClaimgraphDatabase(f"{path} is a folder, not a claimgraph database file")
    with path.open("rb") as fh:
        header = fh.read(16)
    if header and header != b"SQLite format 3\x00":
        raise NotClaimgraphDatabase(f"{path} is not a claimgraph database (not an SQLite file)")


def _sqlite_engine(target: Target, *, write: bool) -> Engine:
    assert target.path is not None
    path = target.path
    if path.exists():
        check_sqlite_file(path)
        empty = path.stat().st_size == 0
    elif not write:
        raise DatabaseMissing(
            f"no database at {path}; create one with: claimgraph ingest FILE... --db {path}")
    else:
        empty = True
    read_only = sqlite_read_only(path)
    if write and read_only:
        raise ReadOnlyDatabase(
            f"{path} is read-only; make it writable (chmod u+w) or name another --db")
    if empty and not write:
        raise NotClaimgraphDatabase(f"{path} is an empty file, not a claimgraph database")

    if read_only:
        # mode=ro keeps SQLite from trying to write (WAL recovery, journal mode changes).
        uri = f"file:{path.resolve()}?mode=ro"
        url = URL.create("sqlite+pysqlite", database=uri, query={"uri": "true"})
    else:
        url = target.url
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take over transaction control from the sqlite3 module so BEGIN covers DDL too.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front: a deferred transaction that upgrades later
        # fails at once with "database is locked" when another writer got there first.
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(target: Target) -> Engine:
    engine = create_engine(target.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnreachable(
            f"cannot connect to PostgreSQL at {target.label}: {reason}") from None
    return engine


def open_engine(db: str | os.PathLike[str], *, write: bool) -> tuple[Engine, Target]:
    """An engine for ``db``; ``write=False`` refuses to create a missing SQLite file."""
    target = parse_target(db)
    if target.dialect == "postgresql":
        return _postgres_engine(target), target
    try:
        return _sqlite_engine(target, write=write), target
    except OSError as exc:
        raise NotClaimgraphDatabase(f"cannot open {target.label}: {exc.strerror or exc}") from None
