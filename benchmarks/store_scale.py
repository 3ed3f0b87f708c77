"""Store at scale: ingest, story assignment, size, and search/story latency on SQLite and PostgreSQL.

Builds N documents as variations of ../shared/datasets/bbc-news-2225: a sample of the
articles goes through the real extraction pipeline once (cached in --cache), and each
generated document is a copy of one extracted record with a new id, a new date spread
over a year, its digits shifted (same length, so every span stays valid) and a reference
line appended (so every text, and its content hash, is new). Copies of one article
land about N/2225 * 365/N days apart, so some of them fall into one story.

Then, per backend: ingest through ``Ingester`` (batches of --batch), build the stories
ingest touched (as ``claimgraph ingest`` does; not with --no-build), and time
``Store.search`` (statements + documents, 10 each) on queries drawn from the titles,
``Store.story`` on random stories and the first page of ``Store.stories``. With
``--existing PATH_OR_URL`` only the reads are timed, on a database this script made
before (the queries come from the same cached sample; an older schema is upgraded
first, so time a copy), and a change to search or story code is re-measured without
re-ingesting.

    python benchmarks/store_scale.py --n 20000 --pg-url postgresql://postgres@127.0.0.1:PORT/db
    python benchmarks/store_scale.py --existing /tmp/scale/bench-100000.db
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document
from claimgraph.store import Ingester, Store

BBC = DATASETS / "bbc-news-2225"
START = date(2024, 1, 1)
SHIFTS = [str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10)))
          for k in range(10)]


def articles() -> list[Document]:
    files = sorted(BBC.glob("*/*.txt"))
    if not files:
        sys.exit(f"no data in {BBC}")
    docs = []
    for f in files:
        text = f.read_bytes().decode("utf-8", errors="replace")
        title = text.split("\n", 1)[0].strip()
        docs.append(Document(text=text, title=title, publisher=f"BBC {f.parent.name}",
                             path=str(f.relative_to(BBC))))
    return docs


DOC_SECONDS = 20
BURST = 5
STORY_SECONDS = 60


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in this (main) thread after ``seconds``."""
    def expire(_signum: int, _frame: Any) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


SAID = re.compile(r"((?:[A-Z][\w'-]+ ){0,3}[A-Z][\w'-]+) (said|told|added|warned)\b")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def regex_record(d: Document) -> dict[str, Any]:
    """A stand-in extraction when the pipeline cannot run: "X said ..." sentences."""
    statements = []
    for m in SENTENCE.finditer(d.text):
        said = SAID.search(m.group())
        if not said:
            continue
        start, end = m.start(), m.end()
        statements.append({
            "id": f"s{len(statements) + 1}", "kind": "indirect",
            "speaker": {"name": said.group(1), "entity": None, "text": said.group(1),
                        "span": [start + said.start(1), start + said.end(1)]},
            "cue": {"text": said.group(2), "lemma": said.group(2), "stance": "neutral",
                    "span": [start + said.start(2), start + said.end(2)]},
            "content": {"text": m.group(), "spans": [[start, end]]},
            "said_on": None, "via": [], "quantities": [], "estimates": []})
    return {"document": {"id": d.id, "title": d.title, "publisher": d.publisher,
                         "published": None, "url": None, "path": d.path, "language": "en",
                         "text": d.text},
            "entities": [], "statements": statements, "citations": []}


