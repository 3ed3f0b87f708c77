"""Score the yardstick lint (``claimgraph assess lint``) against the invented lint sets.

Usage::

    python benchmarks/score_lint.py [FILE.jsonl ...] [--errors] [--model NAME]

With no file, scores ``benchmarks/lint/dev.jsonl`` and ``benchmarks/lint/heldout.jsonl``.
The format of the gold files is in ``benchmarks/lint/README.md``.

A predicted warning is **correct** when a gold warning of the same text has its code and
its span overlaps the gold phrase (each gold warning matches at most one prediction).
Precision, recall and F1 are per code over all the texts of a file; ``all`` pools the
codes. A text with no gold warning counts as a negative: any warning on it is a false
positive.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LINT = Path(__file__).resolve().parent / "lint"
DEFAULT_SETS = (LINT / "dev.jsonl", LINT / "heldout.jsonl")

Predicted = list[dict[str, Any]]  # {"code", "span": [start, end]}


def read_gold(path: Path) -> list[dict[str, Any]]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        for g in case["gold"]:
            start = case["text"].find(g["text"])
            if start < 0:
                raise ValueError(f"{path}:{n}: gold text {g['text']!r} is not in the text")
            g["span"] = [start, start + len(g["text"])]
        cases.append(case)
    return cases


def overlaps(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, case: dict[str, Any], predicted: Predicted) -> None:
        unmatched = list(case["gold"])
        for p in predicted:
            hit = next((g for g in unmatched
                        if g["code"] == p["code"] and overlaps(g["span"], p["span"])), None)
            if hit is None:
                self.fp[p["code"]] += 1
                self.errors.append(f"{case['id']}: extra {p['code']} at "
                                   f"{case['text'][p['span'][0]:p['span'][1]]!r}")
            else:
                unmatched.remove(hit)
                self.tp[p["code"]] += 1
        for g in unmatched:
            self.fn[g["code"]] += 1
            self.errors.append(f"{case['id']}: missed {g['code']} at {g['text']!r}")

    def row(self, code: str | None) -> tuple[int, int, int, float, float, float]:
        pick: Callable[[Counter[str]], int] = (
            (lambda c: sum(c.values())) if code is None else (lambda c: c[code]))
        tp, fp, fn = pick(self.tp), pick(self.fp), pick(self.fn)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return tp + fn, tp + fp, tp, p, r, f


def score(cases: Iterable[dict[str, Any]],
          predict: Callable[[str, str], Predicted]) -> Tally:
    tally = Tally()
    for case in cases:
        tally.add(case, predict(case["text"], case.get("scale", "PHIA")))
    return tally


def report(name: str, n_cases: int, tally: Tally, codes: Iterable[str]) -> str:
    lines = [f"{name}: {n_cases} texts",
             f"  {'code':<22}{'gold':>5}{'pred':>6}{'tp':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for code in [*codes, None]:
        gold, pred, tp, p, r, f = tally.row(code)
        lines.append(f"  {code or 'all':<22}{gold:>5}{pred:>6}{tp:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--errors", action="store_true", help="list every miss and extra warning")
    ap.add_argument("--model", help="spaCy model (default: claimgraph's)")
    args = ap.parse_args(argv)

    from claimgraph.assess.lint import CODES, Linter, lint_pipeline

    linter = Linter(lint_pipeline(args.model))

    def predict(text: str, scale: str) -> Predicted:
        return [{"code": w.code, "span": list(w.span)} for w in linter(text, scale)]

    for path in args.files or DEFAULT_SETS:
        cases = read_gold(path)
        tally = score(cases, predict)
        print(report(str(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd())
                         else path), len(cases), tally, CODES))
        if args.errors:
            for e in tally.errors:
                print(f"    {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
