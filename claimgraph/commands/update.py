"""``claimgraph update compose``: an update from the ledger's judgements, to publish and store.

Stored (``--store``), the update is a document of the analyst's organisation: articles that
later re-report it join its story with the update as root, and drift is measured against
its wording.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..errors import ClaimgraphError
from .ingest import add_db_argument

if TYPE_CHECKING:
    from ..model import Document
    from ..store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("update", help="compose an update from assessments and watch its echo",
                       description=__doc__.split("\n\n")[0] if __doc__ else None)
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    compose = verbs.add_parser(
        "compose", help="write an update from assessments (Markdown or HTML)",
        description="Write the given assessments (default: every open one, oldest first) as an "
                    "update. With --store it is also stored as a document of --organisation, "
                    "so that re-reports of it are traced back to it.")
    compose.add_argument("ids", nargs="*", metavar="ID", help="assessment ids such as a3")
    compose.add_argument("--organisation", required=True, help="who publishes the update")
    compose.add_argument("--title", help="the update's title (default: '<organisation> update, "
                                         "<date>')")
    compose.add_argument("--date", help="its date, YYYY-MM-DD (default: today, UTC)")
    compose.add_argument("--format", choices=("md", "html"), default="md", dest="fmt",
                         help="output format (default md)")
    compose.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    compose.add_argument("--store", action="store_true",
                         help="also store the update as a document in --db")
    compose.add_argument("--model", help="spaCy model for --store")
    add_db_argument(compose)
    compose.set_defaults(run=run_compose)


def run_compose(args: argparse.Namespace) -> int:
    from ..assess.updates import as_document, compose
    from ..store import Store
    from ..store import assessments as ledger
    from ..assess.judgements import check_day

    date = check_day(args.date, "--date") or datetime.now(UTC).date().isoformat()
    title = args.title or f"{args.organisation} update, {date}"
    with Store.open(args.db, write=args.store) as store:
        if args.ids:
            chosen = [ledger.get(store, i) for i in args.ids]
        else:
            chosen = [ledger.get(store, item["id"]) for item in
                      reversed(ledger.listing(store, limit=200, resolved=False).items)]
        if not chosen:
            raise ClaimgraphError("no assessments to compose; add one with: claimgraph assess "
                                  f"add --db {args.db} --text ... --term ...")
        text = compose(chosen, title=title, organisation=args.organisation, date=date,
                       fmt=args.fmt)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as out:
                out.write(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        if args.store:
            _store(store, as_document(chosen, title=title, organisation=args.organisation,
                                      date=date), args.model)
    return 0


def _store(store: Store, document: Document, model: str | None) -> None:
    from ..pipeline import PipelineExtractor
    from ..store import Ingester

    summary = Ingester(store, extract=PipelineExtractor(model)).run([(document.id, document)])
    if summary.failed:
        raise ClaimgraphError(f"the update could not be stored: {summary.line()}")
    state = "stored" if summary.new else "already stored"
    print(f"update {document.id} {state} in {store.target.label}; re-reports of it join its "
          f"story (claimgraph stories --db {store.target.label})", file=sys.stderr)
