"""Web latency: p50/p95 of the pages and API lists over real HTTP on 127.0.0.1.

Serves a database with ``claimgraph serve`` in its own process and times a bounded
number of GET requests per endpoint from one keep-alive client (no If-None-Match, so
every request builds its response). The database is either one you name (``--db``,
e.g. the ``bench-N.db`` that ``benchmarks/store_scale.py --backends sqlite --dir DIR``
leaves) or one generated here with ``--n`` the way store_scale.py makes it: BBC articles
(../shared/datasets/bbc-news-2225) through the pipeline once, then copied with new ids,
dates and digits.

    python benchmarks/web.py --n 5000
    python benchmarks/web.py --db /tmp/bench/bench-20000.db --requests 200
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_P95_MS = 150.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def generate(n: int, sample: int, cache: Path, folder: Path) -> tuple[Path, str]:
    """A SQLite database of ``n`` documents made as store_scale.py makes them."""
    from store_scale import BBC, sample_records, variants

    from claimgraph.store import Ingester, Store

    base, how = sample_records(sample, cache, None)
    path = folder / f"web-bench-{n}.db"
    started = time.perf_counter()
    with Store.open(path, write=True) as store:
        summary = Ingester(store, batch_size=500).run(variants(base, n))
    print(f"generated {summary.new} documents in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return path, f"{n} documents generated from {len(base)} articles of {BBC} ({how})"


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "claimgraph.cli", "serve", "--db", str(db),
                             "--port", str(port)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            sys.exit(f"the server exited: {err.strip()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not start within 60 s")


def percentiles(samples: list[float]) -> tuple[float, float]:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return qs[49] * 1000, qs[94] * 1000


def pick(values: list[Any], count: int, rng: random.Random) -> list[Any]:
    return [rng.choice(values) for _ in range(count)] if values else []


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--db", type=Path, help="an existing claimgraph SQLite database")
    src.add_argument("--n", type=int, help="generate a database of N documents first")
    ap.add_argument("--sample", type=int, default=400, help="articles run through the pipeline")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) /
                    "claimgraph-bench" / "bbc-sample.jsonl")
    ap.add_argument("--dir", type=Path, default=None, help="folder for a generated database")
    ap.add_argument("--requests", type=int, default=100, help="requests per endpoint (default 100)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--slow-timeout", type=float, default=600,
                    help="seconds to wait for one response, e.g. a very large story (default 600)")
    args = ap.parse_args()
    if args.requests < 5:
        sys.exit("--requests must be at least 5")

    if args.db:
        if not args.db.exists():
            sys.exit(f"no database at {args.db}")
        db, data = args.db, f"{args.db}"
    else:
        db, data = generate(args.n, args.sample, args.cache,
                            args.dir or Path(tempfile.mkdtemp(prefix="claimgraph-web-")))
    rng = random.Random(args.seed)
    port = free_port()
    proc = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    results: list[tuple[str, float, float, float, int]] = []
    worst: tuple[int, float] | None = None
    worst_cached = 0.0
    try:
        with httpx.Client(base_url=base, timeout=args.slow_timeout) as client:
            index = client.get("/api/v1").json()["counts"]
            print(f"data: {data}: {index['documents']} documents, {index['statements']} "
                  f"statements, {index['stories']} stories")
            stories = client.get("/api/v1/stories", params={"limit": 1000, "min_size": 2}) \
                .json()["items"] or client.get("/api/v1/stories", params={"limit": 1000}) \
                .json()["items"]
            docs = client.get("/api/v1/documents", params={"limit": 1000}).json()["items"]
            speakers = client.get("/api/v1/speakers", params={"limit": 200}).json()["items"]
            words = [w for d in docs for w in (d["title"] or "").split()
                     if w.isalpha() and len(w) > 3] or ["said"]
            cursor = client.get("/api/v1/statements", params={"limit": 50}).json()["next"]
            n = args.requests

            def urls(make: Callable[[Any], str], values: list[Any]) -> list[str]:
                return [make(v) for v in pick(values, n, rng)]

            # The server keeps built stories; the page and the API get different stories,
            # each at most once where there are enough, so both time real builds.
            shuffled = rng.sample(stories, len(stories))
            page_stories = shuffled[:n] if len(shuffled) >= 2 * n else pick(stories, n, rng)
            api_stories = shuffled[n:2 * n] if len(shuffled) >= 2 * n else pick(stories, n, rng)

            plan = {
                "page /search?q=": urls(lambda w: f"/search?q={quote(w)}", words),
                "page /documents/ID": urls(lambda d: f"/documents/{quote(d['id'])}", docs),
                "page /stories/ID": [f"/stories/{quote(s['id'])}" for s in page_stories],
                "page /speakers/NAME": urls(lambda s: f"/speakers/{quote(s['name'])}",
                                            speakers),
                "api /search?q=": urls(lambda w: f"/api/v1/search?q={quote(w)}", words),
                "api /search/facets?q=": urls(lambda w: f"/api/v1/search/facets?q={quote(w)}",
                                              words),
                "api /documents/ID": urls(lambda d: f"/api/v1/documents/{quote(d['id'])}", docs),
                "api /stories/ID": [f"/api/v1/stories/{quote(s['id'])}" for s in api_stories],
                "api /documents": ["/api/v1/documents?limit=50"] * n,
                "api /statements": ["/api/v1/statements?limit=50"] * n,
                "api /statements (page 2)": [f"/api/v1/statements?limit=50&cursor={cursor}"]
                * (n if cursor else 0),
                "api /statements?kind&has_estimate": [
                    "/api/v1/statements?kind=indirect&has_estimate=true&limit=50"] * n,
                "api /entities": ["/api/v1/entities?limit=50"] * n,
                "api /speakers": ["/api/v1/speakers?limit=50"] * n,
                "api /stories": ["/api/v1/stories?limit=50"] * n,
            }
            for name, todo in plan.items():
                if not todo:
                    continue
                client.get(todo[-1])  # warm up the route and its templates, then time the rest
                times, failed = [], 0
                for url in todo[:-1]:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - start)
                    failed += response.status_code >= 400
                p50, p95 = percentiles(times)
                results.append((name, p50, p95, max(times) * 1000, failed))
            # A conditional GET of the costliest page.
            story_url = plan["page /stories/ID"][0]
            etag = client.get(story_url).headers["etag"]
            times = []
            for _ in range(n):
                start = time.perf_counter()
                assert client.get(story_url, headers={"If-None-Match": etag}).status_code == 304
                times.append(time.perf_counter() - start)
            results.append(("page /stories/ID (304)", *percentiles(times), max(times) * 1000, 0))
            # The worst case a visitor can ask for: the story with the most documents, built
            # once (the server caches built stories until a document is added).
            largest = max(stories, key=lambda s: s["size"]) if stories else None
            if largest is not None:
                start = time.perf_counter()
                client.get(f"/stories/{quote(largest['id'])}", timeout=args.slow_timeout)
                worst = (largest["size"], time.perf_counter() - start)
                start = time.perf_counter()
                client.get(f"/api/v1/stories/{quote(largest['id'])}", timeout=args.slow_timeout)
                worst_cached = time.perf_counter() - start
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:  # a request still building a story
            proc.kill()
            proc.wait()

    print(f"{args.requests - 1} timed GET requests per endpoint (after one warm-up) over HTTP "
          "on 127.0.0.1, one client:")
    width = max(len(r[0]) for r in results)
    slow = []
    for name, p50, p95, worst_ms, failed in results:
        flag = "" if p95 < TARGET_P95_MS else f"  over the {TARGET_P95_MS:.0f} ms target"
        errors = f"  ({failed} errors)" if failed else ""
        print(f"  {name:<{width}}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {worst_ms:9,.1f} ms"
              f"{errors}{flag}")
        if flag:
            slow.append(name)
    print(f"p95 target {TARGET_P95_MS:.0f} ms: " + ("met by every endpoint" if not slow
                                                    else f"missed by {', '.join(slow)}"))
    if worst is not None:
        print(f"largest story ({worst[0]} documents): page built in {worst[1] * 1000:,.0f} ms; "
              f"its JSON twin from the cache in {worst_cached * 1000:,.0f} ms")


if __name__ == "__main__":
    main()
