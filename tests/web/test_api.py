"""The read API: lists, filters, pagination, schemas, conditional GETs and errors."""

from __future__ import annotations

from importlib import resources
from urllib.parse import quote

import pytest

from claimgraph.schemas import validate

LISTS = ["/api/v1/documents", "/api/v1/statements", "/api/v1/entities", "/api/v1/speakers",
         "/api/v1/stories"]


def has_schema(name: str) -> bool:
    return (resources.files("claimgraph") / "schemas" / f"{name}.schema.json").is_file()


def test_index_counts_match_the_store(client, demo_ids):
    body = client.get("/api/v1").json()
    assert body["counts"]["documents"] == len(demo_ids["documents"]) == 5
    assert body["counts"]["stories"] == len(demo_ids["stories"])
    assert body["links"]["openapi"] == "/openapi.json"


@pytest.mark.parametrize("url", LISTS)
def test_every_list_pages_through_everything_once(client, url):
    first = client.get(url, params={"limit": 1000}).json()
    assert first["next"] is None
    everything = first["items"]
    assert len(everything) == first["total"] > 0
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        response = client.get(url, params=params)
        assert response.status_code == 200
        page = response.json()
        assert len(page["items"]) <= 2
        seen += page["items"]
        cursor = page["next"]
        if cursor is None:
            assert "link" not in response.headers
            break
        assert 'rel="next"' in response.headers["link"]
    assert seen == everything  # same order, nothing missed, nothing twice


def test_statement_filters(client):
    def items(**params):
        return client.get("/api/v1/statements", params={"limit": 1000, **params}).json()["items"]

    everything = items()
    sorin = items(speaker="sorin")
    assert sorin and all("sorin" in s["speaker"]["name"].lower() for s in sorin)
    assert len(sorin) < len(everything)
    for kind in ("indirect", "assessment"):
        assert all(s["kind"] == kind for s in items(kind=kind))
    with_estimate = items(has_estimate="true")
    assert with_estimate and all(s["estimates"] > 0 for s in with_estimate)
    assert len(with_estimate) + len(items(has_estimate="false")) == len(everything)
    assert all(s["quantities"] > 0 for s in items(has_quantity="true"))
    late = items(since="2024-03-06")
    assert late and all(s["date"] >= "2024-03-06" for s in late)
    window = items(since="2024-03-05", until="2024-03-05")
    assert window and all(s["date"] == "2024-03-05" for s in window)


def test_document_record_matches_the_extraction_schema(client, demo_ids):
    for doc_id in demo_ids["documents"]:
        response = client.get(f"/api/v1/documents/{quote(doc_id)}")
        assert response.status_code == 200
        record = response.json()
        validate("extraction", record)
        assert record["document"]["id"] == doc_id


def test_story_detail(client, demo_ids):
    story = client.get(f"/api/v1/stories/{demo_ids['story']}").json()
    assert story["id"] == demo_ids["story"]
    assert len(story["documents"]) == 4
    assert story["claims"] and story["provenance"] and story["chains"]
    assert {"before", "after", "kind"} <= set(story["drift"][0])
    if not has_schema("story"):
        pytest.skip("claimgraph/schemas/story.schema.json is not in this checkout")
    validate("story", story)


def test_story_claims_in_pages(client, demo_ids):
    url = f"/api/v1/stories/{demo_ids['story']}"
    whole = client.get(url).json()
    first = client.get(url, params={"claims_limit": 1})
    assert int(first.headers["X-Total-Claims"]) == len(whole["claims"]) > 1
    assert "claims_offset=1" in first.headers["Link"]
    body = first.json()
    validate("story", body)
    assert [c["id"] for c in body["claims"]] == [whole["claims"][0]["id"]]
    assert {p["claim"] for p in body["provenance"]} == {whole["claims"][0]["id"]}
    assert all(f["claim"] == whole["claims"][0]["id"] for f in body["drift"])
    last = client.get(url, params={"claims_limit": 1, "claims_offset": len(whole["claims"]) - 1})
    assert "Link" not in last.headers


def test_stories_list_items(client):
    page = client.get("/api/v1/stories").json()
    assert [s["size"] for s in page["items"]] and all(s["outlets"] for s in page["items"])
    if not has_schema("stories"):
        pytest.skip("claimgraph/schemas/stories.schema.json is not in this checkout")
    for item in page["items"]:
        validate("stories", item)


