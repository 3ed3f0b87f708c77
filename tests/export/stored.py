"""A database holding the hand-built Vostrel story (the defence update and four re-reports,
linked by the real linker) and an unrelated story."""

from __future__ import annotations

from pathlib import Path

from claimgraph.store import Ingester, Store
from tests.link.scenarios import berthing, vostrel_story


def fill(db: Path | str) -> dict[str, str]:
    """Ingest the two stories into ``db``; their ids by name ("vostrel", "berthing")."""
    records = [*vostrel_story(), berthing()]
    with Store.open(db, write=True) as store:
        summary = Ingester(store).run([(r["document"]["id"], r) for r in records])
        assert summary.failed == 0, summary.errors
        docs = {d["id"]: d["story"] for d in store.documents(limit=50).items}
    assert docs["u1"] != docs["x1"]
    return {"vostrel": docs["u1"], "berthing": docs["x1"]}
