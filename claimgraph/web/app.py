"""The FastAPI app: the REST API under ``/api/v1`` and the HTML pages, over one database.

``create_app(db)`` opens the database (writable when it can be, so ``POST`` can ingest),
wires the routers, error handlers and middleware, and serves the OpenAPI description at
``/openapi.json`` with an offline Swagger UI at ``/docs``.
"""

from __future__ import annotations

import copy
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from .. import __version__
from ..store import Store
from ..store.engine import is_postgres
from ..store.errors import DatabaseMissing, ReadOnlyDatabase, StoreError
from . import errors
from .errors import HttpProblem, NotModified
from .middleware import BodyLimit, HeadAsGet, ResponseHeaders
from .ratelimit import DEFAULT_WRITE_RATE, Rate, RateLimiter
from .state import DEFAULT_MAX_BODY, Extractor, WebState
from .templating import templates

HERE = Path(__file__).resolve().parent
SCHEMAS = ("extraction", "search", "story", "stories", "sources", "correction", "assessment",
           "calibration")


def open_store(db: str | os.PathLike[str]) -> tuple[Store, bool]:
    """The store at ``db`` and whether it can be written; a missing file is an error."""
    raw = os.fspath(db)
    if not is_postgres(raw) and not Path(raw).expanduser().exists():
        raise DatabaseMissing(
            f"no database at {raw}; create one with: claimgraph ingest FILE... --db {raw}")
    try:
        return Store.open(raw, write=True), True
    except ReadOnlyDatabase:
        return Store.open(raw), False


def create_app(db_url: str | os.PathLike[str], read_token: str | None = None, *,
               max_body: int = DEFAULT_MAX_BODY, extractor: Extractor | None = None,
               write_rate: Rate | None = DEFAULT_WRITE_RATE) -> FastAPI:
    """The app over ``db_url`` (a SQLite path or PostgreSQL URL).

    ``read_token`` closes reads to clients without it (or an API token); ``max_body``
    caps request bodies in bytes; ``extractor`` replaces claimgraph's pipeline for
    POSTed documents (documents -> extraction records); ``write_rate`` limits each API
    token's writes (None: no limit). Raises StoreError subclasses when the database
    cannot be opened.
    """
    if read_token is not None and not read_token.strip():
        raise ValueError("the read token must not be empty")
    store, writable = open_store(db_url)
    state = WebState(store=store, read_token=read_token, max_body=max_body, writable=writable,
                     extractor=extractor,
                     write_limiter=RateLimiter(write_rate) if write_rate is not None else None)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        summary="Attributed claims, provenance and drift from news reports.",
        description=(
            "Read documents, statements, entities, speakers, stories and search results; "
            "POST documents to extract and store them (needs a write or admin API token "
            "from `claimgraph token create`; each token's writes are rate-limited, answered "
            "429 with Retry-After over the rate); manage tokens with an admin token. "
            "Lists are paginated: pass the `next` value of a page as `cursor` to get the "
            "page after it. Read responses carry a weak ETag; "
            "send it back in `If-None-Match` to get 304 while nothing changed."),
        docs_url=None, redoc_url=None, lifespan=lifespan,
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.web = state
    app.state.templates = templates()

    from . import analysts, api, pages  # routers import templates and state helpers

    app.include_router(api.router)
    app.include_router(analysts.router)
    app.include_router(analysts.forms)  # before the pages: /stories/{id} takes any path
    app.include_router(pages.router)
    _mount_docs(app)  # before /static, whose mount would swallow /static/apidocs
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_handlers(app)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(ResponseHeaders)
    app.add_middleware(HeadAsGet)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI from the files fastapi-offline ships: the server needs no network."""
    import fastapi_offline

    assets = Path(fastapi_offline.__file__).resolve().parent / "static"
    app.mount("/static/apidocs", StaticFiles(directory=assets), name="apidocs")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="claimgraph API",
            swagger_js_url="/static/apidocs/swagger-ui-bundle.js",
            swagger_css_url="/static/apidocs/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg")


def _schema(name: str) -> dict[str, Any] | None:
    path = resources.files("claimgraph") / "schemas" / f"{name}.schema.json"
    if not path.is_file():
        return None
    import json

    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _rewrite_refs(value: Any, prefix: str) -> Any:
    """Point a JSON Schema's local ``#/$defs/x`` refs at ``#/components/schemas/<prefix>x``."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                out[k] = "#/components/schemas/" + prefix + v[len("#/$defs/"):]
            elif k == "$ref" and v == "#":
                out[k] = "#/components/schemas/" + prefix.rstrip("_")
            else:
                out[k] = _rewrite_refs(v, prefix)
        return out
    if isinstance(value, list):
        return [_rewrite_refs(v, prefix) for v in value]
    return value


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's description plus claimgraph's JSON Schemas as components (OpenAPI 3.1)."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, summary=app.summary,
                       description=app.description, routes=app.routes)
    spec.setdefault("components", {})["securitySchemes"] = {"bearer": {
        "type": "http", "scheme": "bearer",
        "description": "an API token from `claimgraph token create` (scope read, write or "
                       "admin), or the server's --read-token (reads, when closed)"}}
    components = spec["components"].setdefault("schemas", {})
    for name in SCHEMAS:
        schema = _schema(name)
        if schema is None:
            continue
        schema = copy.deepcopy(schema)
        title = name.capitalize()
        for key, sub in (schema.pop("$defs", None) or {}).items():
            components[f"{title}_{key}"] = _rewrite_refs(sub, f"{title}_")
        for key in ("$schema", "$id"):
            schema.pop(key, None)
        components[title] = _rewrite_refs(schema, f"{title}_")
    app.openapi_schema = spec
    return spec


def _error_response(request: Request, status: int, message: str,
                    headers: dict[str, str] | None = None,
                    details: list[Any] | None = None) -> Response:
    if errors.wants_json(request.url.path, request.headers.get("accept")):
        return JSONResponse(errors.body(status, message, details), status_code=status,
                            headers=headers)
    tmpl = templates()
    page = "login.html" if isinstance(status, int) and status == 401 else "error.html"
    return tmpl.TemplateResponse(request, page, {
        "status": status, "message": message, "json_url": None,
        "next": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[Any]]:
    details, parts = [], []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        details.append({"field": where, "message": err.get("msg"), "type": err.get("type")})
    return "invalid request: " + "; ".join(parts), details


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(HttpProblem)
    async def problem(request: Request, exc: HttpProblem) -> Response:
        return _error_response(request, exc.status, exc.message, exc.headers, exc.details)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        problem = errors.from_store(exc)
        return _error_response(request, problem.status, problem.message)

    @app.exception_handler(NotModified)
    async def not_modified(_request: Request, exc: NotModified) -> Response:
        return Response(status_code=304, headers={"ETag": exc.etag, "Cache-Control": "no-cache"})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message, details = _validation_message(exc)
        return _error_response(request, 422, message, details=details)

    @app.exception_handler(Exception)
    async def crashed(request: Request, _exc: Exception) -> Response:
        # A bug: the traceback goes to the server log, the client gets one line.
        return _error_response(request, 500, "internal error; the server log has the details")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: f"nothing at {request.url.path}",
                   405: f"{request.method} is not allowed on {request.url.path}"}.get(
            exc.status_code, str(exc.detail))
        return _error_response(request, exc.status_code, message,
                               dict(exc.headers) if exc.headers else None)
