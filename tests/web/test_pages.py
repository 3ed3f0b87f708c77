"""The HTML pages: content, JSON twins, 404s, and escaping of hostile article text."""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import quote

import pytest

from claimgraph.web.templating import q

HOSTILE = {
    "id": "hostile-1",
    "title": "<script>alert('title')</script> Minister's <b>bold</b> claim",
    "publisher": "<img src=x onerror=alert('publisher')>",
    "published": "2024-03-07",
    "url": "javascript:alert('url')",
    "text": ("<script>alert('text')</script> The minister said that "
             "<img src=x onerror=alert('img')> about 40 troops had left. "
             "\"It is highly likely,\" she said, \"that <svg onload=alert(1)> more follow.\""),
}


def twin(page: str) -> str:
    match = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', page)
    assert match, "page has no JSON twin"
    return html.unescape(match.group(1))


@pytest.mark.parametrize("url", ["/", "/search?q=reservists", "/stories", "/speakers",
                                 "/speakers/Arkady%20Sorin"])
def test_pages_render_and_link_their_json_twin(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    json_url = twin(response.text)
    assert json_url.startswith("/api/v1")
    assert client.get(json_url).status_code == 200


def test_document_page_highlights_statements(client, demo_ids):
    doc_id = "mod-update-2024-03-05"
    response = client.get(f"/documents/{doc_id}")
    assert response.status_code == 200
    page = response.text
    assert twin(page) == f"/api/v1/documents/{doc_id}"
    record = client.get(f"/api/v1/documents/{doc_id}").json()
    # Every statement's content is highlighted, focusable, with its kind and a tooltip.
    for st in record["statements"]:
        assert re.search(rf'<mark class="st k-{st["kind"]}" tabindex="0" '
                         rf'data-statement="{st["id"]}"', page), st["id"]
    assert page.count('role="tooltip"') >= len(record["statements"])
    # The text between the tags is the document text, exactly.
    text_div = re.search(r'<div class="text" id="text"[^>]*>(.*?)</div>', page, re.S).group(1)
    shown = re.sub(r'<span class="tip".*?</span>\s*</mark>', "</mark>", text_div, flags=re.S)
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == record["document"]["text"]
    # The estimate's band is described on the PHIA scale; the story is linked.
    assert "PHIA: highly likely (80-90%)" in page
    assert f'href="/stories/{demo_ids["story"]}"' in page


def test_story_page_draws_graph_timeline_drift_and_bands(client, demo_ids):
    story_id = demo_ids["story"]
    page = client.get(f"/stories/{quote(story_id)}").text
    story = client.get(f"/api/v1/stories/{story_id}").json()
    assert twin(page) == f"/api/v1/stories/{story_id}"
    graph = re.search(r'<svg class="graph".*?</svg>', page, re.S).group(0)
    repeated = {d for c in story["claims"] if len(c["documents"]) > 1 for d in c["documents"]}
    for doc_id in repeated:
        assert f'href="/documents/{doc_id}"' in graph
    per_prop = Counter(ch["proposition"] for ch in story["chains"])
    multi_doc = {ch["id"] for ch in story["chains"] if any(
        len(c["documents"]) > 1 for c in story["claims"] if c["id"] in ch["claims"])}
    shown = {ch["id"] for ch in story["chains"]
             if ch["id"] in multi_doc or per_prop[ch["proposition"]] > 1}
    assert set(re.findall(r'data-chain="([^"]+)"', graph)) == shown
    independent = {ch["id"] for ch in story["chains"] if per_prop[ch["proposition"]] > 1}
    assert graph.count('class="chain indep"') == len(independent)
    drift = re.search(r'<table class="grid drift".*?</table>', page, re.S).group(0)
    assert drift.count("<tr id=\"drift-") == len(story["drift"])
    for finding in story["drift"]:
        assert html.escape(finding["before"]["text"], quote=False) in drift
    assert '<svg class="timeline"' in page and '<svg class="estimates"' in page
    assert "highly likely 80–90%" in page  # the yardstick legend


@pytest.mark.parametrize("url", ["/documents/nope", "/stories/story:nope",
                                 "/speakers/Nobody%20At%20All", "/no/such/page"])
def test_unknown_pages_are_404_pages(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>404</h1>" in response.text
    assert "--db" not in response.text  # no command-line hint on a web page


def test_search_page_facets_and_errors(client):
    page = client.get("/search", params={"q": "reservists", "kind": "indirect"}).text
    assert "Kind: indirect" in page  # the chip that removes the filter
    assert 'class="fv on"' in page
    bad = client.get("/search", params={"q": "!!"})
    assert bad.status_code == 400 and "nothing to search for" in bad.text
    assert client.get("/search").status_code == 200  # an empty box explains the syntax


def test_pages_answer_304(client, demo_ids):
    url = f"/stories/{quote(demo_ids['story'])}"
    etag = client.get(url).headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_hostile_text_is_escaped_everywhere(writer):
    client, token, _db = writer
    posted = client.post("/api/v1/documents", json=HOSTILE,
                         headers={"Authorization": f"Bearer {token}"})
    assert posted.status_code == 201, posted.text
    story = posted.json()["documents"][0]["story"]
    pages = [client.get("/documents/hostile-1").text, client.get(f"/stories/{story}").text,
             client.get("/search", params={"q": "minister"}).text, client.get("/").text,
             client.get("/stories").text]
    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page and "<svg onload" not in page
        assert "javascript:alert" not in page or 'href="javascript:' not in page
    doc_page = pages[0]
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in doc_page
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in doc_page
    assert 'href="javascript:' not in doc_page


def test_story_page_lists_claims_in_pages(client, demo_ids):
    story_id = demo_ids["story"]
    total = len(client.get(f"/api/v1/stories/{story_id}").json()["claims"])
    page = client.get(f"/stories/{quote(story_id)}", params={"claims_offset": 1}).text
    assert f"Claims 2–{total} of {total}" in page
    assert f'href="/stories/{q(story_id)}#claims">previous</a>' in page  # the first page
    assert page.count('<tr id="claim-') == total - 1
