"""``claimgraph token``: make, list and revoke the API tokens of ``serve``, each with a scope."""

from __future__ import annotations

import argparse
import sys

from ..errors import ClaimgraphError
from .ingest import add_db_argument

# Spelled out here (claimgraph.store.tokens.SCOPES) so that `--help` need not load SQLAlchemy.
SCOPES = ("read", "write", "admin")
DEFAULT_SCOPE = "write"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "token", help="manage API tokens for `claimgraph serve`",
        description="API tokens let a client use `claimgraph serve`: a read token reads (when "
                    "the server needs a token to read), a write token also POSTs documents, an "
                    "admin token also manages tokens through the API. The database keeps only "
                    "a hash of each token: copy it when it is shown.")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    create = verbs.add_parser("create", help="make a token and print it once")
    create.add_argument("--name", default="default",
                        help="a label for the token (default: default)")
    create.add_argument("--scope", choices=SCOPES, default=DEFAULT_SCOPE,
                        help=f"what the token may do (default: {DEFAULT_SCOPE})")
    add_db_argument(create)
    create.set_defaults(run=run_create)
    listing = verbs.add_parser("list", help="list token names (never the tokens)")
    add_db_argument(listing)
    listing.set_defaults(run=run_list)
    revoke = verbs.add_parser("revoke", help="delete every token with this name")
    revoke.add_argument("name", metavar="NAME")
    add_db_argument(revoke)
    revoke.set_defaults(run=run_revoke)


def run_create(args: argparse.Namespace) -> int:
    if not args.name.strip():
        raise ClaimgraphError("--name must not be empty")
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy
    from ..store import tokens

    with Store.open(args.db, write=True) as store, store.write() as conn:
        new = tokens.create(conn, args.name.strip(), args.scope)
    print(new.token)
    print(f"{new.scope} token {new.name!r} stored in {store.target.label}; it is shown only "
          "this once. "
          "Send it as: Authorization: Bearer TOKEN", file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy
    from ..store import tokens

    with Store.open(args.db) as store:
        found = tokens.listing(store.engine)
    for token in found:
        print(f"{token.name}\t{token.scope}\t{token.created_at}")
    if not found:
        print("no tokens; make one with: claimgraph token create --db DB", file=sys.stderr)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy
    from ..store import tokens

    with Store.open(args.db, write=True) as store, store.write() as conn:
        n = tokens.revoke(conn, args.name)
    if not n:
        raise ClaimgraphError(f"no token named {args.name!r}; see: claimgraph token list --db DB")
    print(f"revoked {n} token(s) named {args.name!r}", file=sys.stderr)
    return 0
