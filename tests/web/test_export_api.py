"""Story exports over the API, and the story page's download links (demo database)."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import quote

import pytest
import stix2validator
from pymisp import MISPEvent

from claimgraph.export import filename


def export_url(story: str, fmt: str) -> str:
    return f"/api/v1/stories/{quote(story, safe=':@')}/export/{fmt}"


@pytest.mark.parametrize(("fmt", "media"), [
    ("stix", "application/stix+json;version=2.1"), ("misp", "application/json"),
    ("csv", "text/csv; charset=utf-8"), ("jsonl", "application/x-ndjson")])
def test_each_format_downloads_with_its_type_and_name(client, demo_ids, fmt, media):
    story = demo_ids["story"]
    response = client.get(export_url(story, fmt))
    assert response.status_code == 200
    assert response.headers["content-type"] == media
    assert response.headers["content-disposition"] == \
        f'attachment; filename="{filename(story, fmt)}"'
    assert response.headers["etag"]
    again = client.get(export_url(story, fmt), headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_exports_match_the_story(client, demo_ids):
    story = demo_ids["story"]
    detail = client.get(f"/api/v1/stories/{quote(story, safe=':@')}").json()
    statements = client.get("/api/v1/statements", params={"story": story, "limit": 1000}).json()
    bundle = client.get(export_url(story, "stix")).text
    result = stix2validator.validate_string(bundle)
    assert result.is_valid, [str(e) for e in result.errors]
    notes = {o["x_claimgraph_statement"] for o in json.loads(bundle)["objects"]
             if o["type"] == "note"}
    assert notes == {f"{s['document']}#{s['id']}" for s in statements["items"]}

    event = MISPEvent()
    event.load(client.get(export_url(story, "misp")).text)
    assert sum(o.name == "news-media" for o in event.objects) == len(detail["documents"])

    rows = list(csv.DictReader(io.StringIO(
        client.get(export_url(story, "csv"), params={"what": "claims"}).text)))
    assert [r["claim"] for r in rows] == [c["id"] for c in detail["claims"]]
    lines = client.get(export_url(story, "jsonl")).text.splitlines()
    assert [(json.loads(line)["document"], json.loads(line)["statement"]) for line in lines] \
        == [(s["document"], s["id"]) for s in statements["items"]]


def test_export_errors(client, demo_ids):
    missing = client.get(export_url("story:nope", "stix"))
    assert missing.status_code == 404
    assert "no story with id 'story:nope'" in missing.json()["error"]["message"]
    assert client.get(export_url(demo_ids["story"], "xml")).status_code == 422
    assert client.get(export_url(demo_ids["story"], "csv"),
                      params={"what": "rows"}).status_code == 422


def test_story_page_links_every_download(client, demo_ids):
    story = demo_ids["story"]
    page = client.get(f"/stories/{quote(story, safe=':@')}").text
    links = re.findall(r'<a class="download" href="([^"]+)" download="([^"]+)">', page)
    assert {href.split("/export/")[1] for href, _name in links} == {
        "stix", "misp", "csv?what=statements", "csv?what=claims", "jsonl?what=statements",
        "jsonl?what=claims"}
    for href, name in links:
        response = client.get(href.replace("&amp;", "&"))
        assert response.status_code == 200
        assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
