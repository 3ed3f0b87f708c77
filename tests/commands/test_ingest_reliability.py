"""``claimgraph ingest`` under kill -9 and concurrent writers, in real processes, and with
inputs that all fail. The scenarios are those of ``benchmarks/reliability.py``, at a size
that takes seconds; that script prints the numbers at a larger one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from benchmarks.reliability import (
    check_database,
    concurrent_scenario,
    kill_scenario,
    make_records,
    write_jsonl,
)
from claimgraph.cli import main
from claimgraph.store import Store
from tests.store.store_fakes import record, statement

RECORDS = make_records(240)
STATEMENTS = sum(len(r["statements"]) for r in RECORDS)


def test_kill_9_mid_ingest_loses_nothing_committed(tmp_path):
    run = kill_scenario(tmp_path, RECORDS, kill_after=60, batch_size=10)
    assert run.killed_at >= 60
    # What was committed before the kill is whole: documents with all their statements,
    # each in a story that counts it.
    assert run.after_kill.problems == []
    assert 60 <= run.after_kill.documents < len(RECORDS)
    # The second run stores the rest, each document once.
    assert run.rerun["new"] == len(RECORDS) - run.after_kill.documents
    assert run.rerun["unchanged"] == run.after_kill.documents
    assert run.rerun["failed"] == 0
    assert run.final.problems == []
    assert (run.final.documents, run.final.statements) == (len(RECORDS), STATEMENTS)


def test_concurrent_ingests_into_one_sqlite_file(tmp_path):
    run = concurrent_scenario(tmp_path, RECORDS, processes=3, batch_size=10)
    assert run.returncodes == [0, 0, 0], run.stderr
    assert all(err.strip() == "" for err in run.stderr), run.stderr
    # Every document stored once, whichever process got it first.
    assert sum(s["new"] for s in run.summaries) == len(RECORDS)
    sent = sum(s["new"] + s["unchanged"] for s in run.summaries)
    assert sent > len(RECORDS)  # the slices overlapped
    assert run.final.problems == []
    assert (run.final.documents, run.final.statements) == (len(RECORDS), STATEMENTS)


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


BAD_INPUTS = {
    "malformed.jsonl": "{not json\n",
    "no-text.jsonl": json.dumps({"document": {"id": "x"}, "statements": []}) + "\n",
    "bad-statement.jsonl": json.dumps({"document": {"text": "Some text."},
                                       "statements": [{"id": "s1"}]}) + "\n",
    "empty.txt": "",
}


def test_inputs_that_all_fail_create_no_database(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, text in BAD_INPUTS.items():
        (inputs / name).write_text(text)
    db = tmp_path / "new.db"
    assert main(["ingest", str(inputs), str(tmp_path / "missing.txt"), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert "0 new, 0 unchanged, 5 failed" in out
    assert 'document has no "text"' in err and 'statement s1 has no "content.text"' in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no database file


def test_inputs_that_all_fail_leave_an_existing_database_as_it_was(tmp_path, capsys):
    db_folder = tmp_path / "db"
    db_folder.mkdir()
    db = db_folder / "claims.db"
    good = record("g1", "The mayor said the bridge would reopen.",
                  statements=[statement("s1", "The mayor", "the bridge would reopen")])
    assert main(["ingest", str(write_jsonl([good], tmp_path / "good.jsonl")),
                 "--db", str(db)]) == 0
    before = _files(db_folder)
    # A stored document first, so that the database is opened; every input after it fails.
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(good) + "\n" + "".join(BAD_INPUTS[n] for n in BAD_INPUTS
                                                      if n.endswith(".jsonl")))
    assert main(["ingest", str(bad), "--db", str(db)]) == 1
    assert "0 new, 1 unchanged, 3 failed" in capsys.readouterr().out
    assert _files(db_folder) == before  # not a byte written
    assert check_database(db).problems == []
    with Store.open(db) as store:
        assert store.counts()["documents"] == 1


@pytest.mark.parametrize("size", [1, 7])
def test_scenario_records_are_whole_and_distinct(size):
    records = make_records(size)
    assert len({r["document"]["text"] for r in records}) == size
    for r in records:
        for st in r["statements"]:
            start, end = st["content"]["spans"][0]
            assert r["document"]["text"][start:end] == st["content"]["text"]
