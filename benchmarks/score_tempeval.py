"""Score the date extractor against TimeML gold: TempEval-3 platinum (default) or MEANTIME.

For gold TIMEX3 of type DATE (the document creation time excluded, it is the anchor):
extraction precision / recall / F1 by character-span overlap, and value accuracy (exact
TIMEX3 value) over the gold dates found and over all gold dates. ``--throughput N``
instead times the extractor on N BBC News articles against the bare spaCy model.

    python benchmarks/score_tempeval.py [--corpus tempeval|meantime] [--errors]
    python benchmarks/score_tempeval.py --throughput 300

Data are read from ../shared/datasets (or $CLAIMGRAPH_DATASETS).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.language import Language  # noqa: E402

from claimgraph import pipeline  # noqa: E402,F401  (registers the Doc extensions)
from claimgraph.extract.dates import find_dates, resolve_date  # noqa: E402
from claimgraph.model import DateMention, Document  # noqa: E402
from claimgraph.nlp import load_model  # noqa: E402


def datasets_dir() -> Path:
    return Path(
        os.environ.get("CLAIMGRAPH_DATASETS", ROOT / ".." / "shared" / "datasets")
    ).resolve()


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str
    timexes: list[Timex] = field(default_factory=list)
    ignore: list[tuple[int, int]] = field(default_factory=list)  # spans scored neither way


# ------------------------------------------------------------------------------ readers

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> GoldDoc:
    """A TimeML file: the TEXT section with tags removed, its TIMEX3 spans and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_m is None:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3")
    dct = dict(_ATTR.findall(dct_m.group()))["value"]
    body_m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body_m is None:
        raise ValueError(f"{path}: no TEXT section")
    body = body_m.group(1)
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        else:
            start, attr = open_timex.pop()
            timexes.append(Timex(start, length, attr.get("type", ""), attr.get("value", ""), ""))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    return GoldDoc(path.stem, text, dct, timexes)


MEANTIME_SENTENCES = 5  # index of the last sentence MEANTIME annotates with times
_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    ")",
    "]",
    "%",
    "'s",
    "n't",
    "'",
    "'re",
    "'ve",
    "'ll",
    "'m",
    "'d",
}


def read_meantime(path: Path) -> GoldDoc:
    """A MEANTIME (NewsReader) file, detokenised; its TIMEX3 markables become character spans.

    MEANTIME marks times only in the title, the date line and the first four sentences
    (sentences 0-5); the rest of the text is left out of scoring.
    """
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length, sentence, prev = 0, None, ""
    unscored_from: int | None = None
    for tok in root.iter("token"):
        word = tok.text or ""
        sep = ""
        if sentence is not None and tok.get("sentence") != sentence:
            sep = "\n"
        elif pieces and word not in _NO_SPACE_BEFORE and prev not in ("(", "[", "$", "``"):
            sep = " "
        pieces.append(sep + word)
        length += len(sep)
        if unscored_from is None and int(tok.get("sentence", "0")) > MEANTIME_SENTENCES:
            unscored_from = length
        offsets[tok.get("t_id", "")] = (length, length + len(word))
        length += len(word)
        sentence, prev = tok.get("sentence"), word
    text = "".join(pieces)
    timexes: list[Timex] = []
    dct, ignore = "", []
    for tx in root.iter("TIMEX3"):
        anchors = [offsets[a.get("t_id", "")] for a in tx.iter("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value", "")
            if anchors:
                ignore.append((min(a[0] for a in anchors), max(a[1] for a in anchors)))
            continue
        if not anchors:
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        timexes.append(Timex(start, end, tx.get("type", ""), tx.get("value", ""), text[start:end]))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
        # a few files give the creation time as "03-02-2009" or not at all; its text is clear
        dct = resolve_date(text[ignore[0][0] : ignore[0][1]], None) or "" if ignore else ""
    if unscored_from is not None:
        ignore.append((unscored_from, len(text)))
    return GoldDoc(path.stem, text, dct, timexes, ignore)


def load_corpus(name: str) -> tuple[Path, list[GoldDoc]]:
    if name == "tempeval":
        folder = datasets_dir() / "tempeval3-platinum"
        files = sorted(folder.glob("*.tml"))
        return folder, [read_tml(f) for f in files]
    folder = datasets_dir() / "meantime-en" / "intra_cross-doc_annotation"
    files = sorted(folder.glob("*/*.xml"))
    return folder, [read_meantime(f) for f in files]


# ------------------------------------------------------------------------------ scoring


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def score(
    docs: list[GoldDoc], predictions: list[list[DateMention]], show_errors: bool = False
) -> dict[str, float]:
    """Print and return extraction P/R/F1 and value accuracy of ``predictions``."""
    gold_n = found = correct = pred_n = pred_tp = pred_other = 0
    wrong: list[str] = []
    missed: list[str] = []
    false_pos: Counter[str] = Counter()
    for doc, preds in zip(docs, predictions, strict=True):
        preds = [p for p in preds if all(_overlap(p.span, s) <= 0 for s in doc.ignore)]
        dates = [t for t in doc.timexes if t.type == "DATE"]
        others = [t for t in doc.timexes if t.type != "DATE"]
        gold_n += len(dates)
        pred_n += len(preds)
        for p in preds:
            if any(_overlap(p.span, (t.start, t.end)) > 0 for t in dates):
                pred_tp += 1
            else:
                pred_other += any(_overlap(p.span, (t.start, t.end)) > 0 for t in others)
                around = doc.text[max(0, p.span[0] - 40) : p.span[1] + 40].replace("\n", " ")
                false_pos[f"{p.text!r} -> {p.value} in {doc.name}: ...{around}..."] += 1
        for t in dates:
            hits = [p for p in preds if _overlap(p.span, (t.start, t.end)) > 0]
            if not hits:
                missed.append(f"{doc.name}: {t.text!r} = {t.value}")
                continue
            found += 1
            best = max(hits, key=lambda p: _overlap(p.span, (t.start, t.end)))
            if best.value == t.value:
                correct += 1
            else:
                around = doc.text[max(0, t.start - 60) : t.end + 40].replace("\n", " ")
                wrong.append(
                    f"{doc.name} (DCT {doc.dct}): gold {t.text!r} = {t.value}; "
                    f"got {best.text!r} = {best.value} in ...{around}..."
                )
    precision = pred_tp / pred_n if pred_n else 0.0
    recall = found / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lenient = pred_tp / (pred_n - pred_other) if pred_n - pred_other else 0.0
    print(
        f"gold DATE timexes: {gold_n} (creation times excluded); predicted date mentions: {pred_n}"
    )
    print(
        f"extraction (span overlap): precision {precision:.3f} ({pred_tp}/{pred_n})  "
        f"recall {recall:.3f} ({found}/{gold_n})  F1 {f1:.3f}"
    )
    print(
        f"  of the {pred_n - pred_tp} false positives, {pred_other} overlap a gold "
        f"DURATION/TIME/SET timex; precision without those: {lenient:.3f}"
    )
    print(f"value accuracy on found gold DATEs: {correct}/{found} = {correct / max(found, 1):.3f}")
    print(
        f"value accuracy over all gold DATEs: {correct}/{gold_n} = {correct / max(gold_n, 1):.3f}"
    )
    if show_errors:
        print("\nwrong values:\n  " + "\n  ".join(wrong))
        print("\nmissed gold DATEs:\n  " + "\n  ".join(missed))
        print(
            "\nfalse positives:\n  " + "\n  ".join(f"{n} x {k}" for k, n in false_pos.most_common())
        )
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "value_accuracy_found": correct / max(found, 1),
        "value_accuracy_all": correct / max(gold_n, 1),
    }


