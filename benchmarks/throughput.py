"""Throughput: full claimgraph extraction vs bare spaCy ``nlp.pipe`` of the same model.

Runs both over ../shared/datasets/bbc-news-2225 in one process and prints words per
second and their ratio. The articles are read as ``claimgraph extract`` reads text files:
the first line is the headline, which extraction reads as a text of its own
(``--no-titles`` leaves it out). Both sides are timed after start-up: loading the model,
building claimgraph's pipeline with what it loads on first use (``pipeline.warm_up``), and
each side's first pass over three of the articles are timed on their own and reported apart.

On a shared machine the load moves timings by a third within a minute, so the two sides
take turns on slices of 32 articles (bare first on one slice, full first on the next) and
each side's rate is its total over all slices: a change in load falls on both. The ratio
of CPU time is printed too (the process's own work, whatever else runs), and the load
average before and after. ``--rounds N`` repeats the whole and prints each round's ratio
and the median. ``--workers N`` runs N processes for both, each side over all articles at
once (their start-up is then inside the timings).
"""


from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import DATASETS  # noqa: E402

from claimgraph.ingest.readers import headline  # noqa: E402
from claimgraph.model import Document  # noqa: E402
from claimgraph.nlp import load_model  # noqa: E402
from claimgraph.pipeline import build, warm_up  # noqa: E402
from claimgraph.runner import run  # noqa: E402

WARM_UP = 3
SLICE = 32  # articles a side runs before the other takes its turn


def corpus(limit: int | None, titles: bool = False) -> list[Document]:
    files = sorted((DATASETS / "bbc-news-2225").glob("*/*.txt"))
    if limit:  # spread over every category, not the first folder in sort order
        files = files[::max(1, len(files) // limit)][:limit]
    if not files:
        sys.exit(f"no data in {DATASETS / 'bbc-news-2225'}")
    texts = [(f, f.read_text(encoding="utf-8", errors="replace")) for f in files]
    return [Document(text=text, path=str(f), title=headline(text) if titles else None)
            for f, text in texts]


def fresh(docs: list[Document]) -> list[Document]:
    """New Document values (extraction sets each one's language)."""
    return [Document(text=d.text, path=d.path, title=d.title) for d in docs]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(work) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="N articles (default: all)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=1, help="bare/full alternations (default 1)")
    ap.add_argument("--no-titles", action="store_true", help="do not read the headlines")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    docs = corpus(args.limit, titles=not args.no_titles)
    words = sum(len(d.text.split()) for d in docs)
    titled = sum(1 for d in docs if d.title)
    print(f"data: {len(docs)} articles, {words} words ({titled} headlines read) from "
          f"{DATASETS / 'bbc-news-2225'}; workers={args.workers}")
    print(f"load average before: {load()}")

    start = time.perf_counter()
    nlp = load_model(args.model)
    loaded = time.perf_counter() - start
    full_nlp = None
    if args.workers <= 1:
        start = time.perf_counter()
        full_nlp = build(args.model)
        warm_up(full_nlp)
        built = time.perf_counter() - start
        warm = fresh(docs[:WARM_UP])
        start = time.perf_counter()
        for _ in nlp.pipe((d.text for d in warm), batch_size=16):
            pass
        bare_warmed = time.perf_counter() - start
        start = time.perf_counter()
        for _ in run([(d.path, d) for d in warm], nlp=full_nlp):
            pass
        warmed = time.perf_counter() - start
        print(f"start-up (not in the rates): model {loaded:.1f}s, its first {len(warm)} "
              f"articles {bare_warmed:.1f}s; claimgraph pipeline {built:.1f}s (with its "
              f"warm-up), its first {len(warm)} articles {warmed:.1f}s")

    failed = [0]

    def bare(part: list[Document]) -> None:
        for _ in nlp.pipe((d.text for d in part), batch_size=16, n_process=args.workers):
            pass

    def full(part: list[Document]) -> None:
        results = run([(d.path, d) for d in fresh(part)], model=args.model,
                      workers=args.workers, nlp=full_nlp)
        failed[0] += sum(1 for _, r in results if not hasattr(r, "statements"))

    size = SLICE if args.workers <= 1 else len(docs)
    parts = [docs[i:i + size] for i in range(0, len(docs), size)]
    ratios, cpu_ratios = [], []
    for k in range(1, args.rounds + 1):
        totals = {bare: [0.0, 0.0], full: [0.0, 0.0]}
        failed[0] = 0
        for i, part in enumerate(parts):
            for side in ((bare, full) if i % 2 == 0 else (full, bare)):
                wall, cpu_time = timed(lambda: side(part))
                totals[side][0] += wall
                totals[side][1] += cpu_time
        (bare_wall, bare_cpu), (full_wall, full_cpu) = totals[bare], totals[full]
        ratios.append(bare_wall / full_wall)
        cpu_ratios.append(bare_cpu / full_cpu)
        cpu = f", CPU time {cpu_ratios[-1]:.2f}" if args.workers <= 1 else ""
        print(f"round {k}: bare spaCy ({nlp.meta['name']} {nlp.meta['version']}) "
              f"{words / bare_wall:,.0f} words/s; claimgraph extract {words / full_wall:,.0f} "
              f"words/s ({failed[0]} failed); ratio {ratios[-1]:.2f}{cpu}")
    cpu = f" (CPU time {statistics.median(cpu_ratios):.2f})" if args.workers <= 1 else ""
    spread = f", min {min(ratios):.2f}, max {max(ratios):.2f}" if len(ratios) > 1 else ""
    print(f"ratio: {statistics.median(ratios):.2f}{cpu}"
          f"{' median of ' + str(len(ratios)) + ' rounds' + spread if len(ratios) > 1 else ''}")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
