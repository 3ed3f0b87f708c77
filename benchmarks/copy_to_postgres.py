"""Copy a claimgraph SQLite database into PostgreSQL, to time PostgreSQL reads on it.

Ingesting 100,000 documents into PostgreSQL takes over an hour; copying the rows of a
database ``store_scale.py`` made on SQLite takes minutes. The schema is created on the
(empty) PostgreSQL database through the store, as ``claimgraph ingest`` would, then every
table's rows are bulk-copied from the SQLite file (read-only: it is opened immutable and
never written) with ``COPY``. The secondary indexes and foreign keys are dropped for the
copy and made again after it (one pass each instead of one update per row), the
``pk`` sequences are set past the copied rows, and the tables are analysed.

    python benchmarks/copy_to_postgres.py /tmp/scale/bench-100000.db \\
        postgresql://postgres@127.0.0.1:PORT/claimgraph_test
    python benchmarks/store_scale.py --existing postgresql://postgres@127.0.0.1:PORT/claimgraph_test

The PostgreSQL database must hold no claimgraph tables yet. Its schema is the one of this
claimgraph; a column the SQLite file lacks is left at its default.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimgraph.errors import ClaimgraphError  # noqa: E402
from claimgraph.store import Store  # noqa: E402

# Rows read from SQLite per fetch.
CHUNK = 20_000
# Rows of the schema itself, written by Store.open: not copied.
SKIP = {"schema_version"}


def plain_url(url: str) -> str:
    """``url`` as psycopg takes it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def pg_columns(pg: psycopg.Connection, table: str) -> list[str]:
    """The columns of ``table`` that take values (generated ones are computed)."""
    rows = pg.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = %s AND is_generated = 'NEVER' "
        "ORDER BY ordinal_position", (table,)).fetchall()
    return [r[0] for r in rows]


def secondary_indexes(pg: psycopg.Connection) -> list[tuple[str, str]]:
    """(name, definition) of every index that backs no constraint."""
    return pg.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "WHERE i.schemaname = current_schema() AND NOT EXISTS ("
        "SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname "
        "AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = i.schemaname))"
    ).fetchall()


def foreign_keys(pg: psycopg.Connection) -> list[tuple[str, str, str]]:
    """(table, name, definition) of every foreign key."""
    return pg.execute(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c WHERE c.contype = 'f' "
        "AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
    ).fetchall()


def copy_table(src: sqlite3.Connection, pg: psycopg.Connection, table: str) -> int:
    """Copy the rows of ``table`` (the columns both sides have); the number copied."""
    have = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
    columns = [c for c in pg_columns(pg, table) if c in have]
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = src.execute(f'SELECT {names} FROM "{table}"')
    n = 0
    with pg.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        while True:
            rows = cursor.fetchmany(CHUNK)
            if not rows:
                break
            for row in rows:
                copy.write_row(row)
            n += len(rows)
    return n


def reset_sequences(pg: psycopg.Connection, tables: list[str]) -> None:
    """Each serial column's sequence continues after the largest copied value."""
    for table in tables:
        for (column,) in pg.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = %s AND column_default LIKE 'nextval(%%'",
                (table,)).fetchall():
            pg.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                       f'coalesce((SELECT max("{column}") FROM "{table}"), 0) + 1, false)',
                       (table, column))


def log(message: str, started: float) -> None:
    print(f"[{time.monotonic() - started:7.1f} s] {message}", flush=True)


def copy_database(sqlite_path: Path, url: str) -> None:
    started = time.monotonic()
    if not sqlite_path.is_file():
        sys.exit(f"no SQLite file at {sqlite_path}")
    if not url.startswith(("postgresql://", "postgresql+")):
        sys.exit(f"{url!r} is not a PostgreSQL URL; give postgresql://USER@HOST:PORT/DATABASE")
    try:
        with Store.open(url, write=True) as store:
            log(f"schema created on {store.target.label}", started)
    except ClaimgraphError as exc:
        sys.exit(str(exc))
    src = sqlite3.connect(f"file:{sqlite_path.resolve()}?immutable=1", uri=True)
    with psycopg.connect(plain_url(url)) as pg:
        tables = [r[0] for r in pg.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()
            if r[0] not in SKIP]
        stored = [t for t in tables
                  if pg.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0]]
        if stored:
            sys.exit(f"the PostgreSQL database already holds rows in {', '.join(stored)}; "
                     "copy into an empty one")
        source = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        indexes, keys = secondary_indexes(pg), foreign_keys(pg)
        for table, name, _ in keys:
            pg.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            pg.execute(f'DROP INDEX "{name}"')
        pg.commit()
        log(f"dropped {len(indexes)} indexes and {len(keys)} foreign keys for the copy", started)
        for table in tables:
            if table not in source:
                log(f"{table}: not in the SQLite file, left empty", started)
                continue
            n = copy_table(src, pg, table)
            pg.commit()
            log(f"{table}: {n:,} rows", started)
        reset_sequences(pg, tables)
        pg.execute("SET maintenance_work_mem = '1GB'")
        for name, definition in indexes:
            pg.execute(definition)
            pg.commit()
            log(f"index {name} made", started)
        for table, name, definition in keys:
            pg.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        pg.commit()
        log(f"{len(keys)} foreign keys checked and made", started)
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE")
        log("vacuumed and analysed", started)
    src.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sqlite_path", type=Path, help="the claimgraph SQLite file (only read)")
    ap.add_argument("pg_url", help="an empty PostgreSQL database (postgresql://...)")
    args = ap.parse_args()
    copy_database(args.sqlite_path, args.pg_url)


if __name__ == "__main__":
    main()
