"""Run extraction over many inputs: in this process or a pool of workers.

Results come back in input order as ``(label, Extraction | InputError)``. A worker
that dies fails only the documents it held; the pool is restarted for the rest.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from spacy.language import Language

from .errors import InputError
from .model import Document, Extraction
from .nlp import load_model
from .pipeline import build, extract, extract_one

Item = tuple[str, "Document | InputError"]
Result = tuple[str, "Extraction | InputError"]
BATCH = 8  # documents a worker process takes at a time
# In this process: headlines go through the pipeline a batch at a time, and short texts
# cost spaCy per batch as much as per word (32 headlines take three quarters of the time
# of four batches of 8).
LOCAL_BATCH = 32

_worker_nlp: Language | None = None


def _extract_batch_local(nlp: Language, batch: list[tuple[str, Document]]) -> list[Result]:
    try:
        done = extract(nlp, [d for _, d in batch], batch_size=len(batch))
        return [(label, extraction) for (label, _), extraction in zip(batch, done, strict=True)]
    except Exception:  # one bad document must not sink its batch: retry one by one
        results: list[Result] = []
        for label, document in batch:
            try:
                results.append((label, extract_one(nlp, document)))
            except Exception as exc:  # noqa: BLE001 - reported per input, run goes on
                results.append((label, InputError(label, f"extraction failed: {exc!r}")))
        return results


def _init_worker(model: str | None) -> None:
    global _worker_nlp
    _worker_nlp = build(model)


def _extract_batch_worker(batch: list[tuple[str, Document]]) -> list[Result]:
    assert _worker_nlp is not None
    return _extract_batch_local(_worker_nlp, batch)


def _batches(items: Iterable[Item], size: int = BATCH) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _documents(batch: list[Item]) -> list[tuple[str, Document]]:
    return [(label, d) for label, d in batch if isinstance(d, Document)]


def _merge(batch: list[Item], results: list[Result]) -> list[Result]:
    by_label = iter(results)
    merged: list[Result] = []
    for label, value in batch:
        merged.append((label, value) if isinstance(value, InputError) else next(by_label))
    return merged


def run(items: Iterable[Item], model: str | None = None, workers: int = 1,
        nlp: Language | None = None) -> Iterator[Result]:
    """Extract every document of ``items``; input errors pass through in place."""
    if workers <= 1:
        nlp = nlp or build(model)
        for batch in _batches(items, LOCAL_BATCH):
            good = _documents(batch)
            yield from _merge(batch, _extract_batch_local(nlp, good) if good else [])
        return
    load_model(model)  # fail fast, in this process, when no model is installed
    pool = WorkerPool(model, workers)
    try:
        yield from pool.run(items)
    finally:
        pool.close()


class WorkerPool:
    """``workers`` processes, each with its own pipeline, kept for as many runs as needed.

    When a worker dies, the documents it held fail and the pool is started again for the
    rest."""

    def __init__(self, model: str | None, workers: int) -> None:
        self.model = model
        self.workers = workers
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                   initargs=(self.model,))

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _submit(self, batch: list[Item]) -> Future[list[Result]] | None:
        good = _documents(batch)
        return self._executor.submit(_extract_batch_worker, good) if good else None

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """Results in input order, at most two batches a worker in flight."""
        pending: deque[tuple[list[Item], Future[list[Result]] | None]] = deque()
        try:
            for batch in _batches(items):
                pending.append((batch, self._submit(batch)))
                while len(pending) > self.workers * 2:
                    yield from self._drain_one(pending)
            while pending:
                yield from self._drain_one(pending)
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()

    def _drain_one(self, pending: deque[tuple[list[Item], Future[list[Result]] | None]]
                   ) -> Iterator[Result]:
        batch, future = pending.popleft()
        if future is None:
            yield from _merge(batch, [])
            return
        try:
            results = future.result()
        except BrokenProcessPool:
            results = [(label, InputError(label, "a worker process died while extracting it"))
                       for label, d in batch if isinstance(d, Document)]
            self.close()
            self._executor = self._start()
            later = [b for b, _ in pending]
            pending.clear()
            pending.extend((b, self._submit(b)) for b in later)
        yield from _merge(batch, results)


class PoolExtractor:
    """Documents to extraction records (DESIGN section 4) on a :class:`WorkerPool`, started
    on first use and kept until :meth:`close`; a document that fails comes back as its
    InputError, in its place."""

    def __init__(self, model: str | None, workers: int) -> None:
        self.model = model
        self.workers = workers
        self._pool: WorkerPool | None = None

    def __call__(self, docs: list[Document]) -> list[dict[str, Any] | InputError]:
        if self._pool is None:
            load_model(self.model)  # fail fast, in this process, when no model is installed
            self._pool = WorkerPool(self.model, self.workers)
        return [r.to_dict() if isinstance(r, Extraction) else r
                for _, r in self._pool.run([(d.path or d.id, d) for d in docs])]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
