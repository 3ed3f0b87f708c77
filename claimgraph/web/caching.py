"""Conditional GETs: a weak ETag from the database's data version and the request URL.

The store only appends, so a page cannot change unless a document was added; the tag
is checked before the page is built, and a matching ``If-None-Match`` gets an empty 304
without touching the page's queries.
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request

from .. import __version__
from .auth import WRITE_COOKIE
from .errors import NotModified
from .middleware import ETAG_KEY
from .queries import data_version
from .state import web_state


def make_etag(version: str, request: Request) -> str:
    # A browser signed in to correct gets pages with forms: its own tag.
    writer = hashlib.sha256(request.cookies.get(WRITE_COOKIE, "").encode("utf-8")).hexdigest()
    key = f"{__version__}|{version}|{request.url.path}?{request.url.query}|{writer}"
    return 'W/"' + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    # Weak comparison (RFC 9110 13.1.2): W/ prefixes do not count.
    bare = etag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == bare for t in header.split(","))


def conditional(request: Request) -> None:
    """Dependency of read routes: tag the response, or answer 304 when the client is current."""
    if request.method not in ("GET", "HEAD"):
        return
    etag = make_etag(data_version(web_state(request).store), request)
    request.scope[ETAG_KEY] = etag
    header = request.headers.get("if-none-match")
    if header and _matches(header, etag):
        raise NotModified(etag)