def test_search_matches_the_search_schema_and_pages(client):
    response = client.get("/api/v1/search", params={"q": "reservists", "limit": 3})
    assert response.status_code == 200
    result = response.json()
    validate("search", result)
    assert len(result["statements"]) == 3
    assert all(h["snippet"]["highlights"] for h in result["statements"])
    assert 'rel="next"' in response.headers["link"]
    second = client.get("/api/v1/search", params={"q": "reservists", "limit": 3, "offset": 3})
    ids = {(h["document"], h["statement"]) for h in result["statements"]}
    assert not ids & {(h["document"], h["statement"]) for h in second.json()["statements"]}


def test_faceted_search(client):
    everything = client.get("/api/v1/search/facets", params={"q": "reservists"}).json()
    assert everything["total"] == len(everything["statements"]) > 3
    facets = everything["facets"]
    assert set(facets) == {"speaker", "outlet", "kind", "probability", "language"}
    assert [v["value"] for v in facets["language"]] == ["en"]
    outlet = facets["outlet"][0]
    narrowed = client.get("/api/v1/search/facets",
                          params={"q": "reservists", "outlet": outlet["value"]}).json()
    assert narrowed["total"] == outlet["count"]
    assert all(h["publisher"] == outlet["value"] for h in narrowed["statements"])
    nobody = [v for v in facets["speaker"] if v["value"] == "(none)"]
    if nobody:  # statements in an outlet's own voice can be picked out too
        own = client.get("/api/v1/search/facets",
                         params={"q": "reservists", "speaker": "(none)"}).json()
        assert own["total"] == nobody[0]["count"]
        assert all(h["speaker"] is None for h in own["statements"])
    stated = client.get("/api/v1/search/facets",
                        params={"q": "likely", "probability": "stated"}).json()
    assert stated["statements"] and all(h["probability"] for h in stated["statements"])


def test_speaker_detail(client):
    body = client.get("/api/v1/speakers/Arkady Sorin").json()
    assert body["name"] == "Arkady Sorin" and body["statements"] >= 2
    assert sum(o["statements"] for o in body["outlets"]) == body["statements"]
    dates = [s["date"] or "9999" for s in body["items"]]
    assert dates == sorted(dates)


def test_etag_and_304(client, demo_ids):
    url = f"/api/v1/stories/{demo_ids['story']}"
    first = client.get(url)
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = client.get(url, headers={"If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200
    head = client.head(url)
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
    # Each URL has its own tag.
    assert client.get("/api/v1/stories").headers["etag"] != etag


def test_etag_changes_when_a_document_is_added(writer):
    client, token, _db = writer
    before = client.get("/api/v1/documents").headers["etag"]
    posted = client.post("/api/v1/documents", json={"text": "Officials said the bridge had "
                                                            "reopened on Monday."},
                         headers={"Authorization": f"Bearer {token}"})
    assert posted.status_code == 201
    after = client.get("/api/v1/documents", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before


@pytest.mark.parametrize("url, fragment", [
    ("/api/v1/documents/no-such-doc", "no document with id 'no-such-doc'"),
    ("/api/v1/stories/story:0000", "no story with id"),
    ("/api/v1/speakers/Nobody At All", "no statements by a speaker"),
    ("/api/v1/nothing-here", "nothing at /api/v1/nothing-here"),
])
def test_unknown_ids_are_json_404s(client, url, fragment):
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == 404 and fragment in error["message"]


@pytest.mark.parametrize("url, status, fragment", [
    ("/api/v1/statements?limit=0", 422, "limit"),
    ("/api/v1/statements?kind=rumour", 422, "kind"),
    ("/api/v1/statements?since=March", 422, "since"),
    ("/api/v1/documents?cursor=!!!", 400, "invalid page cursor"),
    ("/api/v1/entities?cursor=abc", 400, "invalid page cursor"),
    ("/api/v1/search?q=%21%21", 400, "nothing to search for"),
    ("/api/v1/search", 422, "q"),
])
def test_bad_parameters_are_clear_4xx(client, url, status, fragment):
    response = client.get(url)
    assert response.status_code == status
    assert fragment in response.json()["error"]["message"]


def test_openapi_describes_the_api_and_its_schemas(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/statements",
                 "/api/v1/stories/{story_id}", "/api/v1/search", "/api/v1/entities"):
        assert path in paths, path
    assert "post" in paths["/api/v1/documents"]
    assert "Extraction" in spec["components"]["schemas"]
    assert "Search" in spec["components"]["schemas"]
    assert "$defs" not in str(spec)  # every JSON Schema ref points into components
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/apidocs/swagger-ui-bundle.js" in docs.text
    assert client.get("/static/apidocs/swagger-ui-bundle.js").status_code == 200