def predict(nlp: Language, docs: list[GoldDoc]) -> list[list[DateMention]]:
    """Date mentions for each gold document, anchored on its creation time."""
    predictions = []
    for gold in docs:
        doc = nlp.make_doc(gold.text)
        doc._.document = Document(text=gold.text, published=gold.dct or None)
        predictions.append(nlp(doc)._.dates)
    return predictions


def run_scoring(corpus: str, show_errors: bool) -> None:
    folder, docs = load_corpus(corpus)
    if not docs:
        sys.exit(f"no {corpus} data under {folder}; set CLAIMGRAPH_DATASETS")
    types = Counter(t.type for d in docs for t in d.timexes)
    print(f"data: {folder} ({len(docs)} documents, {sum(len(d.text) for d in docs):,} characters)")
    if corpus == "meantime":
        print(
            f"scored: sentences 0-{MEANTIME_SENTENCES} of each article (title, date line and "
            "first four sentences), the part MEANTIME annotates with times"
        )
    print(
        "gold timexes by type (creation times excluded): "
        + ", ".join(f"{k} {v}" for k, v in sorted(types.items()))
    )
    nlp = load_model()
    nlp.add_pipe("claimgraph_dates")
    print(f"model: {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")
    started = time.perf_counter()
    predictions = predict(nlp, docs)
    print(f"pipeline time: {time.perf_counter() - started:.2f} s")
    score(docs, predictions, show_errors)


# ---------------------------------------------------------------------------- throughput


def run_throughput(n: int, anchor: str) -> None:
    folder = datasets_dir() / "bbc-news-2225"
    paths = sorted(folder.glob("*/*.txt"))
    if not paths:
        sys.exit(f"no BBC News data under {folder}; set CLAIMGRAPH_DATASETS")
    step = max(1, len(paths) // n)
    paths = paths[::step][:n]
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in paths]
    nlp = load_model()
    list(nlp.pipe(texts[:20]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    bare = time.perf_counter() - started
    for doc, text in zip(docs, texts, strict=True):
        doc._.document = Document(text=text, published=anchor)
    started = time.perf_counter()
    mentions = sum(len(find_dates(doc)) for doc in docs)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        find_dates(doc)
    warm = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    print(
        f"data: {folder} ({len(texts)} articles, every {step}th file, {chars:,} characters); "
        f"anchor {anchor}"
    )
    print(
        f"bare spaCy model ({nlp.meta['lang']}_{nlp.meta['name']}): {bare:.2f} s "
        f"({1000 * bare / len(texts):.1f} ms/doc)"
    )
    print(
        f"date extractor, first pass: {cold:.3f} s ({1000 * cold / len(texts):.2f} ms/doc, "
        f"{100 * cold / bare:.1f}% of the model); second pass (warm cache): {warm:.3f} s "
        f"({100 * warm / bare:.1f}%)"
    )
    print(f"date mentions found: {mentions} ({mentions / len(texts):.1f} per article)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("tempeval", "meantime"), default="tempeval")
    parser.add_argument(
        "--errors", action="store_true", help="list wrong values, misses, false positives"
    )
    parser.add_argument(
        "--throughput",
        type=int,
        metavar="N",
        help="time the extractor on N BBC News articles instead of scoring",
    )
    parser.add_argument("--anchor", default="2005-03-01", help="publication date for --throughput")
    args = parser.parse_args()
    if args.throughput:
        run_throughput(args.throughput, args.anchor)
    else:
        run_scoring(args.corpus, args.errors)


if __name__ == "__main__":
    main()
