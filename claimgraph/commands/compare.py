"""``claimgraph compare``: claim strength of a source and its re-report, and the direction."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from typing import TYPE_CHECKING

from ..errors import ClaimgraphError, InputError
from ..ingest.readers import decode, json_lines
from ..progress import progress_bar
from ..report import output_console

if TYPE_CHECKING:
    from ..extract.strength import Strength

PROGRESS_MIN = 4
BATCH = 32  # pairs read through the pipeline at a time, so output streams


@dataclass
class Pair:
    id: str
    source: str
    report: str


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare", help="rate two texts' claim strength and the direction between them",
        description='Read JSON Lines of {"id", "source", "report"} and rate how strongly each '
                    "text asserts its claim (0 no relationship, 1 correlational, 2 conditional "
                    "causal, 3 causal, with hedges, estimates and cues); say whether the report "
                    "states it stronger, weaker or the same as the source.")
    p.add_argument("path", metavar="PAIRS", help="a .jsonl file of pairs, or - for stdin")
    p.add_argument("--json", action="store_true", help="print JSON Lines (one object per pair)")
    p.add_argument("--threshold", type=float, metavar="T",
                   help="score difference that counts as stronger or weaker "
                        "(default: strength.json's, chosen on InSciOut)")
    p.add_argument("--model",
                   help="spaCy model name (default: $CLAIMGRAPH_SPACY_MODEL or en_core_web_sm)")
    p.set_defaults(run=run_compare)


def _text(path: str) -> tuple[str, str]:
    if path == "-":
        return "<stdin>", decode(sys.stdin.buffer.read(), "<stdin>")
    try:
        with open(path, "rb") as fh:
            return path, decode(fh.read(), path)
    except OSError as exc:
        raise ClaimgraphError(f"{path}: {exc.strerror or exc}") from None


def read_pairs(label: str, text: str) -> Iterator[Pair | InputError]:
    """Pairs from JSON Lines, or an InputError naming the line that is not one."""
    for where, number, obj in json_lines(text, label):
        if isinstance(obj, InputError):
            yield obj
            continue
        if not isinstance(obj, dict):
            yield InputError(where, 'expected a JSON object {"id", "source", "report"}')
            continue
        bad = [k for k in ("source", "report")
               if not isinstance(obj.get(k), str) or not obj[k].strip()]
        if bad:
            yield InputError(where, " and ".join(f'"{k}"' for k in bad)
                             + " missing or not a non-empty string")
            continue
        pid = obj.get("id")
        yield Pair(str(pid) if pid is not None else str(number), obj["source"], obj["report"])


def result(pair: Pair, source: Strength, report: Strength, threshold: float) -> dict[str, Any]:
    """The JSON object printed for one pair."""
    from ..extract.strength import direction

    findings = []
    for side, strength in (("source", source), ("report", report)):
        findings.extend({"side": side, **f.to_dict()} for f in strength.findings
                        if f.effect is not None)
    return {
        "id": pair.id,
        "direction": direction(source, report, threshold),
        "source_strength": round(source.score, 3),
        "report_strength": round(report.score, 3),
        "source_level": source.level,
        "report_level": report.level,
        "source_relation": source.relation,
        "report_relation": report.relation,
        "findings": findings,
    }


def _words(findings: list[dict[str, Any]], side: str) -> str:
    """The words that set one side's score: its relation, then modifiers with their kind."""
    from ..extract.strength import RELATIONS

    out = []
    for f in findings:
        if f["side"] != side:
            continue
        relation = f["kind"] in RELATIONS
        out.append(f["text"] if relation else f"{f['kind']}: {f['text']}")
    return "; ".join(out) or "-"


def render(rows: list[dict[str, Any]], console: Console) -> None:
    table = Table(show_lines=False)
    for name, justify in (("id", "left"), ("direction", "left"), ("source", "right"),
                          ("report", "right"), ("source words", "left"), ("report words", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    style = {"stronger": "bold red", "weaker": "bold cyan", "same": "green"}
    for r in rows:
        table.add_row(r["id"], f"[{style[r['direction']]}]{r['direction']}[/]",
                      f"{r['source_strength']:.2f} {r['source_relation']}",
                      f"{r['report_strength']:.2f} {r['report_relation']}",
                      _words(r["findings"], "source"), _words(r["findings"], "report"))
    console.print(table)


def run_compare(args: argparse.Namespace) -> int:
    # Imported here: `claimgraph --help` need not load spaCy.
    from ..extract.strength import Weights, read_texts, score

    label, text = _text(args.path)
    threshold = Weights.default().threshold if args.threshold is None else args.threshold
    if threshold < 0:
        raise ClaimgraphError("--threshold must not be negative")
    items = list(read_pairs(label, text))
    failed = 0
    rows: list[dict[str, Any]] = []
    pending: list[Pair] = []

    def flush() -> None:
        if not pending:
            return
        texts = [t for p in pending for t in (p.source, p.report)]
        readings = list(read_texts(texts, model=args.model))
        for i, pair in enumerate(pending):
            row = result(pair, score(readings[2 * i]), score(readings[2 * i + 1]), threshold)
            if args.json:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                rows.append(row)
            advance()
        pending.clear()

    with progress_bar(len(items) >= PROGRESS_MIN, total=len(items), what="pairs") as advance:
        for item in items:
            if isinstance(item, InputError):
                failed += 1
                print(f"claimgraph: {item}", file=sys.stderr)
                advance()
                continue
            pending.append(item)
            if len(pending) >= BATCH:
                flush()
        flush()
    if not args.json:
        render(rows, output_console())
    if failed:
        print(f"claimgraph: {failed} of {len(items)} pairs failed", file=sys.stderr)
    return 1 if failed else 0
