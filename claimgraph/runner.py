"""Run extraction over many inputs: in this process or a pool of workers.

Results come back in input order as ``(label, Extraction | InputError)``. A worker
that dies fails only the documents it held; the pool is restarted for the rest.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language

from .errors import InputError
from .model import Document, Extraction
from .nlp import load_model
from .pipeline import build, extract, extract_one

Item = tuple[str, "Document | InputError"]
Result = tuple[str, "Extraction | InputError"]
BATCH = 8

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


def _batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
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
        for batch in _batches(items):
            good = _documents(batch)
            yield from _merge(batch, _extract_batch_local(nlp, good) if good else [])
        return
    load_model(model)  # fail fast, in this process, when no model is installed
    yield from _run_pool(items, model, workers)


def _run_pool(items: Iterable[Item], model: str | None, workers: int) -> Iterator[Result]:
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(model,))
    pending: deque[tuple[list[Item], Future[list[Result]] | None]] = deque()
    try:
        for batch in _batches(items):
            good = _documents(batch)
            pending.append((batch, pool.submit(_extract_batch_worker, good) if good else None))
            while len(pending) > workers * 2:
                pool = yield from _drain_one(pending, pool, model, workers)
        while pending:
            pool = yield from _drain_one(pending, pool, model, workers)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _drain_one(pending: deque, pool: ProcessPoolExecutor, model: str | None,
               workers: int) -> Iterator[Result]:
    batch, future = pending.popleft()
    if future is None:
        yield from _merge(batch, [])
        return pool
    try:
        results = future.result()
    except BrokenProcessPool:
        results = [(label, InputError(label, "a worker process died while extracting it"))
                   for label, d in batch if isinstance(d, Document)]
        pool.shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(model,))
        resubmitted = deque()
        for later_batch, later_future in pending:
            good = _documents(later_batch)
            resubmitted.append((later_batch, pool.submit(_extract_batch_worker, good) if good
                                else None))
        pending.clear()
        pending.extend(resubmitted)
    yield from _merge(batch, results)
    return pool
