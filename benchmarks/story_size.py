"""Story detail time against story size: one real-sized story built from re-reports.

Extracts the bundled examples (a ministry update and its re-reports) once, then makes
stories of N documents by re-publishing them under other outlets and dates, and times
:func:`claimgraph.link.story.build_story` on each. Prints documents, statements, claims,
drift findings and seconds per size, wall clock and CPU (on a shared machine the CPU
time is the steadier of the two).

Usage::

    python benchmarks/story_size.py [--sizes 100 1000 3000]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimgraph.ingest import read_inputs  # noqa: E402
from claimgraph.link.story import build_story  # noqa: E402
from claimgraph.pipeline import PipelineExtractor  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "claimgraph" / "examples" / "defence-update.jsonl"


def story_records(base: list[dict], n: int) -> list[dict]:
    """``n`` records: the base ones again and again, under 37 outlets over a week."""
    out = []
    for i in range(n):
        record = copy.deepcopy(base[i % len(base)])
        doc = record["document"]
        doc["id"] = f"d{i}"
        if i >= len(base):
            doc["publisher"] = f"Outlet {i % 37}"
        doc["published"] = f"2024-03-{5 + (i * 7) // n:02d}"
        out.append(record)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    args = parser.parse_args(argv)
    docs = [d for _label, d in read_inputs([str(EXAMPLES)])][:4]  # one story's documents
    base = PipelineExtractor()(docs)
    print(f"data: {len(base)} extracted documents of {EXAMPLES.name}, re-published")
    for n in args.sizes:
        records = story_records(base, n)
        started, cpu = time.perf_counter(), time.process_time()
        story = build_story("S", records)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        statements = sum(len(r["statements"]) for r in records)
        print(f"{n:6d} documents, {statements:6d} statements, {len(story['claims'])} claims, "
              f"{len(story['drift'])} drift findings: {seconds:.2f} s ({cpu:.2f} s of CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
