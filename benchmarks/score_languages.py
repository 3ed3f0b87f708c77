"""Score extraction in Russian, Ukrainian and Bulgarian (and any other language in the file)
against gold documents, per language.

Usage::

    python benchmarks/score_languages.py [FILE.jsonl ...] [--errors]

With no file, scores ``benchmarks/languages/dev.jsonl``. Each line is one document:
``{"id", "language", "publisher", "published", "title", "text", "gold": {"statements":
[{speaker, cue, content, via, said_on}], "quantities": [{text, value, approximator, unit,
low?, high?}], "dates": [{text, value}], "estimates": [{text, low, high, negated}]}}``.
Documents are extracted with their gold ``language`` given (an explicit language wins
over detection), so a detection error does not blur the extraction numbers.

Definitions, per language:

* **detection**: ``claimgraph.language.detect(text)`` equals the gold language.
* **statements**: a gold statement is **found** when some predicted statement's content
  spans cover at least half of the characters of the gold content (as ``score_relay.py``
  does with its anchors); the innermost such statement is its match. **recall**: found /
  gold. **precision**: predicted statements, other than the publisher's own-voice
  assessments, whose content covers half of some gold content, over all of them.
* **speaker**: the match's speaker name equals the gold speaker (lower case, single
  spaces, outer quotes and punctuation dropped), over found statements; **via** (every
  hop equal, in order) and **said_on** are given the same way.
* **quantities**: F1 over (value, approximator) pairs, a missing approximator counting as
  ``exact`` and a range as (low, high); each mention counts.
* **dates**: accuracy, the share of gold dates with a predicted date mention whose text
  holds or lies inside the gold text and whose value is the gold value.
* **estimates**: F1 over (low, high, negated).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT = Path(__file__).resolve().parent / "languages" / "dev.jsonl"


def norm(name: str | None) -> str:
    return re.sub(r"\s+", " ", (name or "").strip().strip("\"'“”‘’«»„.,:;").lower()).replace(
        "ё", "е")


def covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


@dataclass
class Tally:
    docs: int = 0
    detected: int = 0
    gold: int = 0
    found: int = 0
    predicted: int = 0
    predicted_hits: int = 0
    correct: Counter = field(default_factory=Counter)
    quantity: Counter = field(default_factory=Counter)  # tp, gold, predicted
    estimate: Counter = field(default_factory=Counter)
    dates_gold: int = 0
    dates_right: int = 0
    errors: list[str] = field(default_factory=list)


def _number(value: Any) -> float | None:
    return None if value is None else round(float(value), 6)


def quantity_key(value: Any, approx: str | None, low: Any = None, high: Any = None) -> tuple:
    approx = approx or "exact"
    if approx in ("range", "vague"):
        return (approx, _number(low), _number(high))
    return (approx, _number(value))


def _f1_counts(gold: Counter, predicted: Counter) -> Counter:
    tp = sum(min(n, predicted[k]) for k, n in gold.items())
    return Counter(tp=tp, gold=sum(gold.values()), predicted=sum(predicted.values()))


def _own_voice(st: Any, publisher: str | None) -> bool:
    return st.kind in ("assessment", "assertion") and norm(st.speaker.name) == norm(publisher)


def score_document(doc: dict[str, Any], extraction: Any, detected: str) -> Tally:
    """Tally one document's gold values against its extraction."""
    text = doc["text"]
    gold = doc["gold"]
    tally = Tally(docs=1, detected=int(detected == doc["language"]))
    if detected != doc["language"]:
        tally.errors.append(f"{doc['id']}: detected {detected!r}")
    statements = [st for st in extraction.statements if not _own_voice(st, doc.get("publisher"))]
    contents = []
    for g in gold["statements"]:
        start = text.find(g["content"])
        if start < 0:
            raise SystemExit(f"{doc['id']}: content {g['content']!r} is not in the text")
        end = start + len(g["content"])
        contents.append((start, end))
        tally.gold += 1
        hits = [st for st in statements
                if covered(st.content.spans, start, end) >= (end - start) / 2]
        if not hits:
            tally.errors.append(f"{doc['id']}: missed {g['content'][:60]!r} ({g['speaker']})")
            continue
        tally.found += 1
        match = min(hits, key=lambda st: sum(e - s for s, e in st.content.spans))
        ok = {"speaker": norm(match.speaker.name) == norm(g["speaker"]),
              "via": [norm(v) for v in match.via] == [norm(v) for v in g["via"]],
              "said_on": match.said_on == g["said_on"]}
        for key, value in ok.items():
            tally.correct[key] += value
        wrong = [f"{k}: {getattr(match, k) if k != 'speaker' else match.speaker.name!r} "
                 f"(gold {g[k]!r})" for k in ok if not ok[k]]
        if wrong:
            tally.errors.append(f"{doc['id']}: {g['content'][:40]!r}: " + "; ".join(wrong))
    for st in statements:
        tally.predicted += 1
        if any(covered(st.content.spans, s, e) >= (e - s) / 2 for s, e in contents):
            tally.predicted_hits += 1
        else:
            tally.errors.append(f"{doc['id']}: extra {st.speaker.name!r} "
                                f"{st.cue.text if st.cue else None!r}: {st.content.text[:60]!r}")
    gold_q = Counter(quantity_key(q["value"], q["approximator"], q.get("low"), q.get("high"))
                     for q in gold["quantities"])
    pred_q = Counter(quantity_key(q.value, q.approx, q.low, q.high)
                     for q in extraction.quantities)
    tally.quantity = _f1_counts(gold_q, pred_q)
    for key in gold_q - pred_q:
        tally.errors.append(f"{doc['id']}: quantity missed {key}")
    for key in pred_q - gold_q:
        tally.errors.append(f"{doc['id']}: quantity extra {key}")
    gold_e = Counter((_number(e["low"]), _number(e["high"]), bool(e["negated"]))
                     for e in gold["estimates"])
    pred_e = Counter((_number(e.low), _number(e.high), e.negated) for e in extraction.estimates
                     if e.low is not None)
    tally.estimate = _f1_counts(gold_e, pred_e)
    for key in gold_e - pred_e:
        tally.errors.append(f"{doc['id']}: estimate missed {key}")
    for key in pred_e - gold_e:
        tally.errors.append(f"{doc['id']}: estimate extra {key}")
    unused = list(extraction.dates)
    for g in gold["dates"]:
        tally.dates_gold += 1
        gtext = g["text"].lower()
        near = [d for d in unused if d.text.lower() in gtext or gtext in d.text.lower()]
        right = next((d for d in near if d.value == g["value"]), None)
        if right is not None:
            tally.dates_right += 1
            unused.remove(right)
        else:
            tally.errors.append(f"{doc['id']}: date {g['text']!r} {g['value']} "
                                f"(got {[(d.text, d.value) for d in near]})")
    return tally


