"""POST /api/v1/documents: tokens, bodies (JSON, arrays, JSON Lines), limits, where it writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from claimgraph.schemas import validate
from claimgraph.store import Store
from claimgraph.store import tokens
from claimgraph.store.schema import api_tokens
from claimgraph.web.app import create_app

from .conftest import make_token

NEW_TEXT = ("The harbour master told reporters on Friday that about 300 containers had been "
            "damaged in the storm.")


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("headers, fragment", [
    ({}, "writing needs an API token"),
    ({"Authorization": "Bearer cg_not-a-real-token"}, "invalid or revoked API token"),
    ({"Authorization": "Bearer "}, "malformed Authorization header"),
    ({"Authorization": "Basic dXNlcjpwdw=="}, "malformed Authorization header"),
])
def test_writes_need_a_valid_token(writer, headers, fragment):
    client, _token, db = writer
    response = client.post("/api/v1/documents", json={"text": NEW_TEXT}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert fragment in response.json()["error"]["message"]
    with Store.open(db) as store:
        assert store.counts()["documents"] == 5


def test_post_one_document_returns_its_ids(writer):
    client, token, _db = writer
    response = client.post("/api/v1/documents", headers=auth(token), json={
        "text": NEW_TEXT, "title": "Storm damage", "publisher": "Port Gazette",
        "published": "2024-04-01"})
    assert response.status_code == 201
    body = response.json()
    assert body["summary"]["new"] == 1
    (doc,) = body["documents"]
    assert doc["status"] == "new" and doc["id"].startswith("sha256:") and doc["story"]
    record = client.get(doc["url"]).json()
    validate("extraction", record)
    assert record["document"]["title"] == "Storm damage"
    assert record["document"]["text"] == NEW_TEXT
    assert any(s["speaker"]["name"] for s in record["statements"])  # the pipeline ran
    story = client.get(f"/api/v1/stories/{doc['story']}").json()
    assert [d["id"] for d in story["documents"]] == [doc["id"]]
    # The same text again changes nothing.
    again = client.post("/api/v1/documents", headers=auth(token), json={"text": NEW_TEXT})
    assert again.status_code == 200
    assert again.json()["documents"][0] == {**doc, "status": "unchanged"}


def test_post_jsonl_batch_reports_each_line(writer):
    client, token, _db = writer
    lines = [
        json.dumps({"id": "gazette-1", "text": NEW_TEXT, "publisher": "Port Gazette"}),
        "{not json",
        "",
        json.dumps({"title": "no text here"}),
        json.dumps({"id": "gazette-2", "text": "Rescuers said two sailors were missing."}),
        json.dumps({"id": "gazette-1", "text": NEW_TEXT}),
    ]
    response = client.post("/api/v1/documents?publisher=Wire&date=2024-04-02",
                           content="\n".join(lines).encode(),
                           headers={**auth(token), "Content-Type": "application/x-ndjson"})
    assert response.status_code == 201
    body = response.json()
    by_item = {d["item"]: d for d in body["documents"]}
    assert list(by_item) == ["line 1", "line 2", "line 4", "line 5", "line 6"]
    assert by_item["line 1"]["status"] == "new" and by_item["line 1"]["id"] == "gazette-1"
    assert by_item["line 2"]["status"] == "failed"
    assert "malformed JSON" in by_item["line 2"]["error"]
    assert by_item["line 4"]["status"] == "failed" and "text" in by_item["line 4"]["error"]
    assert by_item["line 5"]["status"] == "new" and by_item["line 5"]["id"] == "gazette-2"
    assert by_item["line 6"]["status"] == "unchanged"
    assert body["summary"]["new"] == 2 and body["summary"]["failed"] == 2
    # Query defaults fill what a line lacks, and only that.
    second = client.get("/api/v1/documents/gazette-2").json()["document"]
    assert second["publisher"] == "Wire" and second["published"] == "2024-04-02"
    first = client.get("/api/v1/documents/gazette-1").json()["document"]
    assert first["publisher"] == "Port Gazette"


def test_post_an_extraction_record_stores_it_as_is(writer, extractor):
    client, token, _db = writer
    from claimgraph.model import Document

    record = extractor([Document(text=NEW_TEXT, id="rec-1", publisher="Port Gazette")])[0]
    response = client.post("/api/v1/documents", headers=auth(token), json=[record])
    assert response.status_code == 201
    assert client.get("/api/v1/documents/rec-1").json() == record


@pytest.mark.parametrize("body, ctype, status, fragment", [
    (b'{"text": "unterminated', "application/json", 400, "malformed JSON"),
    (b"", "application/json", 400, "empty request body"),
    (b"   ", "application/x-ndjson", 400, "empty request body"),
    (b"text=hello", "application/x-www-form-urlencoded", 415, "unsupported Content-Type"),
    (b'{"title": "nothing else"}', "application/json", 400, 'no "text" or "html" field'),
    (b'"just a string"', "application/json", 400, "expected a JSON object"),
    (b"\xff\xfe{}", "application/json", 400, "not UTF-8"),
])
def test_bad_bodies_are_clear_4xx(writer, body, ctype, status, fragment):
    client, token, _db = writer
    response = client.post("/api/v1/documents", content=body,
                           headers={**auth(token), "Content-Type": ctype})
    assert response.status_code == status
    assert fragment in response.json()["error"]["message"]


def test_oversized_bodies_are_refused(fresh_db, extractor):
    token = make_token(fresh_db)
    app = create_app(fresh_db, extractor=extractor, max_body=2048)
    with TestClient(app) as client:
        big = {"text": "The minister said it. " * 200}
        response = client.post("/api/v1/documents", json=big, headers=auth(token))
        assert response.status_code == 413
        assert "too large" in response.json()["error"]["message"]

        def chunks():  # no Content-Length: the limit holds while streaming
            for _ in range(10):
                yield b" " * 1024

        streamed = client.post("/api/v1/documents", content=chunks(),
                               headers={**auth(token), "Content-Type": "application/json"})
        assert streamed.status_code == 413
    with Store.open(fresh_db) as store:
        assert store.counts()["documents"] == 5


def test_a_request_writes_nothing_outside_the_database(writer, tmp_path, monkeypatch):
    client, token, db = writer
    target = tmp_path / "should-not-exist.txt"
    monkeypatch.chdir(tmp_path)
    before = {p: p.stat().st_size for p in Path(tmp_path).rglob("*") if p.is_file()}
    response = client.post("/api/v1/documents", headers=auth(token), json=[
        {"text": NEW_TEXT, "path": str(target), "url": f"file://{target}"},
        {"html": "<html><body><p>The mayor said the road was closed.</p></body></html>",
         "url": "https://example.org/road"},
    ])
    assert response.status_code == 201, response.text
    after = {p for p in Path(tmp_path).rglob("*") if p.is_file()}
    assert not target.exists()
    # Only the database's own files changed or appeared.
    db_files = {db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")}
    assert after - set(before) <= db_files
    stored = client.get(response.json()["documents"][0]["url"]).json()
    assert stored["document"]["path"] is None  # never a path on the server
    assert os.listdir(tmp_path)  # the listing ran


def test_tokens_are_stored_only_as_hashes(fresh_db):
    token = make_token(fresh_db, "ci")
    with Store.open(fresh_db) as store, store.engine.connect() as conn:
        rows = conn.execute(select(api_tokens)).mappings().all()
        assert [r["name"] for r in rows] == ["ci"]
        assert rows[0]["hash"] == tokens.digest(token) and token not in str(dict(rows[0]))
        assert tokens.lookup(store.engine, token).name == "ci"
        assert tokens.lookup(store.engine, token + "x") is None
    with Store.open(fresh_db, write=True) as store, store.write() as conn:
        assert tokens.revoke(conn, "ci") == 1
    with Store.open(fresh_db) as store:
        assert tokens.lookup(store.engine, token) is None


def test_read_token_closes_reads(fresh_db, extractor):
    api_token = make_token(fresh_db)
    with TestClient(create_app(fresh_db, read_token="s3cret", extractor=extractor)) as client:
        for url in ("/api/v1/documents", "/api/v1/stories", "/api/v1/search?q=reservists"):
            closed = client.get(url)
            assert closed.status_code == 401, url
            assert "needs a token to read" in closed.json()["error"]["message"]
            assert client.get(url, headers=auth("wrong")).status_code == 401
            assert client.get(url, headers=auth("s3cret")).status_code == 200
            assert client.get(url, headers=auth(api_token)).status_code == 200  # writers read
        page = client.get("/stories")
        assert page.status_code == 401 and "<form" in page.text
        # The login form sets a cookie holding a hash of the token, not the token.
        wrong = client.post("/login", data={"token": "nope", "next": "/stories"},
                            follow_redirects=False)
        assert wrong.status_code == 401
        ok = client.post("/login", data={"token": "s3cret", "next": "//evil.example/"},
                         follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        assert "s3cret" not in ok.headers["set-cookie"]
        assert client.get("/stories").status_code == 200
        assert client.get("/openapi.json").status_code == 200  # the description stays open


def test_built_stories_are_reused_until_their_own_documents_change(writer, demo_ids):
    client, token, _db = writer
    state = client.app.state.web
    story = demo_ids["story"]
    first, records = state.stories.get(state.store, story)
    again, _ = state.stories.get(state.store, story)
    assert again is first
    version = state.store.story_version(story)
    assert version.split(":")[0] == str(len(records))
    assert client.post("/api/v1/documents", headers=auth(token),
                       json={"text": NEW_TEXT}).status_code == 201
    assert state.store.story_version(story) == version  # a storm: another story's document
    assert state.stories.get(state.store, story)[0] is first


def test_json_lines_bodies_break_only_at_newlines(writer):
    """U+2028 and U+0085 inside a JSON string are text, not line breaks."""
    client, token, _db = writer
    text = "Rescuers said two sailors\u2028were missing\x85after the storm."
    body = json.dumps({"id": "sep-1", "text": text}, ensure_ascii=False) + "\r\n"
    response = client.post("/api/v1/documents", content=body.encode(),
                           headers={**auth(token), "Content-Type": "application/x-ndjson"})
    assert response.status_code == 201, response.text
    [outcome] = response.json()["documents"]
    assert (outcome["item"], outcome["status"]) == ("line 1", "new")
    assert client.get(outcome["url"]).json()["document"]["text"] == text


def test_a_post_whose_every_document_fails_writes_nothing(writer):
    import hashlib

    client, token, db = writer

    def files() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(Path(db).parent.iterdir()) if p.name.startswith(Path(db).name)}

    before = files()
    lines = ["{not json", json.dumps({"title": "no text"}), json.dumps({"text": "   "}),
             json.dumps({"document": {"id": "x"}, "statements": []})]
    response = client.post("/api/v1/documents", content="\n".join(lines).encode(),
                           headers={**auth(token), "Content-Type": "application/x-ndjson"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [d["status"] for d in body["documents"]] == ["failed"] * 4
    assert body["summary"]["new"] == 0 and body["summary"]["failed"] == 4
    assert files() == before  # not a byte written
