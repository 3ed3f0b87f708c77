"""Score story linking, roots, independent chains and drift against the fixture gold.

Runs the full extraction pipeline over each fixture set in ``tests/fixtures/stories``
(``set_a``: used to tune the rules; ``set_b``: held out at first, then looked at;
``set_c``: held out; ``set_d``: relay behaviours, tuned on; ``set_e``: relay behaviours,
held out; ``set_ml_dev`` and ``set_ml_heldout``: English and Russian roots re-reported in
Russian, Ukrainian, Bulgarian and English, see ``benchmarks/languages/README.md``;
``set_f``: faithful and drifting re-reports of official statements (paraphrase, figures
spelled differently, sources named in the next sentence or a headline suffix), used to tune
the drift rules; ``set_g``: the same behaviours, written with set F and held out: scored
once, never tuned on; ``set_h`` and ``set_i``: a second pair written the same way without
knowledge of the rules, defence estimates, charges, an epidemic, an accident, a crowd count
with two sources, job cuts, a toll revised by its own source, one person under three
descriptions, a headline stronger than its body: H scored before any change and then tuned
on, I held out; ``set_j`` and ``set_k``: a third pair, in other worlds, J tuned on, K held
out; ``set_l`` and ``set_m``: a fourth pair written the same way without knowledge of the
rules, in new worlds: an intelligence assessment in estimative language, a court ruling, a
central bank decision, a flood toll updated by its source, a product recall, a march with
police and organisers' counts, a study re-reported, a ceasefire report relayed through a
foreign ministry and an agency, with a Russian and a Bulgarian re-report and unrelated
same-week documents: L a development set, M held out, not for tuning), feeds the records to
:func:`claimgraph.link.link_records` in publication order (as a live feed would), and prints

- pairwise clustering precision / recall / F1 over all document pairs;
- root accuracy (speaker and first document; the date is reported on its own, since it
  rests on the date extractor);
- independent-chain accuracy (exact count per gold story);
- drift precision / recall per kind and overall, a finding counted once per
  (re-reporting document, kind).

Usage::

    python benchmarks/score_linking.py [--set a|b|...|l|m|ml_dev|ml_heldout|all] [--records FILE]
                                       [--details] [--json]

``--records`` scores pre-extracted records (DESIGN section-4 JSON Lines, e.g. from
``claimgraph extract --json``) instead of running the pipeline.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import signal
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: this checkout's package, not an installed one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimgraph.link import link_records  # noqa: E402
from claimgraph.link import text as tx  # noqa: E402
from claimgraph.link.drift import KINDS  # noqa: E402
from claimgraph.link.speakers import names_match  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "stories"


def load_set(name: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    lines = (FIXTURES / f"set_{name}.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    gold = json.loads((FIXTURES / f"set_{name}.gold.json").read_text(encoding="utf-8"))
    return docs, gold


class ExtractionTimeout(RuntimeError):
    """One document took longer than the limit: an extractor is stuck, not just slow."""


def extract(
    docs: list[dict[str, Any]], nlp: Any = None, seconds_per_doc: int = 60
) -> list[dict[str, Any]]:
    """Section-4 records for ``docs`` through the full pipeline, one document at a time.

    A document that takes over ``seconds_per_doc`` raises :class:`ExtractionTimeout` naming
    it, rather than hanging the benchmark (Unix timers; no limit elsewhere).
    """
    from claimgraph.model import Document
    from claimgraph.pipeline import build, extract_one

    nlp = nlp or build()
    records = []
    for d in docs:
        document = Document(
            text=d["text"],
            id=d.get("id") or "",
            url=d.get("url"),
            title=d.get("title"),
            publisher=d.get("publisher"),
            published=d.get("published"),
        )
        with _time_limit(seconds_per_doc, f"extracting {document.id}"):
            records.append(extract_one(nlp, document).to_dict())
    return records


@contextlib.contextmanager
def _time_limit(seconds: int, what: str) -> Iterator[None]:
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise ExtractionTimeout(f"{what} took over {seconds} s; an extractor is stuck on it")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def feed_order(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        records, key=lambda r: (r["document"].get("published") or "", r["document"]["id"])
    )


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def speaker_ok(predicted: str | None, accepted: list[str]) -> bool:
    got = tx.name_tokens(predicted)
    if not got:
        return False
    return any(names_match(got, tx.name_tokens(a)) for a in accepted if tx.name_tokens(a))


def score(stories: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    predicted = {d["id"]: s["id"] for s in stories for d in s["documents"]}
    truth = {d: g["id"] for g in gold["stories"] for d in g["documents"]}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(truth), 2):
        same_p = predicted.get(a, f"missing:{a}") == predicted.get(b, f"missing:{b}")
        same_t = truth[a] == truth[b]
        tp += same_p and same_t
        fp += same_p and not same_t
        fn += same_t and not same_p
    clustering = prf(tp, fp, fn)

    by_id = {s["id"]: s for s in stories}
    root_hits = {"speaker": 0, "document": 0, "date": 0, "both": 0}
    chain_hits = 0
    story_rows = []
    for g in gold["stories"]:
        votes: dict[str, int] = defaultdict(int)
        for d in g["documents"]:
            votes[predicted.get(d, "")] += 1
        story = by_id.get(max(votes, key=lambda k: votes[k]))
        root = (story or {}).get("root") or {}
        ok_speaker = speaker_ok(root.get("speaker"), g["root"]["speaker"])
        ok_doc = root.get("document") == g["root"]["document"]
        ok_date = root.get("date") == g["root"]["date"]
        chains = (story or {}).get("independent_chains")
        root_hits["speaker"] += ok_speaker
        root_hits["document"] += ok_doc
        root_hits["date"] += ok_date
        root_hits["both"] += ok_speaker and ok_doc
        chain_hits += chains == g["independent_chains"]
        story_rows.append(
            {
                "gold": g["id"],
                "root": root,
                "root_ok": ok_speaker and ok_doc,
                "date_ok": ok_date,
                "chains": chains,
                "gold_chains": g["independent_chains"],
            }
        )
    n = len(gold["stories"])

    found = {(f["after"]["document"], f["kind"]) for s in stories for f in s["drift"]}
    expected = {(d["document"], d["kind"]) for d in gold["drift"]}
    per_kind = {}
    for kind in KINDS:
        f_k = {x for x in found if x[1] == kind}
        e_k = {x for x in expected if x[1] == kind}
        per_kind[kind] = prf(len(f_k & e_k), len(f_k - e_k), len(e_k - f_k))
    drift = prf(len(found & expected), len(found - expected), len(expected - found))
    return {
        "documents": len(truth),
        "stories": n,
        "clustering": clustering,
        "root_accuracy": round(root_hits["both"] / n, 3),
        "root_speaker_accuracy": round(root_hits["speaker"] / n, 3),
        "root_document_accuracy": round(root_hits["document"] / n, 3),
        "root_date_accuracy": round(root_hits["date"] / n, 3),
        "independent_chain_accuracy": round(chain_hits / n, 3),
        "drift": drift,
        "drift_per_kind": per_kind,
        "drift_missed": sorted(expected - found),
        "drift_spurious": sorted(found - expected),
        "story_rows": story_rows,
    }


def report(name: str, result: dict[str, Any], details: bool) -> None:
    c, d = result["clustering"], result["drift"]
    print(f"== set {name}: {result['documents']} documents, {result['stories']} gold stories")
    print(f"clustering (pairwise)  P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}")
    print(
        f"root accuracy          {result['root_accuracy']:.3f}  "
        f"(speaker {result['root_speaker_accuracy']:.3f}, "
        f"document {result['root_document_accuracy']:.3f}; date {result['root_date_accuracy']:.3f})"
    )
    print(f"independent chains     {result['independent_chain_accuracy']:.3f}")
    print(
        f"drift overall          P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
        f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"
    )
    for kind, m in result["drift_per_kind"].items():
        print(
            f"  {kind:22s} P {m['precision']:.3f}  R {m['recall']:.3f}  "
            f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})"
        )
    if details:
        print("  missed:  ", result["drift_missed"])
        print("  spurious:", result["drift_spurious"])
        for row in result["story_rows"]:
            if not row["root_ok"] or row["chains"] != row["gold_chains"] or not row["date_ok"]:
                print("  story", row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sets = sorted(p.name[4:-len(".gold.json")] for p in FIXTURES.glob("set_*.gold.json"))
    parser.add_argument("--set", choices=[*sets, "all"], default="all")
    parser.add_argument("--records", type=Path, help="pre-extracted records (JSONL) for one set")
    parser.add_argument("--details", action="store_true", help="list missed and spurious findings")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    names = sets if args.set == "all" else [args.set]
    if args.records and len(names) != 1:
        parser.error("--records needs one --set")
    results = {}
    for name in names:
        docs, gold = load_set(name)
        started = time.perf_counter()
        if args.records:
            records = [
                json.loads(line)
                for line in args.records.read_text(encoding="utf-8").splitlines()
                if line
            ]
        else:
            try:
                records = extract(docs)
            except ExtractionTimeout as exc:
                print(f"score_linking: error: {exc}", file=sys.stderr)
                return 2
        stories = link_records(feed_order(records))
        result = score(stories, gold)
        result["seconds"] = round(time.perf_counter() - started, 2)
        result["data"] = str((FIXTURES / f"set_{name}.jsonl").relative_to(ROOT))
        results[name] = result
        if not args.json:
            print(f"data: {result['data']} ({gold.get('description', '')})")
            report(name, result, args.details)
            print(f"({result['seconds']} s)\n")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
