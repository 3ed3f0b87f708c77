"""The web UI in a real browser: Debian's chromium driven by Playwright, over uvicorn.

Skipped (with the reason) when /usr/bin/chromium is missing; CI installs it. Playwright
for Python drives it (its own browser downloads are never used). Set
CLAIMGRAPH_SCREENSHOTS=DIR to save screenshots of the main pages there.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from claimgraph.store import Ingester, Store

from .conftest import copy_db
from .test_pages import HOSTILE

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

if not shutil.which(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

from playwright import sync_api as playwright_api  # noqa: E402 - after the skip

SHOTS = os.environ.get("CLAIMGRAPH_SCREENSHOTS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, extractor: Any) -> Iterator[str]:
    """uvicorn on 127.0.0.1 in a thread, over ``db``; yields the base URL."""
    import uvicorn

    from claimgraph.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, extractor=extractor), host="127.0.0.1",
                                           port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def base_url(demo_db, extractor) -> Iterator[str]:
    with serve(demo_db, extractor) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(demo_db, extractor, tmp_path_factory) -> Iterator[str]:
    db = copy_db(demo_db, tmp_path_factory.mktemp("hostile") / "hostile.db")
    with Store.open(db, write=True) as store:
        from claimgraph.model import Document

        doc = Document(**{k: v for k, v in HOSTILE.items()})
        summary = Ingester(store, extract=extractor).run([("hostile", doc)])
        assert summary.new == 1, summary.errors
    with serve(db, extractor) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, errors


def shot(page: Any, name: str, full: bool = True) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=full)


def test_search_from_home_with_facets(page, base_url):
    page.goto(base_url + "/")
    shot(page, "home", full=False)
    page.fill("#home-q", "reservists")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=reservists")
    hits = page.locator(".hit-card")
    total = hits.count()
    assert total > 3
    assert page.locator(".hit-card mark.hit").first.inner_text().lower().startswith("reservist")
    assert page.locator(".hit-card .speaker").first.inner_text()
    assert page.locator(".hit-card time").first.inner_text()[:4] == "2024"
    shot(page, "search")
    page.locator(".facet a.fv", has_text="indirect").click()
    page.wait_for_url("**kind=indirect**")
    narrowed = page.locator(".hit-card")
    assert 0 < narrowed.count() < total
    kinds = narrowed.locator(".badge.k-indirect, .badge[class*='k-']").all_inner_texts()
    assert set(kinds) == {"indirect"}
    page.locator(".chip").click()  # removing the filter brings every result back
    page.wait_for_url(lambda url: "kind=" not in url)
    assert page.locator(".hit-card").count() == total


def test_story_page_graph_drift_and_link_to_source(page, base_url, demo_ids):
    page.goto(base_url + "/stories")
    page.locator("table.grid a", has_text="Defence Intelligence update").click()
    page.wait_for_url(f"**/stories/{demo_ids['story']}")
    story = page.request.get(f"{base_url}/api/v1/stories/{demo_ids['story']}").json()

    graph = page.locator("#provenance-graph")
    assert graph.is_visible()
    assert graph.locator("g.chain").count() >= 1
    speakers = graph.locator("g.n-speaker text.nl").all_text_contents()
    assert story["chains"][0]["root"]["speaker"] in speakers
    publishers = set(graph.locator("g.n-document text.nl").all_text_contents())
    assert {"Ministry of Defence", "The Daily Herald"} <= publishers
    # Speakers are drawn left of every document node.
    speaker_x = max(float(r.get_attribute("x")) for r in graph.locator("g.n-speaker rect").all())
    doc_x = min(float(r.get_attribute("x")) for r in graph.locator("g.n-document rect").all())
    assert speaker_x < doc_x

    rows = page.locator("#drift-table tbody tr")
    assert rows.count() == len(story["drift"]) > 0
    first = story["drift"][0]
    row = rows.first
    assert first["kind"].replace("_", " ") in row.inner_text()
    assert row.locator("mark.dr-before").inner_text() in first["before"]["statement_text"] + \
        f" [{first['before']['text']}]"
    assert page.locator("svg.estimates rect.est-bar").count() >= 1
    assert page.locator("svg.timeline circle.mark-doc").count() == len(story["documents"])
    shot(page, "story")

    # A drift row links to the re-reporting document, at the statement.
    after = row.locator("td").nth(3).locator("a")
    target = after.get_attribute("href")
    after.click()
    page.wait_for_url(f"**{target}")
    assert page.locator("h1").inner_text()
    fragment = target.split("#", 1)[1]
    assert page.locator(f"[id='{fragment}']").count() == 1

    # A graph node opens its document.
    page.go_back()
    node = page.locator("#provenance-graph a.node-link", has_text="The Daily Herald").first
    doc_id = node.get_attribute("data-document")
    node.click()
    page.wait_for_url(f"**/documents/{doc_id}")
    assert page.locator("#doc-title").inner_text() == next(
        d["title"] for d in story["documents"] if d["id"] == doc_id)


def test_highlight_tooltips_on_hover_and_keyboard(page, base_url):
    page.goto(base_url + "/documents/mod-update-2024-03-05")
    mark = page.locator("mark.st", has_text="highly likely").first
    tip = page.locator("#" + mark.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    mark.hover()
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert "Ministry of Defence" in text and "highly likely" in text
    assert "PHIA: highly likely (80-90%)" in text
    assert tip.locator("svg.band rect.est").count() == 1
    shot(page, "document", full=False)
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden")

    # Keyboard: Tab reaches the highlights, and focus shows the tooltip too.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.st')"):
            break
    else:
        pytest.fail("Tab never reached a highlighted statement")
    focused_tip = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert page.locator(f"#{focused_tip}").is_visible()
    sorin = page.locator("mark.st", has_text="1,500 of them").first
    sorin.focus()
    sorin_tip = page.locator("#" + sorin.get_attribute("aria-describedby"))
    assert sorin_tip.is_visible()
    assert "boasted" in sorin_tip.inner_text() and "distancing" in sorin_tip.inner_text()
    page.keyboard.press("Escape")
    assert not sorin_tip.is_visible()


def test_speaker_page(page, base_url):
    page.goto(base_url + "/speakers")
    page.locator("table.grid a", has_text="Arkady Sorin").click()
    page.wait_for_url("**/speakers/Arkady%20Sorin")
    items = page.locator(".said-item")
    assert items.count() >= 2
    outlets = page.locator(".side table.grid tbody tr").all_inner_texts()
    assert any("Ministry of Defence" in o for o in outlets)
    shot(page, "speaker")


def test_hostile_article_is_shown_as_text(browser, hostile_url):
    context = browser.new_context()
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(hostile_url + "/documents/hostile-1")
    tab.wait_for_load_state("load")
    text = tab.locator("#text").inner_text()
    assert "<script>alert('text')</script>" in text
    assert "<img src=x onerror=alert('img')>" in text
    assert tab.locator("#text img, #text script, #text svg[onload]").count() == 0
    assert "<script>alert('title')</script>" in tab.locator("#doc-title").inner_text()
    assert tab.locator("a[href^='javascript:']").count() == 0
    for url in ("/", "/stories", "/search?q=minister"):
        tab.goto(hostile_url + url)
        tab.wait_for_load_state("load")
    assert dialogs == []
    context.close()


def test_pages_read_without_javascript(browser, base_url, demo_ids):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base_url}/stories/{demo_ids['story']}")
    assert tab.locator("#provenance-graph g.node").count() > 2
    assert tab.locator("#drift-table tbody tr").count() > 0
    tab.goto(base_url + "/search?q=reservists")
    assert tab.locator(".hit-card").count() > 3
    context.close()
