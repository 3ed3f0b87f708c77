"""Throughput: full claimgraph extraction vs bare spaCy ``nlp.pipe`` of the same model.

Runs both over ../shared/datasets/bbc-news-2225 in one process run and prints words
per second and their ratio. ``--workers N`` runs N processes for both.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS  # noqa: E402

from claimgraph.model import Document  # noqa: E402
from claimgraph.nlp import load_model  # noqa: E402
from claimgraph.runner import run  # noqa: E402


def corpus(limit: int | None) -> list[Document]:
    files = sorted((DATASETS / "bbc-news-2225").glob("*/*.txt"))
    if limit:  # spread over every category, not the first folder in sort order
        files = files[::max(1, len(files) // limit)][:limit]
    if not files:
        sys.exit(f"no data in {DATASETS / 'bbc-news-2225'}")
    return [Document(text=f.read_text(encoding="utf-8", errors="replace"), path=str(f))
            for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="first N articles (default: all)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    docs = corpus(args.limit)
    words = sum(len(d.text.split()) for d in docs)
    print(f"data: {len(docs)} articles, {words} words from {DATASETS / 'bbc-news-2225'}; "
          f"workers={args.workers}")

    nlp = load_model(args.model)
    start = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), batch_size=16, n_process=args.workers):
        pass
    bare = words / (time.perf_counter() - start)
    print(f"bare spaCy ({nlp.meta['name']} {nlp.meta['version']}): {bare:,.0f} words/s")

    start = time.perf_counter()
    failed = sum(1 for _, r in run([(d.path, d) for d in docs], model=args.model,
                                   workers=args.workers) if not hasattr(r, "statements"))
    full = words / (time.perf_counter() - start)
    print(f"claimgraph extract: {full:,.0f} words/s ({failed} failed)")
    print(f"ratio: {full / bare:.2f}")


if __name__ == "__main__":
    main()
