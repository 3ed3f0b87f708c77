"""API tokens for ``claimgraph serve``, each kept only as the SHA-256 of its text, with a scope.

Scopes: ``read`` opens reads on a server started with ``--read-token``; ``write`` also
stores documents; ``admin`` also makes, lists and revokes tokens through the API. Tokens
are 32 random bytes, so a plain hash (no salt, no slow KDF) cannot be reversed or
guessed; the text is shown once, when it is made, and never stored. The table is
:data:`claimgraph.store.schema.api_tokens`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import Connection, Engine, select

from .errors import BadQuery
from .migrations import now
from .schema import api_tokens

PREFIX = "cg_"
Scope = Literal["read", "write", "admin"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
DEFAULT_SCOPE: Scope = "write"
# What each scope allows, besides reading.
WRITERS: frozenset[str] = frozenset({"write", "admin"})
ADMINS: frozenset[str] = frozenset({"admin"})


@dataclass(frozen=True)
class NewToken:
    name: str
    scope: str
    token: str  # the only time the text exists outside its holder's hands


@dataclass(frozen=True)
class StoredToken:
    """What the database knows of a token: never its text."""

    name: str
    scope: str
    created_at: str
    digest: str  # the SHA-256 of its text: a key for per-token limits

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "scope": self.scope, "created_at": self.created_at}


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_scope(scope: str) -> Scope:
    """``scope`` when it is one of :data:`SCOPES`; BadQuery naming them otherwise."""
    if scope not in SCOPES:
        raise BadQuery(f"unknown token scope {scope!r}; use one of: {', '.join(SCOPES)}")
    return scope  # type: ignore[return-value]


def create(conn: Connection, name: str, scope: str = DEFAULT_SCOPE) -> NewToken:
    """Make a token called ``name`` with ``scope`` and store its hash (caller commits)."""
    scope = check_scope(scope)
    token = PREFIX + secrets.token_urlsafe(32)
    conn.execute(api_tokens.insert().values(name=name, hash=digest(token), scope=scope,
                                            created_at=now()))
    return NewToken(name, scope, token)


def lookup(engine: Engine, token: str) -> StoredToken | None:
    """The stored token ``token``, or None."""
    if not token.startswith(PREFIX):
        return None
    wanted = digest(token)
    with engine.connect() as conn:
        row = conn.execute(select(api_tokens).where(api_tokens.c.hash == wanted)).first()
    # The lookup is by hash already; the constant-time compare keeps it honest if it changes.
    if row is None or not secrets.compare_digest(row.hash, wanted):
        return None
    return StoredToken(row.name, row.scope, row.created_at, row.hash)


def listing(engine: Engine) -> list[StoredToken]:
    """Every stored token, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(api_tokens).order_by(api_tokens.c.pk)).all()
    return [StoredToken(r.name, r.scope, r.created_at, r.hash) for r in rows]


def revoke(conn: Connection, name: str) -> int:
    """Delete every token called ``name``; how many there were (caller commits)."""
    return int(conn.execute(api_tokens.delete().where(api_tokens.c.name == name)).rowcount or 0)
