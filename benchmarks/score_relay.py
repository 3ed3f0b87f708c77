"""Score relayed attribution (speaker, via, said_on, cue) against the invented relay sets.

Usage::

    python benchmarks/score_relay.py [FILE.jsonl ...] [--errors] [--model NAME]

With no file, scores ``benchmarks/relay/dev.jsonl`` and ``benchmarks/relay/heldout.jsonl``.
The format of the gold files is in ``benchmarks/relay/README.md``.

Definitions:

* A gold claim is **found** when some predicted statement's content spans cover at
  least half of the characters of its ``anchor``; of those, the innermost (shortest
  content) is its match.
* **speaker**: the match's speaker name equals one of the gold names, after
  normalising (lower case, no leading article, no possessive, single spaces).
* **via**: the match's ``via`` has as many hops as the gold, each hop equal to one of
  that hop's gold names (same normalisation), in order.
* **said_on**: equal to the gold date (``null`` equals ``null``).
* **cue**: the gold cue text and the match's cue text, lower-cased, equal or one inside
  the other.
* **all four**: all of the above at once.
* **statement recall**: found / gold. **precision**: predicted statements, other than
  the publisher's own-voice ones, whose content covers half of some gold anchor,
  over all such statements (a guide only: outer statements of a relay count as hits).

Accuracies are over found claims; each is also given over all gold claims.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

RELAY = Path(__file__).resolve().parent / "relay"
DEFAULT_SETS = (RELAY / "dev.jsonl", RELAY / "heldout.jsonl")
FIELDS = ("speaker", "via", "said_on", "cue")


def norm_name(name: str | None) -> str:
    text = re.sub(r"\s+", " ", (name or "").strip().strip("\"'“”‘’.,:;").lower())
    text = re.sub(r"^(?:the|a|an) ", "", text)
    return re.sub(r"(?:'s|’s|')$", "", text).strip()


def same_speaker(predicted: str | None, gold: list[str]) -> bool:
    return norm_name(predicted) in {norm_name(g) for g in gold}


def same_via(predicted: list[str], gold: list[list[str]]) -> bool:
    return len(predicted) == len(gold) and all(same_speaker(p, g) for p, g in zip(predicted, gold))


def same_cue(predicted: str | None, gold: str | None) -> bool:
    p, g = (predicted or "").strip().lower(), (gold or "").strip().lower()
    if not p or not g:
        return p == g
    return p == g or p in g or g in p


def covered(spans: list[list[int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS + ("all",)})
    predicted: int = 0
    predicted_hits: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.predicted_hits += other.predicted_hits
        for k, v in other.correct.items():
            self.correct[k] += v
        self.errors += other.errors


def own_voice(statement: dict[str, Any], publisher: str | None) -> bool:
    return (statement["kind"] in ("assessment", "assertion")
            and norm_name(statement["speaker"]["name"]) == norm_name(publisher))


def score_document(doc: dict[str, Any], record: dict[str, Any]) -> Tally:
    """Tally one document's gold claims against its extraction record."""
    text = doc["text"]
    statements = record["statements"]
    tally = Tally(gold=len(doc["gold"]))
    anchors = []
    for gold in doc["gold"]:
        start = text.index(gold["anchor"])
        end = start + len(gold["anchor"])
        anchors.append((start, end))
        half = (end - start) / 2
        hits = [s for s in statements if covered(s["content"]["spans"], start, end) >= half]
        if not hits:
            tally.errors.append(f"{doc['id']}: missed {gold['anchor']!r}")
            continue
        tally.found += 1
        match = min(hits, key=lambda s: sum(e - b for b, e in s["content"]["spans"]))
        cue = (match.get("cue") or {}).get("text")
        ok = {
            "speaker": same_speaker(match["speaker"]["name"], gold["speaker"]),
            "via": same_via(match.get("via") or [], gold["via"]),
            "said_on": match.get("said_on") == gold["said_on"],
            "cue": same_cue(cue, gold["cue"]),
        }
        ok["all"] = all(ok.values())
        for key, value in ok.items():
            tally.correct[key] += value
        if not ok["all"]:
            wrong = [f"{k}: {_show(k, match, cue)} (gold {_show_gold(k, gold)})"
                     for k in FIELDS if not ok[k]]
            tally.errors.append(f"{doc['id']}: {gold['anchor']!r}: " + "; ".join(wrong))
    for st in statements:
        if own_voice(st, doc.get("publisher")):
            continue
        tally.predicted += 1
        if any(covered(st["content"]["spans"], s, e) >= (e - s) / 2 for s, e in anchors):
            tally.predicted_hits += 1
        else:
            cue = (st.get("cue") or {}).get("text")
            tally.errors.append(f"{doc['id']}: extra {st['speaker']['name']!r} {cue!r}: "
                                f"{st['content']['text'][:70]!r}")
    return tally


