"""Score the quantities extractor against NewsQuant (Almasian et al., EMNLP 2023).

Usage: python benchmarks/score_newsquant.py [--file NewsQuant.json] [--errors N]
                                            [--speed-bbc N]

Data: ``$CLAIMGRAPH_DATASETS/newsquant/NewsQuant.json`` (default ``../shared/datasets`` beside
the repository): 590 news sentences with 904 gold quantities, each a normalised value
(ranges written "a-b"), a unit as written and a change marker (=, ~, >, <, up, down).

Matching, per sentence: a predicted quantity matches an unmatched gold one when
- both are single values and their magnitudes are equal within a relative tolerance of
  1e-3 (the gold writes "down 1.3%" as -1.3; the extractor keeps the sign out of the value), or
- both are intervals (a predicted range or vague amount, a gold "a-b") and both ends are
  equal within the same tolerance.
Units do not decide a match. Precision = matched / predicted, recall = matched / gold.
Among matched pairs the script also prints
- unit match: both have no unit, or the units agree after normalising (currency symbols and
  words to ISO codes, percent forms to "%", lower case, plural "s" dropped), or one unit's
  last word is the other's last word (gold "categories of products" ~ "products");
- approximator agreement: gold "~" = about, ">" = more_than/at_least, "<" = less_than/up_to,
  "=", "up", "down" = exact/range/vague.
``--speed-bbc N`` also times the extractor against the spaCy model on N BBC News files.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.extract.quantities import find_quantities
from claimgraph.lexicons import lexicon
from claimgraph.model import Document, Quantity
from claimgraph.nlp import load_model
from claimgraph.pipeline import make_doc

REL_TOL = 1e-3
_NUM = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_GOLD_VALUE = re.compile(rf"\s*({_NUM})\s*(?:-\s*({_NUM})\s*)?")
_APPROX_OF_CHANGE = {"~": {"about"}, ">": {"more_than", "at_least"}, "<": {"less_than", "up_to"}}
_EXACTISH = {"exact", "range", "vague"}


def datasets_dir() -> Path:
    env = os.environ.get("CLAIMGRAPH_DATASETS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"


@dataclass
class Gold:
    low: float
    high: float | None  # None: a single value
    unit: str | None
    normalized_unit: str | None
    change: str


def parse_gold(q: dict[str, Any]) -> Gold | None:
    m = _GOLD_VALUE.fullmatch(q["value"])
    if m is None:
        return None
    low = float(m.group(1))
    high = float(m.group(2)) if m.group(2) else None
    unit = q.get("unit")
    norm = q.get("normalized_unit")
    return Gold(low, high, None if unit in (None, "-") else unit,
                None if norm in (None, "-") else norm, q.get("change", "="))


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(
        abs(a), abs(b), rel_tol=REL_TOL, abs_tol=1e-9)


def matches(pred: Quantity, gold: Gold) -> bool:
    if gold.high is None:
        return pred.value is not None and close(pred.value, gold.low)
    return pred.value is None and close(pred.low, gold.low) and close(pred.high, gold.high)


_CURRENCY: dict[str, str] = {}


def _currency_map() -> dict[str, str]:
    if not _CURRENCY:
        lex = lexicon("quantities")
        _CURRENCY.update({k.lower(): v for k, v in lex["currency_symbols"].items()})
        _CURRENCY.update(lex["currency_words"])
        _CURRENCY.update({"$a": "AUD", "$us": "USD", "us$": "USD", "dollar": "USD", "pound": "GBP",
                          "pounds": "GBP", "£": "GBP"})
        for code in lex["currency_codes"]:
            _CURRENCY[code.lower()] = code
    return _CURRENCY


def norm_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = " ".join(unit.lower().split())
    cur = _currency_map()
    if u in cur:
        return cur[u]
    if u in ("%", "percent", "per cent", "percentage", "pct"):
        return "%"
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[\w°%$£€]+", u)]
    return " ".join(words) or None


def unit_agrees(pred: str | None, gold: Gold) -> bool:
    p = norm_unit(pred)
    for g in (norm_unit(gold.unit), norm_unit(gold.normalized_unit)):
        if p is None and g is None:
            return True
        if p is None or g is None:
            continue
        if p == g or p.split()[-1] == g.split()[-1]:
            return True
    return False


def approx_agrees(pred: Quantity, gold: Gold) -> bool:
    return pred.approx in _APPROX_OF_CHANGE.get(gold.change, _EXACTISH)


def score(path: Path, errors: int) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    nlp = load_model()
    texts = [item["text"] for item in items]
    golds = [[g for q in item["quantities"] if (g := parse_gold(q)) is not None] for item in items]
    skipped = sum(len(item["quantities"]) for item in items) - sum(map(len, golds))

    n_pred = n_gold = n_match = unit_ok = approx_ok = 0
    shown = 0
    t_model = t_extract = 0.0
    start = time.perf_counter()
    for text, gold, doc in zip(texts, golds, nlp.pipe(texts, batch_size=64), strict=True):
        t0 = time.perf_counter()
        preds = find_quantities(doc)
        t_extract += time.perf_counter() - t0
        free = list(range(len(preds)))
        missed: list[Gold] = []
        for g in gold:
            hit = next((i for i in free if matches(preds[i], g)), None)
            if hit is None:
                missed.append(g)
                continue
            free.remove(hit)
            n_match += 1
            unit_ok += unit_agrees(preds[hit].unit, g)
            approx_ok += approx_agrees(preds[hit], g)
        n_pred += len(preds)
        n_gold += len(gold)
        if errors and (missed or free) and shown < errors:
            shown += 1
            print(f"\n{text}")
            for g in missed:
                value = g.low if g.high is None else f"{g.low}-{g.high}"
                print(f"   MISSED {value} {g.unit!r} {g.change}")
            for i in free:
                p = preds[i]
                v = p.value if p.value is not None else f"{p.low}-{p.high}"
                print(f"   EXTRA  {v} {p.unit!r} {p.approx} [{p.text}]")
    t_model = time.perf_counter() - start - t_extract

    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"data: {path} ({len(items)} sentences, {n_gold} gold quantities"
          f"{f', {skipped} unparsable gold values skipped' if skipped else ''})")
    print(f"model: {nlp.meta.get('name')} {nlp.meta.get('version')}; value tolerance: relative "
          f"{REL_TOL:g}, magnitudes compared")
    print(f"predicted {n_pred}, matched {n_match}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    if n_match:
        print(f"unit match {unit_ok / n_match:.3f}  approximator agreement "
              f"{approx_ok / n_match:.3f}  (over {n_match} matched)")
    print(f"time: spaCy {t_model:.2f}s, extractor {t_extract:.3f}s "
          f"({100 * t_extract / t_model:.1f}% of spaCy)")


def speed_bbc(n: int) -> None:
    """Time find_quantities against the spaCy model on ``n`` BBC News files spread over
    the five sections, with documents made the way the pipeline makes them."""
    root = datasets_dir() / "bbc-news-2225"
    every = sorted(root.glob("*/*.txt"))
    if not every:
        print(f"speed: BBC News not found under {root}", file=sys.stderr)
        return
    files = every[:: max(1, len(every) // n)][:n]
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
    nlp = load_model()
    c0, t0 = time.process_time(), time.perf_counter()
    docs = list(nlp.pipe(make_doc(nlp, Document(text=t)) for t in texts))
    cpu_model, t_model = time.process_time() - c0, time.perf_counter() - t0
    c0, t0 = time.process_time(), time.perf_counter()
    found = sum(len(find_quantities(doc)) for doc in docs)
    cpu_extract, t_extract = time.process_time() - c0, time.perf_counter() - t0
    words = sum(len(doc) for doc in docs)
    print(f"speed: {len(docs)} BBC News files from {root} ({words} tokens), {found} quantities")
    print(f"       wall: spaCy {t_model:.2f}s, extractor {t_extract:.3f}s "
          f"({100 * t_extract / t_model:.1f}% of spaCy, "
          f"{1000 * t_extract / len(docs):.2f} ms/document)")
    print(f"       CPU:  spaCy {cpu_model:.2f}s, extractor {cpu_extract:.3f}s "
          f"({100 * cpu_extract / cpu_model:.1f}% of spaCy)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="gold JSON (default: NewsQuant.json)")
    parser.add_argument("--errors", type=int, default=0, help="print N sentences with errors")
    parser.add_argument("--speed-bbc", type=int, default=0, metavar="N",
                        help="also time the extractor on N BBC News files")
    args = parser.parse_args(argv)
    path = args.file or datasets_dir() / "newsquant" / "NewsQuant.json"
    if not path.exists():
        print(f"gold data not found: {path} (set CLAIMGRAPH_DATASETS)", file=sys.stderr)
        return 2
    score(path, args.errors)
    if args.speed_bbc:
        speed_bbc(args.speed_bbc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
