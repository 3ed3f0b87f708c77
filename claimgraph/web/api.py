"""The REST API, ``/api/v1``: JSON twins of every page, and ``POST /documents`` to ingest.

Lists answer ``{"items", "next", "total"}``; pass ``next`` back as ``cursor`` for the
following page (the ``Link: rel="next"`` header holds that URL too). Records and stories
are exactly what ``claimgraph extract --json`` and ``claimgraph story --json`` print;
``/stories/ID/export/FORMAT`` is what ``claimgraph export FORMAT ID`` prints, as a download.
"""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .. import __version__, export
from ..assess.calibration import ledger_calibration
from ..errors import ClaimgraphError
from ..ingest import readers
from ..store import Page
from ..store import assessments as ledger
from ..store import tokens
from ..store.errors import BadQuery, StoreError
from ..store.repository import check_date
from ..store.tokens import DEFAULT_SCOPE, Scope, StoredToken
from . import queries
from .auth import admin_access, admin_write_access, read_access, write_access
from .caching import conditional
from .errors import HttpProblem
from .ingest import ingest as run_ingest
from .ingest import parse_body
from .state import web_state

PREFIX = "/api/v1"
router = APIRouter(prefix=PREFIX, tags=["claimgraph"])
reads = [Depends(read_access), Depends(conditional)]

Limit = Annotated[int, Query(ge=1, le=1000, description="items per page")]
Cursor = Annotated[str | None, Query(description="the `next` value of the previous page")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
Kind = Literal["direct", "mixed", "indirect", "assessment", "assertion"]
Language = Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$",
                                       description="ISO 639-1 code: en, ru, uk, bg, ...")]

ERRORS: dict[int | str, dict[str, Any]] = {
    304: {"description": "not modified since the ETag sent in If-None-Match"},
    400: {"description": "bad filter, cursor or query"},
    401: {"description": "reads need a token on this server"},
    422: {"description": "a parameter has the wrong type or range"},
    503: {"description": "the database is busy or unreachable"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such id"}}


def _schema_ref(name: str, *, found: bool = False) -> dict[int | str, dict[str, Any]]:
    """Responses of a read route answering ``name`` (and 404 when ``found`` is asked for)."""
    return {200: {"content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{name}"}}}}, **ERRORS,
        **(NOT_FOUND if found else {})}


def _page(request: Request, page: Page, **extra: Any) -> JSONResponse:
    headers = {}
    if page.next is not None:
        headers["Link"] = f'<{request.url.include_query_params(cursor=page.next)}>; rel="next"'
    return JSONResponse({"items": page.items, "next": page.next, "total": page.total, **extra},
                        headers=headers)


def _offset(cursor: str | None) -> int:
    """Offset-paged lists use the offset itself as their cursor."""
    if cursor is None:
        return 0
    if not cursor.isdigit():
        raise BadQuery(f"invalid page cursor {cursor!r}")
    return int(cursor)


@router.get("", dependencies=reads, responses=ERRORS,
            summary="API index: counts and where everything is")
def index(request: Request) -> JSONResponse:
    state = web_state(request)
    return JSONResponse({
        "name": "claimgraph", "version": __version__, "api": "v1",
        "counts": state.store.counts(), "writable": state.writable,
        "links": {k: f"{PREFIX}/{k}" for k in
                  ("documents", "statements", "entities", "speakers", "stories", "search",
                   "sources", "corrections", "assessments")}
        | {"calibration": f"{PREFIX}/assessments/calibration"}
        | {"openapi": "/openapi.json", "docs": "/docs"},
    })


@router.get("/documents", dependencies=reads, responses=ERRORS,
            summary="Documents, newest published first")
def documents(request: Request, limit: Limit = 50, cursor: Cursor = None,
              publisher: str | None = None, since: Day = None, until: Day = None,
              story: str | None = None, language: Language = None) -> JSONResponse:
    page = web_state(request).store.documents(limit=limit, cursor=cursor, publisher=publisher,
                                              since=since, until=until, story=story,
                                              language=language)
    return _page(request, page)


@router.get("/documents/{doc_id:path}", dependencies=reads,
            responses=_schema_ref("Extraction", found=True),
            summary="One document's extraction record (document, entities, statements, citations)")
