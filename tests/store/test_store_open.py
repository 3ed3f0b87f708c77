"""Opening databases: creation, refusal of foreign or newer ones, read-only files, bad URLs."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from sqlalchemy import create_engine, text

from claimgraph.store import Store, migrations
from claimgraph.store.engine import parse_target
from claimgraph.store.errors import (
    DatabaseMissing,
    DatabaseUnreachable,
    NotClaimgraphDatabase,
    ReadOnlyDatabase,
    SchemaTooNew,
)
from claimgraph.store.schema import SCHEMA_VERSION, metadata


def _sa_url(db: str) -> str:
    return parse_target(db).url.render_as_string(hide_password=False)


def test_created_on_first_write_with_current_version(db):
    with Store.open(db, write=True) as store, store.read() as conn:
        versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
        tables = set(metadata.tables)
        from sqlalchemy import inspect
        assert tables <= set(inspect(conn).get_table_names())
    assert versions == [SCHEMA_VERSION]
    # Opening again (read or write) leaves the version alone.
    with Store.open(db) as store:
        assert store.counts()["documents"] == 0
    with Store.open(db, write=True):
        pass


def test_sqlite_file_is_wal(tmp_path):
    path = tmp_path / "claims.db"
    Store.open(path, write=True).close()
    assert path.exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_read_of_missing_file_is_refused_and_creates_nothing(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(DatabaseMissing, match="claimgraph ingest"):
        Store.open(path)
    assert not path.exists()


def test_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n")
    for write in (False, True):
        with pytest.raises(NotClaimgraphDatabase, match="not an SQLite file"):
            Store.open(path, write=write)
    assert path.read_text() == "just some notes\n"


def test_database_of_another_application(db):
    engine = create_engine(_sa_url(db))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)"))
    engine.dispose()
    for write in (False, True):
        with pytest.raises(NotClaimgraphDatabase, match="invoices"):
            Store.open(db, write=write)


def test_newer_schema_version_is_refused(db):
    Store.open(db, write=True).close()
    engine = create_engine(_sa_url(db))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_version (version, description, applied_at) "
                          "VALUES (:v, 'future', 'now')"), {"v": SCHEMA_VERSION + 1})
    engine.dispose()
    for write in (False, True):
        with pytest.raises(SchemaTooNew, match=f"version {SCHEMA_VERSION + 1}"):
            Store.open(db, write=write)


def test_upgrade_steps_run_in_order(db, monkeypatch):
    Store.open(db, write=True).close()
    calls = []

    def add_column(conn):
        calls.append("v2")
        conn.execute(text("ALTER TABLE documents ADD COLUMN note TEXT"))

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(migrations, "UPGRADES", {SCHEMA_VERSION + 1: ("add note", add_column)})
    with pytest.raises(ReadOnlyDatabase, match="needs an upgrade"):
        Store.open(db)  # a read never changes the schema
    with Store.open(db, write=True) as store, store.read() as conn:
        rows = conn.execute(text("SELECT version, description FROM schema_version "
                                 "ORDER BY version")).all()
        conn.execute(text("SELECT note FROM documents"))
    assert calls == ["v2"]
    assert [tuple(r) for r in rows] == [(SCHEMA_VERSION, "create schema"),
                                        (SCHEMA_VERSION + 1, "add note")]


def test_read_only_file(tmp_path):
    path = tmp_path / "claims.db"
    Store.open(path, write=True).close()
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(ReadOnlyDatabase, match="read-only"):
            Store.open(path, write=True)
        with Store.open(path) as store:  # reading still works
            assert store.counts()["documents"] == 0
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_unreachable_postgres_is_one_line():
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://someone:secret@127.0.0.1:{port}/claims"
    with pytest.raises(DatabaseUnreachable) as info:
        Store.open(url, write=True)
    message = str(info.value)
    assert "cannot connect to PostgreSQL" in message and str(port) in message
    assert "secret" not in message and "\n" not in message


def test_postgres_url_forms_use_psycopg():
    for url in ("postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg://u@h/db"):
        target = parse_target(url)
        assert target.dialect == "postgresql"
        assert target.url.drivername == "postgresql+psycopg"
    assert parse_target("claims.db").dialect == "sqlite"


def test_postgres_role_without_write_rights(db):
    if not db.startswith("postgresql"):
        pytest.skip("PostgreSQL roles only")
    import uuid

    from sqlalchemy.engine import make_url

    from claimgraph.store import Ingester
    from tests.store.store_fakes import FakeLinker, record

    with Store.open(db, write=True, linker=FakeLinker()) as store:
        Ingester(store).run([("a", record("a", "Some text."))])
    url = make_url(db)
    schema = url.query["options"].split("=", 1)[1]
    role = f"cg_reader_{uuid.uuid4().hex[:8]}"
    engine = create_engine(_sa_url(db))
    with engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        conn.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"'))
    reader = url.set(username=role, password=None).render_as_string(hide_password=False)
    try:
        with Store.open(reader) as store:
            assert store.counts()["documents"] == 1
        with Store.open(reader, write=True, linker=FakeLinker()) as store, \
                pytest.raises(ReadOnlyDatabase, match="cannot be written"):
            Ingester(store).run([("b", record("b", "Other text."))])
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        engine.dispose()
