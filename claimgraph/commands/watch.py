"""``claimgraph watch``: store new items of RSS and Atom feeds, round after round."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from datetime import UTC, datetime
from types import FrameType

from .extract import add_allow_private_argument
from .ingest import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "watch", help="store new items of RSS and Atom feeds as they appear",
        description="Read each feed every --every (default 10m), fetch the page of each "
                    "item not seen before (or take the item's own text when the feed carries "
                    "the whole article), extract and store it. Items already handled are "
                    "remembered in the database. Feed and network errors are one line each "
                    "and tried again next round; Ctrl-C stops.")
    p.add_argument("feeds", nargs="+", metavar="FEED_URL", help="RSS or Atom feed URL")
    add_db_argument(p)
    p.add_argument("--every", default="10m", metavar="DURATION",
                   help="time between rounds: 90s, 10m, 1h (default 10m)")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    add_allow_private_argument(p)
    p.add_argument("--model", help="spaCy model for extraction")
    p.add_argument("--json", action="store_true", help="one JSON line per feed and round")
    p.set_defaults(run=run_watch)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # `kill` (SIGTERM) stops like Ctrl-C: the batch in flight rolls back


def _log(line: str) -> None:
    print(f"claimgraph: {line}", file=sys.stderr, flush=True)


def run_watch(args: argparse.Namespace) -> int:
    # Imported here: `claimgraph --help` need not load feedparser, httpx and SQLAlchemy.
    from .. import pipeline
    from ..errors import ClaimgraphError
    from ..ingest.readers import is_url
    from ..store import Store
    from ..watcher import Watcher, parse_every

    every = parse_every(args.every)
    for url in args.feeds:
        if not is_url(url):
            raise ClaimgraphError(f"{url!r} is not a feed URL (http:// or https://)")
    # Only the main thread may set a handler (an embedding program may call this elsewhere).
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if main_thread else None
    rounds = 0
    failed = False
    try:
        with Store.open(args.db, write=True) as store:
            watcher = Watcher(store, pipeline.PipelineExtractor(args.model),
                              allow_private=args.allow_private, log=_log, once=args.once)
            try:
                while True:
                    started = time.monotonic()
                    stamp = datetime.now(UTC).isoformat(timespec="seconds")
                    for result in watcher.round(args.feeds):
                        failed = failed or not result.ok
                        if args.json:
                            print(json.dumps({"time": stamp, **result.to_dict()}), flush=True)
                        elif result.error:
                            _log(result.line(watcher.retry_note))
                        else:
                            print(f"{stamp} {result.line(watcher.retry_note)}", flush=True)
                    rounds += 1
                    if args.once:
                        break
                    time.sleep(max(0.0, every - (time.monotonic() - started)))
            finally:
                watcher.close()
    except KeyboardInterrupt:
        _log(f"watch stopped after {rounds} round{'s' * (rounds != 1)}")
        return 0
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    return 1 if failed else 0
