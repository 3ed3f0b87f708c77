"""The web layer's own queries on PostgreSQL ($CLAIMGRAPH_TEST_PG_URL, else skipped).

The store's functions are tested on both backends by the store's tests; these cover what
:mod:`claimgraph.web.queries` adds (speakers, faceted search, search offsets, the data
version) and ingest through the API.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.store import Store
from claimgraph.store import tokens
from claimgraph.web.app import create_app

from ..store.store_fakes import database
from .conftest import EXAMPLE, build_db


@pytest.fixture(scope="module")
def pg_client(request, tmp_path_factory) -> Iterator[tuple[Any, str]]:
    gen = database("postgresql", tmp_path_factory.mktemp("pg"))
    url = next(gen)  # skips the module when no server is configured
    extractor = request.getfixturevalue("extractor")  # the pipeline, only when needed
    try:
        build_db(url, extractor, EXAMPLE)
        with Store.open(url, write=True) as store, store.write() as conn:
            token = tokens.create(conn, "pg").token
        with TestClient(create_app(url, extractor=extractor)) as client:
            yield client, token
    finally:
        gen.close()


def test_lists_and_speakers_on_postgres(pg_client):
    client, _token = pg_client
    assert client.get("/api/v1").json()["counts"]["documents"] == 5
    speakers = client.get("/api/v1/speakers", params={"limit": 2})
    assert speakers.status_code == 200 and speakers.json()["next"] == "2"
    sorin = client.get("/api/v1/speakers/Arkady Sorin").json()
    assert sorin["statements"] >= 2 and sorin["outlets"]
    first = client.get("/api/v1/speakers/Arkady Sorin", params={"limit": 1}).json()
    second = client.get("/api/v1/speakers/Arkady Sorin",
                        params={"limit": 1, "cursor": first["next"]}).json()
    assert first["items"][0] != second["items"][0]
    assert (first["items"][0]["date"] or "9999") <= (second["items"][0]["date"] or "9999")


def test_search_and_facets_on_postgres(pg_client):
    client, _token = pg_client
    page = client.get("/api/v1/search", params={"q": "reservists", "limit": 2, "offset": 2})
    assert page.status_code == 200 and len(page.json()["statements"]) == 2
    facets = client.get("/api/v1/search/facets", params={"q": "likely"}).json()
    assert facets["total"] > 0 and facets["facets"]["probability"]
    stated = client.get("/api/v1/search/facets", params={"q": "likely",
                                                          "probability": "stated"}).json()
    assert all(h["probability"] for h in stated["statements"])
    assert client.get("/search", params={"q": "reservists"}).status_code == 200


def test_story_page_and_ingest_on_postgres(pg_client):
    client, token = pg_client
    story = client.get("/api/v1/stories", params={"min_size": 2}).json()["items"][0]["id"]
    etag = client.get(f"/stories/{story}").headers["etag"]
    assert client.get(f"/stories/{story}", headers={"If-None-Match": etag}).status_code == 304
    posted = client.post("/api/v1/documents", json={"text": "The mayor said the bridge was "
                                                            "closed on Sunday."},
                         headers={"Authorization": f"Bearer {token}"})
    assert posted.status_code == 201 and posted.json()["documents"][0]["status"] == "new"
    assert client.get(f"/stories/{story}", headers={"If-None-Match": etag}).status_code == 200