def document(request: Request, doc_id: str) -> JSONResponse:
    return JSONResponse(web_state(request).store.document(doc_id))


@router.post(
    "/documents", status_code=201, summary="Ingest documents (needs an API token)",
    responses={200: {"description": "nothing new: every document was already stored"},
               201: {"description": "at least one document was stored"},
               400: {"description": "malformed JSON or an empty body"},
               401: {"description": "missing or invalid API token"},
               403: {"description": "the token's scope is read: writing needs write or admin"},
               413: {"description": "body over the size limit, or too many documents"},
               422: {"description": "a parameter has the wrong type or range"},
               415: {"description": "unsupported Content-Type"},
               429: {"description": "the token is over its write rate; see Retry-After"},
               503: {"description": "the database is read-only, busy or unreachable, or "
                                    "extraction is unavailable"}},
    openapi_extra={"security": [{"bearer": []}], "requestBody": {"required": True, "content": {
        "application/json": {"schema": {"oneOf": [
            {"type": "object", "description": 'an input document {"text"|"html", "id"?, '
                                              '"title"?, "publisher"?, "published"?, "url"?} '
                                              "or an extraction record"},
            {"type": "array", "items": {"type": "object"}}]}},
        "application/x-ndjson": {"schema": {"type": "string",
                                            "description": "JSON Lines, one document a line"}},
    }}},
)
async def post_documents(
        request: Request, _token: Annotated[StoredToken, Depends(write_access)],
        publisher: Annotated[str | None, Query(description="for documents that lack one")] = None,
        date: Day = None) -> JSONResponse:
    check_date(date, "date")
    raw = await request.body()
    # Parsing may mean HTML extraction: off the event loop, like the ingest itself.
    items = await run_in_threadpool(parse_body, raw, request.headers.get("content-type", ""),
                                    readers.Defaults(publisher, date, None))
    try:
        result = await run_in_threadpool(run_ingest, web_state(request), items)
    except StoreError:
        raise  # database problems keep their own status (503, 404...)
    except ClaimgraphError as exc:  # no spaCy model, stale model files: a setup problem
        raise HttpProblem(503, f"extraction is unavailable on this server: {exc}") from None
    outcomes = result["documents"]
    if len(outcomes) == 1 and outcomes[0]["status"] == "failed":
        raise HttpProblem(400, f"document not stored: {outcomes[0]['error']}")
    return JSONResponse(result, status_code=201 if result["summary"]["new"] else 200)


@router.get("/statements", dependencies=reads, responses=ERRORS,
            summary="Statements, filtered, in ingest order")
def statements(request: Request, limit: Limit = 50, cursor: Cursor = None,
               speaker: Annotated[str | None, Query(description="name contains")] = None,
               kind: Kind | None = None, since: Day = None, until: Day = None,
               has_estimate: bool | None = None, has_quantity: bool | None = None,
               document: str | None = None, story: str | None = None,
               language: Language = None) -> JSONResponse:
    page = web_state(request).store.statements(
        limit=limit, cursor=cursor, speaker=speaker, kind=kind, since=since, until=until,
        has_estimate=has_estimate, has_quantity=has_quantity, document=document, story=story,
        language=language)
    return _page(request, page)


@router.get("/entities", dependencies=reads, responses=ERRORS,
            summary="Entities (name, type) by how many documents mention them")
def entities(request: Request, limit: Limit = 50, cursor: Cursor = None,
             name: Annotated[str | None, Query(description="name contains")] = None,
             type: str | None = None) -> JSONResponse:
    page = web_state(request).store.entities(name=name, type=type, limit=limit,
                                             offset=_offset(cursor))
    return _page(request, page)


@router.get("/speakers", dependencies=reads, responses=ERRORS,
            summary="Speakers by how many statements they have")
def speakers(request: Request, limit: Limit = 50, cursor: Cursor = None,
             name: Annotated[str | None, Query(description="name contains")] = None
             ) -> JSONResponse:
    page = queries.speakers(web_state(request).store, name=name, limit=limit,
                            offset=_offset(cursor))
    return _page(request, page)


@router.get("/speakers/{name:path}", dependencies=reads, responses={**ERRORS, **NOT_FOUND},
            summary="What one speaker is reported to have said, oldest first, with outlets, "
                    "and the speaker's source grade: in force and suggested")
