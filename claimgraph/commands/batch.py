"""``claimgraph batch``: a backfill on Dask, into extraction-record shards for ``ingest``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import ClaimgraphError
from ..progress import progress_bar

TOP_REASONS = 5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="extract a large corpus on Dask into shards for ingest",
        description="Extract JSON Lines, WARC files (HTML responses) and folders on a Dask "
                    "cluster: a local one by default, or any dask.distributed scheduler. "
                    "Each partition becomes a shard of extraction records (DIR/*.jsonl) that "
                    "`claimgraph ingest DIR` loads. Finished partitions are skipped when run "
                    "again; failed documents are listed in DIR/failures.tsv.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, .warc(.gz), file or folder")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the shards")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="processes of the local cluster (default: one per CPU core)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="a dask.distributed scheduler, e.g. tcp://scheduler:8786 (inputs "
                            "and DIR must be at the same paths on every worker)")
    p.add_argument("--partition-size", type=int, default=200, metavar="N",
                   help="documents per partition and shard (default 200)")
    p.add_argument("--model", help="spaCy model (installed on every worker)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(run=run_batch_command)


def _log(line: str) -> None:
    print(f"claimgraph: {line}", file=sys.stderr, flush=True)


def run_batch_command(args: argparse.Namespace) -> int:
    import os

    # Imported here: `claimgraph --help` need not load Dask and spaCy.
    from ..batch.partitions import plan
    from ..batch.run import dask_client, run_batch

    if args.partition_size < 1:
        raise ClaimgraphError("--partition-size must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise ClaimgraphError("--workers must be at least 1")
    out = Path(args.out)
    work = plan(args.inputs, args.partition_size)
    for error in work.errors:
        _log(str(error))
    if not work.partitions:
        raise ClaimgraphError("no documents to extract in the inputs given")
    workers = args.workers or os.cpu_count() or 1
    with progress_bar(True, total=work.documents, what="documents") as advance:
        try:
            summary = run_batch(work, out, connect=lambda: dask_client(workers, args.scheduler),
                                partition_size=args.partition_size, model=args.model,
                                progress=advance, log=_log)
        except KeyboardInterrupt:
            _log(f"interrupted; finished shards are kept in {out}: run again to resume")
            raise
    if args.json:
        print(json.dumps(summary.to_dict()))
    else:
        print(summary.line())
        for reason, n in summary.reasons.most_common(TOP_REASONS):
            print(f"  {n:>6}  {reason}")
    return 1 if summary.failed or summary.partitions_failed else 0
