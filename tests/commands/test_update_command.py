"""``claimgraph update compose --store``: a re-report of the update is traced back to it."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import main
from claimgraph.model import Document
from claimgraph.pipeline import PipelineExtractor
from claimgraph.store import Ingester, Store

JUDGEMENT = ("It is highly likely that Kestria will call up more reservists in the Vostrel "
             "region before April 2024.")
ECHO = ("Kestria will call up more reservists in the Vostrel region before April, Aldorian "
        "Defence Intelligence said in its update on Sunday.")


@pytest.fixture(autouse=True)
def session_model(monkeypatch, nlp):
    monkeypatch.setattr("claimgraph.assess.lint.lint_pipeline", lambda model=None: nlp)
    monkeypatch.setattr("claimgraph.pipeline.build", lambda model=None: nlp)


def test_an_outlet_dropping_the_updates_hedge_is_drift_against_the_update(tmp_path, capsys):
    db = str(tmp_path / "u.db")
    assert main(["assess", "add", "--db", db, "--text", JUDGEMENT, "--term", "highly likely",
                 "--json"]) == 0
    capsys.readouterr()
    assert main(["update", "compose", "--organisation", "Aldorian Defence Intelligence",
                 "--date", "2024-03-10", "--db", db, "--store"]) == 0
    out = capsys.readouterr()
    assert "(highly likely, 80-90%)" in out.out and "stored in" in out.err
    with Store.open(db, write=True) as store:
        Ingester(store, extract=PipelineExtractor()).run([("echo", Document(text=ECHO, id="echo", publisher="Harbour Herald",
                                                published="2024-03-11"))])
    stories = json.loads(_run(capsys, ["stories", "--db", db, "--json"]))["stories"]
    [story] = [s for s in stories if "echo" in s["documents"]]
    detail = json.loads(_run(capsys, ["story", story["id"], "--db", db, "--json"]))
    found = [(f["kind"], f["before"]["document"], f["after"]["document"]) for f in detail["drift"]]
    [update_id] = [d for d in story["documents"] if d.startswith("update:")]
    assert ("hedge_dropped", update_id, "echo") in found


def test_nothing_to_compose_is_one_line(tmp_path, capsys):
    db = str(tmp_path / "empty.db")
    with Store.open(db, write=True):
        pass
    assert main(["update", "compose", "--organisation", "X", "--db", db]) == 2
    assert "no assessments to compose" in capsys.readouterr().err


def _run(capsys, argv):
    assert main(argv) == 0
    return capsys.readouterr().out


def test_an_impossible_date_is_one_line(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    assert main(["update", "compose", "--organisation", "X", "--date", "2024-13-40",
                 "--db", db]) == 2
    assert "--date must be a date like" in capsys.readouterr().err
