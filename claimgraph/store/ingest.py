"""Write extraction records to the store in batches, assigning each new document to a story.

Each batch is one transaction: a crash or Ctrl-C loses only the batch in flight and
never leaves part of a document. A document whose text is already stored is
``unchanged`` (idempotent by content hash); documents given as text are only run
through the extractor when their text is new.
"""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.exc import IntegrityError

from ..errors import ClaimgraphError, InputError
from ..model import Document, content_id
from .linking import Linker, fingerprint_data, fingerprint_text
from .migrations import now
from .records import RecordError, check, day, split
from .repository import Store
from .schema import band_keys, documents, entities, entity_aliases, statements, stories

Item = tuple[str, "dict[str, Any] | Document | InputError"]
# Documents to records; a document that failed may come back as its InputError, in place.
Extractor = Callable[[list[Document]], Sequence["dict[str, Any] | InputError"]]

DEFAULT_BATCH = 100
# Candidates per new document: the documents sharing the most band keys, newest first.
DEFAULT_FANOUT = 50
DEFAULT_PER_KEY = 20
FINGERPRINT_CACHE = 20_000
MAX_ERRORS_KEPT = 200


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    new_stories: int = 0
    joined_stories: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    story_seconds: float = 0.0
    touched: set[str] = field(default_factory=set)  # stories that documents joined or began
    built: int = 0  # stories built and kept after the documents were in
    build_seconds: float = 0.0

    def add(self, other: IngestSummary) -> None:
        self.new += other.new
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.new_stories += other.new_stories
        self.joined_stories += other.joined_stories
        self.story_seconds += other.story_seconds
        self.touched |= other.touched
        self.errors.extend(other.errors[: max(0, MAX_ERRORS_KEPT - len(self.errors))])

    def fail(self, label: str, reason: str) -> None:
        self.failed += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(f"{label}: {reason}")

    def line(self) -> str:
        text = f"{self.new} new, {self.unchanged} unchanged, {self.failed} failed"
        if self.new:
            text += f" ({self.new_stories} new stories, {self.joined_stories} joined existing ones)"
        if self.new == 0 and self.failed == 0 and self.unchanged:
            text += "; nothing to change, all documents were already stored"
        if self.built:
            text += f"; {self.built} {'story' if self.built == 1 else 'stories'} built " \
                    f"in {self.build_seconds:.1f} s"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"new": self.new, "unchanged": self.unchanged, "failed": self.failed,
                "new_stories": self.new_stories, "joined_stories": self.joined_stories,
                "errors": self.errors, "seconds": round(self.seconds, 3),
                "stories_built": self.built, "build_seconds": round(self.build_seconds, 3)}


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _stored_hashes(conn: Connection, hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = hashes[i:i + 500]
        found.update(conn.execute(select(documents.c.content_hash)
                                  .where(documents.c.content_hash.in_(chunk))).scalars())
    return found


def _extract(extract: Extractor | None,
             docs: list[tuple[str, Document]]) -> list[dict[str, Any] | str]:
    """A record, or the reason it failed, for each of ``docs``.

    A document the extractor returns as an InputError fails with its reason. When the
    extractor raises on a batch, each document is retried alone so one bad
    document does not sink the others. A ClaimgraphError other than InputError is a setup
    problem (no model, missing data files) and is raised, stopping the ingest.
    """
    if not docs:
        return []
    if extract is None:
        return ["documents need extraction but no extractor was given"] * len(docs)
    try:
        return [r.reason if isinstance(r, InputError) else r
                for r in extract([d for _, d in docs])]
    except ClaimgraphError as exc:
        if not isinstance(exc, InputError):
            raise  # a setup problem (no model, missing data files): every document would fail
    except Exception:  # noqa: BLE001, S110 - find the document that breaks the extractor
        pass
    out: list[dict[str, Any] | str] = []
    for _label, doc in docs:
        try:
            [result] = extract([doc])
            out.append(result.reason if isinstance(result, InputError) else result)
        except InputError as exc:
            out.append(exc.reason)
        except ClaimgraphError:
            raise
        except Exception as exc:  # noqa: BLE001 - reported per document
            out.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return out


class LRU(OrderedDict[Any, Any]):
    """A dict that forgets its least recently used entries beyond ``size``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


class StoryUpdates:
    """A batch's changes to the ``stories`` rows, written once at the end of the batch."""

    def __init__(self) -> None:
        self.changes: dict[str, dict[str, Any]] = {}

    def add(self, story_id: str, doc: dict[str, Any], stamp: str) -> None:
        published = day(doc.get("published"))
        change = self.changes.setdefault(story_id, {
            "first_doc_id": doc["id"], "title": doc.get("title"), "size": 0, "dates": [],
            "stamp": stamp})
        change["size"] += 1
        change["title"] = change["title"] or doc.get("title")
        change["stamp"] = stamp
        if published:
            change["dates"].append(published)

    def flush(self, conn: Connection) -> None:
        ids = list(self.changes)
        existing: dict[str, Any] = {}
        for i in range(0, len(ids), 500):
            existing.update({r["id"]: r for r in conn.execute(
                select(stories).where(stories.c.id.in_(ids[i:i + 500]))).mappings()})
        for story_id, ch in self.changes.items():
            row = existing.get(story_id)
            dates = list(ch["dates"])
            if row is not None:
                dates += [d for d in (row["first_published"], row["last_published"]) if d]
            first, last = (min(dates), max(dates)) if dates else (None, None)
            if row is None:
                conn.execute(stories.insert().values(
                    id=story_id, first_doc_id=ch["first_doc_id"], title=ch["title"],
                    size=ch["size"], first_published=first, last_published=last,
                    created_at=ch["stamp"], updated_at=ch["stamp"]))
            else:
                conn.execute(stories.update().where(stories.c.id == story_id).values(
                    size=row["size"] + ch["size"], title=row["title"] or ch["title"],
                    first_published=first, last_published=last, updated_at=ch["stamp"]))
        self.changes.clear()


class Ingester:
    """Writes records to ``store``; ``extract`` turns Documents into records when needed."""

    def __init__(self, store: Store, *, extract: Extractor | None = None,
                 batch_size: int = DEFAULT_BATCH, fanout: int = DEFAULT_FANOUT,
                 per_key: int = DEFAULT_PER_KEY) -> None:
        self.store = store
        self.extract = extract
        self.batch_size = batch_size
        self.fanout = fanout
        self.per_key = per_key
        self.linker: Linker = store.linker
        # (doc_id, story_id, fingerprint) by document pk: the same neighbours come up again
        # and again, and a document's story never changes once assigned.
        self._fingerprints: LRU = LRU(FINGERPRINT_CACHE)
        self._pending = StoryUpdates()

    def run(self, items: Iterable[Item],
            progress: Callable[[int], None] | None = None) -> IngestSummary:
        """Ingest ``items`` and return the totals of the batches committed.

        A KeyboardInterrupt or error rolls back only the batch in flight; the summary of
        what was committed is on ``exc.summary`` (an attribute added to the exception).
        """
        total = IngestSummary()
        started = time.perf_counter()
        try:
            for batch in _batches(items, self.batch_size):
                try:
                    done = self._batch(batch)
                except IntegrityError:
                    # Another process stored one of these documents after we looked: the
                    # batch was rolled back, and on a second pass that document is unchanged.
                    done = self._batch(batch)
                total.add(done)
                if progress:
                    progress(len(batch))
        except BaseException as exc:
            total.seconds = time.perf_counter() - started
            exc.summary = total  # type: ignore[attr-defined]
            raise
        total.seconds = time.perf_counter() - started
        return total

    def build_touched(self, summary: IngestSummary,
                      progress: Callable[[], None] | None = None) -> None:
        """Build and keep the stories ``summary``'s documents joined or began, so that
        reading them needs no building (:mod:`claimgraph.store.builds`)."""
        started = time.perf_counter()
        summary.built += self.store.build_stories(sorted(summary.touched), progress)
        summary.build_seconds += time.perf_counter() - started

    def _batch(self, batch: list[Item]) -> IngestSummary:
        summary = IngestSummary()
        with self.store.read() as conn:
            known = _stored_hashes(conn, [content_id(x.text) for _, x in batch
                                          if isinstance(x, Document)])
        new_docs = [(label, x) for label, x in batch
                    if isinstance(x, Document) and content_id(x.text) not in known]
        extracted = iter(_extract(self.extract, new_docs))

        self._pending = StoryUpdates()
        try:
            with self.store.write() as conn:
                for label, item in batch:  # in input order: story assignment is reproducible
                    if isinstance(item, InputError):
                        summary.fail(label, item.reason)
                    elif isinstance(item, Document):
                        if content_id(item.text) in known:
                            summary.unchanged += 1
                            continue
                        result = next(extracted)
                        if isinstance(result, str):
                            summary.fail(label, result)
                        else:
                            self._write(conn, label, result, summary)
                    else:
                        self._write(conn, label, item, summary)
                self._pending.flush(conn)
        except BaseException:
            # Rolled back: cached fingerprints may name rows that no longer exist.
            self._fingerprints.clear()
            raise
        return summary

    def _write(self, conn: Connection, label: str, record: dict[str, Any],
               summary: IngestSummary) -> None:
        try:
            check(record)
        except RecordError as exc:
            summary.fail(label, str(exc))
            return
        doc = record["document"]
        digest = content_id(doc["text"])
        found = conn.execute(select(documents.c.content_hash).where(
            or_(documents.c.content_hash == digest, documents.c.id == doc["id"]))).scalars().all()
        if digest in found:
            summary.unchanged += 1
            return
        if found:
            summary.fail(label, f"document id {doc['id']!r} is already stored with a different "
                                "text; give this version its own id")
            return
        stamp = now()
        rows = split(record, stamp)

        t0 = time.perf_counter()
        fp = self.linker.fingerprint(record)
        keys = list(dict.fromkeys(fp.band_keys))
        joined = self.linker.assign_story(fp, self._candidates(conn, keys))
        summary.story_seconds += time.perf_counter() - t0
        story_id = joined or self.linker.new_story_id(doc["id"])

        doc_pk = conn.execute(documents.insert().values(
            **rows.document, fingerprint=fingerprint_text(fp), story_id=story_id,
        ).returning(documents.c.pk)).scalar_one()
        if rows.statements:
            conn.execute(statements.insert(), [{**r, "doc_pk": doc_pk} for r in rows.statements])
        if rows.entities:
            conn.execute(entities.insert(), [{**r, "doc_pk": doc_pk} for r in rows.entities])
        if rows.aliases:
            conn.execute(entity_aliases.insert(), [{**r, "doc_pk": doc_pk} for r in rows.aliases])
        if keys:
            conn.execute(band_keys.insert(), [{"key": k, "doc_pk": doc_pk} for k in keys])
        self._fingerprints[doc_pk] = (doc["id"], story_id, fp)
        self._pending.add(story_id, doc, stamp)
        summary.touched.add(story_id)
        summary.new += 1
        if joined:
            summary.joined_stories += 1
        else:
            summary.new_stories += 1

    def _candidates(self, conn: Connection, keys: list[str]) -> list[tuple[str, str, Any]]:
        """Documents sharing the most band keys with a new one, at most ``fanout`` of them.

        Each key contributes only its newest ``per_key`` documents, so a key that many
        documents share (a common name in a busy week) costs no more than a rare one.
        """
        if not keys or self.fanout <= 0:
            return []
        shared: Counter[int] = Counter()
        # Plain driver SQL: this runs once per document with a different number of keys,
        # and building it through SQLAlchemy's compiler cost more than running it.
        mark = "?" if conn.dialect.name == "sqlite" else "%s"
        for i in range(0, len(keys), 200):  # SQLite caps compound SELECTs at 500 terms
            chunk = keys[i:i + 200]
            sql = " UNION ALL ".join(
                f"SELECT doc_pk FROM (SELECT doc_pk FROM band_keys WHERE key = {mark} "
                f"ORDER BY doc_pk DESC LIMIT {int(self.per_key)}) AS t{j}"
                for j in range(len(chunk)))
            shared.update(pk for (pk,) in conn.exec_driver_sql(sql, tuple(chunk)))
        if not shared:
            return []
        best = sorted(shared, key=lambda pk: (-shared[pk], -pk))[:self.fanout]
        missing = [pk for pk in best if pk not in self._fingerprints]
        if missing:
            for r in conn.execute(
                    select(documents.c.pk, documents.c.id, documents.c.story_id,
                           documents.c.fingerprint).where(documents.c.pk.in_(missing))):
                if r.fingerprint is not None and r.story_id:
                    self._fingerprints[r.pk] = (
                        r.id, r.story_id, self.linker.from_json(fingerprint_data(r.fingerprint)))
        return [self._fingerprints[pk] for pk in best if pk in self._fingerprints]
