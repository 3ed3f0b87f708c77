"""Pages of results with opaque keyset cursors, so listings stay stable while rows are added."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from .errors import BadQuery

SQL_INT_MAX = 2**63 - 1  # SQLite's integers and PostgreSQL's bigint


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


def decode_cursor(cursor: str, kinds: tuple[type, ...]) -> list[Any]:
    """The sort-key values in ``cursor``, one of each type in ``kinds`` (``str`` or ``int``);
    BadQuery when it was not made by encode_cursor for that listing."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError):
        raise BadQuery(f"invalid page cursor {cursor!r}") from None
    if not isinstance(values, list) or len(values) != len(kinds) or not all(
            _fits(v, kind) for v, kind in zip(values, kinds)):
        raise BadQuery(f"invalid page cursor {cursor!r}")
    return values


def _fits(value: Any, kind: type) -> bool:
    """A cursor value the database can compare with its column: a string without NUL (which
    PostgreSQL refuses), or a 64-bit integer."""
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) \
            and -SQL_INT_MAX - 1 <= value <= SQL_INT_MAX
    return isinstance(value, str) and "\x00" not in value


def check_offset(offset: int) -> int:
    """``offset`` when the database can skip that many rows (0 to 2**63 - 1)."""
    if not 0 <= offset <= SQL_INT_MAX:
        raise BadQuery(f"offset must be between 0 and {SQL_INT_MAX}, not {offset}")
    return offset


def check_int(value: int, name: str, low: int) -> int:
    """``value`` when it is at least ``low`` and fits a 64-bit integer column."""
    if not low <= value <= SQL_INT_MAX:
        raise BadQuery(f"{name} must be between {low} and {SQL_INT_MAX}, not {value}")
    return value


def check_limit(limit: int, maximum: int = 1000) -> int:
    if not 1 <= limit <= maximum:
        raise BadQuery(f"limit must be between 1 and {maximum}, not {limit}")
    return limit
