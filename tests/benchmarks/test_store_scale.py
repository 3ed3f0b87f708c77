"""The store benchmark times the reads of a database it made before, without ingesting."""

from __future__ import annotations

import argparse

from benchmarks.store_scale import regex_record, report, run_existing, variants
from claimgraph.model import Document
from claimgraph.store import Ingester, Store

TOPICS = [("Harbour closed at Vostrel", "Anna Kovac"), ("Floods reach Oderburg", "Ilse Brandt"),
          ("Reservists called to Vostrel", "Mirek Danov")]


def _base() -> list[dict]:
    docs = [Document(text=f"{title}\n\n{speaker} said the {title.lower()} story was true. "
                          f"Other people told reporters nothing.", title=title,
                     publisher="BBC news", path=f"news/{i}.txt")
            for i, (title, speaker) in enumerate(TOPICS)]
    return [regex_record(d) for d in docs]


def test_an_existing_database_is_timed_as_it_is(tmp_path, capsys):
    base = _base()
    assert all(r["statements"] for r in base)
    path = str(tmp_path / "bench.db")
    with Store.open(path, write=True) as store:
        Ingester(store).run(variants(base, 12))
    result = run_existing(path, base, argparse.Namespace(queries=8, stories=3))
    assert result["backend"] == "SQLite" and result["counts"]["documents"] == 12
    for key in ("search", "search_speaker", "story", "stories"):
        p50, p95 = result[key]
        assert 0 < p50 <= p95
    assert len(result["picked_sizes"]) == 3
    with Store.open(path) as store:
        assert store.counts()["documents"] == 12  # nothing was ingested
    report(result, 12)
    out = capsys.readouterr().out
    assert "existing" in out and "search --speaker: p50" in out and "story: p50" in out
