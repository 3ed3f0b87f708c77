"""``claimgraph serve``: the REST API and web UI over a database, with uvicorn."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from ..errors import ClaimgraphError
from .ingest import add_db_argument

READ_TOKEN_ENV = "CLAIMGRAPH_READ_TOKEN"
DEFAULT_WRITE_RATE = "60/min"  # claimgraph.web.ratelimit.DEFAULT_WRITE_RATE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="serve the web UI and REST API",
        description="Serve the web UI (/) and the REST API (/api/v1, OpenAPI at /docs) over a "
                    "database. Reads are open unless --read-token is given; writes (POST "
                    "/api/v1/documents) need a token from `claimgraph token create`.")
    add_db_argument(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--read-token", default=os.environ.get(READ_TOKEN_ENV), metavar="TOKEN",
                   help=f"require this token to read (default: ${READ_TOKEN_ENV}; none)")
    p.add_argument("--max-body-mb", type=float, default=5.0, metavar="MB",
                   help="largest request body accepted (default 5)")
    p.add_argument("--write-rate", default=DEFAULT_WRITE_RATE, metavar="N/min",
                   help="writes each API token may make, as N/s, N/min or N/hour, or 'off' "
                        f"(default {DEFAULT_WRITE_RATE}); over it the answer is 429")
    p.set_defaults(run=run_serve)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise ClaimgraphError(f"--port must be between 1 and 65535, not {args.port}")
    if args.max_body_mb <= 0:
        raise ClaimgraphError("--max-body-mb must be positive")
    if args.read_token is not None and not args.read_token.strip():
        raise ClaimgraphError("--read-token must not be empty")
    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.ratelimit import Rate
    except ImportError as exc:
        raise ClaimgraphError(f"serve needs the web extras ({exc.name} is missing): "
                              "pip install fastapi uvicorn jinja2 fastapi-offline") from None
    try:
        write_rate = None if args.write_rate.strip().lower() == "off" \
            else Rate.parse(args.write_rate)
    except ValueError as exc:
        raise ClaimgraphError(f"--write-rate: {exc}") from None
    app = create_app(args.db, read_token=args.read_token,
                     max_body=int(args.max_body_mb * 1024 * 1024), write_rate=write_rate)
    if not _loopback(args.host) and args.read_token is None:
        print(f"claimgraph: warning: reads are open to anyone who can reach {args.host}:"
              f"{args.port}; pass --read-token to close them", file=sys.stderr)
    state = app.state.web
    mode = "read-write" if state.writable else "read-only"
    print(f"claimgraph: serving {state.store.target.label} ({mode}) at "
          f"http://{args.host}:{args.port}/  (API: /api/v1, docs: /docs); writes per token: "
          f"{write_rate or 'no limit'}", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
