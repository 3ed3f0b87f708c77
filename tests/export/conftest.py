"""Export fixtures: a store holding the hand-built Vostrel story and an unrelated one
(:mod:`tests.export.stored`), and no network at all."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from claimgraph.store import Store

from .stored import fill


@pytest.fixture(scope="session")
def story_db(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("export") / "stories.db"
    return db, fill(db)


@pytest.fixture(scope="session")
def vostrel(story_db) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(detail, records) of the Vostrel story, as the store gives them."""
    db, ids = story_db
    with Store.open(db) as store:
        return store.story_with_records(ids["vostrel"])


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Exports and the STIX validator must work offline: any connection attempt fails."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("an export tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
