"""Statements and claims as CSV and JSON Lines rows, produced one at a time."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from claimgraph.export import filename, write_story
from claimgraph.export.tables import (
    CLAIM_COLUMNS,
    STATEMENT_COLUMNS,
    claim_rows,
    statement_rows,
    write_csv,
    write_jsonl,
)


def test_statement_rows(vostrel):
    detail, records = vostrel
    rows = list(statement_rows((detail["id"], r) for r in records))
    assert len(rows) == 11
    assert all(list(row) == list(STATEMENT_COLUMNS) for row in rows)
    by_ref = {(r["document"], r["statement"]): r for r in rows}
    relayed = by_ref[("r1", "s1")]
    assert relayed["story"] == detail["id"]
    assert (relayed["publisher"], relayed["speaker"], relayed["cue"], relayed["stance"]) == (
        "Harbour Herald", "Mirek Danov", "had claimed", "distancing")
    assert relayed["via"] == ["Ministry of Defence"]
    assert relayed["quantities"] == ["about 4,000 reservists"]
    assert relayed["probability_low"] is None
    judged = by_ref[("u1", "s3")]
    assert (judged["kind"], judged["estimates"]) == ("assessment", ["highly likely"])
    assert (judged["probability_low"], judged["probability_high"]) == (0.8, 0.9)


def test_claim_rows(vostrel):
    detail, _records = vostrel
    rows = {r["claim"]: r for r in claim_rows([detail])}
    assert list(rows) == ["c1", "c2", "c3"]
    assert all(list(row) == list(CLAIM_COLUMNS) for row in rows.values())
    c1 = rows["c1"]
    assert (c1["speaker"], c1["said_on"], c1["root_document"], c1["root_statement"]) == (
        "Mirek Danov", "2024-03-03", "u1", "s1")
    assert c1["documents"] == ["u1", "r1", "r2", "r3", "r4"]
    assert c1["statements"] == ["u1#s1", "r1#s1", "r2#s2", "r3#s1", "r4#s2"]
    assert c1["drift"] == ["approximator_changed"]
    assert rows["c2"]["drift"] == ["cue_hardened", "action_changed"]


def test_csv_reads_back_with_the_csv_module(vostrel):
    detail, records = vostrel
    out = io.StringIO()
    assert write_csv(statement_rows((detail["id"], r) for r in records), STATEMENT_COLUMNS,
                     out) == 11
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(STATEMENT_COLUMNS)
    relayed = next(r for r in rows if (r["document"], r["statement"]) == ("r3", "s1"))
    assert relayed["content"] == ("that over 4,000 reservists had been called up across the "
                                  "Vostrel region")  # commas survive quoting
    assert relayed["via"] == "Aldoria's Ministry of Defence"
    assert relayed["said_on"] == ""
    out = io.StringIO()
    write_csv(claim_rows([detail]), CLAIM_COLUMNS, out)
    claims = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert claims[0]["documents"] == "u1 | r1 | r2 | r3 | r4"
    assert claims[0]["attributed"] == "true"


def test_rows_stream(vostrel):
    """Rows come out while the input is still being read: nothing waits for the whole table."""
    detail, records = vostrel
    read = []

    def source():
        for r in records:
            read.append(r["document"]["id"])
            yield detail["id"], r

    rows = statement_rows(source())
    first = next(rows)
    assert (first["document"], read) == ("u1", ["u1"])


def test_write_story_tables_and_filenames(vostrel):
    detail, records = vostrel
    out = io.StringIO()
    write_story("jsonl", detail, records, out, what="claims")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["claim"] for line in lines] == ["c1", "c2", "c3"]
    out = io.StringIO()
    assert write_jsonl(iter([]), out) == 0 and out.getvalue() == ""
    assert filename("story:bb82030dbc2bcaba", "csv", "claims") \
        == "claimgraph-story-bb82030dbc2bcaba-claims.csv"
    assert filename("story:a/b", "stix") == "claimgraph-story-a-b.stix.json"


def test_docs_name_every_column_and_property():
    from claimgraph.export.stix import PROPERTIES

    docs = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text("utf-8")
    for name in [*STATEMENT_COLUMNS, *CLAIM_COLUMNS, *PROPERTIES]:
        assert f"| `{name}` |" in docs, name
