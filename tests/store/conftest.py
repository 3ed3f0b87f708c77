"""Every storage test runs on SQLite and on PostgreSQL ($CLAIMGRAPH_TEST_PG_URL, else skipped)."""

from __future__ import annotations

import pytest

from claimgraph.store import Store

from .store_fakes import BACKENDS, FakeLinker, database


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """A fresh database (file path or PostgreSQL URL) on each backend."""
    yield from database(request.param, tmp_path)


@pytest.fixture
def linker():
    return FakeLinker()


@pytest.fixture
def store(db, linker):
    with Store.open(db, write=True, linker=linker) as s:
        yield s
