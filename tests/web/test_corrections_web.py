"""Analysts' writes on the web: corrections and grades through the API (token, author,
errors), the story page's correction forms, and grades on speaker and outlet pages."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from claimgraph.schemas import validate
from claimgraph.web.app import create_app

from .conftest import make_token
from .test_pages import twin


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def single_claim(client, story_id):
    story = client.get(f"/api/v1/stories/{story_id}").json()
    return story, next(c for c in story["claims"]
                       if c["speaker"] and not c["root"]["statement"].startswith("u"))


def root_body(claim, **extra):
    return {"document": claim["root"]["document"], "statement": claim["root"]["statement"],
            **extra}


WRITES = [
    ("/api/v1/corrections", {"action": "reject", "document": "d", "statement": "s1"}),
    ("/api/v1/corrections/x1/undo", None),
    ("/api/v1/grades", {"source": "Harbour Herald", "grade": "B"}),
]


@pytest.mark.parametrize("url, body", WRITES)
def test_analysts_writes_need_an_api_token(writer, url, body):
    client, _token, _db = writer
    assert client.post(url, json=body).status_code == 401
    bad = client.post(url, json=body, headers=auth("cg_not-a-token"))
    assert bad.status_code == 401 and bad.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/api/v1/corrections").json()["total"] == 0
    assert client.get("/api/v1/sources?graded=true").json()["total"] == 0


def test_a_read_token_cannot_write(fresh_db, extractor):
    make_token(fresh_db)
    with TestClient(create_app(fresh_db, read_token="s3cret", extractor=extractor)) as client:
        refused = client.post("/api/v1/grades", json={"source": "X", "grade": "B"},
                              headers=auth("s3cret"))
        assert refused.status_code == 403
        assert "reads only" in refused.json()["error"]["message"]


def test_corrections_through_the_api_change_the_story(writer, demo_ids):
    client, token, _db = writer
    story_id = demo_ids["story"]
    before, claim = single_claim(client, story_id)
    made = client.post("/api/v1/corrections", headers=auth(token), json=root_body(
        claim, action="speaker", speaker="Someone Else Entirely", note="misread"))
    assert made.status_code == 201, made.text
    correction = made.json()
    validate("correction", correction)
    assert (correction["action"], correction["after"], correction["author"]) == (
        "speaker", "Someone Else Entirely", "test")
    assert correction["before"] == claim["speaker"]
    story = client.get(f"/api/v1/stories/{story_id}").json()
    validate("story", story)
    assert "Someone Else Entirely" in {c["speaker"] for c in story["claims"]}
    assert [c["id"] for c in story["corrections"]] == [correction["id"]]

    cue = client.post("/api/v1/corrections", headers=auth(token), json=root_body(
        claim, action="cue", cue={"text": "claimed"})).json()
    assert cue["after"] == {"text": "claimed", "lemma": "claim", "stance": "distancing"}
    via = client.post("/api/v1/corrections", headers=auth(token),
                      json=root_body(claim, action="via", via=["Wire Service"])).json()
    assert via["after"] == ["Wire Service"]

    undone = client.post(f"/api/v1/corrections/{correction['id']}/undo", headers=auth(token))
    assert undone.status_code == 200
    assert undone.json()["undone_by"] == "test" and undone.json()["undone"]
    again = client.post(f"/api/v1/corrections/{correction['id']}/undo", headers=auth(token))
    assert again.status_code == 409
    story = client.get(f"/api/v1/stories/{story_id}").json()
    assert "Someone Else Entirely" not in {c["speaker"] for c in story["claims"]}
    assert {c["speaker"] for c in story["claims"]} == {c["speaker"] for c in before["claims"]}

    rejected = client.post("/api/v1/corrections", headers=auth(token),
                           json=root_body(claim, action="reject"))
    assert rejected.status_code == 201
    story = client.get(f"/api/v1/stories/{story_id}").json()
    assert claim["root"] not in [c["root"] for c in story["claims"]]


def test_merge_and_split_through_the_api(writer, demo_ids):
    client, token, _db = writer
    story = client.get(f"/api/v1/stories/{demo_ids['story']}").json()
    first, second = [c for c in story["claims"]
                     if not c["root"]["statement"].startswith("u")][:2]
    merged = client.post("/api/v1/corrections", headers=auth(token), json=root_body(
        first, action="merge", other=first["root"]))
    assert merged.status_code == 422  # the same statement twice
    merged = client.post("/api/v1/corrections", headers=auth(token), json=root_body(
        first, action="merge", other=second["root"]))
    assert merged.status_code == 201, merged.text
    assert merged.json()["other"]["document"] == second["root"]["document"]
    after = client.get(f"/api/v1/stories/{demo_ids['story']}").json()
    assert len(after["claims"]) == len(story["claims"]) - 1
    split = client.post("/api/v1/corrections", headers=auth(token),
                        json=root_body(second, action="split"))
    assert split.status_code == 201 and split.json()["action"] == "split"


@pytest.mark.parametrize("url, body, status", [
    ("/api/v1/corrections", {"action": "reject", "document": "nope", "statement": "s1"}, 404),
    ("/api/v1/corrections/x999/undo", None, 404),
    ("/api/v1/corrections/not-an-id/undo", None, 404),
    ("/api/v1/corrections", {"action": "speaker", "document": "d", "statement": "s1"}, 422),
    ("/api/v1/corrections", {"action": "reject", "document": "d", "statement": "s1",
                             "speaker": "X"}, 422),
    ("/api/v1/corrections", {"action": "explode", "document": "d", "statement": "s1"}, 422),
    ("/api/v1/corrections", {"action": "speaker", "document": "d", "statement": "s1",
                             "speaker": "   "}, 422),
    ("/api/v1/grades", {"source": "X", "grade": "G"}, 422),
    ("/api/v1/grades", {"source": "", "grade": "B"}, 422),
    ("/api/v1/grades", {"grade": "B"}, 422),
])
def test_bad_writes_answer_404_or_422(writer, url, body, status):
    client, token, _db = writer
    response = client.post(url, json=body, headers=auth(token))
    assert response.status_code == status, response.text
    assert response.json()["error"]["message"]


def test_unknown_statement_of_a_known_document_is_404(writer, demo_ids):
    client, token, _db = writer
    response = client.post("/api/v1/corrections", headers=auth(token), json={
        "action": "reject", "document": demo_ids["document"], "statement": "s999"})
    assert response.status_code == 404


def test_grades_through_the_api_show_on_the_speaker_page(writer, demo_ids):
    client, token, _db = writer
    _story, claim = single_claim(client, demo_ids["story"])
    name = claim["speaker"]
    page = client.get(f"/speakers/{name}").text
    card = re.search(r'<section class="card source-grade".*?</section>', page, re.S).group(0)
    assert "not graded" in card
    before = client.get(f"/api/v1/speakers/{name}").json()["source"]
    assert before["grade"] is None and before["suggested"]["grade"] in "ABCDEF"
    assert before["record"]["claims"] >= 1
    assert f'<td class="num">{before["record"]["claims"]}</td>' in card

    made = client.post("/api/v1/grades", headers=auth(token),
                       json={"source": name, "grade": "b", "note": "checked"})
    assert made.status_code == 201
    assert made.json() | {"created": None} == {
        "grade": "B", "term": "usually reliable", "name": name, "note": "checked",
        "author": "test", "created": None}
    source = client.get(f"/api/v1/speakers/{name}").json()["source"]
    assert source["grade"]["grade"] == "B" and source["grade"]["author"] == "test"
    assert source["suggested"] == before["suggested"]
    page = client.get(f"/speakers/{name}").text
    card = re.search(r'<section class="card source-grade".*?</section>', page, re.S).group(0)
    assert ">B</span> usually reliable" in card and "checked" in card
    assert before["suggested"]["term"] in card


def test_outlet_page_and_its_json_twin(client):
    doc = client.get("/api/v1/documents?limit=1").json()["items"][0]
    outlet = doc["publisher"]
    found = client.get(f"/api/v1/outlets/{outlet}").json()
    assert found["name"] == outlet and found["documents"] >= 1
    assert doc["id"] in [d["id"] for d in found["recent"]]
    assert found["source"]["name"] and "suggested" in found["source"]
    page = client.get(f"/outlets/{outlet}")
    assert page.status_code == 200
    assert twin(page.text).startswith("/api/v1/outlets/")
    assert html.escape(outlet) in page.text and 'id="source-grade"' in page.text
    assert client.get("/api/v1/outlets/No Such Outlet").status_code == 404
    assert client.get("/outlets/No Such Outlet").status_code == 404


def forms_of(page: str) -> list[str]:
    return re.findall(r'<form class="correction-form".*?</form>', page, re.S)


def test_story_forms_need_a_browser_signed_in_with_an_api_token(writer, demo_ids):
    client, token, _db = writer
    url = f"/stories/{demo_ids['story']}"
    page = client.get(url).text
    assert forms_of(page) == [] and "Sign in with an API token" in page
    _story, claim = single_claim(client, demo_ids["story"])
    # Without the browser's sign-in a posted form is refused, token field or not.
    refused = client.post(f"{url}/corrections", data={**root_body(claim), "action": "reject",
                                                        "form_token": "guess"},
                          follow_redirects=False)
    assert refused.status_code == 401

    signed = client.post("/login", data={"token": token, "next": url}, follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == url
    page = client.get(url).text
    forms = forms_of(page)
    assert forms and "Correcting as <b>test</b>" in page
    form_token = re.search(r'name="form_token" value="([0-9a-f]{64})"', forms[0]).group(1)
    assert form_token != token and token not in page

    # A form from elsewhere (no form token, or another site's Origin) is refused.
    fields = {**root_body(claim), "action": "speaker", "speaker": "Form Speaker"}
    assert client.post(f"{url}/corrections", data=fields,
                       follow_redirects=False).status_code == 403
    assert client.post(f"{url}/corrections", data={**fields, "form_token": form_token},
                       headers={"Origin": "https://evil.example"},
                       follow_redirects=False).status_code == 403
    done = client.post(f"{url}/corrections", data={**fields, "form_token": form_token},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith("#corrections")
    story = client.get(f"/api/v1{url}").json()
    (made,) = story["corrections"]
    assert (made["action"], made["after"], made["author"]) == ("speaker", "Form Speaker", "test")
    page = client.get(url).text
    assert f'name="correction" value="{made["id"]}"' in page

    undo = client.post(f"{url}/corrections", data={"action": "undo", "correction": made["id"],
                                                    "form_token": form_token},
                       follow_redirects=False)
    assert undo.status_code == 303
    assert client.get(f"/api/v1{url}").json()["corrections"] == []
    rejected = client.post(f"{url}/corrections", data={**root_body(claim), "action": "reject",
                                                        "form_token": form_token},
                           follow_redirects=False)
    assert rejected.status_code == 303
    assert [c["action"] for c in client.get(f"/api/v1{url}").json()["corrections"]] == [
        "reject"]

    client.get("/logout")
    assert forms_of(client.get(url).text) == []


def test_the_write_endpoints_are_in_the_openapi_description(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/corrections", "/api/v1/corrections/{correction_id}/undo",
                 "/api/v1/grades"):
        assert "post" in paths[path], path
        assert {"401", "404", "422"} <= set(paths[path]["post"]["responses"])
    assert "get" in paths["/api/v1/outlets/{name}"]
    assert not any(p.startswith("/stories") for p in paths)
