"""``claimgraph alias add | list | remove``."""

from __future__ import annotations

import json

from claimgraph.cli import main
from claimgraph.store import Ingester, Store
from tests.store.store_fakes import record


def test_add_list_remove(tmp_path, capsys):
    db = str(tmp_path / "a.db")
    with Store.open(db, write=True) as store:
        Ingester(store).run([("r", record("r1", "Oskar Lind spoke at the port on Wednesday."))])
    assert main(["alias", "add", "the port chief", "Oskar Lind", "--author", "kim", "--db", db]) == 0
    capsys.readouterr()
    assert main(["alias", "list", "--json", "--db", db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["alias"], r["name"], r["kind"], r["author"]) for r in rows] == [
        ("the port chief", "Oskar Lind", "analyst", "kim")]
    assert main(["alias", "remove", "the port chief", "Oskar Lind", "--db", db]) == 0
    assert main(["alias", "remove", "the port chief", "Oskar Lind", "--db", db]) == 2
    assert "no analyst alias" in capsys.readouterr().err
    assert main(["alias", "add", "Oskar Lind", "Oskar Lind", "--db", db]) == 2
