"""``claimgraph export``: formats, the whole database or one story, files, and clear errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pymisp import MISPEvent

from claimgraph.cli import main
from claimgraph.export.tables import CLAIM_COLUMNS, STATEMENT_COLUMNS
from tests.export.stored import fill


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export-cli") / "claims.db"
    return str(path), fill(path)


def run(capsys, *argv: str) -> str:
    assert main(["export", *argv]) == 0
    return capsys.readouterr().out


def test_stix_and_misp_of_one_story(db, capsys):
    path, ids = db
    bundle = json.loads(run(capsys, "stix", ids["vostrel"], "--db", path))
    assert bundle["type"] == "bundle"
    assert any(o.get("x_claimgraph_story") == ids["vostrel"] for o in bundle["objects"])
    text = run(capsys, "misp", "--story", ids["vostrel"], "--db", path)
    event = MISPEvent()
    event.load(text)
    assert event.info.endswith("Defence Intelligence Update")


def test_grades_file_for_misp(db, capsys, tmp_path):
    path, ids = db
    grades = tmp_path / "grades.json"
    grades.write_text(json.dumps({"Harbour Herald": "A"}), encoding="utf-8")
    text = run(capsys, "misp", ids["vostrel"], "--db", path, "--grades", str(grades))
    assert 'admiralty-scale:source-reliability=\\"a\\"' in text


def test_misp_takes_the_analysts_stored_grades(tmp_path, capsys):
    path = tmp_path / "graded.db"
    ids = fill(path)
    plain = run(capsys, "misp", ids["vostrel"], "--db", str(path))
    assert "admiralty-scale:source-reliability" not in plain
    assert main(["source", "grade", "Mirek Danov", "C", "--db", str(path)]) == 0
    capsys.readouterr()
    graded = run(capsys, "misp", ids["vostrel"], "--db", str(path))
    assert 'admiralty-scale:source-reliability=\\"c\\"' in graded


def test_tables_of_the_whole_database_and_of_one_story(db, capsys):
    path, ids = db
    rows = list(csv.DictReader(io.StringIO(run(capsys, "csv", "--db", path))))
    assert list(rows[0]) == list(STATEMENT_COLUMNS)
    assert len(rows) == 12 and {r["story"] for r in rows} == set(ids.values())
    one = list(csv.DictReader(io.StringIO(run(capsys, "csv", ids["berthing"], "--db", path))))
    assert [(r["document"], r["speaker"]) for r in one] == [("x1", "Mirek Danov")]
    claims = [json.loads(line) for line in
              run(capsys, "jsonl", "--db", path, "--what", "claims").splitlines()]
    assert list(claims[0]) == list(CLAIM_COLUMNS)
    assert sorted((c["story"], c["claim"]) for c in claims) == sorted(
        [(ids["vostrel"], "c1"), (ids["vostrel"], "c2"), (ids["vostrel"], "c3"),
         (ids["berthing"], "c1")])
    story_claims = run(capsys, "csv", "--story", ids["vostrel"], "--what", "claims", "--db", path)
    assert len(list(csv.DictReader(io.StringIO(story_claims)))) == 3


def test_out_file_holds_what_stdout_would(db, capsys, tmp_path):
    path, ids = db
    printed = run(capsys, "stix", ids["vostrel"], "--db", path)
    out = tmp_path / "bundle.json"
    assert run(capsys, "stix", ids["vostrel"], "--db", path, "--out", str(out)) == ""
    assert out.read_text(encoding="utf-8") == printed
    out = tmp_path / "statements.csv"
    run(capsys, "csv", "--db", path, "--out", str(out))
    assert out.read_bytes().decode("utf-8") == run(capsys, "csv", "--db", path)  # CRLF kept


BOTH = """
import sys
from claimgraph.cli import main
for fmt in ("stix", "misp"):
    main(["export", fmt, sys.argv[1], "--db", sys.argv[2]])
"""


def test_same_bytes_in_any_process(db, capsys):
    """Nothing depends on the process: not the clock, random ids, nor string hashing."""
    path, ids = db
    here = run(capsys, "stix", ids["vostrel"], "--db", path) + \
        run(capsys, "misp", ids["vostrel"], "--db", path)
    # This process hashes strings with a random seed; the other with a fixed one.
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    done = subprocess.run([sys.executable, "-c", BOTH, ids["vostrel"], path],
                          cwd=Path(__file__).resolve().parents[2],
                          env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                          text=True, encoding="utf-8", check=True)
    assert done.stdout == here


@pytest.mark.parametrize(("argv", "message"), [
    (["xml", "S"], "unknown export format 'xml'; choose one of stix, misp, csv, jsonl"),
    (["stix", "story:nope"], "no story with id 'story:nope'"),
    (["stix"], "a stix export is of one story"),
    (["csv", "--what", "rows"], "unknown table 'rows'"),
    (["csv", "A", "--story", "B"], "two different stories given"),
    (["csv", "--grades", "g.json"], "--grades applies to misp exports only"),
    (["misp", "S", "--grades", "missing.json"], "cannot read grades file missing.json"),
])
def test_errors_are_one_line_and_exit_2(db, capsys, argv, message):
    path, _ids = db
    assert main(["export", *argv, "--db", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err


def test_missing_database_is_one_line(capsys, tmp_path):
    missing = tmp_path / "none.db"
    assert main(["export", "stix", "story:x", "--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no database at" in err
    assert not missing.exists()


def test_bad_grade_in_file_is_one_line(db, capsys, tmp_path):
    path, ids = db
    grades = tmp_path / "grades.json"
    grades.write_text('{"Harbour Herald": "Q"}', encoding="utf-8")
    out = tmp_path / "event.json"
    assert main(["export", "misp", ids["vostrel"], "--db", path, "--grades", str(grades),
                 "--out", str(out)]) == 2
    assert "grade of 'Harbour Herald'" in capsys.readouterr().err
    assert not out.exists()
