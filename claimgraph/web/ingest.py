"""``POST /api/v1/documents``: request bodies to stored documents, with each one's outcome.

A body is one JSON object (an input document or an extraction record), a JSON array of
them, or JSON Lines (one per line). Input documents go through claimgraph's pipeline and
everything through the store's :class:`~claimgraph.store.Ingester`, in one call, so the
rules are those of ``claimgraph ingest``. Nothing is read from or written to files: a
``path`` or ``url`` in a document is kept as metadata only.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from ..errors import InputError
from ..ingest import readers
from ..model import Document, content_id
from ..pipeline import PipelineExtractor
from ..store import Ingester
from ..store.schema import documents
from .errors import HttpProblem
from .state import WebState

MAX_ITEMS = 1000
JSON_TYPES = ("application/json", "")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
               "application/jsonlines", "application/ndjson")

Item = tuple[str, "dict[str, Any] | Document | InputError"]


def _item(obj: Any, label: str, defaults: readers.Defaults) -> Item:
    """One parsed JSON value as an ingest item (a record, a Document, or its error)."""
    if not isinstance(obj, dict):
        return label, InputError(label, "expected a JSON object (a document or an extraction "
                                        "record)")
    return readers.item_from_object(obj, label, defaults, None, records=True)


def parse_body(raw: bytes, content_type: str, defaults: readers.Defaults) -> list[Item]:
    """The items of a request body; HttpProblem (400, 415) when the body as a whole is unusable."""
    media = content_type.split(";")[0].strip().lower()
    if media not in JSON_TYPES and media not in JSONL_TYPES:
        raise HttpProblem(415, f"unsupported Content-Type {media!r}: send application/json "
                               "(one document, or an array) or application/x-ndjson (JSON Lines)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HttpProblem(400, f"request body is not UTF-8 (invalid byte at offset {exc.start})") \
            from None
    if not text.strip():
        raise HttpProblem(400, "empty request body: send a document such as "
                               '{"text": "...", "publisher": "...", "published": "2024-03-05"}')
    items: list[Item] = []
    if media in JSON_TYPES:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise HttpProblem(400, f"malformed JSON: {exc.msg} at line {exc.lineno} column "
                                   f"{exc.colno}; for JSON Lines send Content-Type: "
                                   "application/x-ndjson") from None
        values = value if isinstance(value, list) else [value]
        items = [_item(v, f"item {i}", defaults) for i, v in enumerate(values, 1)]
    else:
        for number, line in enumerate(readers.lines_of(text), 1):
            if not line.strip():
                continue
            label = f"line {number}"
            try:
                items.append(_item(json.loads(line), label, defaults))
            except json.JSONDecodeError as exc:
                items.append((label, InputError(label, f"malformed JSON ({exc.msg} at column "
                                                       f"{exc.colno})")))
    if not items:
        raise HttpProblem(400, "no documents in the request body")
    if len(items) > MAX_ITEMS:
        raise HttpProblem(413, f"{len(items)} documents in one request; the limit is {MAX_ITEMS}")
    return items


def _key(item: dict[str, Any] | Document) -> tuple[str, str]:
    """(document id, content hash) of an item that is not an error."""
    if isinstance(item, Document):
        return item.id, content_id(item.text)
    doc = item.get("document") or {}
    raw = doc.get("text")
    text = raw if isinstance(raw, str) else ""
    return str(doc.get("id") or content_id(text)), content_id(text)


def _stored(state: WebState, hashes: list[str]) -> dict[str, tuple[str, str | None]]:
    """content hash -> (document id, story id) for the hashes already stored."""
    found: dict[str, tuple[str, str | None]] = {}
    with state.store.read() as conn:
        for i in range(0, len(hashes), 500):
            for r in conn.execute(select(documents.c.content_hash, documents.c.id,
                                         documents.c.story_id)
                                  .where(documents.c.content_hash.in_(hashes[i:i + 500]))):
                found[r.content_hash] = (r.id, r.story_id)
    return found


def ingest(state: WebState, items: list[Item]) -> dict[str, Any]:
    """Store ``items``; the outcome of each (new, unchanged or failed, with ids) and totals."""
    if not state.writable:
        raise HttpProblem(503, f"{state.store.target.label} is read-only: this server cannot "
                               "store documents")
    keys = {label: _key(x) for label, x in items if not isinstance(x, InputError)}
    with state.write_lock:
        if state.extractor is None:
            state.extractor = PipelineExtractor()
        before = _stored(state, sorted({h for _, h in keys.values()}))
        summary = Ingester(state.store, extract=state.extractor,
                           batch_size=len(items)).run(items)
        after = _stored(state, sorted({h for _, h in keys.values()}))
    reasons: dict[str, str] = {}
    for error in summary.errors:
        label, _, reason = error.partition(": ")
        reasons.setdefault(label, reason)
    outcomes, seen = [], set()
    for label, item in items:
        out: dict[str, Any] = {"item": label}
        if isinstance(item, InputError):
            out.update(status="failed", error=item.reason)
        else:
            doc_id, digest = keys[label]
            if digest in after and label not in reasons:
                stored_id, story = after[digest]
                new = digest not in before and digest not in seen
                out.update(status="new" if new else "unchanged", id=stored_id, story=story,
                           url=f"/api/v1/documents/{stored_id}")
                seen.add(digest)
            else:
                out.update(status="failed", id=doc_id,
                           error=reasons.get(label, "not stored (see the server log)"))
        outcomes.append(out)
    return {
        "documents": outcomes,
        "summary": {"new": summary.new, "unchanged": summary.unchanged,
                    "failed": summary.failed, "new_stories": summary.new_stories,
                    "joined_stories": summary.joined_stories,
                    "seconds": round(summary.seconds, 3)},
    }