def speaker(request: Request, name: str, limit: Limit = 50, cursor: Cursor = None
            ) -> JSONResponse:
    state = web_state(request)
    try:
        found = queries.speaker(state.store, name, limit=limit, cursor=cursor)
    except BadQuery as exc:
        if cursor is None:
            raise HttpProblem(404, str(exc)) from None
        raise
    found["source"] = queries.source(state.store, state.sources, name)
    headers = {}
    if found["next"] is not None:
        headers["Link"] = f'<{request.url.include_query_params(cursor=found["next"])}>; rel="next"'
    return JSONResponse(found, headers=headers)


@router.get("/outlets/{name:path}", dependencies=reads, responses={**ERRORS, **NOT_FOUND},
            summary="One outlet (publisher): totals, speakers it quoted most, its latest "
                    "documents, and its source grade: in force and suggested")
def outlet(request: Request, name: str) -> JSONResponse:
    state = web_state(request)
    try:
        return JSONResponse(queries.outlet(state.store, state.sources, name))
    except BadQuery as exc:
        raise HttpProblem(404, str(exc)) from None


@router.get("/stories", dependencies=reads, summary="Stories, newest first",
            responses={200: {"content": {"application/json": {"schema": {
                "type": "object", "required": ["items", "next", "total"], "properties": {
                    "items": {"type": "array",
                              "items": {"$ref": "#/components/schemas/Stories"}},
                    "next": {"type": ["string", "null"]}, "total": {"type": "integer"}}}}}},
                       **ERRORS})
def stories(request: Request, limit: Limit = 50, cursor: Cursor = None,
            min_size: Annotated[int, Query(ge=1)] = 1,
            q: Annotated[str | None, Query(max_length=500, description=(
                "only stories with a document whose title or text matches, best first "
                "(then `cursor` is an offset)"))] = None) -> JSONResponse:
    store = web_state(request).store
    if q:
        if min_size > 1:
            raise BadQuery("a story search lists stories best first; it takes no min_size")
        page = store.search_stories(q, limit=limit, offset=_offset(cursor))
    else:
        page = store.stories(limit=limit, cursor=cursor, min_size=min_size)
    return _page(request, page)


# Registered before the story itself: its path parameter would take "/export/..." too.
@router.get(
    "/stories/{story_id:path}/export/{fmt}", dependencies=reads,
    summary="One story as a file: STIX 2.1 bundle, MISP event, or statements/claims as CSV "
            "or JSON Lines",
    responses={200: {"description": "the export, as an attachment", "content": {
        media: {} for media in dict.fromkeys(export.MEDIA_TYPES.values())}}, 404: {
        "description": "no such story"}, **ERRORS})
def story_export(request: Request, story_id: str, fmt: Literal["stix", "misp", "csv", "jsonl"],
                 what: Annotated[Literal["statements", "claims"], Query(
                     description="the table of a csv or jsonl export")] = "statements"
                 ) -> Response:
    state = web_state(request)
    detail, records = state.stories.get(state.store, story_id)
    body = io.StringIO()
    export.write_story(fmt, detail, records, body, what=what)
    name = export.filename(story_id, fmt, what)
    return Response(body.getvalue(), media_type=export.MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/stories/{story_id:path}", dependencies=reads,
            responses=_schema_ref("Story", found=True),
            summary="One story: documents, claims, provenance trees, chains, drift")
def story(request: Request, story_id: str,
          claims_limit: Annotated[int | None, Query(ge=1, le=1000, description=(
              "claims a page (default: all), with their provenance and drift"))] = None,
          claims_offset: Annotated[int, Query(ge=0)] = 0) -> JSONResponse:
    state = web_state(request)
    detail = state.stories.detail(state.store, story_id)
    page = queries.claims_page(detail, claims_offset, claims_limit)
    total = len(detail.get("claims", []))
    # The body follows schemas/story exactly, so the next page is announced in a header.
    headers = {"X-Total-Claims": str(total)}
    if claims_limit is not None and claims_offset + claims_limit < total:
        nxt = request.url.include_query_params(claims_offset=claims_offset + claims_limit)
        headers["Link"] = f'<{nxt}>; rel="next"'
    return JSONResponse(page, headers=headers)


