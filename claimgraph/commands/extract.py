"""``claimgraph extract``: attributed statements from documents."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import InputError
from ..language import notice, supported
from ..progress import progress_bar

PROGRESS_MIN = 4


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract statements, quantities, estimates, dates and citations",
                       description="Extract attributed statements from .txt, .html and .jsonl "
                                   "files, folders, web pages (http:// or https:// URLs) "
                                   "or - (stdin).")
    add_input_arguments(p)
    p.add_argument("--json", action="store_true", help="print JSON Lines (one object per document)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.set_defaults(run=run_extract)


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="file, folder, http(s) URL, or - for stdin")
    add_allow_private_argument(p)
    p.add_argument("--publisher", help="publisher for inputs that do not name one")
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for inputs that lack one")
    p.add_argument("--url", help="URL for inputs that lack one")
    p.add_argument("--model", help="spaCy model name (default: $CLAIMGRAPH_SPACY_MODEL or en_core_web_sm)")


def add_allow_private_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-private", action="store_true",
                   help="fetch URLs on private, loopback and link-local addresses too "
                        "(refused by default)")


def run_extract(args: argparse.Namespace) -> int:
    # Imported here: `claimgraph --help` need not load spaCy.
    from ..ingest import read_inputs
    from ..report import output_console, render
    from ..runner import run

    items = list(read_inputs(args.paths, args.publisher, args.date, args.url,
                             allow_private=args.allow_private))
    failed = 0
    out = sys.stdout
    console = output_console()
    with progress_bar(len(items) >= PROGRESS_MIN, total=len(items), what="documents") as advance:
        for label, result in run(items, model=args.model, workers=args.workers):
            advance()
            if isinstance(result, InputError):
                failed += 1
                print(f"claimgraph: {result}", file=sys.stderr)
                continue
            if not supported(result.document.language):
                print(f"claimgraph: {notice(label, result.document.language)}", file=sys.stderr)
            if args.json:
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
            else:
                render(result, console)
    if failed:
        print(f"claimgraph: {failed} of {len(items)} inputs failed", file=sys.stderr)
    return 1 if failed else 0
