"""Score predicted attribution relations against PolNeAR dev.

Usage::

    python benchmarks/score_polnear.py [--predictor statements|attributions] [--limit N]
                                       [--speed N]

Definitions (per article; counts are summed over articles, then P/R/F1 computed):

* **Content characters** of a relation: the union of its content spans as a set of
  character positions, after trimming each span of whitespace, quotation marks and
  punctuation (:data:`TRIM`) at both ends.
* **Jaccard** of a predicted and a gold relation: ``|P & G| / |P | G|`` over content
  characters.
* **Content matching**: one-to-one, greedy, best Jaccard first (ties: gold order,
  then prediction order). A matched pair counts at three levels: any overlap
  (Jaccard > 0), Jaccard >= 0.5, and exact (Jaccard == 1 after trimming).
* **Triple**: a separate one-to-one greedy matching over pairs whose content
  Jaccard >= 0.5 AND whose cue spans share a character AND whose sources match.
  Sources match when they share a character, or when BOTH relations have no
  source (a gold relation without a source is matched only by a prediction
  without one; a prediction with no source never matches a gold source).
  Cues are compared the same way.
* **Direct / indirect recall**: a gold relation is *direct* when more than half of
  its content characters lie inside quotation marks, otherwise *indirect*.
  Quotation regions (:func:`quoted_positions`) open at ``“`` and close at ``”``;
  a straight ``"`` and a doubled apostrophe ``''`` toggle open/closed; every
  region is also closed at a newline, since a quote running on into the next
  paragraph reopens there. Single quotes are ignored (they double as
  apostrophes). Recall is reported at Jaccard >= 0.5 of the content matching.

Predictors: ``attributions`` scores ``doc._.attributions`` of the spaCy model plus
``claimgraph_attributions`` alone; ``statements`` (default) scores the full pipeline's
``doc._.statements`` (content spans, cue span, speaker span), leaving out statements
without a cue whose kind is ``assessment`` or ``assertion`` (the publisher's own
voice). When the full pipeline cannot be built or run, the scorer says so and scores
``attributions`` instead.

Gold relations come from :func:`benchmarks.polnear.read_split` (one annotator per
article: the first ``.ann`` in sorted order). The test split is withheld; only
``dev`` (default) and ``train`` can be scored.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.polnear import Article, Relation, Span, datasets_dir, read_split  # noqa: E402

QUOTES = "\"'“”‘’«»`„‟‹›"


def _is_trimmed(ch: str) -> bool:
    return ch.isspace() or ch in QUOTES or unicodedata.category(ch).startswith("P")


def content_chars(spans: Iterable[Span], text: str) -> frozenset[int]:
    """Character positions of ``spans``, each trimmed of spaces, quotes and punctuation."""
    chars: set[int] = set()
    for start, end in spans:
        while start < end and _is_trimmed(text[start]):
            start += 1
        while end > start and _is_trimmed(text[end - 1]):
            end -= 1
        chars.update(range(start, end))
    return frozenset(chars)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def overlaps(a: Sequence[Span], b: Sequence[Span]) -> bool:
    """True when two span lists share a character, or when both are empty."""
    if not a and not b:
        return True
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def quoted_positions(text: str) -> list[bool]:
    """For each character, whether it lies inside quotation marks (see module docstring)."""
    inside = [False] * len(text)
    is_open = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            is_open = False
        elif ch == "“":
            is_open = True
        elif ch == "”":
            is_open = False
        elif ch == '"':
            is_open = not is_open
        elif text.startswith("''", i):
            is_open = not is_open
            i += 2
            continue
        elif is_open:
            inside[i] = True
        i += 1
    return inside


def is_direct(chars: frozenset[int], quoted: list[bool]) -> bool:
    return bool(chars) and sum(quoted[p] for p in chars) * 2 > len(chars)


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        return self


@dataclass
class Scores:
    any_overlap: Counts = field(default_factory=Counts)
    half: Counts = field(default_factory=Counts)
    exact: Counts = field(default_factory=Counts)
    triple: Counts = field(default_factory=Counts)
    direct: Counts = field(default_factory=Counts)  # recall only: tp / n_gold
    indirect: Counts = field(default_factory=Counts)

    def __iadd__(self, other: Scores) -> Scores:
        for name in ("any_overlap", "half", "exact", "triple", "direct", "indirect"):
            getattr(self, name).__iadd__(getattr(other, name))
        return self


def greedy_match(weights: dict[tuple[int, int], float]) -> dict[int, tuple[int, float]]:
    """One-to-one matching, best weight first: ``{gold_index: (pred_index, weight)}``."""
    matched: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for (g, p), w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if g not in matched and p not in used:
            matched[g] = (p, w)
            used.add(p)
    return matched


def score_article(text: str, gold: Sequence[Relation], pred: Sequence[Relation]) -> Scores:
    """Scores of one article's predicted relations against its gold relations."""
    gold_chars = [content_chars(r.content, text) for r in gold]
    pred_chars = [content_chars(r.content, text) for r in pred]
    weights = {}
    for g, gc in enumerate(gold_chars):
        for p, pc in enumerate(pred_chars):
            j = jaccard(gc, pc)
            if j > 0:
                weights[(g, p)] = j
    content = greedy_match(weights)
    triple = greedy_match({
        (g, p): j for (g, p), j in weights.items()
        if j >= 0.5 and overlaps(gold[g].cue, pred[p].cue)
        and overlaps(gold[g].source, pred[p].source)
    })
    s = Scores()
    for counts in (s.any_overlap, s.half, s.exact, s.triple):
        counts.n_pred, counts.n_gold = len(pred), len(gold)
    s.any_overlap.tp = len(content)
    s.half.tp = sum(1 for _, j in content.values() if j >= 0.5)
    s.exact.tp = sum(1 for _, j in content.values() if j == 1.0)
    s.triple.tp = len(triple)
    quoted = quoted_positions(text)
    for g, gc in enumerate(gold_chars):
        bucket = s.direct if is_direct(gc, quoted) else s.indirect
        bucket.n_gold += 1
        if g in content and content[g][1] >= 0.5:
            bucket.tp += 1
    return s


