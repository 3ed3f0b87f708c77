"""Score the estimates extractor's hedge cues against the Szeged Uncertainty Corpus.

Usage::

    python benchmarks/score_szeged.py [--file factbank.xml] [--types counted|all]
                                      [--limit N] [--errors N]

Data: ``szeged-uncertainty/<file>`` under the shared datasets folder ($CLAIMGRAPH_DATASETS,
else ``../shared/datasets`` beside the repo). ``factbank.xml`` is the news part (FactBank
2.0: TimeBank/AQUAINT newswire) and the default; ``wiki.xml`` (Wikipedia weasel words)
gives an out-of-genre check.

Definitions:

* Each ``<Sentence>`` is scored on its own: its text is the concatenation of its text
  and ``<ccue>`` elements, whitespace runs collapsed to one space (the XML keeps stray
  spaces where other annotation layers were removed). Gold cues are the ``<ccue>``
  spans, trimmed of spaces. The sentence is run through the spaCy model and the
  ``claimgraph_estimates`` component; every Estimate span is a predicted cue.
* **Counted types** (default): epistemic (``speculation_modal_probable`` and
  ``speculation_modal_possible``), doxastic (``speculation_hypo_doxastic``) and
  investigation (``speculation_hypo_investigation``). Conditional cues (``if``,
  ``would``, ``will``, ``until``) are not hedges in claimgraph's sense and are left
  out; a prediction that overlaps only an uncounted gold cue is ignored (neither
  right nor wrong) and counted separately. ``--types all`` counts every type.
* **Overlap match**: one-to-one within a sentence, greedy by shared characters; a
  pair matches when the spans share at least one character. **Exact match**: the
  same one-to-one matching, counting only pairs whose spans are identical.
* Recall is also printed per gold type, and precision per predicted class (yardstick
  scale or hedge class from ``hedges.json``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATASETS_ENV = "CLAIMGRAPH_DATASETS"
EPISTEMIC = ("speculation_modal_probable", "speculation_modal_possible")
DOXASTIC = ("speculation_hypo_doxastic",)
INVESTIGATION = ("speculation_hypo_investigation",)
CONDITION = ("speculation_hypo_condition",)
COUNTED = EPISTEMIC + DOXASTIC + INVESTIGATION
GROUP = {t: "epistemic" for t in EPISTEMIC} | {t: "doxastic" for t in DOXASTIC} | {
    t: "investigation" for t in INVESTIGATION} | {t: "condition" for t in CONDITION}

Span = tuple[int, int]


@dataclass
class Sentence:
    id: str
    text: str
    cues: list[tuple[Span, str]]  # (span, cue type)


def datasets_dir() -> Path:
    env = os.environ.get(DATASETS_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"


def _normalise(pieces: list[tuple[str, str | None]]) -> Sentence:
    """Join (text, cue type or None) pieces; collapse whitespace runs; map cue spans."""
    raw = ""
    raw_cues: list[tuple[Span, str]] = []
    for piece, cue_type in pieces:
        if cue_type is not None and piece.strip():
            lead = len(piece) - len(piece.lstrip())
            start = len(raw) + lead
            raw_cues.append(((start, start + len(piece.strip())), cue_type))
        raw += piece
    text = ""
    pos: list[int] = []  # raw index -> index in text
    for ch in raw:
        if ch.isspace():
            if text and not text.endswith(" "):
                text += " "
            pos.append(len(text) - 1 if text else 0)
        else:
            pos.append(len(text))
            text += ch
    pos.append(len(text))
    cues = [((pos[s], pos[e - 1] + 1), t) for (s, e), t in raw_cues]
    return Sentence(id="", text=text.rstrip(), cues=cues)


def read_sentences(path: Path) -> Iterator[Sentence]:
    """Sentences of one Szeged XML file, with their cue spans."""
    root = ET.parse(path).getroot()
    for el in root.iter():
        if el.tag.lower() != "sentence":
            continue
        pieces: list[tuple[str, str | None]] = [(el.text or "", None)]
        for child in el:
            cue_type = None
            if child.tag == "ccue":
                # Types come as 'speculation_hypo_doxastic _': drop the stray space and '_'.
                cue_type = (child.get("type") or "").replace(" ", "").rstrip("_") or None
            pieces.append(("".join(child.itertext()), cue_type))
            pieces.append((child.tail or "", None))
        sentence = _normalise(pieces)
        sentence.id = el.get("id", "")
        yield sentence


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: list[Span], gold: list[Span], exact: bool = False) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, greedy by shared characters."""
    pairs = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
         if _overlap(p, g) > 0 and (not exact or p == g)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", default="factbank.xml", help="file in szeged-uncertainty/")
    ap.add_argument("--types", choices=("counted", "all"), default="counted")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    ap.add_argument("--errors", type=int, default=0,
                    help="print the N commonest misses and false cues")
    args = ap.parse_args(argv)

    path = datasets_dir() / "szeged-uncertainty" / args.file
    if not path.exists():
        print(f"dataset not found: {path} (set ${DATASETS_ENV} to the shared datasets folder)")
        return 2

    from claimgraph import scales
    from claimgraph.extract import estimates as _estimates  # noqa: F401  registers the factory
    from claimgraph.nlp import load_model

    sentences = list(read_sentences(path))
    if args.limit:
        sentences = sentences[: args.limit]
    counted = set(GROUP) if args.types == "all" else set(COUNTED)

    nlp = load_model()
    finder = nlp.add_pipe("claimgraph_estimates")
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=["claimgraph_estimates"]):
        docs = list(nlp.pipe((s.text for s in sentences), batch_size=64))
    t1 = time.perf_counter()
    docs = [finder(doc) for doc in docs]
    t2 = time.perf_counter()

    gold_by_type: Counter[str] = Counter()
    hit_by_type: Counter[str] = Counter()
    pred_by_class: Counter[str] = Counter()
    tp_by_class: Counter[str] = Counter()
    tp = tp_exact = n_pred = n_gold = ignored = 0
    misses: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for sent, doc in zip(sentences, docs, strict=True):
        preds = [e.span for e in doc._.estimates]
        classes = []
        for e in doc._.estimates:
            span = doc.char_span(e.span[0], e.span[1], alignment_mode="expand")
            lemma = span[-1].lemma_ if span is not None and len(span) else None
            classes.append(e.scale if e.scale != "none" else
                           (scales.hedge_kind(e.text, lemma) or "hedge"))
        gold_all = [(span, t) for span, t in sent.cues]
        # Predictions matched against every gold cue, so that a hit on an uncounted
        # cue is recognised and ignored rather than called false.
        pairs_all = match(preds, [s for s, _ in gold_all])
        matched_pred = {i: gold_all[j][1] for i, j in pairs_all}
        gold = [(s, t) for s, t in gold_all if t in counted]
        pairs = match(preds, [s for s, _ in gold])
        pairs_exact = match(preds, [s for s, _ in gold], exact=True)
        for _, t in gold_all:
            gold_by_type[t] += 1
        for _, j in pairs_all:
            hit_by_type[gold_all[j][1]] += 1
        hit_gold = {j for _, j in pairs}
        for j, (s, t) in enumerate(gold):
            if j not in hit_gold:
                misses[f"{sent.text[s[0]:s[1]].lower()} [{GROUP.get(t, t)}]"] += 1
        counted_hits = {i for i, _ in pairs}
        for i, span in enumerate(preds):
            if i not in counted_hits and matched_pred.get(i, "") not in counted | {""}:
                ignored += 1  # a right cue of a type this run does not score
                continue
            n_pred += 1
            pred_by_class[classes[i]] += 1
            if i in counted_hits:
                tp_by_class[classes[i]] += 1
            else:
                false[f"{sent.text[span[0]:span[1]].lower()} [{classes[i]}]"] += 1
        n_gold += len(gold)
        tp += len(pairs)
        tp_exact += len(pairs_exact)

    counted_names = sorted({GROUP.get(t, t) for t in counted})
    print(f"data: {path.resolve()}")
    print(f"sentences: {len(sentences)}   gold cues: {sum(gold_by_type.values())}   "
          f"counted types: {', '.join(counted_names)} ({n_gold} cues)")
    print(f"predicted cues scored: {n_pred}   ignored (overlap an uncounted gold cue): {ignored}")
    p, r, f = prf(tp, n_pred, n_gold)
    print(f"overlap match: P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp})")
    p, r, f = prf(tp_exact, n_pred, n_gold)
    print(f"exact match:   P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp_exact})")
    print("recall per gold type (overlap, any prediction):")
    for t, n in sorted(gold_by_type.items(), key=lambda x: -x[1]):
        mark = "" if t in counted else "  (not counted)"
        hits = hit_by_type[t]
        print(f"  {t:34s} {GROUP.get(t, t):13s} {hits:4d}/{n:<4d} {hits / n:.3f}{mark}")
    print("precision per predicted class:")
    for c, n in sorted(pred_by_class.items(), key=lambda x: -x[1]):
        print(f"  {c:14s} {tp_by_class[c]:4d}/{n:<4d} {tp_by_class[c] / n:.3f}")
    print(f"time: spaCy model {t1 - t0:.1f}s, estimates extractor {t2 - t1:.2f}s "
          f"({len(sentences) / max(t2 - t1, 1e-9):.0f} sentences/s)")
    if args.errors:
        print(f"commonest misses: {misses.most_common(args.errors)}")
        print(f"commonest false cues: {false.most_common(args.errors)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
