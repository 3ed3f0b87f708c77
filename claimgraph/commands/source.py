"""``claimgraph source``: grade sources (Admiralty A-F) and see what their record suggests."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.table import Table
from rich.text import Text

from ..report import output_console
from .ingest import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "source", help="grade sources' reliability (Admiralty A-F) and list their record",
        description="An analyst's Admiralty reliability grade per source (a publisher or a "
                    "speaker), and the grade each source's record in the stored stories "
                    "suggests: how many of its claims another independent source "
                    "corroborated or contradicted.")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    grade = verbs.add_parser(
        "grade", help="grade a source A-F (the latest grade is in force)",
        description="A completely reliable, B usually reliable, C fairly reliable, D not "
                    "usually reliable, E unreliable, F reliability cannot be judged. Every "
                    "grade given is kept; the latest is in force.")
    grade.add_argument("name", metavar="NAME",
                       help='the publisher or speaker, e.g. "Harbour Herald"')
    grade.add_argument("grade", metavar="A-F", help="the reliability grade")
    grade.add_argument("--note", help="why (kept with the grade)")
    grade.add_argument("--author", help="who grades it")
    add_db_argument(grade)
    grade.set_defaults(run=run_grade)
    listing = verbs.add_parser(
        "list", help="every source: grade in force, suggested grade and the record behind it",
        description="Every source with claims in the stored stories or a grade: the grade in "
                    "force, the grade its record suggests and the counts it rests on. Builds "
                    "every story, so it takes as long as reading each one.")
    listing.add_argument("--name", help="only sources whose name contains this")
    listing.add_argument("--graded", action="store_true", help="only sources with a grade")
    listing.add_argument("--json", action="store_true",
                         help="JSON Lines (claimgraph/schemas/sources)")
    add_db_argument(listing)
    listing.set_defaults(run=run_list)


def run_grade(args: argparse.Namespace) -> int:
    from ..link.grading import band
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db, write=True) as store:
        row = store.grade_source(args.name, args.grade, args.note, args.author)
    print(f"{row.name}: {row.grade} ({band(row.grade).term}); stories in {store.target.label} "
          "show it on this source's claims", file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..link.grading import filter_sources, sources
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db) as store:
        rows = filter_sources(sources(store.every_story(), store.source_grades()),
                              args.name, args.graded)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif rows:
        output_console().print(sources_table(rows))
    if not rows:
        print("no sources; ingest documents, or grade one with: claimgraph source grade NAME "
              "A-F --db DB", file=sys.stderr)
    return 0


def sources_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} sources", title_justify="left")
    for col in ("source", "grade", "suggested", "claims", "judged", "corroborated",
                "contradicted", "stories"):
        table.add_column(col, justify="right" if col not in ("source", "grade", "suggested")
                         else "left")
    for r in rows:
        rec, graded, suggested = r["record"], r["grade"], r["suggested"]
        cell = Text("—", style="dim") if graded is None else Text(graded["grade"], style="bold")
        if graded and graded["author"]:
            cell.append(f" {graded['author']}", style="dim")
        table.add_row(r["name"], cell, f"{suggested['grade']} ({suggested['term']})",
                      str(rec["claims"]), str(rec["judged"]), str(rec["corroborated"]),
                      str(rec["contradicted"]), str(rec["stories"]))
    return table