def _show(key: str, match: dict[str, Any], cue: str | None) -> str:
    return {"speaker": repr(match["speaker"]["name"]), "via": repr(match.get("via")),
            "said_on": repr(match.get("said_on")), "cue": repr(cue)}[key]


def _show_gold(key: str, gold: dict[str, Any]) -> str:
    value = gold[key]
    if key == "speaker":
        return repr(value[0])
    if key == "via":
        return repr([hop[0] for hop in value])
    return repr(value)


def read_gold(path: Path) -> list[dict[str, Any]]:
    docs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        doc = json.loads(line)
        for gold in doc["gold"]:
            if doc["text"].count(gold["anchor"]) != 1:
                raise SystemExit(f"{path}:{number}: anchor {gold['anchor']!r} does not occur "
                                 "exactly once in the text")
        docs.append(doc)
    return docs


def extract_records(docs: list[dict[str, Any]], model: str | None) -> list[dict[str, Any]]:
    from claimgraph.ingest.readers import Defaults, item_from_object
    from claimgraph.pipeline import PipelineExtractor

    documents = []
    for doc in docs:
        _label, item = item_from_object({k: v for k, v in doc.items() if k != "gold"},
                                        doc["id"], Defaults(), None)
        if isinstance(item, Exception):
            raise SystemExit(f"{doc['id']}: {item}")
        documents.append(item)
    return PipelineExtractor(model)(documents)


def score(docs: list[dict[str, Any]], records: list[dict[str, Any]]) -> Tally:
    total = Tally()
    for doc, record in zip(docs, records):
        total.add(score_document(doc, record))
    return total


def summary(tally: Tally) -> dict[str, float]:
    found = max(tally.found, 1)
    out = {"documents_gold_claims": tally.gold, "found": tally.found,
           "recall": tally.found / max(tally.gold, 1),
           "precision": tally.predicted_hits / max(tally.predicted, 1)}
    for key, value in tally.correct.items():
        out[f"{key}_accuracy"] = value / found
        out[f"{key}_of_all"] = value / max(tally.gold, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every miss and wrong field")
    parser.add_argument("--model", default=None, help="spaCy model (default: claimgraph's)")
    args = parser.parse_args(argv)
    files = args.files or [p for p in DEFAULT_SETS if p.is_file()]
    for path in files:
        docs = read_gold(path)
        tally = score(docs, extract_records(docs, args.model))
        s = summary(tally)
        print(f"{path.name}: {len(docs)} documents, {tally.gold} gold claims")
        print(f"  statement recall {s['recall']:.3f} ({tally.found}/{tally.gold}), "
              f"precision {s['precision']:.3f}")
        for key in FIELDS + ("all",):
            print(f"  {key:8s} accuracy {s[key + '_accuracy']:.3f} of found, "
                  f"{s[key + '_of_all']:.3f} of all")
        if args.errors:
            for line in tally.errors:
                print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
