"""``claimgraph alias``: say that two names are one source, so its statements share a root."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import ClaimgraphError
from .ingest import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "alias", help="name one source two ways (entity aliases)",
        description="Documents give their own aliases (\"Oskar Lind, the port's harbour "
                    "master\", a post's @handle), stored at ingest. Add your own when outlets "
                    "name one source differently: every story then merges them into one root.")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = verbs.add_parser("add", help="ALIAS names the same source as NAME")
    add.add_argument("alias", metavar="ALIAS", help='e.g. "the port chief"')
    add.add_argument("name", metavar="NAME", help='e.g. "Oskar Lind"')
    add.add_argument("--author", help="who says so (kept with the alias)")
    add_db_argument(add)
    add.set_defaults(run=run_add)
    listing = verbs.add_parser("list", help="list aliases, analysts' first")
    listing.add_argument("--name", help="only aliases of or to names containing this")
    listing.add_argument("--analyst", action="store_true", help="only analysts' aliases")
    listing.add_argument("--json", action="store_true", help="JSON Lines")
    add_db_argument(listing)
    listing.set_defaults(run=run_list)
    remove = verbs.add_parser("remove", help="remove an analyst's alias")
    remove.add_argument("alias", metavar="ALIAS")
    remove.add_argument("name", metavar="NAME")
    add_db_argument(remove)
    remove.set_defaults(run=run_remove)


def run_add(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db, write=True) as store:
        row = store.add_alias(args.alias, args.name, args.author)
    print(f"{row['alias']!r} = {row['name']!r}: stories in {store.target.label} now treat them "
          "as one source", file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db) as store:
        rows = store.aliases(args.name, args.analyst)
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            where = row["document"] or f"analyst {row['author'] or ''}".strip()
            print(f"{row['alias']}\t{row['name']}\t{row['kind']}\t{where}")
    if not rows:
        print("no aliases; add one with: claimgraph alias add ALIAS NAME --db DB", file=sys.stderr)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db, write=True) as store:
        n = store.remove_alias(args.alias, args.name)
    if not n:
        raise ClaimgraphError(f"no analyst alias {args.alias!r} = {args.name!r}; "
                              "see: claimgraph alias list --analyst --db DB")
    print(f"removed {args.alias!r} = {args.name!r}", file=sys.stderr)
    return 0
