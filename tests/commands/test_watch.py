"""``claimgraph watch``: feeds served by a local server in the test; nothing leaves 127.0.0.1."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from claimgraph import pipeline
from claimgraph.cli import main
from claimgraph.store import Store
from tests.commands.test_ingest_command import FakeExtractor
from tests.webserver import Answer, article_html, serve

HTML = {"Content-Type": "text/html; charset=utf-8"}
LONG = " ".join(["The mayor said flood waters rose in Oderburg on Monday and about 400 people "
                 "were moved to the school, where volunteers handed out blankets."] * 8)


def rss(base: str) -> bytes:
    items = [
        ("a", f"{base}/a", "Port closed", ""),
        ("b", f"{base}/b", "Flood in Oderburg",
         f"<content:encoded><![CDATA[<p>{LONG}</p>]]></content:encoded>"),
        ("c", f"{base}/c", "Gone story", ""),
        ("d", f"{base}/d", "Busy server story", ""),
    ]
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}"
        f"</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>Teaser."
        f"</description>{extra}</item>" for guid, link, title, extra in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Coast Wire</title><link>{base}/</link>{body}</channel></rss>").encode()


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    FakeExtractor.calls = []
    monkeypatch.setattr(pipeline, "PipelineExtractor", FakeExtractor)


@pytest.fixture
def site():
    state = {"d": 0}

    def busy_then_fine(handler):
        state["d"] += 1
        if state["d"] == 1:
            return Answer(503, b"busy", {"Content-Type": "text/plain"})
        return Answer(200, article_html("Busy server story", [
            "The ministry said on Tuesday that two ferries had been cancelled because of the "
            "storm and would sail again on Thursday."]), HTML)

    def feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return Answer(304)
        return Answer(200, rss(server.base), {"Content-Type": "application/rss+xml",
                                              "ETag": '"v1"'})

    routes = {
        "/feed.xml": feed,
        "/broken.xml": Answer(500, b"oops", {"Content-Type": "text/plain"}),
        "/a": Answer(200, article_html("Port closed after storm", [
            "The harbour master said on Tuesday that the port would stay closed for at least "
            "three days after the storm damaged two cranes."]), HTML),
        "/d": busy_then_fine,
    }
    with serve(routes) as server:
        yield server


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "watch.db")


def stored(db: str) -> dict[str, dict]:
    with Store.open(db) as store, store.read() as conn:
        rows = conn.execute(text("SELECT url, title, publisher, published FROM documents"))
        return {r.url: dict(r._mapping) for r in rows}


def test_a_round_stores_new_items_and_survives_feed_and_page_errors(site, db, capsys):
    feed, broken = site.url("/feed.xml"), site.url("/broken.xml")
    rc = main(["watch", feed, broken, "--db", db, "--once", "--allow-private"])
    out, err = capsys.readouterr()
    assert rc == 1  # one feed and two items failed
    assert f"{feed}: 4 items, 4 new: 2 stored, 0 unchanged, 1 failed, 1 to retry" in out
    lines = err.strip().splitlines()
    assert f"claimgraph: {site.url('/c')}: HTTP 404 Not Found" in lines
    assert f"claimgraph: {site.url('/d')}: HTTP 503 Service Unavailable (a later run tries " \
           "again)" in lines  # --once: no next round
    assert f"claimgraph: {broken}: HTTP 500 Internal Server Error (a later run tries again)" \
        in lines
    assert "Traceback" not in err
    docs = stored(db)
    assert set(docs) == {site.url("/a"), site.url("/b")}
    # Page metadata first; the feed fills what the item's own text lacks.
    assert docs[site.url("/a")] == {"url": site.url("/a"), "title": "Port closed after storm",
                                    "publisher": "Harbour Herald", "published": "2024-03-05"}
    assert docs[site.url("/b")] == {"url": site.url("/b"), "title": "Flood in Oderburg",
                                    "publisher": "Coast Wire", "published": "2024-03-05"}
    assert "/b" not in [path for path, _ in site.requests]  # its whole text was in the feed

    # Next round: only the item that failed for a network reason is tried again.
    site.requests.clear()
    assert main(["watch", feed, "--db", db, "--once", "--allow-private"]) == 0
    assert f"{feed}: 4 items, 1 new: 1 stored, 0 unchanged, 0 failed" in capsys.readouterr().out
    assert [path for path, _ in site.requests] == ["/feed.xml", "/d"]
    assert site.url("/d") in stored(db)
    with Store.open(db) as store, store.read() as conn:
        rows = conn.execute(text("SELECT key, error FROM feed_items ORDER BY key")).all()
    assert [(r.key, r.error is not None) for r in rows] == [
        ("a", False), ("b", False), ("c", True), ("d", False)]


def test_private_addresses_refused_without_allow_private(site, db, capsys):
    rc = main(["watch", site.url("/feed.xml"), "--db", db, "--once"])
    err = capsys.readouterr().err
    assert rc == 1
    [line] = err.strip().splitlines()
    assert "refused: 127.0.0.1 is a private, loopback" in line and "--allow-private" in line
    assert site.requests == []
    assert stored(db) == {}


def test_rounds_repeat_conditionally_until_interrupted(site, db, capsys, monkeypatch):
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("claimgraph.commands.watch.time.sleep", sleep)
    rc = main(["watch", site.url("/feed.xml"), "--db", db, "--every", "30s",
               "--allow-private", "--json"])
    out, err = capsys.readouterr()
    assert rc == 0 and "watch stopped after 2 rounds" in err
    assert len(sleeps) == 2 and 0 < sleeps[0] <= 30
    feed_requests = [headers for path, headers in site.requests if path == "/feed.xml"]
    assert len(feed_requests) == 2 and feed_requests[1].get("If-None-Match") == '"v1"'
    assert '"new": 0' in out.splitlines()[-1]  # 304: nothing read the second time


def test_bad_arguments_are_one_line(db, capsys):
    assert main(["watch", "feed.xml", "--db", db, "--once"]) == 2
    assert "is not a feed URL" in capsys.readouterr().err
    assert main(["watch", "https://news.test/feed.xml", "--db", db, "--every", "often"]) == 2
    assert "is not a duration" in capsys.readouterr().err
