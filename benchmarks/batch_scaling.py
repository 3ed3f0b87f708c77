"""Batch scaling: ``claimgraph batch`` throughput on a LocalCluster of 1 and of 2 workers.

Writes a sample of ../shared/datasets/bbc-news-2225 (spread over its five categories) as
JSON Lines to a temporary folder and runs the backfill over it with each worker count.
One-time start-up is timed apart from the work: starting the cluster, then every worker
loading its pipeline and what extraction loads on first use (``claimgraph batch`` does this
before it hands out partitions). The steady state is the time from the first partition
handed out to the last one done; the scaling efficiency is docs/s there with N workers
over N times docs/s with one.

On a shared machine the other processes' load decides how much of each core a worker
gets, so the benchmark also prints the workers' CPU seconds a document (the work itself:
the same with 1 and 2 workers when nothing is serialised or duplicated), how busy the
workers were (partition time over workers x wall time: below 1 from scheduling and the
last partitions finishing unevenly) and how much of a core each got while busy (its CPU
time over its partition time: below 1 when other processes hold the cores). ``--rounds N`` alternates the worker counts N times
(1, 2, 1, 2, ...) and prints the median efficiency; the load average is printed per run.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import DATASETS  # noqa: E402

from claimgraph.batch.partitions import plan  # noqa: E402
from claimgraph.batch.run import run_batch  # noqa: E402


def sample(limit: int) -> list[dict[str, str]]:
    files = sorted((DATASETS / "bbc-news-2225").glob("*/*.txt"))
    if not files:
        sys.exit(f"no data in {DATASETS / 'bbc-news-2225'}")
    files = files[::max(1, len(files) // limit)][:limit]
    return [{"text": f.read_bytes().decode("utf-8", errors="replace"), "publisher": "BBC News",
             "id": f"bbc/{f.parent.name}/{f.stem}"} for f in files]


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def _package() -> str:
    import claimgraph

    return str(Path(claimgraph.__file__).resolve().parent)


def measure(source: Path, out: Path, workers: int, partition_size: int,
            model: str | None) -> dict[str, float]:
    from distributed import Client, LocalCluster

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        cluster_start = time.perf_counter() - started
        packages = set(client.run(_package).values())
        if packages != {_package()}:
            sys.exit(f"the workers import claimgraph from {packages}, not {_package()}")
        summary = run_batch(plan([str(source)], partition_size), out,
                            connect=lambda: nullcontext(client),
                            partition_size=partition_size, model=model)
        memory = max(client.run(_rss).values())
    shard_bytes = sum(p.stat().st_size for p in out.glob("*.jsonl"))
    return {"workers": workers, "documents": summary.documents, "failed": summary.failed,
            "cluster_start": cluster_start, "startup": summary.startup_seconds,
            "seconds": summary.seconds, "docs_per_s": summary.docs_per_second,
            "words_per_s": summary.words / summary.seconds,
            "cpu_per_doc": summary.cpu_seconds / max(1, summary.documents),
            "busy": summary.busy_seconds / (workers * summary.seconds),
            "core_share": summary.cpu_seconds / summary.busy_seconds,
            "shard_bytes_per_doc": shard_bytes / max(1, summary.records),
            "worker_rss_mb": memory / 2**20,
            "load_before": load_before, "load_after": os.getloadavg()[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=200, help="articles in the sample (default 200)")
    ap.add_argument("--partition-size", type=int, default=10)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    ap.add_argument("--rounds", type=int, default=1, help="alternations of the worker counts")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    docs = sample(args.limit)
    words = sum(len(d["text"].split()) for d in docs)
    counts = [int(w) for w in args.workers.split(",")]
    print(f"data: {len(docs)} articles, {words} words from {DATASETS / 'bbc-news-2225'}; "
          f"partitions of {args.partition_size}; {os.cpu_count()} CPU cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start")
    rounds: list[list[dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-batch-") as tmp:
        source = Path(tmp) / "sample.jsonl"
        source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        for k in range(1, args.rounds + 1):
            results = []
            for workers in counts:
                r = measure(source, Path(tmp) / f"out-{k}-{workers}", workers,
                            args.partition_size, args.model)
                results.append(r)
                print(f"round {k}, {workers} worker{'s' * (workers != 1)}: start-up "
                      f"{r['cluster_start']:.1f} s cluster + {r['startup']:.1f} s pipelines; "
                      f"steady state {r['docs_per_s']:.2f} docs/s ({r['words_per_s']:,.0f} "
                      f"words/s; {r['documents']} documents in {r['seconds']:.1f} s, "
                      f"{r['failed']} failed); {r['cpu_per_doc']:.3f} CPU-s/doc; workers "
                      f"busy {r['busy']:.2f}, with {r['core_share']:.2f} of a core each; shards {r['shard_bytes_per_doc'] / 1024:.1f} "
                      f"KiB/doc; worker memory {r['worker_rss_mb']:.0f} MiB; load "
                      f"{r['load_before']:.2f} -> {r['load_after']:.2f}")
            rounds.append(results)
            base = results[0]
            for r in results[1:]:
                print(f"round {k}: scaling efficiency {base['workers']} -> {r['workers']} "
                      f"workers {efficiency(base, r):.2f} (speed-up "
                      f"{r['docs_per_s'] / base['docs_per_s']:.2f}x; CPU-s/doc "
                      f"{base['cpu_per_doc']:.3f} -> {r['cpu_per_doc']:.3f})")
    for i in range(1, len(counts)):
        values = [efficiency(results[0], results[i]) for results in rounds]
        print(f"scaling efficiency {counts[0]} -> {counts[i]} workers: "
              f"{statistics.median(values):.2f}"
              + (f" (median of {len(values)} rounds: "
                 f"{', '.join(f'{v:.2f}' for v in values)})" if len(values) > 1 else ""))
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def efficiency(base: dict[str, float], r: dict[str, float]) -> float:
    return r["docs_per_s"] / (r["workers"] / base["workers"] * base["docs_per_s"])


if __name__ == "__main__":
    main()