def extract(docs: list[dict[str, Any]], model: str | None) -> list[Any]:
    from claimgraph.model import Document
    from claimgraph.pipeline import build, extract_one

    nlp = build(model) if any(d["language"] == "en" for d in docs) else None
    out = []
    for doc in docs:
        document = Document(text=doc["text"], id=doc["id"], title=doc.get("title"),
                            publisher=doc.get("publisher"), published=doc.get("published"),
                            language=doc["language"])
        out.append(extract_one(nlp, document))  # type: ignore[arg-type]
    return out


def score(docs: list[dict[str, Any]], model: str | None = None) -> dict[str, Tally]:
    from claimgraph.language import detect

    tallies: dict[str, Tally] = defaultdict(Tally)
    for doc, extraction in zip(docs, extract(docs, model), strict=True):
        one = score_document(doc, extraction, detect(doc["text"]))
        total = tallies[doc["language"]]
        total.docs += one.docs
        total.detected += one.detected
        total.gold += one.gold
        total.found += one.found
        total.predicted += one.predicted
        total.predicted_hits += one.predicted_hits
        total.correct += one.correct
        total.quantity += one.quantity
        total.estimate += one.estimate
        total.dates_gold += one.dates_gold
        total.dates_right += one.dates_right
        total.errors += one.errors
    return dict(tallies)


def _f1(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / c["predicted"] if c["predicted"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(t: Tally) -> dict[str, float]:
    found = max(t.found, 1)
    qp, qr, qf = _f1(t.quantity)
    ep, er, ef = _f1(t.estimate)
    return {
        "documents": t.docs, "detection": t.detected / max(t.docs, 1),
        "statements": t.gold, "recall": t.found / max(t.gold, 1),
        "precision": t.predicted_hits / max(t.predicted, 1),
        "speaker": t.correct["speaker"] / found, "via": t.correct["via"] / found,
        "said_on": t.correct["said_on"] / found,
        "quantity_p": qp, "quantity_r": qr, "quantity_f1": qf,
        "dates": t.dates_gold, "date_accuracy": t.dates_right / max(t.dates_gold, 1),
        "estimate_p": ep, "estimate_r": er, "estimate_f1": ef,
    }


def report(path: Path, tallies: dict[str, Tally], errors: bool) -> None:
    n = sum(t.docs for t in tallies.values())
    print(f"{path.name}: {n} documents")
    header = ("lang", "docs", "detect", "stmts", "recall", "prec", "speaker", "via", "said_on",
              "qty F1", "date acc", "est F1")
    print("  ".join(f"{h:>8}" for h in header))
    for code in sorted(tallies, key=lambda c: (c not in ("ru", "uk", "bg"), c)):
        s = summary(tallies[code])
        row = (code, s["documents"], s["detection"], s["statements"], s["recall"],
               s["precision"], s["speaker"], s["via"], s["said_on"], s["quantity_f1"],
               s["date_accuracy"], s["estimate_f1"])
        print("  ".join(f"{v:>8.3f}" if isinstance(v, float) else f"{v:>8}" for v in row))
    if errors:
        for code, t in sorted(tallies.items()):
            for line in t.errors:
                print(f"  [{code}] {line}")


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every miss and wrong field")
    parser.add_argument("--model", default=None, help="English spaCy model (default: claimgraph's)")
    args = parser.parse_args(argv)
    for path in args.files or [DEFAULT]:
        report(path, score(read(path), args.model), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
