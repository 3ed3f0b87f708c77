"""A database written by the first release (schema version 1) upgrades: the assessment ledger,
the entity alias table, source grades, corrections and the API token table are added, the data
kept; tokens made before scopes keep the right to write; search gets its filter indexes.

``tests/fixtures/store/schema-v1.sqlite`` was written by claimgraph at schema version 1
(before the ``assessments`` tables existed): two extraction records about the Vostrel
call-up ingested with the real linker into one story, then compacted (``VACUUM``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from claimgraph.assess.judgements import new_assessment
from claimgraph.store import Ingester, Store, tokens
from claimgraph.store import assessments as ledger
from claimgraph.store.errors import ReadOnlyDatabase
from claimgraph.store.migrations import UPGRADES
from claimgraph.store.schema import SCHEMA_VERSION

from .store_fakes import record, statement

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store" / "schema-v1.sqlite"
NEW_TABLES = ("assessments", "assessment_evidence", "entity_aliases", "source_grades",
              "corrections", "api_tokens", "story_builds")


@pytest.fixture
def v1(tmp_path) -> Path:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, path)
    return path


def columns(db: Path) -> dict[str, list[tuple[str, str, bool]]]:
    with Store.open(db) as store, store.read() as conn:
        insp = inspect(conn)
        return {t: [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t)]
                for t in NEW_TABLES} | {
            f"{t} indexes": sorted(i["name"] for i in insp.get_indexes(t)) for t in NEW_TABLES}


def test_fixture_is_at_version_one_without_the_ledger(v1):
    with pytest.raises(ReadOnlyDatabase, match="version 1 and needs an upgrade"):
        Store.open(v1)  # reading never upgrades
    import sqlite3

    with sqlite3.connect(v1) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not set(NEW_TABLES) & tables


def test_upgrade_keeps_the_data_and_adds_the_ledger(v1, tmp_path):
    step = next(v for v, (description, _) in UPGRADES.items()
                if description == "assessment ledger")
    with Store.open(v1, write=True) as store:
        with store.read() as conn:
            rows = conn.execute(text("SELECT version, description FROM schema_version "
                                     "ORDER BY version")).all()
        assert [r.version for r in rows] == list(range(1, SCHEMA_VERSION + 1))
        assert (1, "create schema") in rows and (step, "assessment ledger") in rows
        assert store.counts()["documents"] == 2
        [story] = store.stories().items
        assert store.search("reservists")["statements"]
        claims = store.story(story["id"])["claims"]
        assert claims
        # The upgraded database takes assessments, with evidence from its old stories.
        ref = f"{story['id']}#{claims[0]['id']}"
        added = ledger.add(store, new_assessment(
            "It is likely that more reservists are called up before June 2024.", "likely",
            evidence=[ref], author="Hale"))
        assert added.id == "a1" and added.evidence[0].document == claims[0]["root"]["document"]
    # The upgraded tables are the ones a new database gets.
    fresh = tmp_path / "fresh.db"
    Store.open(fresh, write=True).close()
    assert columns(v1) == columns(fresh)
    # Opening again changes nothing.
    with Store.open(v1, write=True) as store, store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM schema_version")).scalar() == \
            SCHEMA_VERSION


def test_upgrade_fills_the_alias_table_from_stored_entities(v1):
    import sqlite3

    with sqlite3.connect(v1) as conn:
        doc_pk, doc_id = conn.execute("SELECT pk, id FROM documents ORDER BY pk").fetchone()
        conn.execute("INSERT INTO entities (doc_pk, doc_id, id, name, type, aliases, roles, "
                     "n_mentions) VALUES (?, ?, 'e99', 'Mirek Danov', 'PERSON', '[\"Danov\"]', "
                     "'[\"the governor of Vostrel\"]', 1)", (doc_pk, doc_id))
    with Store.open(v1, write=True) as store:
        rows = {(r["alias"], r["name"], r["kind"], r["document"]) for r in store.aliases()}
    assert rows == {("Danov", "Mirek Danov", "alias", doc_id),
                    ("the governor of Vostrel", "Mirek Danov", "role", doc_id)}


def test_upgraded_database_takes_grades_and_corrections(v1):
    with Store.open(v1, write=True) as store:
        [story] = store.stories().items
        before = store.story_version(story["id"])
        claim = store.story(story["id"])["claims"][0]
        store.grade_source(claim["speaker"], "B", author="Hale")
        root = store.statement_ref(f"{story['id']}#{claim['id']}")
        store.correct("reject", root, author="Hale")
        assert store.story_version(story["id"]) != before
        assert [c["action"] for c in store.story(story["id"])["corrections"]] == ["reject"]


def test_tokens_made_before_scopes_keep_writing(tmp_path):
    """Before scopes, tokens were kept in a table of the web layer's, made on first use."""
    import sqlite3

    step = next(v for v, (description, _) in UPGRADES.items()
                if description.startswith("API token scopes"))
    path = tmp_path / "before-scopes.db"
    Store.open(path, write=True).close()
    token = tokens.PREFIX + "made-at-version-4"
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE api_tokens")
    conn.execute("CREATE TABLE api_tokens (pk INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, "
                 "hash VARCHAR(64) NOT NULL UNIQUE, created_at VARCHAR(32) NOT NULL)")
    conn.execute("INSERT INTO api_tokens (name, hash, created_at) VALUES ('feed', ?, 'then')",
                 (tokens.digest(token),))
    conn.execute("DELETE FROM schema_version")
    conn.execute("INSERT INTO schema_version VALUES (?, 'the step before', 'then')", (step - 1,))
    conn.commit()
    conn.close()
    with pytest.raises(ReadOnlyDatabase, match=f"version {step - 1} and needs an upgrade"):
        Store.open(path)
    with Store.open(path, write=True) as store:
        found = tokens.lookup(store.engine, token)
        assert (found.name, found.scope, found.created_at) == ("feed", "write", "then")
        with store.write() as conn:
            tokens.create(conn, "desk", "read")
        assert [(t.name, t.scope) for t in tokens.listing(store.engine)] == [
            ("feed", "write"), ("desk", "read")]
    fresh = tmp_path / "fresh.db"
    Store.open(fresh, write=True).close()
    assert columns(path)["api_tokens"] == columns(fresh)["api_tokens"]