@router.get("/sources", dependencies=reads,
            summary="Sources: the analyst's reliability grade, the suggested grade and the "
                    "record behind it",
            responses={200: {"content": {"application/json": {"schema": {
                "type": "object", "required": ["items", "next", "total"], "properties": {
                    "items": {"type": "array",
                              "items": {"$ref": "#/components/schemas/Sources"}},
                    "next": {"type": ["string", "null"]}, "total": {"type": "integer"}}}}}},
                       **ERRORS})
def sources(request: Request, limit: Limit = 50, cursor: Cursor = None,
            name: Annotated[str | None, Query(description="name contains")] = None,
            graded: Annotated[bool, Query(description="only graded sources")] = False
            ) -> JSONResponse:
    state = web_state(request)
    page = queries.sources_page(state.sources.get(state.store), name=name, graded=graded,
                                limit=limit, offset=_offset(cursor))
    return _page(request, page)


@router.get("/corrections", dependencies=reads,
            summary="Analysts' corrections, oldest first, undone ones included",
            responses={200: {"content": {"application/json": {"schema": {
                "type": "object", "required": ["items", "next", "total"], "properties": {
                    "items": {"type": "array",
                              "items": {"$ref": "#/components/schemas/Correction"}},
                    "next": {"type": ["string", "null"]}, "total": {"type": "integer"}}}}}},
                       **ERRORS})
def corrections(request: Request, document: str | None = None, story: str | None = None,
                active: Annotated[bool, Query(description="leave out undone ones")] = False
                ) -> JSONResponse:
    found = web_state(request).store.corrections(document=document, story=story,
                                                 active_only=active)
    return _page(request, Page([c.to_dict() for c in found], None, len(found)))


@router.get("/search", dependencies=reads, responses=_schema_ref("Search"),
            summary="Full-text search over statements and documents, best first")
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=500,
                                   description='words, "a phrase", OR, -word')],
           speaker: Annotated[str | None, Query(description="name contains")] = None,
           since: Day = None, until: Day = None,
           limit: Annotated[int, Query(ge=1, le=200)] = 20,
           offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
           language: Language = None) -> JSONResponse:
    result = queries.search_page(web_state(request).store, q, speaker=speaker, since=since,
                                 until=until, limit=limit, offset=offset, language=language)
    headers = {}
    # The body follows schemas/search exactly, so the next page is announced in a header.
    if len(result["statements"]) == limit or len(result["documents"]) == limit:
        headers["Link"] = f'<{request.url.include_query_params(offset=offset + limit)}>; rel="next"'
    return JSONResponse(result, headers=headers)


@router.get("/search/facets", dependencies=reads, responses=ERRORS,
            summary="Statement search narrowed by facets, with facet counts")
def search_facets(request: Request,
                  q: Annotated[str, Query(min_length=1, max_length=500)],
                  speaker: Annotated[str | None, Query(
                      description='exact name; "(none)" for unattributed')] = None,
                  outlet: Annotated[str | None, Query(
                      description='exact publisher; "(none)" for unknown')] = None,
                  kind: Kind | None = None,
                  probability: Literal["stated", "none"] | None = None,
                  since: Day = None, until: Day = None,
                  limit: Annotated[int, Query(ge=1, le=200)] = 20,
                  offset: Annotated[int, Query(ge=0)] = 0,
                  language: Language = None) -> JSONResponse:
    result = queries.faceted_search(
        web_state(request).store, q,
        filters={"speaker": speaker, "outlet": outlet, "kind": kind, "probability": probability,
                 "language": language},
        since=since, until=until, limit=limit, offset=offset)
    return JSONResponse(result)



@router.get("/assessments", dependencies=reads, summary="The assessment ledger, newest first",
            responses={200: {"content": {"application/json": {"schema": {
                "type": "object", "required": ["items", "next", "total"], "properties": {
                    "items": {"type": "array",
                              "items": {"$ref": "#/components/schemas/Assessment"}},
                    "next": {"type": ["string", "null"]}, "total": {"type": "integer"}}}}}},
                       **ERRORS})
def assessments(request: Request, limit: Limit = 50, cursor: Cursor = None,
                resolved: Annotated[bool | None, Query(
                    description="only resolved (true) or open (false) assessments")] = None,
                author: Annotated[str | None, Query(description="exact author")] = None
                ) -> JSONResponse:
    page = ledger.listing(web_state(request).store, limit=limit, cursor=cursor,
                          resolved=resolved, author=author)
    return _page(request, page)


