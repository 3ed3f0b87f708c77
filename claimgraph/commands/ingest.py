"""``claimgraph ingest``: store documents and their extractions, grouping them into stories."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..defaults import DB_ENV, DEFAULT_DB
from ..errors import ClaimgraphError, InputError
from ..language import notice, supported
from ..progress import progress_bar
from .extract import add_allow_private_argument

if TYPE_CHECKING:
    from ..store import IngestSummary

PROGRESS_MIN = 4


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=os.environ.get(DB_ENV, DEFAULT_DB), metavar="DB",
                   help=f"SQLite file or postgresql:// URL (default: ${DB_ENV} or ./{DEFAULT_DB})")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest", help="store documents and extractions in a database",
        description="Store extraction records (JSONL from `claimgraph extract --json`) as they "
                    "are, and extract documents (.txt, .html, input JSONL, folders, -) first. "
                    "Re-ingesting a stored document changes nothing.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="file, folder, http(s) URL, or - for stdin")
    add_db_argument(p)
    add_allow_private_argument(p)
    p.add_argument("--publisher", help="publisher for inputs that do not name one")
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for inputs that lack one")
    p.add_argument("--url", help="URL for inputs that lack one")
    p.add_argument("--model", help="spaCy model for documents that need extraction")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes extracting documents (default 1)")
    p.add_argument("--batch-size", type=int, default=100, metavar="N",
                   help="documents per transaction (default 100)")
    p.add_argument("--no-build", action="store_true",
                   help="do not build the stories the documents joined now (each is then "
                        "built when read, and kept by `claimgraph stories --build`)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(run=run_ingest)


def _report(summary: IngestSummary, as_json: bool, interrupted: bool = False) -> None:
    for error in summary.errors:
        print(f"claimgraph: {error}", file=sys.stderr)
    if as_json:
        print(json.dumps({**summary.to_dict(), "interrupted": interrupted}))
    else:
        prefix = "interrupted; committed before that: " if interrupted else ""
        print(f"{prefix}{summary.line()}")


def _noticing(extract: Callable[[list[Any]], Sequence[Any]]) -> Callable[[list[Any]], list[Any]]:
    """``extract``, saying on stderr which documents it kept without extraction."""
    def run(docs: list[Any]) -> list[Any]:
        records = extract(docs)
        for record in records:
            if not isinstance(record, dict):
                continue  # a failure: the ingest summary names it
            doc = record["document"]
            if not supported(doc.get("language")):
                print(f"claimgraph: {notice(doc.get('path') or doc['id'], doc['language'])}",
                      file=sys.stderr)
        return records
    return run


def _pipeline(model: str | None) -> Callable[[list[Any]], list[dict[str, Any]]]:
    """claimgraph's extraction pipeline, imported (spaCy and all) on the first document that
    needs it: ingesting extraction records loads none of it."""
    extractor = None

    def run(docs: list[Any]) -> list[dict[str, Any]]:
        nonlocal extractor
        if extractor is None:
            from ..pipeline import PipelineExtractor

            extractor = PipelineExtractor(model)
        return extractor(docs)

    return run


def _as_failure(item: tuple[str, Any]) -> tuple[str, Any]:
    """``item``, with an extraction record that the store would refuse turned into the
    InputError it will meet, so the scan below can tell that it fails."""
    from ..store.records import RecordError, check

    label, value = item
    if isinstance(value, dict):
        try:
            check(value)
        except RecordError as exc:
            return label, InputError(label, str(exc))
    return item


def extractor_for(model: str | None, workers: int) -> Any:
    """The pipeline in this process, or a pool of ``workers`` processes."""
    if workers <= 1:
        return _pipeline(model)
    from ..runner import PoolExtractor

    return PoolExtractor(model, workers)


@contextmanager
def closing_extractor(extractor: Any) -> Iterator[Any]:
    """Stops a pool's worker processes when the ingest ends, however it ends."""
    try:
        yield extractor
    finally:
        close = getattr(extractor, "close", None)
        if close is not None:
            close()


def run_ingest(args: argparse.Namespace) -> int:
    # Imported here: `claimgraph --help` need not load spaCy and SQLAlchemy.
    from ..store import Ingester, IngestSummary, Store
    from ..store.inputs import count_items, ingest_items
    from ..store.repository import check_date

    check_date(args.date, "--date")
    if args.batch_size < 1:
        raise ClaimgraphError("--batch-size must be at least 1")
    if args.workers < 1:
        raise ClaimgraphError("--workers must be at least 1")
    total = count_items(args.paths)
    items = ingest_items(args.paths, args.publisher, args.date, args.url,
                         allow_private=args.allow_private)
    failures = []
    # Inputs that all fail must not touch the database (nor create it): it is opened only
    # once one input can be stored. A document that needs extraction counts as such.
    for item in items:
        failures.append(_as_failure(item))
        if not isinstance(failures[-1][1], InputError):
            break
    else:
        summary = IngestSummary()
        for label, error in failures:
            summary.fail(label, error.reason)
        _report(summary, args.json)
        return 1 if summary.failed else 0
    items = itertools.chain(failures, items)
    extractor = extractor_for(args.model, args.workers)
    with Store.open(args.db, write=True) as store, closing_extractor(extractor):
        ingester = Ingester(store, extract=_noticing(extractor), batch_size=args.batch_size)
        show = total is None or total >= PROGRESS_MIN
        try:
            with progress_bar(show, total=total, what="ingesting") as advance:

                def progress(n: int) -> None:
                    for _ in range(n):
                        advance()

                summary = ingester.run(items, progress=progress)
        except KeyboardInterrupt as exc:
            _report(getattr(exc, "summary", IngestSummary()), args.json, interrupted=True)
            raise
        if not args.no_build and summary.touched:
            try:
                with progress_bar(show, total=len(summary.touched),
                                  what="building stories") as advance:
                    ingester.build_touched(summary, progress=advance)
            except KeyboardInterrupt:
                # every document is stored; a story not built yet is built when it is read
                _report(summary, args.json, interrupted=True)
                raise
    _report(summary, args.json)
    return 1 if summary.failed else 0
