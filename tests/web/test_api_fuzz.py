"""The REST API fuzzed from its own OpenAPI description (schemathesis), in process.

Every operation under ``/api/v1`` gets generated requests, valid ones and ones that break
the description, against a copy of the demo database, with an admin token (so writes and
token management run too) and no write rate. Each response must not be a server error,
and its status, content type and body must be ones the description allows.

schemathesis's pytest loader for fixtures does not run under this pytest, so each
operation's Hypothesis strategy is driven directly; the seed is fixed, so a run is
reproducible (set ``CLAIMGRAPH_FUZZ_EXAMPLES`` higher, and ``CLAIMGRAPH_FUZZ_RANDOM=1``, to
explore further by hand).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from claimgraph.web.app import create_app

from .conftest import copy_db, make_token

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES = int(os.environ.get("CLAIMGRAPH_FUZZ_EXAMPLES", "10"))
RANDOM = os.environ.get("CLAIMGRAPH_FUZZ_RANDOM") == "1"
# Every API operation, so that a new one cannot go unfuzzed (checked against the schema).
OPERATIONS = [
    "GET /api/v1", "GET /api/v1/documents", "POST /api/v1/documents",
    "GET /api/v1/documents/{doc_id}", "GET /api/v1/statements", "GET /api/v1/entities",
    "GET /api/v1/speakers", "GET /api/v1/speakers/{name}", "GET /api/v1/stories",
    "GET /api/v1/stories/{story_id}", "GET /api/v1/search", "GET /api/v1/search/facets",
    "GET /api/v1/assessments", "GET /api/v1/assessments/calibration",
    "GET /api/v1/assessments/{assessment_id}", "GET /api/v1/tokens", "POST /api/v1/tokens",
    "DELETE /api/v1/tokens/{name}", "GET /api/v1/corrections", "POST /api/v1/corrections",
    "POST /api/v1/corrections/{correction_id}/undo", "GET /api/v1/outlets/{name}",
    "GET /api/v1/sources", "POST /api/v1/grades", "GET /api/v1/stories/{story_id}/export/{fmt}",
]


@pytest.fixture(scope="module")
def fuzzed(demo_db, extractor, tmp_path_factory) -> dict[str, Any]:
    db = copy_db(demo_db, tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    token = make_token(db, "fuzz-admin", "admin")
    app = create_app(db, extractor=extractor, write_rate=None)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.startswith("/api/v1"):
            operations[f"{operation.method.upper()} {operation.path}"] = operation
    return {"operations": operations, "headers": {"Authorization": f"Bearer {token}"}}


def test_every_api_operation_is_fuzzed(fuzzed):
    assert sorted(fuzzed["operations"]) == sorted(OPERATIONS)


# Operations whose every request fits the description (no parameters, or one free string).
NO_INVALID_REQUESTS = {"GET /api/v1", "GET /api/v1/assessments/calibration",
                       "GET /api/v1/documents/{doc_id}", "GET /api/v1/assessments/{assessment_id}",
                       "GET /api/v1/outlets/{name}"}
RUNS = [(label, GenerationMode.POSITIVE) for label in OPERATIONS] + [
    (label, GenerationMode.NEGATIVE) for label in OPERATIONS if label not in NO_INVALID_REQUESTS]


@pytest.mark.parametrize("label, mode", RUNS)
def test_api_answers_every_request_as_described(fuzzed, label, mode):
    operation = fuzzed["operations"][label]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=fuzzed["headers"], checks=CHECKS)

    run()


def _cursor(values: list[Any]) -> str:
    from claimgraph.store.pagination import encode_cursor

    return encode_cursor(values)


@pytest.mark.parametrize("url", [
    # Found by the fuzzer: integers past 64 bits reached SQLite (OverflowError, a 500).
    "/api/v1/stories?min_size=9223372036854775808",
    "/api/v1/entities?cursor=99999999999999999999",
    "/api/v1/speakers?cursor=99999999999999999999",
    # Cursors that decode but were not made for the listing.
    f"/api/v1/statements?cursor={_cursor([2**70])}",
    f"/api/v1/statements?cursor={_cursor(['x'])}",
    f"/api/v1/documents?cursor={_cursor([1, 'x'])}",
    f"/api/v1/stories?cursor={_cursor(['a', 2**64])}",
    f"/api/v1/assessments?cursor={_cursor([True])}",
])
def test_out_of_range_numbers_and_foreign_cursors_are_bad_requests(client, url):
    response = client.get(url)
    assert response.status_code == 400, response.text
    message = response.json()["error"]["message"]
    assert "must be between" in message or "invalid page cursor" in message
