"""Train the attribution tagger shipped in ``claimgraph/data/attribution_model/``.

Reads PolNeAR ``train`` (one annotator per article, see ``benchmarks/polnear.py``),
parses it with the spaCy model claimgraph uses (cached as DocBin files), trains the
tagger of ``claimgraph.extract.attributions`` with Adam, scores relations on PolNeAR
``dev`` after every epoch with ``benchmarks/score_polnear.py``'s definitions, and
keeps the weights with the best dev score (content F1 at Jaccard >= 0.5 plus
triple F1). Deterministic for a given seed, data and thread count.

Usage::

    python scripts/train_attribution.py [--epochs 6] [--max-minutes 35] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from thinc.api import Adam, fix_random_seed

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.polnear import Article, Relation, read_split  # noqa: E402
from benchmarks.score_polnear import score  # noqa: E402
from claimgraph.extract.attributions import (  # noqa: E402
    DEFAULT_CONFIG, LABELS, MODEL_DIR, attributions_from_probs, build_tagger, initialize_tagger,
    model_inputs, save_tagger,
)
from claimgraph.nlp import load_model  # noqa: E402

LABEL_ID = {label: k for k, label in enumerate(LABELS)}


def parsed_docs(nlp: Language, split: str, articles: list[Article], cache: Path) -> list[Doc]:
    """The articles parsed by the spaCy model, from ``cache`` when it holds them."""
    key = f"{split}-{nlp.meta['name']}-{nlp.meta['version']}-{len(articles)}.spacy"
    path = cache / key
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            # DocBin keeps no doc.tensor: rerun the shared tok2vec, which sets it again.
            return list(nlp.get_pipe("tok2vec").pipe(docs, batch_size=16))
    print(f"parsing {len(articles)} {split} articles ...", flush=True)
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return docs


def token_labels(doc: Doc, relations: list[Relation]) -> np.ndarray:
    """BIO label ids per token; where relations overlap, the first one keeps its tokens."""
    labels = np.zeros(len(doc), dtype="int64")
    taken = np.zeros(len(doc), dtype=bool)
    for rel in relations:
        for role, spans in (("SOURCE", rel.source), ("CUE", rel.cue), ("CONTENT", rel.content)):
            for start, end in spans:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                idx = [t.i for t in span if not t.is_space and not taken[t.i]]
                for n, i in enumerate(idx):
                    labels[i] = LABEL_ID[("B-" if n == 0 else "I-") + role]
                    taken[i] = True
    return labels


def one_hot(labels: np.ndarray) -> np.ndarray:
    out = np.zeros((len(labels), len(LABELS)), dtype="float32")
    out[np.arange(len(labels)), labels] = 1.0
    return out


def evaluate(model, docs: list[Doc], feats: list, articles: list[Article]) -> dict:
    probs = model.predict(feats)
    predictions = []
    for doc, p in zip(docs, probs):
        predictions.append([
            Relation(content=tuple(a.content), cue=(a.cue,) if a.cue else (),
                     source=(a.source,) if a.source else ())
            for a in attributions_from_probs(doc, p)])
    s = score(articles, predictions)
    return {"content_f1_any": round(s.any_overlap.f1, 4),
            "content_p_0.5": round(s.half.precision, 4),
            "content_r_0.5": round(s.half.recall, 4), "content_f1_0.5": round(s.half.f1, 4),
            "content_f1_exact": round(s.exact.f1, 4), "triple_f1": round(s.triple.f1, 4),
            "direct_recall": round(s.direct.recall, 4),
            "indirect_recall": round(s.indirect.recall, 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--max-minutes", type=float, default=35.0,
                        help="stop after the epoch that passes this much training time")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--cache", type=Path,
                        default=Path.home() / ".cache" / "claimgraph" / "polnear")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lr", type=float, default=0.002)
    parser.add_argument("--batch-tokens", type=int, default=6000)
    parser.add_argument("--train-limit", type=int, default=0, help="use only N train articles")
    for name, value in DEFAULT_CONFIG.items():
        parser.add_argument(f"--{name}", type=type(value), default=value)
    args = parser.parse_args()
    config = {name: getattr(args, name) for name in DEFAULT_CONFIG}

    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    train_articles, dev_articles = read_split("train"), read_split("dev")
    nlp = load_model()
    train_docs = parsed_docs(nlp, "train", train_articles, args.cache)
    dev_docs = parsed_docs(nlp, "dev", dev_articles, args.cache)
    if args.train_limit:
        train_articles = train_articles[: args.train_limit]
        train_docs = train_docs[: args.train_limit]
    start = time.perf_counter()
    train_x = [model_inputs(d) for d in train_docs]
    train_y = [one_hot(token_labels(d, a.relations)) for d, a in zip(train_docs, train_articles)]
    dev_x = [model_inputs(d) for d in dev_docs]
    n_tokens = sum(len(d) for d in train_docs)
    print(f"train: {len(train_docs)} articles, {n_tokens} tokens; dev: {len(dev_docs)} articles; "
          f"features in {time.perf_counter() - start:.0f} s; config {config}", flush=True)

    model = build_tagger(config)
    initialize_tagger(model, config)
    # Scoring and saving use the running average of the weights: steadier than the last step.
    optimizer = Adam(args.lr, grad_clip=1.0, L2=1e-6, use_averages=True)
    best: dict | None = None
    best_score = -1.0
    start = time.perf_counter()
    order = list(range(len(train_x)))
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(order)
        loss, batch, size = 0.0, [], 0
        for n, k in enumerate(order):
            batch.append(k)
            size += len(train_x[k][0])
            if size < args.batch_tokens and n < len(order) - 1:
                continue
            guesses, backprop = model.begin_update([train_x[i] for i in batch])
            total = sum(len(g) for g in guesses)
            grads = [(g - train_y[i]) / total for g, i in zip(guesses, batch)]
            loss += sum(float(-(train_y[i] * np.log(g + 1e-8)).sum())
                        for g, i in zip(guesses, batch))
            backprop(grads)
            model.finish_update(optimizer)
            batch, size = [], 0
        with model.use_params(optimizer.averages):
            scores = evaluate(model, dev_docs, dev_x, dev_articles)
        minutes = (time.perf_counter() - start) / 60
        print(f"epoch {epoch:>2}  loss/token {loss / n_tokens:.4f}  {minutes:5.1f} min  "
              f"dev {scores}", flush=True)
        current = scores["content_f1_0.5"] + scores["triple_f1"]
        if current > best_score:
            best_score = current
            best = {"epoch": epoch, "dev": scores}
            meta = {
                "description": "claimgraph attribution tagger (SOURCE/CUE/CONTENT, BIO)",
                "data": {"train": f"PolNeAR v1.0.0 train, {len(train_docs)} articles, {n_tokens} "
                                  "tokens, first annotator per article",
                         "dev": f"PolNeAR v1.0.0 dev, {len(dev_docs)} articles"},
                "spacy_model": {k: nlp.meta[k] for k in ("lang", "name", "version")},
                "training": {"seed": args.seed, "lr": args.lr, "batch_tokens": args.batch_tokens,
                             "epochs_run": epoch, "best_epoch": epoch,
                             "minutes": round(minutes, 1)},
                "dev_scores": scores,
            }
            with model.use_params(optimizer.averages):
                save_tagger(model, config, args.out, meta)
            print(f"  saved to {args.out}", flush=True)
        if minutes > args.max_minutes:
            print("time limit reached", flush=True)
            break
    if best is not None:  # record how long training went on after the best epoch
        meta_path = args.out / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["training"]["epochs_run"] = epoch
        meta["training"]["minutes"] = round(minutes, 1)
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"best epoch {best['epoch'] if best else None}: {json.dumps(best)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
