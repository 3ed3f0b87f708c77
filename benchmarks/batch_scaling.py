"""Batch scaling: ``claimgraph batch`` throughput on a LocalCluster of 1 and of 2 workers.

Writes a sample of ../shared/datasets/bbc-news-2225 (spread over its five categories) as
JSON Lines to a temporary folder, runs the backfill over it with each worker count (the
model loaded on every worker before the clock starts), and prints documents per second,
the scaling efficiency (docs/s with N workers over N times docs/s with one), the
per-document cost, shard bytes per document, worker memory and the machine's load.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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


def measure(source: Path, out: Path, workers: int, partition_size: int,
            model: str | None) -> dict[str, float]:
    from distributed import Client, LocalCluster

    load_before = os.getloadavg()[0]
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        summary = run_batch(plan([str(source)], partition_size), out,
                            connect=lambda: nullcontext(client),
                            partition_size=partition_size, model=model)
        memory = max(client.run(_rss).values())
    shard_bytes = sum(p.stat().st_size for p in out.glob("*.jsonl"))
    return {"workers": workers, "documents": summary.documents, "failed": summary.failed,
            "seconds": summary.seconds, "docs_per_s": summary.docs_per_second,
            "words_per_s": summary.words / summary.seconds,
            "shard_bytes_per_doc": shard_bytes / max(1, summary.records),
            "worker_rss_mb": memory / 2**20,
            "load_before": load_before, "load_after": os.getloadavg()[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=200, help="articles in the sample (default 200)")
    ap.add_argument("--partition-size", type=int, default=10)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    docs = sample(args.limit)
    words = sum(len(d["text"].split()) for d in docs)
    counts = [int(w) for w in args.workers.split(",")]
    print(f"data: {len(docs)} articles, {words} words from {DATASETS / 'bbc-news-2225'}; "
          f"partitions of {args.partition_size}; {os.cpu_count()} CPU cores, load average "
          f"{os.getloadavg()[0]:.2f} at start")
    results = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-batch-") as tmp:
        source = Path(tmp) / "sample.jsonl"
        source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        for workers in counts:
            started = time.perf_counter()
            r = measure(source, Path(tmp) / f"out-{workers}", workers, args.partition_size,
                        args.model)
            results.append(r)
            print(f"{workers} worker{'s' * (workers != 1)}: {r['docs_per_s']:.2f} docs/s "
                  f"({r['words_per_s']:,.0f} words/s; {r['documents']} documents in "
                  f"{r['seconds']:.1f} s, {r['failed']} failed; with cluster start "
                  f"{time.perf_counter() - started:.1f} s); per document "
                  f"{workers / r['docs_per_s']:.3f} worker-seconds; shards "
                  f"{r['shard_bytes_per_doc'] / 1024:.1f} KiB/doc; worker memory "
                  f"{r['worker_rss_mb']:.0f} MiB; load {r['load_before']:.2f} -> "
                  f"{r['load_after']:.2f}")
    base = results[0]
    for r in results[1:]:
        efficiency = r["docs_per_s"] / (r["workers"] / base["workers"] * base["docs_per_s"])
        print(f"scaling efficiency {base['workers']} -> {r['workers']} workers: "
              f"{efficiency:.2f} (speed-up {r['docs_per_s'] / base['docs_per_s']:.2f}x)")


if __name__ == "__main__":
    main()
