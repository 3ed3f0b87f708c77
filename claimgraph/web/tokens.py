"""API tokens for writes: each kept in the database only as the SHA-256 of its text.

The ``api_tokens`` table is the web layer's own: it sits beside the store's tables in the
same database but is not part of the store's versioned schema, so it is created here,
on first use, with ``CREATE TABLE IF NOT EXISTS`` semantics (``checkfirst``). Tokens are
32 random bytes, so a plain hash (no salt, no slow KDF) cannot be reversed or guessed;
the text is shown once, when it is made, and never stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)

PREFIX = "cg_"
TABLE = "api_tokens"

metadata = MetaData()

api_tokens = Table(
    TABLE, metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)


@dataclass(frozen=True)
class NewToken:
    name: str
    token: str  # the only time the text exists outside its holder's hands


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def ensure_table(conn: Connection) -> None:
    """Create the token table if the database lacks it (inside the caller's transaction)."""
    metadata.create_all(conn, checkfirst=True)


def has_table(engine: Engine) -> bool:
    with engine.connect() as conn:
        return inspect(conn).has_table(TABLE)


def create(conn: Connection, name: str) -> NewToken:
    """Make a token called ``name`` and store its hash (caller commits)."""
    ensure_table(conn)
    token = PREFIX + secrets.token_urlsafe(32)
    conn.execute(api_tokens.insert().values(
        name=name, hash=digest(token),
        created_at=datetime.now(UTC).isoformat(timespec="seconds")))
    return NewToken(name, token)


def lookup(engine: Engine, token: str) -> str | None:
    """The name of the stored token ``token``, or None (also when no token was ever made)."""
    if not token.startswith(PREFIX):
        return None
    wanted = digest(token)
    with engine.connect() as conn:
        if not inspect(conn).has_table(TABLE):
            return None
        row = conn.execute(select(api_tokens.c.name, api_tokens.c.hash)
                           .where(api_tokens.c.hash == wanted)).first()
    # The lookup is by hash already; the constant-time compare keeps it honest if it changes.
    if row is None or not secrets.compare_digest(row.hash, wanted):
        return None
    return str(row.name)


def names(engine: Engine) -> list[tuple[str, str]]:
    """(name, created_at) of every stored token, oldest first."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(TABLE):
            return []
        rows = conn.execute(select(api_tokens.c.name, api_tokens.c.created_at)
                            .order_by(api_tokens.c.pk)).all()
    return [(r.name, r.created_at) for r in rows]


def revoke(conn: Connection, name: str) -> int:
    """Delete every token called ``name``; how many there were (caller commits)."""
    if not inspect(conn).has_table(TABLE):
        return 0
    return int(conn.execute(api_tokens.delete().where(api_tokens.c.name == name)).rowcount or 0)
