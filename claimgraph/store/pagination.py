"""Pages of results with opaque keyset cursors, so listings stay stable while rows are added."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from .errors import BadQuery


@dataclass
class Page:
    """One page of ``items``; ``next`` is the cursor for the page after it (None at the end)."""

    items: list[dict[str, Any]]
    next: str | None = None
    total: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next": self.next, "total": self.total, **self.extra}


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    """The sort-key values in ``cursor``; BadQuery when it was not made by encode_cursor."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError):
        raise BadQuery(f"invalid page cursor {cursor!r}") from None
    if not isinstance(values, list) or len(values) != arity:
        raise BadQuery(f"invalid page cursor {cursor!r}")
    return values


def check_limit(limit: int, maximum: int = 1000) -> int:
    if not 1 <= limit <= maximum:
        raise BadQuery(f"limit must be between 1 and {maximum}, not {limit}")
    return limit
