"""``claimgraph source grade | list``."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import main
from claimgraph.schemas import validate
from claimgraph.store import Ingester, Store
from tests.grading.stories import SITES, fire_story


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "g.db")
    with Store.open(path, write=True) as store:
        for i in range(5):  # five fires: the fire service's record is long enough to judge
            records = fire_story(f"f{i}-", injured_by_union=60 if i == 0 else 40,
                                 site=SITES[i], published=f"2024-0{i + 1}-20")
            Ingester(store).run([(r["document"]["id"], r) for r in records])
    return path


def _rows(capsys, *argv):
    assert main(["source", "list", "--json", *argv]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_grade_and_list(db, capsys):
    assert main(["source", "grade", "Fennick Fire Service", "b", "--note", "official counts",
                 "--author", "kim", "--db", db]) == 0
    assert "Fennick Fire Service: B (usually reliable)" in capsys.readouterr().err
    rows = _rows(capsys, "--db", db)
    for row in rows:
        validate("sources", row)
    fire = next(r for r in rows if r["name"] == "Fennick Fire Service")
    assert fire["grade"]["grade"] == "B" and fire["grade"]["note"] == "official counts"
    assert fire["record"] == {"claims": 5, "stories": 5, "judged": 5, "unjudged": 0,
                              "corroborated": 5, "contradicted": 1,
                              "corroborated_share": 1.0, "contradicted_share": 0.2,
                              "min_judged": 5}
    assert fire["suggested"]["grade"] == "C"
    assert [r["name"] for r in _rows(capsys, "--graded", "--db", db)] == ["Fennick Fire Service"]
    assert [r["name"] for r in _rows(capsys, "--name", "reyes", "--db", db)] == ["Anton Reyes"]

    assert main(["source", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Fennick Fire Service" in out and "B kim" in out and "C (fairly reliable)" in out


def test_story_shows_the_grade(db, capsys):
    assert main(["source", "grade", "Anton Reyes", "A", "--db", db]) == 0
    assert main(["stories", "--json", "--db", db]) == 0
    story_id = json.loads(capsys.readouterr().out)["stories"][0]["id"]
    assert main(["story", story_id, "--json", "--db", db]) == 0
    story = json.loads(capsys.readouterr().out)
    validate("story", story)
    assert {c["speaker"]: c["admiralty"] for c in story["claims"]}["Anton Reyes"] == "A1"
    assert main(["story", story_id, "--db", db]) == 0
    assert "A1 confirmed by other sources" in capsys.readouterr().out


def test_bad_grade_is_one_line(db, capsys):
    assert main(["source", "grade", "Harbour Herald", "G", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "a letter A-F" in err and len(err.strip().splitlines()) == 1
