"""``claimgraph compare``: JSON Lines of pairs in, direction and strengths out."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import main
from claimgraph.schemas import validate

PAIRS = [
    '{"id": "p1", "source": "Coffee may reduce the risk of stroke.", '
    '"report": "Coffee cuts the risk of stroke."}',
    '{"id": "p2", "source": "Smoking causes lung cancer.",',  # malformed: cut off
    '{"id": "p3", "source": "Night shifts cause weight gain in nurses.", '
    '"report": "Night shifts are linked to weight gain in nurses."}',
]
KEYS = {"id", "direction", "source_strength", "report_strength", "source_level", "report_level",
        "source_relation", "report_relation", "findings"}


@pytest.fixture
def pairs_file(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(PAIRS) + "\n", encoding="utf-8")
    return path


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_json_lines_shape_direction_and_bad_line(pairs_file, capsys):
    rc = main(["compare", str(pairs_file), "--json"])
    captured = capsys.readouterr()
    assert rc == 1
    records = _records(captured.out)
    assert [r["id"] for r in records] == ["p1", "p3"]
    for r in records:
        validate("compare", r)
        assert set(r) == KEYS
        assert r["direction"] in ("same", "stronger", "weaker")
        assert 0.0 <= r["source_strength"] <= 3.0 and 0.0 <= r["report_strength"] <= 3.0
        for f in r["findings"]:
            assert f["side"] in ("source", "report")
            assert set(f) == {"side", "kind", "text", "span", "effect", "detail"}
    p1, p3 = records
    assert p1["direction"] == "stronger"  # 'may reduce' -> 'cuts'
    assert (p1["source_level"], p1["report_level"]) == (2, 3)
    assert p3["direction"] == "weaker"  # 'cause' -> 'linked to'
    assert (p3["source_relation"], p3["report_relation"]) == ("causal", "correlational")
    words = {(f["side"], f["kind"], f["text"]) for f in p1["findings"]}
    assert ("source", "conditional", "may reduce") in words
    assert ("report", "causal", "cuts") in words
    span = next(f["span"] for f in p3["findings"] if f["side"] == "report")
    assert json.loads(PAIRS[2])["report"][span[0]:span[1]] == "linked"
    errors = captured.err.strip().splitlines()
    assert errors[0].startswith("claimgraph: ") and f"{pairs_file}:2" in errors[0]
    assert "malformed JSON" in errors[0]
    assert errors[-1] == "claimgraph: 1 of 3 pairs failed"
    assert "Traceback" not in captured.err


def test_readable_table(pairs_file, capsys):
    rc = main(["compare", str(pairs_file)])
    captured = capsys.readouterr()
    assert rc == 1
    assert "p1" in captured.out and "stronger" in captured.out
    assert "p3" in captured.out and "weaker" in captured.out
    assert "p2" not in captured.out
    assert f"{pairs_file}:2" in captured.err


def test_all_good_pairs_exit_zero_and_missing_fields_are_named(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(PAIRS[0] + "\n" + PAIRS[2] + "\n", encoding="utf-8")
    assert main(["compare", str(good), "--json"]) == 0
    assert len(_records(capsys.readouterr().out)) == 2

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "source": "Smoking causes cancer."}\n["a list"]\n',
                   encoding="utf-8")
    assert main(["compare", str(bad), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.splitlines()
    assert f"{bad}:1" in err[0] and '"report"' in err[0]
    assert f"{bad}:2" in err[1] and "JSON object" in err[1]


def test_missing_file_is_one_clear_line(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "nope.jsonl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope.jsonl" in err[0]
