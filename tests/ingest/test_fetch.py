"""Fetching URLs: a local server stands in for the web; nothing leaves 127.0.0.1."""

from __future__ import annotations

import socket

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import fetch as fetch_module
from claimgraph.ingest import read_inputs
from claimgraph.ingest.fetch import FetchError, fetch, public_address
from claimgraph.model import Document
from tests.webserver import Answer, article_html, serve

HTML = {"Content-Type": "text/html; charset=utf-8"}
ARTICLE = article_html("Port closed after storm", [
    "The harbour master said on Tuesday that the port would stay closed for at least three "
    "days after the storm damaged two cranes.",
    "Officials claimed about 400 workers had been sent home."])


def redirect(to: str) -> Answer:
    return Answer(302, headers={"Location": to})


@pytest.fixture
def site():
    routes = {
        "/article": Answer(200, ARTICLE, HTML),
        "/plain": Answer(200, b"Storm closes port\n\nThe port closed, officials said.\n",
                         {"Content-Type": "text/plain"}),
        "/image": Answer(200, b"\x89PNG....", {"Content-Type": "image/png"}),
        "/nav": Answer(200, b"<html><body><nav>Home</nav></body></html>", HTML),
        "/gone": Answer(410, b"gone", {"Content-Type": "text/plain"}),
        "/broken": Answer(503, b"busy", {"Content-Type": "text/plain"}),
        "/big": Answer(200, b"<html><body>" + b"x" * 5000 + b"</body></html>", HTML),
    }
    for n in range(1, 8):
        routes[f"/hop{n}"] = redirect(f"/hop{n - 1}" if n > 1 else "/article")
    with serve(routes) as server:
        yield server


def read(*urls, **options):
    return list(read_inputs(list(urls), **options))


def test_page_text_and_metadata_through_the_html_reader(site):
    [(label, doc)] = read(site.url("/article"), allow_private=True, publisher="Fallback")
    assert isinstance(doc, Document) and label == site.url("/article")
    assert "stay closed for at least three days" in doc.text
    assert "Home | World" not in doc.text and "Copyright" not in doc.text
    assert (doc.title, doc.publisher, doc.published) == (
        "Port closed after storm", "Harbour Herald", "2024-03-05")
    assert doc.url == site.url("/article") and doc.path is None
    _path, headers = site.requests[0]
    assert headers["User-Agent"].startswith("claimgraph/")


def test_plain_text_page_is_kept_as_it_is(site):
    [(_, doc)] = read(site.url("/plain"), allow_private=True)
    assert doc.text == "Storm closes port\n\nThe port closed, officials said.\n"
    assert doc.title == "Storm closes port"


def test_redirects_followed_up_to_five(site):
    [(_, doc)] = read(site.url("/hop5"), allow_private=True)
    assert isinstance(doc, Document) and doc.url == site.url("/article")
    [(_, error)] = read(site.url("/hop6"), allow_private=True)
    assert isinstance(error, FetchError) and "more than 5 redirects" in str(error)


@pytest.mark.parametrize("path, reason, transient", [
    ("/gone", "HTTP 410", False),
    ("/broken", "HTTP 503", True),
    ("/image", "not an HTML or text page (image/png)", None),
    ("/nav", "no article text found in the HTML", None),
    ("/missing", "HTTP 404", False),
])
def test_failures_are_one_line_each_and_others_go_on(site, path, reason, transient):
    items = read(site.url(path), site.url("/article"), allow_private=True)
    (_, error), (_, doc) = items
    assert isinstance(error, InputError) and isinstance(doc, Document)
    assert str(error) == f"{site.url(path)}: {error.reason}" and reason in error.reason
    assert "\n" not in str(error)
    if transient is not None:
        assert error.transient is transient


def test_size_limit_holds_with_and_without_content_length(site):
    [(_, error)] = read(site.url("/big"), allow_private=True, max_bytes=1000)
    assert "too large" in str(error)
    site.routes["/stream"] = lambda handler: Answer(200, b"<p>" + b"y" * 5000, HTML)
    page = fetch(site.url("/stream"), allow_private=True, max_bytes=10_000)
    assert len(page.body) == 5003
    with pytest.raises(FetchError, match="too large"):
        fetch(site.url("/stream"), allow_private=True, max_bytes=1000)


def test_loopback_is_refused_unless_allowed(site):
    [(_, error)] = read(site.url("/article"))
    assert isinstance(error, FetchError) and not error.transient
    assert "refused: 127.0.0.1 is a private, loopback" in str(error)
    assert "--allow-private" in str(error)
    assert site.requests == []  # refused before connecting
    [(_, error)] = read(site.url("/article").replace("127.0.0.1", "localhost"))
    assert "localhost resolves to" in str(error)


@pytest.fixture
def names(monkeypatch):
    """Host names of a pretend internet: news.test is 'public' (really this machine),
    intranet.test private, mixed.test both."""
    table = {"news.test": ["127.0.0.1"], "intranet.test": ["10.1.2.3"],
             "mixed.test": ["127.0.0.1", "192.168.0.7"]}

    def resolve(host, port):
        return table.get(host) or [host]

    monkeypatch.setattr(fetch_module, "resolve", resolve)
    monkeypatch.setattr(fetch_module, "public_address", lambda a: a == "127.0.0.1")
    return table


def test_redirect_to_a_private_address_is_refused(site, names):
    port = site.base.rsplit(":", 1)[1]
    site.routes["/out"] = redirect(f"http://intranet.test:{port}/article")
    site.routes["/ok"] = redirect(f"http://news.test:{port}/article")
    [(_, doc), (_, error)] = read(f"http://news.test:{port}/ok", f"http://news.test:{port}/out")
    assert isinstance(doc, Document)
    assert "refused: intranet.test resolves to 10.1.2.3" in str(error)
    assert [path for path, _ in site.requests] == ["/ok", "/article", "/out"]


def test_every_address_of_a_host_is_checked(site, names):
    port = site.base.rsplit(":", 1)[1]
    [(_, error)] = read(f"http://mixed.test:{port}/article")
    assert "mixed.test resolves to 192.168.0.7" in str(error)


def test_offline_is_one_clear_line(monkeypatch):
    def offline(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    [(_, error)] = read("https://news.example.org/story")
    assert isinstance(error, FetchError) and error.transient
    assert str(error) == ("https://news.example.org/story: cannot resolve host "
                          "'news.example.org' (Temporary failure in name resolution); offline, "
                          "or no such host")


def test_connection_refused_is_one_line(site):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [(_, error)] = read(f"http://127.0.0.1:{port}/", allow_private=True)
    assert isinstance(error, FetchError) and error.transient
    assert "could not fetch" in str(error) and "\n" not in str(error)


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::1", False), ("fe80::1%eth0", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
    ("64:ff9b::a00:1", False), ("2002:7f00:1::", False),
])
def test_public_address(address, public):
    assert public_address(address) is public
