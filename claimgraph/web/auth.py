"""Who may read, who may write, who may manage tokens, and how often a token may write.

API tokens (``claimgraph token create``) are sent as ``Authorization: Bearer`` and carry
a scope: ``read``, ``write`` or ``admin``. Writes need ``write`` or ``admin``; token
management needs ``admin``; each write counts against the token's rate (``serve
--write-rate``), over which the answer is 429 with ``Retry-After``. Reads are open
unless the server was started with ``--read-token``; then a request needs that token
(or any API token) as a Bearer header, or the cookie that the ``/login`` page sets for
browsers. The cookie holds a hash of the read token, never the token itself.

A browser may also sign in with an API token to correct stories through the story page's
forms: the ``/login`` page then keeps that token in an HTTP-only, same-site-strict cookie,
and every form carries a token derived from it (:func:`form_token`), checked with the
request's origin (:func:`form_writer`), so another site cannot post a correction through
the analyst's browser.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.requests import Request

from ..store import tokens
from ..store.tokens import ADMINS, WRITERS, StoredToken
from .errors import HttpProblem, Unauthorized
from .state import web_state

COOKIE = "claimgraph_read"
WRITE_COOKIE = "claimgraph_write"


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


def _token(request: Request, what: str) -> StoredToken:
    token = bearer(request)
    if token is None:
        raise Unauthorized(f"{what} needs an API token: send Authorization: Bearer TOKEN "
                           "(make one with: claimgraph token create --db DB)")
    state = web_state(request)
    found = tokens.lookup(state.store.engine, token)
    if found is None:
        if state.read_token is not None and secrets.compare_digest(
                token.encode("utf-8"), state.read_token.encode("utf-8")):
            raise HttpProblem(403, f"the read token opens reads only; {what} needs an API "
                                   "token (make one with: claimgraph token create --db DB)")
        raise Unauthorized("invalid or revoked API token")
    return found


def _limit(request: Request, token: StoredToken) -> None:
    limiter = web_state(request).write_limiter
    if limiter is None:
        return
    wait = limiter.hit(token.digest)
    if wait is not None:
        raise HttpProblem(429, f"token {token.name!r} is over its write rate "
                               f"({limiter.rate}); retry in {wait} s",
                          {"Retry-After": str(wait)})


def _needs(scopes: frozenset[str], what: str, allowed: str, *, limited: bool
           ) -> Callable[[Request], StoredToken]:
    def dependency(request: Request) -> StoredToken:
        token = _token(request, what)
        if token.scope not in scopes:
            raise HttpProblem(403, f"token {token.name!r} has scope {token.scope}; {what} "
                                   f"needs {allowed} (claimgraph token create --scope ...)")
        if limited:
            _limit(request, token)
        return token

    return dependency


# Dependencies of the write routes and of the token management routes.
write_access = _needs(WRITERS, "writing", "a write or admin token", limited=True)
admin_access = _needs(ADMINS, "managing tokens", "an admin token", limited=False)
admin_write_access = _needs(ADMINS, "managing tokens", "an admin token", limited=True)


def browser_writer(request: Request) -> str | None:
    """The name of the API token the browser signed in with, else None."""
    token = request.cookies.get(WRITE_COOKIE)
    if not token:
        return None
    found = tokens.lookup(web_state(request).store.engine, token)
    return found.name if found is not None and found.scope in WRITERS else None


def form_token(request: Request) -> str | None:
    """The token the story page's forms carry: keyed by the browser's API token, so only
    a page served to that browser can know it; None when the browser cannot write."""
    token = request.cookies.get(WRITE_COOKIE)
    if not token or browser_writer(request) is None:
        return None
    return hmac.new(token.encode("utf-8"), b"claimgraph-form", hashlib.sha256).hexdigest()


def _same_origin(request: Request) -> bool:
    """False when the browser says the form came from another site (Origin, else Referer)."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return source is None
    parts = urlsplit(source)
    return (parts.scheme, parts.netloc) == (request.url.scheme, request.url.netloc)


def form_writer(request: Request, submitted: str | None) -> str:
    """The author of a correction posted from a page form: the name of the browser's API
    token; 401 when the browser is not signed in to write, 403 for a form from elsewhere."""
    name = browser_writer(request)
    if name is None:
        raise Unauthorized("correcting needs an API token: sign in with one at /login")
    expected = form_token(request)
    if (expected is None or not submitted or not _same_origin(request)
            or not hmac.compare_digest(submitted, expected)):
        raise HttpProblem(403, "this form did not come from this site's page; reload the "
                               "page and send it again")
    return name
