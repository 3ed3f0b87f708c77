"""``claimgraph token`` and ``claimgraph serve`` from the command line."""

from __future__ import annotations

import pytest

from claimgraph.cli import main
from claimgraph.store import Store
from claimgraph.store import tokens


def test_token_command_prints_a_token_once(fresh_db, capsys):
    from claimgraph.cli import main

    assert main(["token", "create", "--name", "ci", "--db", str(fresh_db)]) == 0
    out, err = capsys.readouterr()
    token = out.strip()
    assert token.startswith("cg_") and "shown only this once" in err
    with Store.open(fresh_db) as store:
        assert tokens.lookup(store.engine, token).name == "ci"
    assert main(["token", "list", "--db", str(fresh_db)]) == 0
    listed, _ = capsys.readouterr()
    assert listed.startswith("ci\t") and token not in listed
    assert main(["token", "revoke", "ci", "--db", str(fresh_db)]) == 0
    assert main(["token", "revoke", "ci", "--db", str(fresh_db)]) == 2


@pytest.mark.parametrize("argv, fragment", [
    (["--port", "0"], "--port must be between 1 and 65535"),
    (["--read-token", " "], "--read-token must not be empty"),
    (["--max-body-mb", "0"], "--max-body-mb must be positive"),
])
def test_serve_refuses_bad_options(fresh_db, capsys, argv, fragment):
    assert main(["serve", "--db", str(fresh_db), *argv]) == 2
    assert fragment in capsys.readouterr().err


def test_serve_refuses_a_missing_database(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    assert main(["serve", "--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"no database at {missing}" in err and "claimgraph ingest" in err
    assert not missing.exists()


def test_serve_starts_uvicorn_over_the_database(fresh_db, monkeypatch, capsys):
    import uvicorn

    started = {}

    def fake_run(app, host, port, **_kw):
        started.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    assert main(["serve", "--db", str(fresh_db), "--port", "8123", "--host", "0.0.0.0"]) == 0
    assert started["port"] == 8123 and started["app"].state.web.writable
    err = capsys.readouterr().err
    assert "reads are open to anyone" in err and "read-write" in err