def code_version() -> str:
    """A hash of the extraction code and its data files: a cached sample made by other
    code is made again."""
    root = Path(__file__).resolve().parents[1] / "claimgraph"
    digest = hashlib.sha256()
    for path in sorted([*(root / "extract").glob("*.py"), *(root / "data").rglob("*.json"),
                        root / "pipeline.py", root / "model.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sample_records(sample: int, cache: Path, model: str | None) -> tuple[list[dict[str, Any]], str]:
    """Extraction records of ``sample`` articles (cached), and how they were made."""
    version = code_version()
    if cache.exists():
        lines = cache.read_text(encoding="utf-8").splitlines()
        if len(lines) >= sample + 1:
            head = json.loads(lines[0])
            if head.get("version") == version:  # made by this extraction code
                return [json.loads(x) for x in lines[1:sample + 1]], head["how"]
    docs = articles()
    rng = random.Random(7)
    picked = sorted(rng.sample(range(len(docs)), min(sample, len(docs))))
    chosen = [docs[i] for i in picked]
    try:
        from claimgraph.pipeline import build, extract_one

        nlp = build(model)
        started = time.perf_counter()
        records, skipped = [], []
        for d in chosen:
            try:
                with _time_limit(DOC_SECONDS):
                    records.append(extract_one(nlp, d).to_dict())
            except TimeoutError:
                skipped.append(d.path)
        if skipped:
            print(f"warning: extraction took over {DOC_SECONDS} s, skipped: "
                  f"{', '.join(map(str, skipped))}", file=sys.stderr)
        how = (f"claimgraph pipeline on {len(records)} articles "
               f"({len(chosen) / (time.perf_counter() - started):.1f} docs/s"
               f"{f'; {len(skipped)} skipped as too slow' if skipped else ''})")
    except ClaimgraphError as exc:
        print(f"warning: pipeline unavailable ({exc}); using regex statements instead",
              file=sys.stderr)
        records = [regex_record(d) for d in chosen]
        how = (f"{len(chosen)} articles with REGEX statements, not the pipeline "
               "(it was unavailable)")
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"how": how, "version": version}) + "\n")
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records, how


def _shift_strings(value: Any, table: dict[int, int]) -> Any:
    """Shift digits in every string under ``value`` except ids and dates."""
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, list):
        return [_shift_strings(v, table) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "entity", "published", "said_on", "date", "path", "kind",
                              "approx", "scale", "stance")
                else _shift_strings(v, table) for k, v in value.items()}
    return value