@router.get("/assessments/calibration", dependencies=reads,
            responses=_schema_ref("Calibration"), summary="Brier scores and reliability by yardstick band of resolved assessments")
def calibration(request: Request) -> JSONResponse:
    return JSONResponse(ledger_calibration(web_state(request).store))


@router.get("/assessments/{assessment_id}", dependencies=reads,
            responses=_schema_ref("Assessment", found=True),
            summary="One assessment: judgement, term, range, evidence, outcome, lint warnings")
def assessment(request: Request, assessment_id: str) -> JSONResponse:
    return JSONResponse(ledger.get(web_state(request).store, assessment_id).to_dict())


# --- token management (admin tokens only) ----------------------------------------------------

ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "a malformed body"},
    401: {"description": "missing or invalid API token"},
    403: {"description": "the token is not an admin token"},
    422: {"description": "a parameter has the wrong type or range"},
}
ADMIN_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ADMIN_ERRORS, 429: {"description": "the token is over its write rate; see Retry-After"},
    503: {"description": "the database is read-only, busy or unreachable"},
}
TOKEN_SCHEMA = {"type": "object", "required": ["name", "scope", "created_at"], "properties": {
    "name": {"type": "string"}, "scope": {"enum": ["read", "write", "admin"]},
    "created_at": {"type": "string"}}}


class TokenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200, pattern=r"\S",
                      description="a label for the token")
    scope: Scope = Field(DEFAULT_SCOPE, description="read, write or admin")


@router.get("/tokens", summary="API tokens (names and scopes, never the tokens); admin only",
            openapi_extra={"security": [{"bearer": []}]},
            responses={200: {"content": {"application/json": {"schema": {
                "type": "object", "required": ["items"],
                "properties": {"items": {"type": "array", "items": TOKEN_SCHEMA}}}}}},
                **ADMIN_ERRORS})
def token_list(request: Request, _admin: Annotated[StoredToken, Depends(admin_access)]
               ) -> JSONResponse:
    found = tokens.listing(web_state(request).store.engine)
    return JSONResponse({"items": [t.to_dict() for t in found]})


@router.post("/tokens", status_code=201, summary="Make an API token, shown only in this answer; "
                                                 "admin only",
             openapi_extra={"security": [{"bearer": []}]},
             responses={201: {"content": {"application/json": {"schema": {
                 "type": "object", "required": ["name", "scope", "token"], "properties": {
                     "name": {"type": "string"}, "scope": {"enum": ["read", "write", "admin"]},
                     "token": {"type": "string"}}}}}},
                 **ADMIN_WRITE_ERRORS})
def token_create(request: Request, body: TokenRequest,
                 _admin: Annotated[StoredToken, Depends(admin_write_access)]) -> JSONResponse:
    state = web_state(request)
    if not state.writable:
        raise HttpProblem(503, f"{state.store.target.label} is read-only: this server cannot "
                               "store tokens")
    with state.store.write() as conn:
        new = tokens.create(conn, body.name.strip(), body.scope)
    return JSONResponse({"name": new.name, "scope": new.scope, "token": new.token},
                        status_code=201)


@router.delete("/tokens/{name}", summary="Revoke every API token with this name; admin only",
               openapi_extra={"security": [{"bearer": []}]},
               responses={200: {"content": {"application/json": {"schema": {
                   "type": "object", "required": ["revoked"],
                   "properties": {"revoked": {"type": "integer", "minimum": 1}}}}}},
                   404: {"description": "no token has this name"}, **ADMIN_WRITE_ERRORS})
def token_revoke(request: Request, name: Annotated[str, Path(min_length=1)],
                 _admin: Annotated[StoredToken, Depends(admin_write_access)]) -> JSONResponse:
    state = web_state(request)
    if not state.writable:
        raise HttpProblem(503, f"{state.store.target.label} is read-only: this server cannot "
                               "revoke tokens")
    with state.store.write() as conn:
        revoked = tokens.revoke(conn, name)
    if not revoked:
        raise HttpProblem(404, f"no token named {name!r}")
    return JSONResponse({"revoked": revoked})
