"""``claimgraph assess``: add, resolve, list, calibration and lint from the command line."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import main
from claimgraph.schemas import validate
from claimgraph.store import Ingester, Store
from tests.commands.test_search_stories_commands import RECORDS

GOOD = ("It is highly likely that Kestria calls up more reservists in the Vostrel region "
        "before 1 June 2024.")


@pytest.fixture(autouse=True)
def session_model(monkeypatch, nlp):
    """The lint reads the session's pipeline instead of loading the model again."""
    monkeypatch.setattr("claimgraph.assess.lint.lint_pipeline", lambda model=None: nlp)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "claims.db"
    with Store.open(path, write=True) as store:
        Ingester(store).run([(r["document"]["id"], r) for r in RECORDS])
    return str(path)


def run(capsys, argv, code=0):
    assert main(argv) == code
    return capsys.readouterr()


def story_claim(capsys, db) -> str:
    stories = json.loads(run(capsys, ["stories", "--db", db, "--json"]).out)["stories"]
    vostrel = max(stories, key=lambda s: s["size"])
    story = json.loads(run(capsys, ["story", vostrel["id"], "--db", db, "--json"]).out)
    return f"{vostrel['id']}#{story['claims'][0]['id']}"


def test_add_json_with_evidence_and_no_warnings(capsys, db):
    ref = story_claim(capsys, db)
    out = run(capsys, ["assess", "add", "--db", db, "--text", GOOD, "--term", "highly likely",
                       "--confidence", "moderate", "--evidence", ref, "--author", "R. Hale",
                       "--resolves-by", "2024-06-01", "--probability", "85%", "--json"])
    item = json.loads(out.out)
    validate("assessment", item)
    assert item["id"] == "a1" and item["warnings"] == [] and out.err == ""
    assert (item["term"], item["scale"], item["low"], item["high"], item["probability"]) == (
        "highly likely", "PHIA", 0.8, 0.9, 0.85)
    assert item["evidence"][0]["ref"] == ref and item["evidence"][0]["text"]
    assert item["outcome"] is None and item["brier"] is None


def test_add_text_mode_prints_warnings_on_stderr(capsys, db):
    out = run(capsys, ["assess", "add", "--db", db, "--text", "The regime could collapse.",
                       "--term", "realistic possibility", "--author", "J. Ortiz"])
    assert out.out.startswith("a1  realistic possibility (PHIA 40-50%)")
    lines = out.err.strip().splitlines()
    assert [line.split(" ")[0] for line in lines] == ["off_scale", "no_time_frame"]
    assert "'could'" in lines[0]
    item = json.loads(run(capsys, ["assess", "add", "--db", db, "--text",
                                   "The regime could collapse.", "--term", "likely",
                                   "--json"]).out)
    validate("assessment", item)
    assert [w["code"] for w in item["warnings"]] == ["off_scale", "no_time_frame"]
    assert item["warnings"][0]["span"] == [11, 16]


@pytest.mark.parametrize("extra, message", [
    (["--term", "highly likely", "--probability", "0.6"], "outside 'highly likely'"),
    (["--term", "very likely"], "not a term of the PHIA yardstick"),
    (["--term", "very likely", "--scale", "icd203", "--probability", "2"], "outside 0..1"),
    (["--term", "likely", "--evidence", "story:nope#c1"], "no story 'story:nope'"),
    (["--term", "likely", "--resolves-by", "June"], "must be a date"),
])
def test_add_errors_are_one_line_and_store_nothing(capsys, db, extra, message):
    out = run(capsys, ["assess", "add", "--db", db, "--text", GOOD, *extra], code=2)
    assert message in out.err and out.err.count("\n") == 1 and "Traceback" not in out.err
    listing = json.loads(run(capsys, ["assess", "list", "--db", db, "--json"]).out)
    assert listing["total"] == 0