def _upgraded_indexes(store: Store) -> set[str]:
    """The indexes of ``statements`` once the store is at the current schema version."""
    with store.read() as conn:
        indexes = {i["name"] for i in inspect(conn).get_indexes("statements")}
        version = conn.execute(text("SELECT max(version) FROM schema_version")).scalar()
    assert version == SCHEMA_VERSION
    return indexes


def _back_to_before(store: Store, step: int, *indexes: str) -> None:
    """Make the store look as the step before ``step`` left it: without ``indexes``."""
    with store.write() as conn:
        for name in indexes:
            conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
        conn.execute(text("DELETE FROM schema_version"))
        conn.execute(text("INSERT INTO schema_version VALUES (:v, 'the step before', 'then')"),
                     {"v": step - 1})


def test_a_database_from_before_the_search_filter_indexes_gets_them(db):
    """Version 7 had no indexes for search's filters; the upgrade adds them, and search by
    speaker (which reads them on SQLite) works on the upgraded database."""
    step = next(v for v, (description, _) in UPGRADES.items()
                if description.startswith("indexes for search filters"))
    with Store.open(db, write=True) as store:
        Ingester(store).run([("h1", record(
            "h1", "The harbour at Vostrel was closed, port officials said.", title="Harbour",
            published="2024-03-06",
            statements=[statement("s1", "port officials", "the harbour was closed")]))])
        _back_to_before(store, step, "ix_statements_doc_speaker", "ix_statements_search_filters")
    with pytest.raises(ReadOnlyDatabase, match=f"version {step - 1} and needs an upgrade"):
        Store.open(db)
    with Store.open(db, write=True) as store:
        indexes = _upgraded_indexes(store)
        sqlite = store.target.dialect == "sqlite"
        assert ("ix_statements_doc_speaker" in indexes) == sqlite
        assert ("ix_statements_search_filters" in indexes) == sqlite
        found = store.search("harbour", speaker="officials", language="en")
        assert [(h["document"], h["speaker"]) for h in found["statements"]] == [
            ("h1", "port officials")]
        assert [d["id"] for d in found["documents"]] == ["h1"]


def test_a_database_from_before_the_speaker_index_gets_it_on_postgres(db):
    """Version 8 had no index of statements by speaker and document on PostgreSQL; the
    upgrade adds it there (SQLite is left as it was), and search by speaker finds the same."""
    from claimgraph.store.search import POSTGRES_SPEAKER_INDEX

    step = next(v for v, (description, _) in UPGRADES.items()
                if description.startswith("index for search by speaker"))
    docs = [("h1", record(
        "h1", "The harbour at Vostrel was closed, port officials said.", title="Harbour",
        published="2024-03-06",
        statements=[statement("s1", "Port Officials", "the harbour was closed")])),
        ("h2", record(
            "h2", "The harbour reopened, the mayor said.", title="Harbour open",
            published="2024-03-07",
            statements=[statement("s1", "the mayor", "the harbour reopened")]))]
    with Store.open(db, write=True) as store:
        Ingester(store).run(docs)
        with store.read() as conn:
            before = {i["name"] for i in inspect(conn).get_indexes("statements")}
        _back_to_before(store, step, POSTGRES_SPEAKER_INDEX)
    with pytest.raises(ReadOnlyDatabase, match=f"version {step - 1} and needs an upgrade"):
        Store.open(db)
    with Store.open(db, write=True) as store:
        indexes = _upgraded_indexes(store)
        assert indexes == before
        assert (POSTGRES_SPEAKER_INDEX in indexes) == (store.target.dialect == "postgresql")
        found = store.search("harbour", speaker="officials")
        assert [(h["document"], h["speaker"]) for h in found["statements"]] == [
            ("h1", "Port Officials")]
        assert [d["id"] for d in found["documents"]] == ["h1"]
        assert [d["id"] for d in store.search("harbour", speaker="MAYOR")["documents"]] == ["h2"]
