"""Time per KB against document length: one long document of BBC articles end to end.

Builds documents of the given sizes (KB) by joining BBC News articles with blank lines,
extracts each as one document and prints seconds, milliseconds per KB and statements.
A flat ms/KB column means linear time; documents over ``claimgraph.chunks.CHUNK_CHARS``
go through in paragraph-aligned pieces.

Usage::

    python benchmarks/long_documents.py [--sizes 10 100 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS  # noqa: E402

from claimgraph.model import Document  # noqa: E402
from claimgraph.pipeline import build, extract_one  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args(argv)
    files = sorted((DATASETS / "bbc-news-2225").glob("*/*.txt"))
    if not files:
        sys.exit(f"no data in {DATASETS / 'bbc-news-2225'}")
    nlp = build()
    print(f"data: BBC News articles from {DATASETS / 'bbc-news-2225'}, joined")
    for kb in args.sizes:
        parts, size, i = [], 0, 0
        while size < kb * 1000:
            part = files[i % len(files)].read_text(encoding="utf-8", errors="replace")
            parts.append(part)
            size += len(part) + 2
            i += 1
        text = "\n\n".join(parts)
        started = time.perf_counter()
        extraction = extract_one(nlp, Document(text=text))
        seconds = time.perf_counter() - started
        print(f"{len(text) / 1000:8.0f} KB: {seconds:7.1f} s, "
              f"{seconds / (len(text) / 1000) * 1000:5.1f} ms/KB, "
              f"{len(extraction.statements)} statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
