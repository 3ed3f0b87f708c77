"""Who may read and who may write.

Writes need a stored API token (``claimgraph token create``) as ``Authorization: Bearer``.
Reads are open unless the server was started with ``--read-token``; then a request
needs that token (or any write token) as a Bearer header, or the cookie that the
``/login`` page sets for browsers. The cookie holds a hash of the read token, never
the token itself.
"""

from __future__ import annotations

import hashlib
import secrets

from starlette.requests import Request

from . import tokens
from .errors import Unauthorized
from .state import web_state

COOKIE = "claimgraph_read"


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header, else None."""
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthorized("malformed Authorization header; send: Authorization: Bearer TOKEN")
    return value.strip()


def cookie_value(read_token: str) -> str:
    return hashlib.sha256(b"claimgraph-read:" + read_token.encode("utf-8")).hexdigest()


def can_read(request: Request, token: str | None) -> bool:
    """True when ``token`` (or the login cookie) opens reads on this server."""
    state = web_state(request)
    if state.read_token is None:
        return True
    if token is not None:
        if secrets.compare_digest(token.encode("utf-8"), state.read_token.encode("utf-8")):
            return True
        return tokens.lookup(state.store.engine, token) is not None
    cookie = request.cookies.get(COOKIE)
    return cookie is not None and secrets.compare_digest(cookie, cookie_value(state.read_token))


def read_access(request: Request) -> None:
    """Dependency of every read route: 401 when reads are closed and no valid token came."""
    if web_state(request).read_token is None:
        return
    token = bearer(request)
    if not can_read(request, token):
        raise Unauthorized("this server needs a token to read: send Authorization: Bearer "
                           "TOKEN (the --read-token, or an API token)" if token is None
                           else "invalid token")


def write_access(request: Request) -> str:
    """Dependency of every write route: the name of the caller's API token, else 401."""
    token = bearer(request)
    if token is None:
        raise Unauthorized("writing needs an API token: send Authorization: Bearer TOKEN "
                           "(make one with: claimgraph token create --db DB)")
    name = tokens.lookup(web_state(request).store.engine, token)
    if name is None:
        raise Unauthorized("invalid or revoked API token")
    return name
