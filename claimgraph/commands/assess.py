"""``claimgraph assess``: the analyst's ledger of key judgements.

``add`` records a judgement on a yardstick (PHIA, ICD 203 or MISP) with its evidence and
lints its wording, ``resolve`` records how it came out, ``list`` shows the ledger,
``calibration`` scores the resolved ones (Brier, reliability by band, ``--plot`` for the
diagram) and ``lint`` checks any text's yardstick language without storing it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import ClaimgraphError, InputError
from ..report import output_console
from .ingest import add_db_argument

SCALES = ("phia", "icd203", "misp")
MAX_TEXT = 90


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "assess", help="record key judgements, their outcomes and calibration",
        description="The assessment ledger: key judgements on a probability yardstick, with "
                    "evidence (claims of stored stories), outcomes once known, Brier scores "
                    "and a reliability diagram, and a lint for yardstick language.")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")

    add = verbs.add_parser(
        "add", help="record a key judgement (its wording is linted)",
        description="Record a key judgement. Its probability range comes from --term on "
                    "--scale; an explicit --probability must lie inside it. Lint warnings go "
                    "to stderr (with --json, into the output's `warnings`).")
    add_db_argument(add)
    add.add_argument("--text", required=True, help="the judgement as written")
    add.add_argument("--term", required=True,
                     help="its yardstick term, e.g. 'highly likely' (a synonym or MISP code "
                          "also works)")
    add.add_argument("--scale", type=str.lower, choices=SCALES, default="phia",
                     help="the yardstick (default phia)")
    add.add_argument("--probability", metavar="P",
                     help="an explicit probability inside the term's range: 0.7 or 70%%")
    add.add_argument("--confidence", choices=("low", "moderate", "high"),
                     help="analytic confidence")
    add.add_argument("--evidence", nargs="+", action="extend", default=[], metavar="CLAIM_ID",
                     help="claims the judgement rests on, as STORY_ID#CLAIM_ID "
                          "(see `claimgraph story ID`)")
    add.add_argument("--author", help="who made the judgement")
    add.add_argument("--resolves-by", metavar="YYYY-MM-DD",
                     help="the date by which the outcome will be known")
    add.add_argument("--model", help="spaCy model for the lint")
    add.add_argument("--json", action="store_true", help="print the assessment as JSON")
    add.set_defaults(run=run_add)

    resolve = verbs.add_parser("resolve", help="record how a judgement came out",
                               description="Record the outcome of assessment ID (once).")
    resolve.add_argument("assessment", metavar="ID", help="an assessment id such as a12")
    resolve.add_argument("--outcome", required=True, type=str.lower, choices=("true", "false"),
                         help="whether what was judged happened")
    resolve.add_argument("--on", metavar="YYYY-MM-DD", help="the date it was known (default: "
                                                            "today, UTC)")
    add_db_argument(resolve)
    resolve.add_argument("--json", action="store_true", help="print the assessment as JSON")
    resolve.set_defaults(run=run_resolve)

    listing = verbs.add_parser("list", help="list the ledger, newest first")
    add_db_argument(listing)
    listing.add_argument("--limit", type=int, default=50, metavar="N",
                         help="assessments a page (default 50)")
    listing.add_argument("--cursor", help="the `next` cursor of a previous page")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)

    cal = verbs.add_parser(
        "calibration", help="Brier scores and reliability of resolved judgements",
        description="Brier score overall, per yardstick term and per author, and observed "
                    "frequency per band against the band's range. A judgement is scored on "
                    "its explicit probability, else on the midpoint of its term's range. "
                    "Only resolved judgements count.")
    add_db_argument(cal)
    cal.add_argument("--json", action="store_true", help="print JSON")
    cal.add_argument("--plot", metavar="FILE.png", help="write the reliability diagram (PNG)")
    cal.set_defaults(run=run_calibration)

    lint = verbs.add_parser(
        "lint", help="check yardstick language in a text or file",
        description="Warn about terms off the chosen yardstick, mixed yardsticks, numbers "
                    "outside a term's range, hedges inside statements of fact, judgements "
                    "without a time frame and negated terms. Exits 1 when it warns.")
    lint.add_argument("source", metavar="TEXT|FILE", help="the text, a file holding it, or -")
    lint.add_argument("--scale", type=str.lower, choices=SCALES, default="phia",
                      help="the yardstick the text should use (default phia)")
    lint.add_argument("--model", help="spaCy model")
    lint.add_argument("--json", action="store_true", help="print JSON")
    lint.set_defaults(run=run_lint)


# --- rendering ---------------------------------------------------------------------------

def _percent(x: float | None) -> str:
    return "" if x is None else f"{x * 100:.0f}%"


def _range(item: dict[str, Any]) -> str:
    from ..scales import format_range

    return format_range(item["low"], item["high"])


def _short(text: str | None, limit: int = MAX_TEXT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _outcome(item: dict[str, Any]) -> str:
    if item["outcome"] is None:
        return "open"
    return f"{'true' if item['outcome'] else 'false'} ({item['resolved_on']})"


def render_assessment(item: dict[str, Any], console: Console) -> None:
    head = Text(item["id"], style="bold cyan")
    head.append(f"  {item['term']}", style="bold")
    head.append(f" ({item['scale']} {_range(item)})")
    if item["probability"] is not None:
        head.append(f", p = {_percent(item['probability'])}")
    if item["confidence"]:
        head.append(f", {item['confidence']} confidence")
    console.print(head)
    console.print(Text(f"  {item['text']}"))
    meta = [f"by {item['author']}" if item["author"] else "no author",
            f"created {item['created']}"]
    if item["resolves_by"]:
        meta.append(f"resolves by {item['resolves_by']}")
    meta.append(f"outcome {_outcome(item)}")
    if item["brier"] is not None:
        meta.append(f"Brier {item['brier']:.3f}")
    console.print(Text("  " + ", ".join(meta), style="dim"))
    for e in item["evidence"]:
        line = Text(f"  evidence {e['ref']}", style="dim")
        if e.get("text"):
            line.append(f"  “{_short(e['text'], 70)}”")
        console.print(line)


def render_warnings(warnings: list[dict[str, Any]], out: Any) -> None:
    for w in warnings:
        start, end = w["span"]
        print(f"{w['code']} at {start}-{end} '{w['text']}': {w['message']}", file=out)


def ledger_table(page: dict[str, Any]) -> Table:
    table = Table(title=f"{page['total']} assessment(s)", title_justify="left")
    for col in ("id", "term", "p", "conf.", "author", "resolves by", "outcome", "lint",
                "judgement"):
        table.add_column(col, no_wrap=col in ("id", "p", "resolves by"))
    for a in page["items"]:
        table.add_row(a["id"], f"{a['term']}\n{a['scale']} {_range(a)}",
                      _percent(a["forecast"]), a["confidence"] or "", a["author"] or "",
                      a["resolves_by"] or "", _outcome(a), str(len(a["warnings"])),
                      _short(a["text"]))
    return table


def render_calibration(cal: dict[str, Any], console: Console) -> None:
    if not cal["n"]:
        console.print(f"No resolved assessments yet ({cal['open']} open). Record outcomes "
                      "with: claimgraph assess resolve ID --outcome true|false")
        return
    skill = "" if cal["skill"] is None else f", skill {cal['skill']:+.3f}"
    console.print(Text(f"{cal['n']} resolved ({cal['open']} open): Brier {cal['brier']:.3f} "
                       f"(base rate {_percent(cal['base_rate'])}, base-rate Brier "
                       f"{cal['reference']:.3f}{skill})", style="bold"))
    table = Table(title="By yardstick term", title_justify="left")
    for col in ("scale", "term", "range", "n", "forecast", "observed", "95% interval",
                "in band", "Brier"):
        table.add_column(col, justify="right" if col in ("n", "Brier") else "left")
    for t in cal["terms"]:
        lo, hi = t["interval"]
        table.add_row(t["scale"], t["term"], _range(t), str(t["n"]), _percent(t["forecast"]),
                      f"{_percent(t['observed'])} ({t['hits']}/{t['n']})",
                      f"{_percent(lo)}-{_percent(hi)}", "yes" if t["within"] else "no",
                      f"{t['brier']:.3f}")
    console.print(table)
    table = Table(title="By author", title_justify="left")
    for col in ("author", "n", "Brier"):
        table.add_column(col, justify="left" if col == "author" else "right")
    for a in cal["authors"]:
        table.add_row(a["author"] or "(none)", str(a["n"]), f"{a['brier']:.3f}")
    console.print(table)


# --- running -----------------------------------------------------------------------------

def run_add(args: argparse.Namespace) -> int:
    from ..assess import lint as linting
    from ..assess.judgements import new_assessment
    from ..assess.yardsticks import parse_probability
    from ..store import Store
    from ..store import assessments as ledger

    assessment = new_assessment(
        args.text, args.term, scale=args.scale,
        probability=None if args.probability is None else parse_probability(args.probability),
        confidence=args.confidence, evidence=args.evidence, author=args.author,
        resolves_by=args.resolves_by)
    assessment.warnings = linting.lint(assessment.text, assessment.scale,
                                       nlp=linting.lint_pipeline(args.model),
                                       published=assessment.created[:10])
    with Store.open(args.db, write=True) as store:
        stored = ledger.add(store, assessment).to_dict()
    if args.json:
        print(json.dumps(stored, ensure_ascii=False, indent=2))
    else:
        render_assessment(stored, output_console())
        render_warnings(stored["warnings"], sys.stderr)
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    from ..assess.judgements import check_day
    from ..store import Store
    from ..store import assessments as ledger

    on = check_day(args.on, "--on") or datetime.now(UTC).date().isoformat()
    with Store.open(args.db, write=True) as store:
        item = ledger.resolve(store, args.assessment, args.outcome == "true", on).to_dict()
    if args.json:
        print(json.dumps(item, ensure_ascii=False, indent=2))
    else:
        print(f"{item['id']} resolved {args.outcome} on {item['resolved_on']}: forecast "
              f"{_percent(item['forecast'])}, Brier {item['brier']:.3f}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..store import Store
    from ..store import assessments as ledger

    with Store.open(args.db) as store:
        page = ledger.listing(store, limit=args.limit, cursor=args.cursor).to_dict()
    if args.json:
        print(json.dumps(page, ensure_ascii=False, indent=2))
        return 0
    console = output_console()
    console.print(ledger_table(page))
    if page["next"]:
        console.print(Text(f"more: claimgraph assess list --db {args.db} --cursor "
                           f"{page['next']}", style="dim"))
    return 0


def run_calibration(args: argparse.Namespace) -> int:
    from ..assess.calibration import ledger_calibration
    from ..store import Store

    with Store.open(args.db) as store:
        cal = ledger_calibration(store)
    if args.plot:
        from ..assess.plot import write_reliability_png

        path = write_reliability_png(cal, args.plot)
        print(f"reliability diagram written to {path}", file=sys.stderr)
    if args.json:
        print(json.dumps(cal, ensure_ascii=False, indent=2))
    else:
        render_calibration(cal, output_console())
    return 0


def read_source(source: str) -> tuple[str, str | None]:
    """(text, file name or None): ``-`` is stdin, an existing file is read, else the text."""
    if source == "-":
        return sys.stdin.read(), "-"
    path = Path(source)
    try:
        is_file = path.is_file()
    except OSError:  # a long text is no path
        is_file = False
    if not is_file:
        return source, None
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None


def run_lint(args: argparse.Namespace) -> int:
    from ..assess import lint as linting
    from ..assess.yardsticks import scale_id

    text, name = read_source(args.source)
    if not text.strip():
        raise ClaimgraphError("nothing to lint: the text is empty")
    sid = scale_id(args.scale)
    warnings = linting.warning_dicts(
        linting.lint(text, sid, nlp=linting.lint_pipeline(args.model)))
    if args.json:
        print(json.dumps({"scale": sid, "source": name, "warnings": warnings},
                         ensure_ascii=False, indent=2))
    else:
        render_warnings(warnings, sys.stdout)
        print(f"{len(warnings)} warning(s) on the {sid} yardstick" if warnings
              else f"no warnings on the {sid} yardstick")
    return 1 if warnings else 0