def test_resolve_list_and_calibration(capsys, db, tmp_path):
    for term, prob in (("highly likely", None), ("unlikely", "0.3"), ("likely", None)):
        argv = ["assess", "add", "--db", db, "--text", GOOD, "--term", term, "--author", "Hale"]
        run(capsys, argv + (["--probability", prob] if prob else []))
    out = run(capsys, ["assess", "resolve", "a1", "--outcome", "true", "--db", db,
                       "--on", "2024-05-20"]).out
    assert out.strip() == "a1 resolved true on 2024-05-20: forecast 85%, Brier 0.022"
    run(capsys, ["assess", "resolve", "a2", "--outcome", "false", "--db", db])
    err = run(capsys, ["assess", "resolve", "a2", "--outcome", "true", "--db", db], code=2).err
    assert "recorded once" in err
    assert "no assessment 'a9'" in run(capsys, ["assess", "resolve", "a9", "--outcome", "true",
                                                "--db", db], code=2).err
    listing = json.loads(run(capsys, ["assess", "list", "--db", db, "--json"]).out)
    for item in listing["items"]:
        validate("assessment", item)
    assert [(a["id"], a["outcome"]) for a in listing["items"]] == [
        ("a3", None), ("a2", False), ("a1", True)]
    table = run(capsys, ["assess", "list", "--db", db]).out
    assert "3 assessment(s)" in table and "true (2024-05-20)" in table
    cal = json.loads(run(capsys, ["assess", "calibration", "--db", db, "--json"]).out)
    validate("calibration", cal)
    assert (cal["n"], cal["open"]) == (2, 1)
    assert cal["brier"] == pytest.approx(((0.85 - 1) ** 2 + 0.3 ** 2) / 2, abs=1e-4)
    assert [t["term"] for t in cal["terms"]] == ["unlikely", "highly likely"]
    plot = tmp_path / "reliability.png"
    out = run(capsys, ["assess", "calibration", "--db", db, "--plot", str(plot)])
    assert plot.read_bytes()[:4] == b"\x89PNG" and "written to" in out.err
    assert "By yardstick term" in out.out and "Brier 0.056" in out.out


def test_calibration_with_nothing_resolved(capsys, db, tmp_path):
    out = run(capsys, ["assess", "calibration", "--db", db]).out
    assert "No resolved assessments yet (0 open)" in out
    validate("calibration", json.loads(run(capsys, ["assess", "calibration", "--db", db,
                                                    "--json"]).out))
    err = run(capsys, ["assess", "calibration", "--db", db, "--plot",
                       str(tmp_path / "x.png")], code=2).err
    assert "no resolved assessments to plot" in err


def test_lint_text_file_and_exit_codes(capsys, tmp_path):
    out = run(capsys, ["assess", "lint", "It is highly likely (60%) that the regime falls.",
                       "--json"], code=1)
    found = json.loads(out.out)
    assert found["scale"] == "PHIA" and found["source"] is None
    assert [w["code"] for w in found["warnings"]] == ["number_outside_range", "no_time_frame"]
    report = tmp_path / "report.txt"
    report.write_text("Summary\n\nIt is very likely that the strike happens this week.\n",
                      encoding="utf-8")
    found = json.loads(run(capsys, ["assess", "lint", str(report), "--json"], code=1).out)
    [w] = found["warnings"]
    assert found["source"] == str(report)
    assert report.read_text()[w["span"][0]:w["span"][1]] == "very likely"
    out = run(capsys, ["assess", "lint", str(report), "--scale", "icd203"]).out
    assert out.strip() == "no warnings on the ICD203 yardstick"
    out = run(capsys, ["assess", "lint", "It is likely that the port closes."], code=1).out
    assert out.startswith("no_time_frame at 6-12 'likely'") and "1 warning(s)" in out
    assert "empty" in run(capsys, ["assess", "lint", "   "], code=2).err


def test_list_of_a_database_that_needs_an_upgrade_says_how(capsys, tmp_path):
    import shutil
    from pathlib import Path

    old = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "store" /
                    "schema-v1.sqlite", old)
    err = run(capsys, ["assess", "list", "--db", str(old)], code=2).err
    assert "needs an upgrade" in err
    run(capsys, ["assess", "add", "--db", str(old), "--text", GOOD, "--term", "likely"])
    assert json.loads(run(capsys, ["assess", "list", "--db", str(old), "--json"]).out)[
        "total"] == 1
