"""Token scopes (read, write, admin), the token API, and the per-token write rate."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from claimgraph.cli import main
from claimgraph.commands import token as token_command
from claimgraph.store import Store, tokens
from claimgraph.store.errors import BadQuery
from claimgraph.web.app import create_app
from claimgraph.web.ratelimit import Rate, RateLimiter

from .conftest import make_token

TEXT = "The harbour master said about 300 containers had been damaged in the storm."


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def post(client: TestClient, token: str, text: str = TEXT):
    return client.post("/api/v1/documents", json={"text": text}, headers=auth(token))


def documents(db) -> int:
    with Store.open(db) as store:
        return store.counts()["documents"]


def test_the_command_line_and_the_store_know_the_same_scopes():
    assert token_command.SCOPES == tokens.SCOPES
    assert token_command.DEFAULT_SCOPE == tokens.DEFAULT_SCOPE == "write"
    with pytest.raises(BadQuery, match="use one of: read, write, admin"):
        tokens.check_scope("root")


def test_token_create_takes_a_scope_and_list_shows_it(fresh_db, capsys):
    assert main(["token", "create", "--name", "reader", "--scope", "read",
                 "--db", str(fresh_db)]) == 0
    out, err = capsys.readouterr()
    assert "read token 'reader'" in err
    assert main(["token", "create", "--name", "feed", "--db", str(fresh_db)]) == 0
    feed = capsys.readouterr().out.strip()
    with Store.open(fresh_db) as store:
        assert tokens.lookup(store.engine, out.strip()).scope == "read"
        assert tokens.lookup(store.engine, feed).scope == "write"
    assert main(["token", "list", "--db", str(fresh_db)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in listed] == [["reader", "read"], ["feed", "write"]]
    with pytest.raises(SystemExit) as exited:
        main(["token", "create", "--scope", "root", "--db", str(fresh_db)])
    assert exited.value.code == 2 and "invalid choice: 'root'" in capsys.readouterr().err


def test_a_read_token_reads_but_cannot_write(fresh_db, extractor):
    reader = make_token(fresh_db, "reader", "read")
    with TestClient(create_app(fresh_db, read_token="s3cret", extractor=extractor)) as client:
        assert client.get("/api/v1/documents", headers=auth(reader)).status_code == 200
        refused = post(client, reader)
        assert refused.status_code == 403
        message = refused.json()["error"]["message"]
        assert "scope read" in message and "write or admin" in message
    assert documents(fresh_db) == 5


def test_write_tokens_write_and_only_admin_tokens_manage_tokens(fresh_db, extractor):
    writer = make_token(fresh_db, "feed", "write")
    admin = make_token(fresh_db, "root", "admin")
    with TestClient(create_app(fresh_db, extractor=extractor)) as client:
        assert post(client, writer).status_code == 201
        assert post(client, admin, TEXT + " Two ships sank.").status_code == 201
        for token in (writer, make_token(fresh_db, "reader", "read")):
            assert client.get("/api/v1/tokens", headers=auth(token)).status_code == 403
            assert client.post("/api/v1/tokens", json={"name": "x"},
                               headers=auth(token)).status_code == 403
            assert client.delete("/api/v1/tokens/feed", headers=auth(token)).status_code == 403
        assert client.get("/api/v1/tokens").status_code == 401

        made = client.post("/api/v1/tokens", json={"name": "desk", "scope": "read"},
                           headers=auth(admin))
        assert made.status_code == 201
        new = made.json()
        assert (new["name"], new["scope"]) == ("desk", "read") and new["token"].startswith("cg_")
        assert post(client, new["token"]).status_code == 403  # a read token

        listed = client.get("/api/v1/tokens", headers=auth(admin))
        assert listed.status_code == 200
        items = listed.json()["items"]
        assert [(t["name"], t["scope"]) for t in items] == [
            ("feed", "write"), ("root", "admin"), ("reader", "read"), ("desk", "read")]
        assert new["token"] not in listed.text and "hash" not in listed.text

        assert client.delete("/api/v1/tokens/feed", headers=auth(admin)).json() == {"revoked": 1}
        assert post(client, writer).status_code == 401  # revoked
        missing = client.delete("/api/v1/tokens/feed", headers=auth(admin))
        assert missing.status_code == 404 and "no token named 'feed'" in missing.text
        blank = client.post("/api/v1/tokens", json={"name": "  "}, headers=auth(admin))
        assert blank.status_code == 422
    assert documents(fresh_db) == 7


def test_writes_over_the_rate_get_429_with_retry_after(fresh_db, extractor):
    first, second = make_token(fresh_db, "a"), make_token(fresh_db, "b")
    reader = make_token(fresh_db, "reader", "read")
    app = create_app(fresh_db, extractor=extractor, write_rate=Rate.parse("2/min"))
    with TestClient(app) as client:
        assert post(client, first).status_code == 201
        assert post(client, first).status_code == 200  # unchanged: still a write request
        over = post(client, first, TEXT + " A third text.")
        assert over.status_code == 429
        retry = int(over.headers["retry-after"])
        assert 1 <= retry <= 60
        assert "over its write rate (2/min)" in over.json()["error"]["message"]
        assert post(client, second, TEXT + " A third text.").status_code == 201  # per token
        for _ in range(3):  # the scope is checked before the rate: 403, not 429
            assert post(client, reader).status_code == 403
        assert client.get("/api/v1/documents", headers=auth(first)).status_code == 200  # reads
    assert documents(fresh_db) == 7


def test_no_write_rate_means_no_limit(fresh_db, extractor):
    token = make_token(fresh_db)
    with TestClient(create_app(fresh_db, extractor=extractor, write_rate=None)) as client:
        assert {post(client, token).status_code for _ in range(70)} == {201, 200}


def test_the_limiter_slides_its_window(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])  # the clock the counts are kept by
    limiter = RateLimiter(Rate.parse("3/min"))
    assert [limiter.hit("t") for _ in range(3)] == [None, None, None]
    assert limiter.hit("t") == 60
    now[0] += 20.5
    assert limiter.hit("t") == 40  # ceil(60 - 20.5)
    assert limiter.hit("other") is None
    now[0] += 40  # the first three have left the window (at t+60)
    assert limiter.hit("t") is None
    assert limiter.hit("t") is None and limiter.hit("t") is None
    assert limiter.hit("t") == 60


@pytest.mark.parametrize("text, count, seconds", [
    ("60/min", 60, 60.0), ("5/s", 5, 1.0), ("1000 / hour", 1000, 3600.0), ("1/MIN", 1, 60.0)])
def test_rates_parse(text, count, seconds):
    rate = Rate.parse(text)
    assert (rate.count, rate.seconds) == (count, seconds)


@pytest.mark.parametrize("text", ["60", "0/min", "-1/min", "ten/min", "5/day", "", "5/m/s"])
def test_bad_rates_say_the_form(text):
    with pytest.raises(ValueError, match="N/s, N/min or N/hour"):
        Rate.parse(text)


def test_serve_takes_a_write_rate(fresh_db, monkeypatch, capsys):
    import uvicorn

    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **_kw: started.update(app=app))
    assert main(["serve", "--db", str(fresh_db), "--write-rate", "10/s"]) == 0
    limiter = started["app"].state.web.write_limiter
    assert (limiter.rate.count, limiter.rate.seconds) == (10, 1.0)
    assert "writes per token: 10/s" in capsys.readouterr().err
    assert main(["serve", "--db", str(fresh_db)]) == 0
    assert started["app"].state.web.write_limiter.rate.count == 60  # the default, 60/min
    assert main(["serve", "--db", str(fresh_db), "--write-rate", "off"]) == 0
    assert started["app"].state.web.write_limiter is None
    assert main(["serve", "--db", str(fresh_db), "--write-rate", "lots"]) == 2
    assert "--write-rate: 'lots' is not a rate" in capsys.readouterr().err
