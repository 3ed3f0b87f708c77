"""Story detail time against story size: one real-sized story built from re-reports.

Extracts the bundled examples (a ministry update and its re-reports) once, then makes
stories of N documents by re-publishing them under other outlets and dates, and times
:func:`claimgraph.link.story.build_story` on each. Prints documents, statements, claims,
drift findings and seconds per size, wall clock and CPU (on a shared machine the CPU
time is the steadier of the two).

The examples carry nine claims, however often they are re-published. ``--varied K``
extracts K invented reports instead, each with three statements of its own (speakers drawn
from 600 names and 10 roles, figures, things, actions and places drawn at random, seeded),
so that a story of N documents holds thousands of claims from hundreds of sources.

``--store`` times the stored story instead: each size is ingested into a new SQLite file,
its story built and kept as ingest does, then read back as ``claimgraph story`` reads it.

Usage::

    python benchmarks/story_size.py [--sizes 100 1000 3000] [--varied 1500] [--store]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimgraph.errors import InputError  # noqa: E402
from claimgraph.ingest import read_inputs  # noqa: E402
from claimgraph.link.story import build_story  # noqa: E402
from claimgraph.pipeline import PipelineExtractor  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "claimgraph" / "examples" / "defence-update.jsonl"


GIVEN = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas"]
SURNAMES = ["Aldor", "Berin", "Castel", "Dravik", "Elmsworth", "Forlan", "Galvez", "Harrow",
            "Ilves", "Jurek", "Kastner", "Lindqvist", "Morrow", "Navarre", "Okafor", "Pellan",
            "Quint", "Roswell", "Sandor", "Tamsin", "Ulrich", "Varga", "Weston", "Yarrow",
            "Zelenko", "Abrams", "Brody", "Corvin", "Delacroix", "Everett", "Fenwick", "Grisham",
            "Holt", "Ingram", "Jessup", "Kellner", "Lowry", "Mattis", "Nolan", "Orsini",
            "Prentiss", "Quayle", "Rourke", "Sterling", "Thorne", "Upton", "Vance", "Whitlock",
            "Yates", "Zimmer", "Ashby", "Blake", "Crane", "Dunmore", "Eastwick", "Frost", "Gale",
            "Hale", "Irwin", "Joyce"]
ROLES = ["governor", "mayor", "prosecutor", "senator", "economist", "analyst", "deputy",
         "lawyer", "councillor", "professor"]
THINGS = ["reservists", "refugees", "workers", "homes", "patients", "vehicles", "tonnes of grain",
          "soldiers", "families", "passengers", "drones", "ships"]
ACTIONS = ["called up", "evacuated", "laid off", "damaged", "treated", "seized", "shipped",
           "deployed", "relocated", "stranded", "shot down", "detained"]
PLACES = ["Ardent Vale", "Port Selva", "Korvin", "the northern coast", "the capital", "Lake Tessa",
          "the border region", "Mirovo", "the eastern districts", "Halden"]
APPROX = ["about ", "more than ", "at least ", "nearly ", "", "up to "]
CUES = ["said", "claimed", "told reporters", "announced", "warned", "confirmed"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def varied_documents(k: int, seed: int = 7) -> list[dict]:
    """``k`` invented reports of one crisis, three statements each, drawn at random."""
    rnd = random.Random(seed)
    out = []
    for i in range(k):
        said = []
        for _ in range(3):
            figure = rnd.choice([120, 350, 800, 1500, 4000, 12000]) * rnd.randint(1, 9)
            said.append(
                f"{rnd.choice(ROLES).capitalize()} {rnd.choice(GIVEN)} {rnd.choice(SURNAMES)} "
                f"{rnd.choice(CUES)} on {rnd.choice(DAYS)} that {rnd.choice(APPROX)}{figure:,} "
                f"{rnd.choice(THINGS)} had been {rnd.choice(ACTIONS)} in {rnd.choice(PLACES)}.")
        out.append({"id": f"v{i}", "title": None, "publisher": f"Outlet {i % 37}",
                    "published": "2024-03-05", "text": " ".join(said)})
    return out


def story_records(base: list[dict], n: int) -> list[dict]:
    """``n`` records: the base ones again and again, under 37 outlets over a week, each copy
    closing with a line of its own, as no two documents of a store share a text."""
    out = []
    for i in range(n):
        record = copy.deepcopy(base[i % len(base)])
        doc = record["document"]
        doc["id"] = f"d{i}"
        if i >= len(base):
            doc["publisher"] = f"Outlet {i % 37}"
            doc["text"] += f"\n\nPublished by {doc['publisher']} ({doc['id']})."
        doc["published"] = f"2024-03-{5 + (i * 7) // n:02d}"
        out.append(record)
    return out


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _documents(path: Path) -> list:
    """The documents of ``path``; a file that cannot be read is one line of error."""
    out = []
    for label, item in read_inputs([str(path)]):
        if isinstance(item, InputError):
            raise SystemExit(f"error: {label}: {item}")
        out.append(item)
    return out


def _time_store(records: list[dict]) -> None:
    """Ingest ``records`` into a new SQLite file, build the story they make, read it back."""
    from claimgraph.store import Ingester, Store

    with tempfile.TemporaryDirectory() as tmp, \
            Store.open(Path(tmp) / "story.db", write=True) as store:
        started = time.perf_counter()
        ingester = Ingester(store)
        summary = ingester.run([(r["document"]["id"], r) for r in records])
        ingested = time.perf_counter() - started
        ingester.build_touched(summary)
        [story_id] = [s["id"] for s in store.stories(limit=1).items]
        size = store.stories(limit=1).items[0]["size"]
        started = time.perf_counter()
        story = store.story(story_id)
        read = time.perf_counter() - started
        started = time.perf_counter()
        store.story_with_records(story_id)
        with_records = time.perf_counter() - started
    print(f"{len(records):6d} documents ({size} in the largest story, {len(summary.touched)} "
          f"stories): ingest {ingested:.1f} s ({len(records) / ingested:.0f} docs/s), build at "
          f"ingest {summary.build_seconds:.2f} s, {len(story['claims'])} claims; read "
          f"{read:.2f} s, read with its records {with_records:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--varied", type=_positive, metavar="K",
                        help="re-publish K invented reports instead of the examples")
    parser.add_argument("--store", action="store_true",
                        help="time a stored story: its build at ingest and its reads")
    args = parser.parse_args(argv)
    if args.varied:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "varied.jsonl"
            path.write_text("\n".join(json.dumps(d) for d in varied_documents(args.varied)))
            base = PipelineExtractor()(_documents(path))
        print(f"data: {len(base)} extracted invented reports, re-published")
    else:
        base = PipelineExtractor()(_documents(EXAMPLES)[:4])  # one story's documents
        print(f"data: {len(base)} extracted documents of {EXAMPLES.name}, re-published")
    for n in args.sizes:
        records = story_records(base, n)
        if args.store:
            _time_store(records)
            continue
        started, cpu = time.perf_counter(), time.process_time()
        story = build_story("S", records)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        statements = sum(len(r["statements"]) for r in records)
        print(f"{n:6d} documents, {statements:6d} statements, {len(story['claims'])} claims, "
              f"{len(story['drift'])} drift findings: {seconds:.2f} s ({cpu:.2f} s of CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
