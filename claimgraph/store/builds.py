"""Built stories: each story's detail as the linker last built it, kept with the version of
the data and of the linker it was built from.

A story is built from its documents' records (claims, provenance, drift); for a story of
thousands of documents that takes seconds. Ingest builds the stories it touched once its
documents are in (:meth:`~claimgraph.store.repository.Store.build_stories`), and a read
whose version matches the kept one returns the kept detail. A version names the story's
documents, aliases, corrections and grades (:meth:`~.repository.Store.story_version`) and
the linker's own mark, so a story whose data changed, or that an older linker built, is
built again.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from .migrations import now
from .schema import story_builds


def kept(conn: Connection, story_id: str, version: str) -> dict[str, Any] | None:
    """The kept detail of ``story_id`` if it was built at ``version``, else None."""
    row = conn.execute(select(story_builds.c.version, story_builds.c.detail)
                       .where(story_builds.c.story_id == story_id)).first()
    if row is None or row.version != version:
        return None
    return json.loads(row.detail)  # type: ignore[no-any-return]


def keep(conn: Connection, story_id: str, version: str, detail: dict[str, Any],
         seconds: float) -> None:
    """Keep ``detail`` as the build of ``story_id`` at ``version`` (replacing any other)."""
    conn.execute(story_builds.delete().where(story_builds.c.story_id == story_id))
    conn.execute(story_builds.insert().values(
        story_id=story_id, version=version, built_at=now(), seconds=round(seconds, 3),
        detail=json.dumps(detail, ensure_ascii=False, separators=(",", ":"))))


def versions(conn: Connection, story_ids: list[str]) -> dict[str, str]:
    """The version each of ``story_ids`` was last built at (those built)."""
    out: dict[str, str] = {}
    for i in range(0, len(story_ids), 500):
        out.update(conn.execute(select(story_builds.c.story_id, story_builds.c.version)
                                .where(story_builds.c.story_id.in_(story_ids[i:i + 500]))).all())
    return out