def variants(base: list[dict[str, Any]], n: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """``n`` records: copies of ``base`` with new ids, dates, outlets, digits and a reference line.

    Copy k of an article is re-report ``k % BURST`` of burst ``k // BURST``: a burst's
    copies come from different outlets within two days, bursts are 26 days apart, so an
    article makes stories of about BURST documents rather than one year-long chain.
    """
    for i in range(n):
        b, k = i % len(base), i // len(base)
        burst, within = divmod(k, BURST)
        rec = _shift_strings(base[b], SHIFTS[burst % 10])
        doc = rec["document"]
        doc["text"] = doc["text"] + f"\n\nRef {i}."
        doc["id"] = f"bench-{i:07d}"
        doc["publisher"] = f"{doc.get('publisher') or 'Outlet'} {within + 1}"
        doc["published"] = (START + timedelta(days=(b * 7 + burst * 26 + within // 2) % 365)
                            ).isoformat()
        for st in rec["statements"]:
            st["said_on"] = None
        yield doc["id"], rec


def percentiles(samples: list[float]) -> tuple[float, float]:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return qs[49] * 1000, qs[94] * 1000


def timed(fn: Callable[[], Any], repeat: list[Any]) -> list[float]:
    out = []
    for arg in repeat:
        start = time.perf_counter()
        fn(arg)  # type: ignore[call-arg]
        out.append(time.perf_counter() - start)
    return out


def queries(base: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    words = [w for r in base for w in (r["document"]["title"] or "").split()
             if w.isalpha() and len(w) > 3]
    speakers = [s["speaker"]["name"] for r in base for s in r["statements"]
                if s.get("speaker", {}).get("name")]
    out = []
    for i in range(count):
        kind = i % 4
        if kind == 0:
            out.append(rng.choice(words))
        elif kind == 1:
            out.append(f"{rng.choice(words)} {rng.choice(words)}")
        elif kind == 2 and speakers:
            out.append(rng.choice(speakers))
        else:
            out.append(f"{rng.choice(words)} OR {rng.choice(words)}")
    return out


def _common_speaker(base: list[dict[str, Any]]) -> str:
    from collections import Counter

    names = Counter(s["speaker"]["name"] for r in base for s in r["statements"]
                    if s.get("speaker", {}).get("name"))
    return names.most_common(1)[0][0] if names else "minister"


def db_size(store: Store, target: str) -> int:
    if store.target.dialect == "sqlite":
        return sum(os.path.getsize(p) for p in (target, target + "-wal") if os.path.exists(p))
    with store.read() as conn:
        from sqlalchemy import text

        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def run_backend(name: str, target: str, base: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    with Store.open(target, write=True) as store:
        ingester = Ingester(store, batch_size=args.batch)
        print(f"{name}: ingesting {args.n} documents", file=sys.stderr, flush=True)
        done = 0

        def progress(k: int) -> None:
            nonlocal done
            done += k
            if done % 5000 < k:
                print(f"  {name}: {done}/{args.n} ingested", file=sys.stderr, flush=True)

        summary = ingester.run(variants(base, args.n), progress=progress)
        if not args.no_build:
            print(f"{name}: building {len(summary.touched)} stories", file=sys.stderr, flush=True)
            ingester.build_touched(summary)
        counts = store.counts()
        size = db_size(store, target)
        report_ingest(name, summary, counts, size, args.n)
        return {"backend": name, "summary": summary, "counts": counts, "size": size,
                **time_reads(store, base, args)}


def run_existing(target: str, base: list[dict[str, Any]],
                 args: argparse.Namespace) -> dict[str, Any]:
    """Time the reads of a database made before (by this script), without ingesting; an
    older schema is upgraded first, as ingest would."""
    with Store.open(target, write=True) as store:
        name = "SQLite" if store.target.dialect == "sqlite" else "PostgreSQL"
        counts = store.counts()
        size = db_size(store, target)
        print(f"{name} ({store.target.label}, existing):")
        print(f"  size: {size / 1e6:,.1f} MB for {counts['documents']} documents, "
              f"{counts['statements']} statements, {counts['entities']} entities", flush=True)
        return {"backend": name, "counts": counts, "size": size,
                **time_reads(store, base, args)}


def time_reads(store: Store, base: list[dict[str, Any]],
               args: argparse.Namespace) -> dict[str, Any]:
    """Latency of search (plain and with a speaker), story and the first page of stories."""
    rng = random.Random(11)
    qs = queries(base, args.queries, rng)
    search_times = timed(lambda q: store.search(q, limit=10), qs)
    speaker = _common_speaker(base)
    speaker_times = timed(lambda q: store.search(q, limit=10, speaker=speaker), qs[:50])
    sizes = {s["id"]: s["size"] for s in store.stories(limit=1000).items}
    picks = [rng.choice(sorted(sizes)) for _ in range(args.stories)] if sizes else []
    story_times, too_slow = [], 0
    for sid in picks:
        start = time.perf_counter()
        try:
            with _time_limit(STORY_SECONDS):
                store.story(sid)
        except TimeoutError:
            too_slow += 1
        story_times.append(time.perf_counter() - start)
    list_times = timed(lambda _: store.stories(limit=50), range(20))
    return {
        "search": percentiles(search_times), "search_speaker": percentiles(speaker_times),
        "story": percentiles(story_times) if story_times else None,
        "stories": percentiles(list_times),
        "story_sizes": sorted(sizes.values()), "story_timeouts": too_slow,
        "picked_sizes": sorted(sizes[p] for p in picks),
    }


def report_ingest(name: str, s: Any, counts: dict[str, int], size: int, n: int) -> None:
    print(f"{name}:")
    print(f"  ingest: {s.new} new, {s.unchanged} unchanged, {s.failed} failed in {s.seconds:.1f} s "
          f"= {n / s.seconds:,.0f} docs/s")
    print(f"  story assignment (fingerprint + candidates + assign): {s.story_seconds:.1f} s "
          f"= {n / max(s.story_seconds, 1e-9):,.0f} docs/s; {counts['stories']} stories "
          f"({s.joined_stories} documents joined an existing one)")
    if s.built:
        print(f"  stories built after ingest (as `claimgraph ingest` does): {s.built} in "
              f"{s.build_seconds:.1f} s")
    print(f"  size: {size / 1e6:,.1f} MB for {counts['documents']} documents, "
          f"{counts['statements']} statements, {counts['entities']} entities", flush=True)


def report(r: dict[str, Any], n: int) -> None:
    sizes, picked = r["story_sizes"], r["picked_sizes"]
    if sizes and picked:
        print(f"  stories (newest 1000): median size {statistics.median(sizes):.0f}, "
              f"largest {max(sizes)}; timed stories had sizes {picked[0]}..{picked[-1]}"
              + (f", {r['story_timeouts']} cut off at {STORY_SECONDS} s"
                 if r["story_timeouts"] else ""))
    for key, label in (("search", "search"), ("search_speaker", "search --speaker"),
                       ("story", "story"), ("stories", "stories (first page)")):
        if r[key] is None:
            continue
        p50, p95 = r[key]
        print(f"  {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    sys.stdout.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="documents to generate (default 100000)")
    ap.add_argument("--sample", type=int, default=400, help="articles run through the pipeline")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "claimgraph-bench" /
                    "bbc-sample.jsonl", help="where the extracted sample is kept between runs")
    ap.add_argument("--model", default=None)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg-url", default=os.environ.get("CLAIMGRAPH_BENCH_PG_URL")
                    or os.environ.get("CLAIMGRAPH_TEST_PG_URL"),
                    help="PostgreSQL server URL; a new database is made on it and dropped")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--stories", type=int, default=50, help="stories to time (0: none)")
    ap.add_argument("--no-build", action="store_true",
                    help="do not build the stories after ingest (each is built on its read)")
    ap.add_argument("--dir", type=Path, default=None, help="folder for the SQLite file")
    ap.add_argument("--existing", metavar="PATH_OR_URL", default=None,
                    help="time search and story reads on a database made before by this "
                         "script (same --sample and --cache), without ingesting")
    args = ap.parse_args()

    base, how = sample_records(args.sample, args.cache, args.model)
    if args.existing:
        print(f"data: queries drawn from {len(base)} BBC articles of {BBC} ({how})")
        report(run_existing(args.existing, base, args), args.n)
        return
    n_st = sum(len(r["statements"]) for r in base)
    print(f"data: {args.n} documents generated from {len(base)} BBC articles of {BBC} "
          f"({how}; {n_st / len(base):.1f} statements per article)")
    for backend in args.backends.split(","):
        if backend == "sqlite":
            folder = args.dir or Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
            target = str(folder / f"bench-{args.n}.db")
            for suffix in ("", "-wal", "-shm"):
                Path(target + suffix).unlink(missing_ok=True)
            report(run_backend("SQLite", target, base, args), args.n)
        elif backend == "postgresql":
            if not args.pg_url:
                print("PostgreSQL: skipped (no --pg-url or $CLAIMGRAPH_TEST_PG_URL)")
                continue
            import psycopg
            from sqlalchemy.engine import make_url

            name = f"claimgraph_bench_{uuid.uuid4().hex[:8]}"
            admin = make_url(args.pg_url).set(drivername="postgresql")
            with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as c:
                c.execute(f'CREATE DATABASE "{name}"')
            try:
                target = admin.set(database=name).render_as_string(hide_password=False)
                report(run_backend("PostgreSQL", target, base, args), args.n)
            finally:
                with psycopg.connect(admin.render_as_string(hide_password=False),
                                     autocommit=True) as c:
                    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
