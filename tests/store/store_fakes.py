"""Test helpers for the store: records, a small stand-in linker, and databases on both backends.

The stand-in linker follows the signatures of ``claimgraph.link`` so store tests do not
depend on its heuristics: a document's band keys are its title words, and it joins the
candidate story whose title shares at least half its words.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from claimgraph.lexicons import cue_stance
from claimgraph.model import content_id

PG_ENV = "CLAIMGRAPH_TEST_PG_URL"
BACKENDS = ["sqlite", "postgresql"]
CUE_LEMMAS = {"said": "say", "claimed": "claim", "confirmed": "confirm", "told": "tell"}


def statement(sid: str, speaker: str | None, content: str, *, kind: str = "indirect",
              cue: str = "said", said_on: str | None = None, quantities: int = 0,
              estimates: int = 0) -> dict[str, Any]:
    return {
        "id": sid, "kind": kind,
        "speaker": {"name": speaker, "entity": None, "text": speaker, "span": None},
        "cue": {"text": cue, "lemma": CUE_LEMMAS.get(cue, cue),
                "stance": cue_stance(CUE_LEMMAS.get(cue, cue)) or "neutral", "span": None},
        "content": {"text": content, "spans": [[0, len(content)]]},
        "said_on": said_on, "via": [],
        "quantities": [{"text": "4,000", "value": 4000, "low": None, "high": None,
                        "unit": "reservists", "approx": "exact", "span": [0, 5]}] * quantities,
        "estimates": [{"text": "likely", "scale": "PHIA", "low": 0.55, "high": 0.75,
                       "negated": False, "span": [0, 6]}] * estimates,
    }


def record(doc_id: str | None, text: str, *, title: str | None = None,
           publisher: str | None = None, published: str | None = None,
           statements: list[dict[str, Any]] | None = None,
           entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """An extraction record per DESIGN section 4; statement spans point into ``text``."""
    for st in statements or []:
        start = text.find(st["content"]["text"])
        if start >= 0:
            st["content"]["spans"] = [[start, start + len(st["content"]["text"])]]
    return {
        "document": {"id": doc_id or content_id(text), "title": title, "publisher": publisher,
                     "published": published, "url": None, "path": None, "language": "en",
                     "text": text},
        "entities": entities or [],
        "statements": statements or [],
        "citations": [],
    }


@dataclass
class FakeFingerprint:
    doc_id: str
    words: list[str] = field(default_factory=list)

    @property
    def band_keys(self) -> list[str]:
        return [f"w:{w}" for w in self.words]

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "words": self.words}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FakeFingerprint:
        return cls(data["doc_id"], data["words"])


class FakeLinker:
    def __init__(self) -> None:
        self.candidate_calls: list[list[tuple[str, str, Any]]] = []

    def fingerprint(self, rec: dict[str, Any]) -> FakeFingerprint:
        title = rec["document"].get("title") or ""
        words = sorted({w.lower().strip(".,:") for w in title.split() if len(w) > 3})
        return FakeFingerprint(rec["document"]["id"], words)

    def from_json(self, data: Any) -> FakeFingerprint:
        return FakeFingerprint.from_json(data)

    def assign_story(self, fp: FakeFingerprint, candidates: list[tuple[str, str, Any]]) -> str | None:
        self.candidate_calls.append(list(candidates))
        mine = set(fp.words)
        for _doc_id, story_id, other in candidates:
            assert isinstance(other, FakeFingerprint)
            if mine and len(mine & set(other.words)) * 2 >= len(mine):
                return story_id
        return None

    def build_story(self, story_id: str, records: list[dict[str, Any]],
                    aliases: Any = (), corrections: Any = (), grades: Any = ()) -> dict[str, Any]:
        return {"id": story_id, "documents": [r["document"]["id"] for r in records],
                "texts": [r["document"]["text"] for r in records],
                "corrections": [c.id for c in corrections]}

    def correct_records(self, records: list[dict[str, Any]],
                        corrections: Any) -> list[dict[str, Any]]:
        return records

    def summarise(self, story_id: str, records: list[dict[str, Any]]) -> dict[str, Any]:
        docs = [r["document"] for r in records]
        dates = sorted(d["published"] for d in docs if d.get("published"))
        return {"id": story_id, "title": docs[0].get("title"), "size": len(docs),
                "first_published": dates[0] if dates else None,
                "last_published": dates[-1] if dates else None,
                "outlets": list(dict.fromkeys(d["publisher"] for d in docs if d.get("publisher"))),
                "documents": [d["id"] for d in docs]}

    def new_story_id(self, first_doc_id: str) -> str:
        return "story:" + hashlib.sha256(first_doc_id.encode("utf-8")).hexdigest()[:16]


def pg_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql)


def database(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of ``backend``: a file path or a PostgreSQL URL.

    On PostgreSQL each test gets its own schema (first on the search path), which is far
    quicker to make than a database and just as empty.
    """
    if backend == "sqlite":
        yield str(tmp_path / "claims.db")
        return
    base = pg_url()
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (see scripts/pg_test_cluster.sh)")
    name = f"cg_{uuid.uuid4().hex[:12]}"
    _pg_admin(base, f'CREATE SCHEMA "{name}"')
    url = make_url(base)
    try:
        yield url.update_query_dict({"options": f"-csearch_path={name}"}) \
            .render_as_string(hide_password=False)
    finally:
        _pg_admin(base, f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
