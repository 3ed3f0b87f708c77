"""ASGI middleware: a cap on request bodies, and the headers every response carries.

The body cap is checked twice: against ``Content-Length`` before anything is read, and
while the body streams in (a chunked upload has no length), so no handler ever holds
more than ``max_body`` bytes of one request.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import HTMLResponse, JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import body, wants_json

ETAG_KEY = "claimgraph.etag"

# Pages load only their own scripts and styles: article text that slipped through
# escaping still could not run a script or load anything from elsewhere.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# Swagger UI starts itself with an inline script.
CSP_DOCS = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            "frame-ancestors 'none'")


class BodyTooLarge(Exception):
    pass


def _too_large(scope: Scope, limit: int) -> Any:
    message = (f"request body too large: the limit is {limit / 1e6:.1f} MB; send fewer "
               "documents per request")
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
    if wants_json(scope.get("path", ""), headers.get("accept")):
        return JSONResponse(body(413, message), status_code=413)
    return HTMLResponse(f"<!doctype html><title>413</title><p>{message}</p>", status_code=413)


class BodyLimit:
    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_body:
                    await _too_large(scope, self.max_body)(scope, receive, send)
                    return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def watch_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watch_send)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(scope, self.max_body)(scope, receive, send)


class ResponseHeaders:
    """Security headers on every response; the ETag a route computed on its 200s."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = CSP_DOCS if path == "/docs" else CSP

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [(b"content-security-policy", csp.encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"),
                         (b"x-frame-options", b"DENY")]
                etag = scope.get(ETAG_KEY)
                if etag and message["status"] == 200:
                    extra += [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, add_headers)


class HeadAsGet:
    """Answer HEAD like GET, without the body (FastAPI routes GET only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)
