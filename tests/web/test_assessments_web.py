"""The assessment ledger and calibration pages, their JSON twins, the diagram and ETags."""

from __future__ import annotations

import html
import re

import pytest

from claimgraph.assess.judgements import new_assessment
from claimgraph.model import LintWarning
from claimgraph.schemas import validate
from claimgraph.store import Store
from claimgraph.store import assessments as ledger

from .test_pages import twin

HOSTILE = "It is likely that <script>alert('x')</script> happens before May 2024."


@pytest.fixture
def ledger_client(fresh_db, demo_ids, extractor):
    """A client over a copy of the demo database holding three assessments, two resolved."""
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    with Store.open(fresh_db, write=True) as store:
        story = store.story(demo_ids["story"])
        ref = f"{demo_ids['story']}#{story['claims'][0]['id']}"
        first = new_assessment("It is highly likely that a second call-up follows before June "
                               "2024.", "highly likely", evidence=[ref], author="Hale",
                               confidence="moderate", resolves_by="2024-06-01")
        ledger.add(store, first)
        second = new_assessment("The regime could collapse.", "realistic possibility",
                                author="Ortiz")
        second.warnings = [LintWarning("off_scale", "'could' states no probability",
                                       (11, 16), "could")]
        ledger.add(store, second)
        ledger.add(store, new_assessment(HOSTILE, "likely", probability=0.6))
        ledger.resolve(store, "a1", True, "2024-05-20")
        ledger.resolve(store, "a3", False, "2024-05-02")
    with TestClient(create_app(fresh_db, extractor=extractor)) as c:
        yield c, ref, fresh_db


def test_ledger_page_and_its_twin(ledger_client):
    client, ref, _ = ledger_client
    response = client.get("/assessments")
    assert response.status_code == 200
    page = response.text
    assert twin(page) == "/api/v1/assessments"
    body = client.get("/api/v1/assessments").json()
    for item in body["items"]:
        validate("assessment", item)
    assert body["total"] == 3 and [a["id"] for a in body["items"]] == ["a3", "a2", "a1"]
    for a in body["items"]:
        assert f'<tr id="{a["id"]}">' in page
    story, claim = ref.split("#")
    assert f'href="/stories/{story}#claim-{claim}"' in page
    assert "<code>off_scale</code>" in page and "moderate" in page
    assert "Brier 0.022" in page and re.search(r"<b>false</b>", page)
    assert "<script>alert" not in page and html.escape(HOSTILE, quote=False)[:30] in page
    assert 'aria-current="page">Assessments' in page


def test_one_assessment_and_unknown_ids(ledger_client):
    client, ref, _ = ledger_client
    item = client.get("/api/v1/assessments/a1").json()
    assert item["evidence"][0]["ref"] == ref and item["outcome"] is True
    assert item["brier"] == pytest.approx(0.0225)
    for bad in ("a99", "zz"):
        response = client.get(f"/api/v1/assessments/{bad}")
        assert response.status_code == 404 and "error" in response.json()
    listing = client.get("/api/v1/assessments", params={"resolved": "false"}).json()
    assert [a["id"] for a in listing["items"]] == ["a2"]
    paged = client.get("/api/v1/assessments", params={"limit": 2}).json()
    assert paged["next"] and len(paged["items"]) == 2


def test_calibration_page_json_and_diagram(ledger_client):
    client, _, _ = ledger_client
    page = client.get("/assessments/calibration").text
    assert twin(page) == "/api/v1/assessments/calibration"
    cal = client.get("/api/v1/assessments/calibration").json()
    validate("calibration", cal)
    assert (cal["n"], cal["open"]) == (2, 1)
    assert cal["brier"] == pytest.approx(((0.85 - 1) ** 2 + 0.6 ** 2) / 2, abs=1e-4)
    assert f"Brier <b>{cal['brier']:.3f}</b>" in page
    for t in cal["terms"]:
        assert f"<td>{t['term']}</td>" in page
    assert '<img src="/assessments/calibration.png"' in page
    png = client.get("/assessments/calibration.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content[:4] == b"\x89PNG"


def test_no_diagram_before_anything_is_resolved(client):
    page = client.get("/assessments/calibration").text
    assert "No resolved assessments yet" in page and "calibration.png" not in page
    assert client.get("/assessments/calibration.png").status_code == 404
    assert client.get("/api/v1/assessments/calibration").json()["n"] == 0
    assert "No assessments yet" in client.get("/assessments").text


def test_etag_changes_when_the_ledger_changes(ledger_client):
    client, _, db = ledger_client
    url = "/api/v1/assessments"
    etag = client.get(url).headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    with Store.open(db, write=True) as store:
        ledger.resolve(store, "a2", False, "2024-06-01")
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["etag"] != etag
    assert client.get("/api/v1/assessments/calibration").json()["n"] == 3


def test_openapi_describes_the_ledger(client):
    spec = client.get("/openapi.json").json()
    assert {"Assessment", "Calibration"} <= set(spec["components"]["schemas"])
    ref = spec["paths"]["/api/v1/assessments/{assessment_id}"]["get"]["responses"]["200"]
    assert ref["content"]["application/json"]["schema"]["$ref"].endswith("/Assessment")
    assert client.get("/api/v1").json()["links"]["assessments"] == "/api/v1/assessments"
