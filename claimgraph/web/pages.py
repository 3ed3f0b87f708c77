"""The HTML pages: search, document, speaker, stories, story, the assessment ledger and its
calibration, each linking its JSON twin.

Pages are rendered on the server and read fine without JavaScript; the only script adds
keyboard shortcuts. Templates autoescape everything (see :mod:`claimgraph.web.templating`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .. import export
from ..assess.calibration import ledger_calibration
from ..store import assessments as ledger
from ..store import tokens
from ..store.errors import BadQuery
from ..store.tokens import WRITERS
from . import queries, render
from .auth import (
    COOKIE,
    WRITE_COOKIE,
    browser_writer,
    can_read,
    cookie_value,
    form_token,
    read_access,
)
from .caching import conditional
from .errors import HttpProblem
from .state import web_state
from .templating import q, templates, with_query

router = APIRouter(include_in_schema=False)
reads = [Depends(read_access), Depends(conditional)]
PAGE = 25

Kind = Literal["direct", "mixed", "indirect", "assessment", "assertion"]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates().TemplateResponse(request, name, context, status_code=status)


def _blank(value: str | None) -> str | None:
    """Empty form fields count as not given."""
    return value if value else None


CLAIMS_A_PAGE = 100  # claims listed on one story page


@router.get("/", dependencies=reads)
def home(request: Request) -> Response:
    store = web_state(request).store
    return page(request, "home.html", {
        "title": "claimgraph", "json_url": "/api/v1",
        "counts": store.counts(),
        "stories": store.stories(limit=8, min_size=1).items,
        "speakers": queries.speakers(store, limit=10).items,
    })


@router.get("/search", dependencies=reads)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           speaker: str | None = None, outlet: str | None = None, kind: Kind | None = None,
           probability: Literal["stated", "none"] | None = None,
           since: Day = None, until: Day = None,
           offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
           language: str | None = None) -> Response:
    filters = {"speaker": _blank(speaker), "outlet": _blank(outlet), "kind": kind,
               "probability": probability, "language": _blank(language)}
    params = {**filters, "q": q, "since": _blank(since), "until": _blank(until)}
    context: dict[str, Any] = {"title": f"{q} – search" if q else "Search", "q": q,
                               "params": params, "result": None, "error": None,
                               "json_url": None}
    if q.strip():
        context["json_url"] = with_query("/api/v1/search/facets", **params,
                                         offset=offset or None)
        try:
            result = queries.faceted_search(
                web_state(request).store, q, filters=filters, since=_blank(since),
                until=_blank(until), limit=PAGE, offset=offset)
        except BadQuery as exc:
            context["error"] = str(exc)
        else:
            _link_facets(result, params)
            context["result"] = result
    return page(request, "search.html", context, 400 if context["error"] else 200)


def _link_facets(result: dict[str, Any], params: dict[str, Any]) -> None:
    """Add the URLs the search page links: each facet value toggles, each chip clears."""
    for facet, values in result["facets"].items():
        for v in values:
            v["url"] = with_query("/search", **{**params, facet: None if v["selected"]
                                                else v["value"]})
    result["chips"] = [{"facet": f, "value": params[f],
                        "url": with_query("/search", **{**params, f: None})}
                       for f in queries.FACETS if params.get(f)]
    prev = result["offset"] - result["limit"]
    result["prev_url"] = with_query("/search", **params, offset=max(prev, 0) or None) \
        if result["offset"] > 0 else None
    result["next_url"] = with_query("/search", **params, offset=result["next"]) \
        if result["next"] is not None else None


@router.get("/documents/{doc_id:path}", dependencies=reads)
def document(request: Request, doc_id: str) -> Response:
    store = web_state(request).store
    record = store.document(doc_id)
    meta = queries.document_meta(store, doc_id)
    statements = record.get("statements") or []
    estimates = {str(st.get("id")): [v for v in (render.estimate_view(e)
                                                 for e in st.get("estimates") or []) if v]
                 for st in statements}
    url = (record["document"].get("url") or "")
    return page(request, "document.html", {
        "title": record["document"].get("title") or doc_id,
        "json_url": f"/api/v1/documents/{q(doc_id)}",
        "record": record, "doc": record["document"], "meta": meta,
        "runs": render.highlight(record),
        "statements": {str(st.get("id")): st for st in statements},
        "estimates": estimates, "yardstick": render.yardstick(),
        # Only web links become hrefs: a javascript: or data: URL stays text.
        "safe_url": url if url.startswith(("http://", "https://")) else None,
    })


@router.get("/speakers", dependencies=reads)
def speakers(request: Request, name: str | None = None,
             offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    found = queries.speakers(web_state(request).store, name=_blank(name), limit=50,
                             offset=offset)
    return page(request, "speakers.html", {
        "title": "Speakers", "json_url": with_query("/api/v1/speakers", name=name,
                                                    cursor=offset or None),
        "page": found, "name": name or "", "offset": offset,
    })


@router.get("/speakers/{name:path}", dependencies=reads)
def speaker(request: Request, name: str, cursor: str | None = None) -> Response:
    state = web_state(request)
    try:
        found = queries.speaker(state.store, name, limit=100, cursor=cursor)
    except BadQuery as exc:
        raise HttpProblem(404 if cursor is None else 400, str(exc)) from None
    return page(request, "speaker.html", {
        "title": name, "json_url": with_query(f"/api/v1/speakers/{q(name)}", cursor=cursor),
        "speaker": found, "cursor": cursor,
        "source": queries.source(state.store, state.sources, name),
    })


@router.get("/outlets/{name:path}", dependencies=reads)
def outlet(request: Request, name: str) -> Response:
    state = web_state(request)
    try:
        found = queries.outlet(state.store, state.sources, name)
    except BadQuery as exc:
        raise HttpProblem(404, str(exc)) from None
    return page(request, "outlet.html", {
        "title": name, "json_url": f"/api/v1/outlets/{q(name)}", "outlet": found,
        "source": found["source"],
    })


@router.get("/stories", dependencies=reads)
def stories(request: Request, cursor: str | None = None,
            min_size: Annotated[int, Query(ge=1)] = 1,
            q: Annotated[str, Query(max_length=500)] = "") -> Response:
    store = web_state(request).store
    if q.strip():
        if cursor is not None and not cursor.isdigit():
            raise BadQuery(f"invalid page cursor {cursor!r}")
        found = store.search_stories(q, limit=PAGE, offset=int(cursor or 0))
        min_size = 1
    else:
        found = store.stories(limit=PAGE, cursor=cursor, min_size=min_size)
    return page(request, "stories.html", {
        "title": f"{q} – stories" if q.strip() else "Stories",
        "json_url": with_query("/api/v1/stories", cursor=cursor, q=q.strip() or None,
                               min_size=min_size if min_size > 1 else None),
        "page": found, "min_size": min_size, "cursor": cursor, "story_q": q.strip(),
    })


@router.get("/stories/{story_id:path}", dependencies=reads)
def story(request: Request, story_id: str,
          claims_offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    state = web_state(request)
    detail, records = state.stories.get(state.store, story_id)
    total = len(detail.get("claims") or [])
    shown = queries.claims_page(detail, claims_offset, CLAIMS_A_PAGE)["claims"]
    pager = {"total": total, "first": claims_offset + 1, "last": claims_offset + len(shown),
             "next": with_query(f"/stories/{q(story_id)}", claims_offset=claims_offset
                                + CLAIMS_A_PAGE) if claims_offset + CLAIMS_A_PAGE < total else None,
             "previous": with_query(f"/stories/{q(story_id)}", claims_offset=max(
                 0, claims_offset - CLAIMS_A_PAGE)) if claims_offset else None}
    docs = {d["id"]: d for d in detail.get("documents") or []}
    statements = {(r["document"]["id"], str(st.get("id"))): st
                  for r in records for st in r.get("statements") or []}
    return page(request, "story.html", {
        "title": detail.get("title") or story_id, "json_url": f"/api/v1/stories/{q(story_id)}",
        "exports": story_exports(story_id),
        "story": detail, "docs": docs, "statements": statements,
        "shown_claims": shown, "claims_pager": pager,
        "graph": render.provenance_graph(detail), "timeline": render.timeline(detail),
        "estimates": render.story_estimates(records), "yardstick": render.yardstick(),
        "node_w": render.NODE_W, "node_h": render.NODE_H,
        "credibility_terms": render.credibility_terms(),
        "writer": browser_writer(request), "form_token": form_token(request),
        "correct_url": f"/stories/{q(story_id)}/corrections",
        "login_url": with_query("/login", next=f"/stories/{q(story_id)}"),
    })


# --- sources ----------------------------------------------------------------------------------

@router.get("/sources", dependencies=reads)
def sources(request: Request, name: str | None = None, graded: bool = False,
            offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    state = web_state(request)
    found = queries.sources_page(state.sources.get(state.store), name=_blank(name),
                                 graded=graded, limit=50, offset=offset)
    return page(request, "sources.html", {
        "title": "Sources",
        "json_url": with_query("/api/v1/sources", name=name, graded=graded or None,
                               cursor=offset or None),
        "page": found, "name": name or "", "graded": graded, "offset": offset,
        "reliability_terms": render.reliability_terms(),
    })


# --- the assessment ledger -------------------------------------------------------------------

@router.get("/assessments", dependencies=reads)
def assessments(request: Request, cursor: str | None = None) -> Response:
    found = ledger.listing(web_state(request).store, limit=PAGE, cursor=cursor)
    return page(request, "assessments.html", {
        "title": "Assessments", "json_url": with_query("/api/v1/assessments", cursor=cursor),
        "page": found, "cursor": cursor,
    })


@router.get("/assessments/calibration", dependencies=reads)
def calibration(request: Request) -> Response:
    return page(request, "calibration.html", {
        "title": "Calibration", "json_url": "/api/v1/assessments/calibration",
        "cal": ledger_calibration(web_state(request).store),
    })


@router.get("/assessments/calibration.png", dependencies=reads)
def calibration_png(request: Request) -> Response:
    from ..assess.plot import reliability_png
    from ..errors import ClaimgraphError

    try:
        data = reliability_png(ledger_calibration(web_state(request).store))
    except ClaimgraphError as exc:
        raise HttpProblem(404, str(exc).split("; ")[0]) from None
    return Response(data, media_type="image/png")


# (label, format, table) of each download a story page offers.
STORY_EXPORTS = [("STIX 2.1", "stix", None), ("MISP event", "misp", None),
                 ("Statements CSV", "csv", "statements"), ("Claims CSV", "csv", "claims"),
                 ("Statements JSONL", "jsonl", "statements"), ("Claims JSONL", "jsonl", "claims")]


def story_exports(story_id: str) -> list[dict[str, str]]:
    """The story page's download links, each to the API's export of the story."""
    return [{"label": label, "filename": export.filename(story_id, fmt, what or "statements"),
             "url": with_query(f"/api/v1/stories/{q(story_id)}/export/{fmt}", what=what)}
            for label, fmt, what in STORY_EXPORTS]


# --- access for browsers when reads need a token --------------------------------------------

def _next(value: str | None) -> str:
    """Only a local path may follow a login (no open redirect to another site)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return page(request, "login.html", {"title": "Sign in", "json_url": None, "status": None,
                                        "message": None, "next": _next(next)})


@router.post("/login")
async def login(request: Request) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip()
    target = _next((form.get("next") or [""])[0])
    state = web_state(request)
    # An API token also lets this browser correct stories through the story page's forms.
    found = tokens.lookup(state.store.engine, token) if token else None
    writer = found if found is not None and found.scope in WRITERS else None
    if state.read_token is None and writer is None and not token:
        return RedirectResponse(target, status_code=303)
    if writer is None and (state.read_token is None or not can_read(request, token)):
        return page(request, "login.html", {"title": "Sign in", "json_url": None, "status": 401,
                                            "message": "That token does not open this server.",
                                            "next": target}, status=401)
    response = RedirectResponse(target, status_code=303)
    secure = request.url.scheme == "https"
    if state.read_token is not None:
        response.set_cookie(COOKIE, cookie_value(state.read_token), httponly=True,
                            samesite="strict", secure=secure)
    if writer is not None:
        response.set_cookie(WRITE_COOKIE, token, httponly=True, samesite="strict",
                            secure=secure)
    return response


@router.get("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    response.delete_cookie(WRITE_COOKIE)
    return response