def score(articles: Sequence[Article], predictions: Sequence[Sequence[Relation]]) -> Scores:
    total = Scores()
    for article, pred in zip(articles, predictions, strict=True):
        total += score_article(article.text, article.relations, pred)
    return total


def report(scores: Scores) -> str:
    lines = [f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}"]
    for label, c in (("content any overlap", scores.any_overlap),
                     ("content Jaccard>=0.5", scores.half),
                     ("content exact", scores.exact),
                     ("triple", scores.triple)):
        lines.append(f"{label:<22}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                     f"   (tp {c.tp}, pred {c.n_pred}, gold {c.n_gold})")
    for label, c in (("direct recall@0.5", scores.direct),
                     ("indirect recall@0.5", scores.indirect)):
        lines.append(f"{label:<22}{c.recall:>21.3f}   ({c.tp}/{c.n_gold})")
    return "\n".join(lines)


# --- predictors -------------------------------------------------------------------------

Predictor = Callable[[Sequence[str]], list[list[Relation]]]


def attributions_predictor() -> Predictor:
    """``doc._.attributions`` of the spaCy model plus ``claimgraph_attributions`` alone."""
    from claimgraph.extract import attributions  # noqa: F401  (registers the factory)
    from claimgraph.nlp import load_model

    nlp = load_model()
    nlp.add_pipe("claimgraph_attributions", last=True)

    def predict(texts: Sequence[str]) -> list[list[Relation]]:
        out = []
        for doc in nlp.pipe(texts, batch_size=8):
            out.append([Relation(content=tuple(a.content),
                                 cue=(a.cue,) if a.cue else (),
                                 source=(a.source,) if a.source else ())
                        for a in doc._.attributions])
        return out
    return predict


def _span(span: Sequence[int]) -> Span:
    return (int(span[0]), int(span[1]))


def statements_predictor() -> Predictor:
    """``doc._.statements`` of the full pipeline (``claimgraph.pipeline.build()``)."""
    from claimgraph.model import Document
    from claimgraph.pipeline import build, make_doc

    nlp = build()

    def predict(texts: Sequence[str]) -> list[list[Relation]]:
        out = []
        docs = (make_doc(nlp, Document(text=t)) for t in texts)
        for doc in nlp.pipe(docs, batch_size=8):
            rels = []
            for st in doc._.statements or []:
                if st.cue is None and st.kind in ("assessment", "assertion"):
                    continue  # the publisher's own voice: not a reported attribution
                rels.append(Relation(
                    content=tuple(_span(s) for s in st.content.spans),
                    cue=(_span(st.cue.span),) if st.cue and st.cue.span else (),
                    source=(_span(st.speaker.span),) if st.speaker and st.speaker.span else (),
                ))
            out.append(rels)
        return out
    return predict


PREDICTORS: dict[str, Callable[[], Predictor]] = {
    "attributions": attributions_predictor,
    "statements": statements_predictor,
}


def _pick_predictor(name: str, texts: Sequence[str]) -> tuple[str, list[list[Relation]]]:
    """Run ``name``; when the full pipeline cannot run, say so and fall back to attributions."""
    if name == "statements":
        try:
            return name, statements_predictor()(texts)
        except Exception as exc:  # the full pipeline is optional here: report and fall back
            print(f"note: statements predictor failed ({type(exc).__name__}: {exc}); "
                  "scoring --predictor attributions instead", file=sys.stderr)
            name = "attributions"
    return name, PREDICTORS[name]()(texts)


# --- throughput -------------------------------------------------------------------------

def bbc_texts(n: int) -> list[str]:
    """``n`` BBC News articles spread evenly over the five topic folders (sorted order)."""
    root = datasets_dir() / "bbc-news-2225"
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    per = max(1, n // len(folders))
    texts = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt"))[:per]:
            texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return texts


def throughput(texts: Sequence[str], rounds: int = 3) -> tuple[float, float]:
    """Words per second of the bare spaCy model and of it plus ``claimgraph_attributions``.

    The two alternate for ``rounds`` rounds and each keeps its best round, so load from
    other processes on the machine skews the ratio less.
    """
    from claimgraph.extract import attributions  # noqa: F401
    from claimgraph.nlp import load_model

    nlp = load_model()
    nlp.add_pipe("claimgraph_attributions", last=True)
    list(nlp.pipe(texts[:5]))  # warm up: lazy loads are not throughput
    best = {True: 0.0, False: 0.0}
    for _ in range(rounds):
        for with_component in (False, True):
            disabled = [] if with_component else ["claimgraph_attributions"]
            with nlp.select_pipes(disable=disabled):
                start = time.perf_counter()
                words = sum(sum(1 for t in doc if not t.is_space)
                            for doc in nlp.pipe(texts, batch_size=16))
                rate = words / (time.perf_counter() - start)
            best[with_component] = max(best[with_component], rate)
    return best[False], best[True]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--predictor", choices=sorted(PREDICTORS), default="statements")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument("--speed", type=int, default=0, metavar="N",
                        help="also time N BBC News articles: bare spaCy vs with the component")
    args = parser.parse_args(argv)

    try:
        articles = read_split(args.split)
    except FileNotFoundError as exc:
        print(f"error: {exc}; set CLAIMGRAPH_DATASETS to the shared datasets folder",
              file=sys.stderr)
        return 2
    if args.limit:
        articles = articles[: args.limit]
    start = time.perf_counter()
    name, predictions = _pick_predictor(args.predictor, [a.text for a in articles])
    elapsed = time.perf_counter() - start
    n_gold = sum(len(a.relations) for a in articles)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {n_gold} gold relations "
          f"(first annotator per article); predictor: {name}; {elapsed:.0f} s")
    print(report(score(articles, predictions)))
    if args.speed:
        texts = bbc_texts(args.speed)
        bare, full = throughput(texts)
        print(f"throughput on {len(texts)} BBC News articles (best of 3 alternating rounds): "
              f"bare spaCy {bare:,.0f} words/s, with claimgraph_attributions {full:,.0f} "
              f"words/s ({full / bare:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
