"""Crash and concurrency scenarios for ``claimgraph ingest`` on SQLite, with their numbers.

1. **kill -9**: ``claimgraph ingest`` of N extraction records (JSON Lines, so no spaCy
   model is loaded) is killed with SIGKILL once some documents are committed; the
   database must open, hold only whole documents (each with all its statements, each in a
   story whose size counts it), and a second ``ingest`` of the same file must store the
   rest, every document exactly once.
2. **concurrent ingests**: P processes ingest overlapping slices of the records into one
   new SQLite file at the same time; none may fail, nothing may be stored twice, and
   every document must be there.

    python benchmarks/reliability.py                  # 3,000 documents, 3 processes
    python benchmarks/reliability.py --docs 10000 --processes 4 --kills 3

The records are invented: 2-3 statements each, re-reports of 40 events (which share places
and people, so the linker groups them into fewer stories), so story assignment runs with
real candidates. ``tests/commands/test_ingest_reliability.py`` runs
the same scenarios at a small size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: this checkout's claimgraph, not an installed one
    sys.path.insert(0, str(ROOT))

PEOPLE = ["Mirek Danov", "Oskar Lind", "Ana Petrova", "Ivo Lane", "Sara Holm", "Tomas Berg",
          "Lena Voss", "Pavel Kral", "Nina Sorin", "Erik Dahl"]
ROLES = ["governor", "harbour master", "defence minister", "mayor", "police chief"]
PLACES = ["Vostrel", "Oderburg", "Karven", "Selva", "Marrow Bay", "Tesk", "Halden", "Brask"]
THINGS = ["reservists", "containers", "homes", "workers", "ships", "refugees", "soldiers"]
OUTLETS = ["Daily Herald", "Port Gazette", "Wire Service", "Coast Watch", "Evening Post",
           "Radio North", "The Courier"]
VERBS = ["said", "claimed", "told reporters", "confirmed", "announced"]


def make_records(n: int, seed: int = 0, stories: int = 40) -> list[dict[str, Any]]:
    """``n`` extraction records (DESIGN section 4), re-reports of ``stories`` events."""
    rng = random.Random(seed)
    events = []
    for k in range(stories):
        events.append({
            "person": rng.choice(PEOPLE), "role": rng.choice(ROLES), "place": rng.choice(PLACES),
            "thing": rng.choice(THINGS), "count": rng.randrange(100, 90_000),
            "day": 1 + k % 28, "month": 1 + (k // 28) % 12})
    records = []
    for i in range(n):
        ev = events[i % stories]
        outlet = OUTLETS[i % len(OUTLETS)]
        verb = rng.choice(VERBS)
        first = (f"{ev['count']:,} {ev['thing']} had been moved out of {ev['place']} "
                 f"since the start of the month")
        second = f"more help would reach {ev['place']} within days"
        third = f"the figure for {ev['place']} could still rise"
        text = (f"{ev['place']} ({outlet}) - {ev['role'].capitalize()} {ev['person']} {verb} on "
                f"Tuesday that {first}. {ev['person']} also said {second}. Officials in "
                f"{ev['place']} said {third}. (report {i})")
        statements = [_statement("s1", ev["person"], verb.split()[0], first, text),
                      _statement("s2", ev["person"], "said", second, text)]
        if i % 3 == 0:
            statements.append(_statement("s3", "officials", "said", third, text))
        records.append({
            "document": {"id": f"rel-{i:06d}",
                         "title": f"{ev['place']}: {ev['count']:,} {ev['thing']} moved",
                         "publisher": outlet,
                         "published": f"2024-{ev['month']:02d}-{ev['day']:02d}",
                         "url": None, "path": None, "language": "en", "text": text},
            "entities": [{"id": "e1", "name": ev["person"], "type": "PERSON", "aliases": [],
                          "roles": [ev["role"]], "mentions": []}],
            "statements": statements, "citations": []})
    return records


def _statement(sid: str, speaker: str, cue: str, content: str, text: str) -> dict[str, Any]:
    start = text.find(content)
    return {"id": sid, "kind": "indirect",
            "speaker": {"name": speaker, "entity": None, "text": speaker, "span": None},
            "cue": {"text": cue, "lemma": cue, "stance": "neutral", "span": None},
            "content": {"text": content, "spans": [[start, start + len(content)]]},
            "said_on": None, "via": [], "quantities": [], "estimates": []}


def write_jsonl(records: Sequence[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def ingest_command(paths: Sequence[Path], db: Path, batch_size: int) -> list[str]:
    """``claimgraph ingest`` as a command line, run with this checkout's package."""
    return [sys.executable, "-m", "claimgraph.cli", "ingest", *map(str, paths), "--db", str(db),
            "--batch-size", str(batch_size), "--json"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def start_ingest(paths: Sequence[Path], db: Path, batch_size: int) -> subprocess.Popen[str]:
    return subprocess.Popen(ingest_command(paths, db, batch_size), cwd=ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored_documents(db: Path) -> int:
    """How many documents ``db`` holds now (0 while it does not exist or has no tables)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@dataclass
class Check:
    """What a database holds and what is wrong with it (``problems`` empty when whole)."""

    documents: int = 0
    statements: int = 0
    stories: int = 0
    problems: list[str] = field(default_factory=list)


def check_database(db: Path, records: Sequence[dict[str, Any]] | None = None) -> Check:
    """Open ``db`` as claimgraph does and check that it holds whole documents only.

    Every document has all its statements (as many rows as ``n_statements`` and, given
    ``records``, as its record), a story that exists and whose size counts it; no
    statement, entity or band key points at a missing document; SQLite's own integrity
    check passes; the store opens it and lists its stories.
    """
    from claimgraph.store import Store

    out = Check()
    expected = {r["document"]["id"]: len(r["statements"]) for r in records or []}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        q = conn.execute
        if (status := q("PRAGMA integrity_check").fetchone()[0]) != "ok":
            out.problems.append(f"integrity check: {status}")
        out.documents = q("SELECT count(*) FROM documents").fetchone()[0]
        out.statements = q("SELECT count(*) FROM statements").fetchone()[0]
        out.stories = q("SELECT count(*) FROM stories").fetchone()[0]
        for doc_id, n, rows in q("SELECT d.id, d.n_statements, (SELECT count(*) FROM statements s "
                                 "WHERE s.doc_pk = d.pk) FROM documents d"):
            if n != rows or (expected and expected.get(doc_id) != rows):
                out.problems.append(f"document {doc_id}: {rows} statements stored, "
                                    f"{expected.get(doc_id, n)} expected")
        for table in ("statements", "entities", "band_keys"):
            orphans = q(f"SELECT count(*) FROM {table} WHERE doc_pk NOT IN "
                        "(SELECT pk FROM documents)").fetchone()[0]
            if orphans:
                out.problems.append(f"{orphans} {table} rows without their document")
        missing = q("SELECT count(*) FROM documents WHERE story_id IS NULL OR story_id NOT IN "
                    "(SELECT id FROM stories)").fetchone()[0]
        if missing:
            out.problems.append(f"{missing} documents without a stored story")
        for story, size, counted in q("SELECT s.id, s.size, (SELECT count(*) FROM documents d "
                                      "WHERE d.story_id = s.id) FROM stories s"):
            if size != counted:
                out.problems.append(f"story {story}: size {size}, {counted} documents")
        twice = q("SELECT count(*) FROM (SELECT content_hash FROM documents GROUP BY "
                  "content_hash HAVING count(*) > 1)").fetchone()[0]
        if twice:
            out.problems.append(f"{twice} texts stored more than once")
    with Store.open(db) as store:
        if store.counts()["documents"] != out.documents:
            out.problems.append("the store counts other documents than SQLite does")
        store.stories(limit=5)
    return out


@dataclass
class KillRun:
    killed_at: int  # documents committed when the kill was sent
    after_kill: Check
    rerun_seconds: float
    rerun: dict[str, Any]  # the second ingest's --json summary
    final: Check


def kill_scenario(folder: Path, records: Sequence[dict[str, Any]], *, kill_after: int,
                  batch_size: int = 10, timeout: float = 120.0) -> KillRun:
    """Ingest ``records``, SIGKILL the process once ``kill_after`` documents are stored,
    check the database, then ingest again and check that everything is there once."""
    source = write_jsonl(records, folder / "records.jsonl")
    db = folder / "killed.db"
    proc = start_ingest([source], db, batch_size)
    deadline = time.monotonic() + timeout
    stored = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            stored = stored_documents(db)
            if stored >= kill_after:
                break
            time.sleep(0.02)
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise RuntimeError(f"ingest ended (code {proc.returncode}) before it could be "
                               f"killed, at {stored} documents: {err.strip()[-500:]}")
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None and time.monotonic() >= deadline:
            proc.kill()
        proc.communicate()
    if proc.returncode != -signal.SIGKILL:
        raise RuntimeError(f"ingest was not killed (code {proc.returncode})")
    after_kill = check_database(db, records)
    started = time.perf_counter()
    rerun = subprocess.run(ingest_command([source], db, batch_size), cwd=ROOT, env=_env(),
                           capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - started
    if rerun.returncode != 0:
        raise RuntimeError(f"the second ingest failed (code {rerun.returncode}): "
                           f"{rerun.stderr.strip()[-500:]}")
    return KillRun(stored, after_kill, seconds, json.loads(rerun.stdout.splitlines()[-1]),
                   check_database(db, records))


@dataclass
class ConcurrentRun:
    returncodes: list[int]
    stderr: list[str]
    summaries: list[dict[str, Any]]
    seconds: float
    final: Check


def overlapping_slices(records: Sequence[dict[str, Any]], processes: int,
                       overlap: float = 0.5) -> list[list[dict[str, Any]]]:
    """``processes`` slices covering ``records``, each also holding ``overlap`` of the next
    slice's records, in its own order (some reversed), so writers race over the same texts."""
    n = len(records)
    size = -(-n // processes)
    slices = []
    for p in range(processes):
        start, end = p * size, min(n, (p + 1) * size)
        extra = records[end:end + int(size * overlap)] if p + 1 < processes \
            else records[:int(size * overlap)]
        part = list(records[start:end]) + list(extra)
        slices.append(part[::-1] if p % 2 else part)
    return slices


def concurrent_scenario(folder: Path, records: Sequence[dict[str, Any]], *, processes: int,
                        batch_size: int = 20, timeout: float = 300.0) -> ConcurrentRun:
    """Run ``processes`` ingests of overlapping slices into one new SQLite file at once."""
    db = folder / "shared.db"
    sources = [write_jsonl(part, folder / f"part{p}.jsonl")
               for p, part in enumerate(overlapping_slices(records, processes))]
    started = time.perf_counter()
    procs = [start_ingest([source], db, batch_size) for source in sources]
    outputs = [proc.communicate(timeout=timeout) for proc in procs]
    seconds = time.perf_counter() - started
    summaries = []
    for out, _err in outputs:
        lines = out.strip().splitlines()
        summaries.append(json.loads(lines[-1]) if lines else {})
    return ConcurrentRun([p.returncode for p in procs], [err for _, err in outputs], summaries,
                         seconds, check_database(db, records))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=3000, help="documents (default 3000)")
    ap.add_argument("--processes", type=int, default=3, help="concurrent ingests (default 3)")
    ap.add_argument("--kills", type=int, default=3, help="kill -9 runs (default 3)")
    ap.add_argument("--batch-size", type=int, default=50)
    args = ap.parse_args(argv)
    records = make_records(args.docs)
    statements = sum(len(r["statements"]) for r in records)
    print(f"data: {args.docs} invented extraction records, {statements} statements, "
          f"40 events re-reported; SQLite; batch size {args.batch_size}")
    failures = 0
    for k in range(args.kills):
        kill_after = args.docs * (k + 1) // (args.kills + 1)
        with tempfile.TemporaryDirectory() as tmp:
            run = kill_scenario(Path(tmp), records, kill_after=kill_after,
                                batch_size=args.batch_size)
        ok = not run.after_kill.problems and not run.final.problems \
            and run.final.documents == args.docs and run.final.statements == statements \
            and run.rerun.get("new", 0) + run.after_kill.documents == args.docs
        failures += not ok
        print(f"kill -9 #{k + 1}: sent at {run.killed_at} documents stored; after the kill "
              f"{run.after_kill.documents} documents, {run.after_kill.statements} statements, "
              f"{run.after_kill.stories} stories, problems: {len(run.after_kill.problems)}; "
              f"re-run {run.rerun_seconds:.1f} s ({run.rerun.get('new')} new, "
              f"{run.rerun.get('unchanged')} unchanged); final {run.final.documents} documents, "
              f"{run.final.statements} statements, problems: {len(run.final.problems)} "
              f"-> {'ok' if ok else 'FAILED'}")
        for problem in (run.after_kill.problems + run.final.problems)[:10]:
            print(f"  {problem}")
    with tempfile.TemporaryDirectory() as tmp:
        con = concurrent_scenario(Path(tmp), records, processes=args.processes,
                                  batch_size=args.batch_size)
    sent = sum(len(part) for part in overlapping_slices(records, args.processes))
    new = sum(s.get("new", 0) for s in con.summaries)
    unchanged = sum(s.get("unchanged", 0) for s in con.summaries)
    ok = all(rc == 0 for rc in con.returncodes) and not con.final.problems \
        and con.final.documents == args.docs and new == args.docs
    failures += not ok
    print(f"concurrent: {args.processes} processes, {sent} documents sent ({sent - args.docs} "
          f"overlapping), {con.seconds:.1f} s ({sent / con.seconds:.0f} documents/s sent); exit "
          f"codes {con.returncodes}; {new} new + {unchanged} unchanged; stored "
          f"{con.final.documents} documents, {con.final.statements} statements, "
          f"{con.final.stories} stories; problems: {len(con.final.problems)} "
          f"-> {'ok' if ok else 'FAILED'}")
    for err in con.stderr:
        for line in err.strip().splitlines()[:3]:
            print(f"  stderr: {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
