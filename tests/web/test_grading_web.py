"""Source grades, credibility and corrections on the web: the sources page and its JSON twin,
the story page's grades and corrections, story search, and ETags that follow analysts' changes."""

from __future__ import annotations

import html
import re

from claimgraph.schemas import validate
from claimgraph.store import Store

from .test_pages import twin


def test_sources_page_and_its_json_twin(writer):
    client, _token, db = writer
    page = client.get("/sources")
    assert page.status_code == 200
    assert twin(page.text) == "/api/v1/sources"
    listing = client.get("/api/v1/sources").json()
    assert listing["total"] == len(listing["items"]) > 0
    for item in listing["items"]:
        validate("sources", item)
    name = listing["items"][0]["name"]
    assert html.escape(name) in page.text
    assert "No basis exists for evaluating the reliability of the source." in page.text

    with Store.open(db, write=True) as store:
        store.grade_source(name, "B", note="checked against records", author="kim")
    graded = client.get("/api/v1/sources?graded=true").json()
    assert [(i["name"], i["grade"]["grade"]) for i in graded["items"]] == [(name, "B")]
    page = client.get("/sources?graded=true").text
    assert "usually reliable" in page and "checked against records" in page
    assert client.get("/api/v1/sources?name=zzzz").json()["total"] == 0
    assert client.get("/api/v1/sources?limit=1").json()["next"] == (
        "1" if listing["total"] > 1 else None)


def test_story_page_shows_grades_and_corrections(writer, demo_ids):
    client, _token, db = writer
    url = f"/stories/{demo_ids['story']}"
    before = client.get(f"/api/v1{url}")
    story = before.json()
    validate("story", story)
    assert story["corrections"] == []
    page = client.get(url).text
    for claim in story["claims"]:
        assert f">{claim['admiralty']}</span>" in page
    assert 'id="corrections"' not in page

    claim = story["claims"][0]
    with Store.open(db, write=True) as store:
        store.grade_source(claim["speaker"], "A", author="kim")
        target = store.statement(claim["root"]["document"], claim["root"]["statement"])
        store.correct("speaker", target, after="Someone Else Entirely", author="kim")
    after = client.get(f"/api/v1{url}", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200  # the analysts' changes change the ETag
    story = after.json()
    validate("story", story)
    assert [(c["action"], c["after"], c["applied"]) for c in story["corrections"]] == [
        ("speaker", "Someone Else Entirely", True)]
    assert "Someone Else Entirely" in {c["speaker"] for c in story["claims"]}
    page = client.get(url).text
    section = re.search(r'<section id="corrections".*?</section>', page, re.S).group(0)
    assert "Someone Else Entirely" in section and "kim" in section

    listing = client.get("/api/v1/corrections").json()
    assert listing["total"] == 1
    validate("correction", listing["items"][0])
    assert client.get(f"/api/v1/corrections?story={demo_ids['story']}").json()["total"] == 1


def test_story_search_page_and_api(client, demo_ids):
    found = client.get("/api/v1/stories?q=reservists").json()
    assert demo_ids["story"] in [s["id"] for s in found["items"]]
    for item in found["items"]:
        validate("stories", item)
    page = client.get("/stories?q=reservists")
    assert page.status_code == 200 and "reservists" in page.text
    assert twin(page.text) == "/api/v1/stories?q=reservists"
    assert "No story matches" in client.get("/stories?q=zeppelin").text
    assert client.get("/api/v1/stories?q=x&min_size=2").status_code == 400


def test_the_sources_table_follows_corrections(writer, demo_ids):
    client, _token, db = writer
    story = client.get(f"/api/v1/stories/{demo_ids['story']}").json()
    single = next(c for c in story["claims"] if len(c["statements"]) == 1 and c["speaker"])

    def claims_of(name):
        rows = client.get("/api/v1/sources", params={"name": name, "limit": 1000}).json()
        return next(r["record"]["claims"] for r in rows["items"] if r["name"] == name)

    before = claims_of(single["speaker"])
    with Store.open(db, write=True) as store:
        store.correct("reject", store.statement(single["root"]["document"],
                                                single["root"]["statement"]))
    assert claims_of(single["speaker"]) == before - 1
