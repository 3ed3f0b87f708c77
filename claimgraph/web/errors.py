"""Errors a request can meet, and how each becomes a response.

API paths (``/api/...``) answer ``{"error": {"status", "title", "message"}}``; page
paths answer an HTML page with the same message. Store errors map to the status a
client can act on: unknown ids are 404, bad filters or queries 400, a database that
cannot be written 503.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from ..store.errors import (
    AssessmentNotFound,
    BadQuery,
    CorrectionNotFound,
    DatabaseMissing,
    DocumentNotFound,
    ReadOnlyDatabase,
    StatementNotFound,
    StoreError,
    StoryNotFound,
)

API_PREFIX = "/api/"


class HttpProblem(Exception):
    """An error with an HTTP status and a one-line message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None,
                 details: list[Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.details = details


class Unauthorized(HttpProblem):
    def __init__(self, message: str) -> None:
        super().__init__(401, message, {"WWW-Authenticate": 'Bearer realm="claimgraph"'})


class NotModified(Exception):
    """The client's copy (If-None-Match) is current."""

    def __init__(self, etag: str) -> None:
        super().__init__(etag)
        self.etag = etag


def from_store(exc: StoreError) -> HttpProblem:
    if isinstance(exc, (DocumentNotFound, StoryNotFound, AssessmentNotFound, StatementNotFound,
                        CorrectionNotFound)):
        return HttpProblem(404, str(exc).split("; ")[0])  # the store's CLI hint is not for the web
    if isinstance(exc, BadQuery):
        return HttpProblem(400, str(exc))
    if isinstance(exc, (ReadOnlyDatabase, DatabaseMissing)):
        return HttpProblem(503, str(exc))
    return HttpProblem(503, f"database unavailable: {exc}")


def body(status: int, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "title": HTTPStatus(status).phrase,
                             "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def wants_json(path: str, accept: str | None) -> bool:
    """API paths always get JSON; pages get HTML unless the client asks only for JSON."""
    if path.startswith(API_PREFIX) or path in ("/openapi.json",):
        return True
    accept = accept or ""
    return "application/json" in accept and "text/html" not in accept
