"""``claimgraph correct reject | speaker | cue | via | merge | split | list | undo``."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import main
from claimgraph.schemas import validate
from claimgraph.store import Ingester, Store
from tests.grading.stories import fire_story


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "c.db")
    with Store.open(path, write=True) as store:
        Ingester(store).run([(r["document"]["id"], r) for r in fire_story()])
    return path


def _story(capsys, db):
    assert main(["stories", "--json", "--db", db]) == 0
    story_id = json.loads(capsys.readouterr().out)["stories"][0]["id"]
    assert main(["story", story_id, "--json", "--db", db]) == 0
    story = json.loads(capsys.readouterr().out)
    validate("story", story)
    return story


def test_each_correction_and_the_audit_list(db, capsys):
    base = ["--author", "kim", "--db", db]
    assert main(["correct", "speaker", "f2", "s1", "Fennick Fire Service", *base]) == 0
    assert capsys.readouterr().out.strip() == \
        "x1: speaker of f2#s1: 'Anton Reyes' -> 'Fennick Fire Service'"
    assert main(["correct", "cue", "f1", "s1", "claimed", *base]) == 0
    assert "'said' (neutral) -> 'claimed' (distancing)" in capsys.readouterr().out
    assert main(["correct", "via", "f4", "s1", "Fennick Courier", "Wire Service", *base]) == 0
    assert "(none) -> Fennick Courier > Wire Service" in capsys.readouterr().out
    assert main(["correct", "reject", "f3", "s1", "--note", "a count of members", *base]) == 0
    capsys.readouterr()

    story = _story(capsys, db)
    assert {c["speaker"] for c in story["claims"]} == {"Fennick Fire Service"}
    assert [c["id"] for c in story["corrections"]] == ["x1", "x2", "x3", "x4"]

    assert main(["correct", "list", "--json", "--db", db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for row in rows:
        validate("correction", row)
    assert [(r["action"], r["author"]) for r in rows] == [
        ("speaker", "kim"), ("cue", "kim"), ("via", "kim"), ("reject", "kim")]
    assert rows[3]["before"]["speaker"] == "Fennick Chemical Workers' Union"
    assert rows[3]["note"] == "a count of members"

    assert main(["correct", "undo", "x4", "--author", "lee", "--db", db]) == 0
    assert "undid x4: rejected f3#s1" in capsys.readouterr().err
    assert main(["correct", "undo", "x4", "--db", db]) == 2
    assert "undone already" in capsys.readouterr().err
    assert "Fennick Chemical Workers' Union" in {c["speaker"] for c in _story(capsys, db)["claims"]}
    assert main(["correct", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "4 corrections" in out and "undone" in out and "by lee" in out
    assert main(["correct", "list", "--active", "--json", "--document", "f3", "--db", db]) == 0
    assert capsys.readouterr().out == ""


def test_merge_and_split_by_claim_reference(db, capsys):
    story = _story(capsys, db)
    union = next(c for c in story["claims"] if c["speaker"].endswith("Union"))
    assert main(["correct", "merge", f"{story['id']}#c1", f"{story['id']}#{union['id']}",
                 "--db", db]) == 0
    assert "merged the claims of f1#s1 and f3#s1" in capsys.readouterr().out
    merged = _story(capsys, db)
    assert len(merged["claims"]) == 2
    assert any(f["kind"] == "quantity_changed" for f in merged["drift"])
    assert main(["correct", "split", "f3#s1", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["action"] == "split"
    assert len(_story(capsys, db)["claims"]) == 3


def test_errors_are_one_line(db, capsys):
    cases = [
        (["correct", "reject", "f1", "s9", "--db", db], "has no statement 's9'"),
        (["correct", "speaker", "nope", "s1", "X", "--db", db], "no document with id 'nope'"),
        (["correct", "merge", "f1#s1", "f1", "--db", db], "names no statement"),
        (["correct", "undo", "x7", "--db", db], "no correction x7"),
        (["correct", "undo", "7", "--db", db], "not a correction id"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1, err


def test_an_unknown_cue_is_neutral_with_a_notice(db, capsys):
    assert main(["correct", "cue", "f1", "s1", "intoned", "--json", "--db", db]) == 0
    captured = capsys.readouterr()
    assert "no cue the lexicon knows" in captured.err
    assert json.loads(captured.out)["after"] == {"text": "intoned", "lemma": "intoned",
                                                 "stance": "neutral"}
