"""Export time against story size, and a whole-database table export's time and memory.

Builds stories of N documents the way ``story_size.py`` does (the bundled examples
re-published under other outlets and dates), then times each export of the built story:
STIX 2.1 bundle, MISP event, statements CSV, claims JSON Lines. With ``--db`` it also
streams every statement of that database to CSV and reports rows, seconds and peak Python
memory (tracemalloc).

Usage::

    python benchmarks/export_size.py [--sizes 100 1000] [--db claims.db]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import tracemalloc
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.story_size import EXAMPLES, story_records  # noqa: E402
from claimgraph.export import write_story  # noqa: E402
from claimgraph.export.tables import STATEMENT_COLUMNS, statement_rows, write_csv  # noqa: E402
from claimgraph.ingest import read_inputs  # noqa: E402
from claimgraph.link.story import build_story  # noqa: E402
from claimgraph.pipeline import PipelineExtractor  # noqa: E402
from claimgraph.store import Store  # noqa: E402

EXPORTS = [("stix", "statements"), ("misp", "statements"), ("csv", "statements"),
           ("jsonl", "claims")]


def time_story(records: list[dict]) -> str:
    story = build_story("S", records)
    parts = []
    for fmt, what in EXPORTS:
        out = io.StringIO()
        started = time.perf_counter()
        write_story(fmt, story, records, out, what=what)
        seconds = time.perf_counter() - started
        parts.append(f"{fmt} {seconds:.2f} s ({len(out.getvalue()) / 1e6:.1f} MB)")
    statements = sum(len(r["statements"]) for r in records)
    return (f"{len(records):6d} documents, {statements:6d} statements, "
            f"{len(story['claims'])} claims: " + ", ".join(parts))


def time_database(db: str) -> str:
    class Count(io.TextIOBase):
        size = 0

        def write(self, s: str) -> int:
            self.size += len(s)
            return len(s)

    out = Count()
    tracemalloc.start()
    started = time.perf_counter()
    with Store.open(db) as store:
        rows = write_csv(statement_rows(store.iter_records()), STATEMENT_COLUMNS, out)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (f"{db}: {rows} statement rows to CSV ({out.size / 1e6:.1f} MB) in {seconds:.1f} s, "
            f"peak Python memory {peak / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000],
                        help="story sizes to time (none: only --db)")
    parser.add_argument("--db", help="also stream every statement of this database to CSV")
    args = parser.parse_args(argv)
    if args.sizes:
        docs = [d for _label, d in read_inputs([str(EXAMPLES)])][:4]  # one story's documents
        base = PipelineExtractor()(docs)
        print(f"data: {len(base)} extracted documents of {EXAMPLES.name}, re-published")
        for n in args.sizes:
            print(time_story(story_records(base, n)))
    if args.db:
        print(time_database(args.db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
