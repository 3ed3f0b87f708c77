"""Web fixtures: a demo database built from claimgraph/examples through the store, and clients.

The demo database is built once per session (the spaCy pipeline is the session's);
tests that write get their own copy of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.pipeline import extract as run_pipeline
from claimgraph.store import Ingester, Store
from claimgraph.store.inputs import ingest_items

EXAMPLE = Path(__file__).resolve().parents[2] / "claimgraph" / "examples" / "defence-update.jsonl"


def pytest_configure(config: pytest.Config) -> None:
    # Starlette's TestClient asks for httpx2; httpx is what the project pins.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(scope="session")
def extractor(nlp) -> Callable[[list[Any]], list[dict[str, Any]]]:
    """Documents -> extraction records with the session's pipeline (as ``claimgraph ingest``)."""

    def run(docs: list[Any]) -> list[dict[str, Any]]:
        return [e.to_dict() for e in run_pipeline(nlp, docs)]

    return run


def build_db(path: Path | str, extractor: Callable[[list[Any]], list[dict[str, Any]]],
             *sources: Path) -> Path | str:
    with Store.open(path, write=True) as store:
        for source in sources:
            summary = Ingester(store, extract=extractor).run(ingest_items([str(source)]))
            assert summary.failed == 0, summary.errors
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, extractor) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.db"
    build_db(path, extractor, EXAMPLE)
    return path


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a SQLite database (WAL included) through SQLite's backup API."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


@pytest.fixture
def fresh_db(demo_db, tmp_path) -> Path:
    return copy_db(demo_db, tmp_path / "fresh.db")


@pytest.fixture(scope="session")
def demo_ids(demo_db) -> dict[str, Any]:
    """Ids in the demo database: the story with most documents, its first document."""
    with Store.open(demo_db) as store:
        stories = store.stories(limit=50).items
        big = max(stories, key=lambda s: s["size"])
        return {"story": big["id"], "stories": [s["id"] for s in stories],
                "document": big["documents"][0], "documents": [
                    d["id"] for d in store.documents(limit=50).items]}


@pytest.fixture(scope="session")
def client(demo_db, extractor) -> Iterator[Any]:
    """A read-only test client over the demo database (reads open)."""
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    with TestClient(create_app(demo_db, extractor=extractor)) as c:
        yield c


def make_token(db: Path, name: str = "test", scope: str = "write") -> str:
    from claimgraph.store import tokens

    with Store.open(db, write=True) as store, store.write() as conn:
        return tokens.create(conn, name, scope).token


@pytest.fixture
def writer(fresh_db, extractor) -> Iterator[tuple[Any, str, Path]]:
    """(client, API token, database) over a copy of the demo database."""
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    token = make_token(fresh_db)
    with TestClient(create_app(fresh_db, extractor=extractor)) as c:
        yield c, token, fresh_db
