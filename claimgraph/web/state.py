"""What every request handler shares: the open store, the access settings, the ingest lock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from ..store import Store
from .queries import SourcesCache, StoryCache
from .ratelimit import RateLimiter

DEFAULT_MAX_BODY = 5 * 1024 * 1024

Extractor = Callable[[list[Any]], list[dict[str, Any]]]


@dataclass
class WebState:
    store: Store
    read_token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    writable: bool = True
    # Documents -> extraction records; None loads claimgraph's pipeline on the first POST.
    extractor: Extractor | None = None
    # One ingest at a time: the spaCy pipeline and the store's story assignment are serial.
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    stories: StoryCache = field(default_factory=StoryCache)
    sources: SourcesCache = field(default_factory=SourcesCache)
    # Writes per API token (None: no limit).
    write_limiter: RateLimiter | None = None


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state
