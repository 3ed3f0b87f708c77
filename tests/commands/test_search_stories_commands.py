"""``claimgraph search``, ``stories`` and ``story`` on a database filled with the real linker."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import main
from claimgraph.schemas import validate
from claimgraph.store import Ingester, Store
from tests.store.store_fakes import BACKENDS, database, record, statement

ROOT_TEXT = ("Defence Intelligence Update, 5 March 2024. On 3 March 2024, the governor of "
             "Vostrel, Mirek Danov, claimed that about 4,000 reservists had been called up "
             "across the Vostrel region. It is highly likely that the call-up fills coastal units.")
REPORT_TEXT = ("Aldoria's Ministry of Defence said on Tuesday that the governor of Vostrel, Mirek "
               "Danov, had claimed that about 4,000 reservists had been called up across the "
               "Vostrel region.")
COPY_TEXT = ("Kestria has called up 4,000 reservists across the Vostrel region, the governor "
             "of Vostrel, Mirek Danov, said, according to Aldoria's Ministry of Defence.")
FLOOD_TEXT = ("The Selva river burst its banks in Oderburg on 10 April 2024. Mayor Ilse Brandt "
              "said 300 homes were evacuated and the water would likely recede by Friday.")

RECORDS = [
    record("a01", ROOT_TEXT, title="Defence Intelligence Update: 5 March 2024",
           publisher="Aldorian Ministry of Defence", published="2024-03-05",
           statements=[statement("s1", "Mirek Danov",
                                 "about 4,000 reservists had been called up across the Vostrel "
                                 "region", cue="claimed", said_on="2024-03-03")]),
    record("a02", REPORT_TEXT, title="Kestria calls up reservists in Vostrel region",
           publisher="Harbour Herald", published="2024-03-05",
           statements=[statement("s1", "Mirek Danov",
                                 "about 4,000 reservists had been called up across the Vostrel "
                                 "region", cue="claimed")]),
    record("a03", COPY_TEXT, title="Kestria calls up 4,000 reservists in Vostrel",
           publisher="Coastal Times", published="2024-03-06",
           statements=[statement("s1", "Mirek Danov",
                                 "Kestria has called up 4,000 reservists across the Vostrel "
                                 "region")]),
    record("b01", FLOOD_TEXT, title="Selva floods Oderburg", publisher="Oderburg Post",
           published="2024-04-10",
           statements=[statement("s1", "Ilse Brandt", "300 homes were evacuated")]),
]


@pytest.fixture(params=BACKENDS)
def filled(request, tmp_path):
    for db in database(request.param, tmp_path):
        with Store.open(db, write=True) as store:
            Ingester(store).run([(r["document"]["id"], r) for r in RECORDS])
        yield db


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_search_json_and_terminal(filled, capsys):
    result = _json(capsys, ["search", "reservists", "--db", filled, "--json"])
    validate("search", result)
    assert {h["document"] for h in result["statements"]} == {"a01", "a02", "a03"}
    assert result["documents"] and result["documents"][0]["snippet"]["highlights"]
    result = _json(capsys, ["search", "evacuated OR reservists", "--db", filled, "--json",
                            "--speaker", "brandt", "--since", "2024-04-01"])
    assert [(h["document"], h["speaker"]) for h in result["statements"]] == [("b01", "Ilse Brandt")]
    assert main(["search", "reservists", "--db", filled]) == 0
    out = capsys.readouterr().out
    assert "Statements (3)" in out and "Mirek Danov" in out and "Documents" in out
    assert main(["search", "zeppelin", "--db", filled]) == 0
    assert "No matches" in capsys.readouterr().out


def test_stories_list_and_one_story(filled, capsys):
    listing = _json(capsys, ["stories", "--db", filled, "--json"])
    stories = listing["stories"]
    assert listing["total"] == len(stories) == 2
    assert [s["size"] for s in stories] == [1, 3]  # the April flood is newest
    vostrel = stories[1]
    assert vostrel["documents"] == ["a01", "a02", "a03"]
    assert vostrel["outlets"] == ["Aldorian Ministry of Defence", "Harbour Herald", "Coastal Times"]
    assert (vostrel["first_published"], vostrel["last_published"]) == ("2024-03-05", "2024-03-06")

    story = _json(capsys, ["story", vostrel["id"], "--db", filled, "--json"])
    validate("story", story)
    assert story["id"] == vostrel["id"]
    assert [d["id"] for d in story["documents"]] == ["a01", "a02", "a03"]
    assert story["root"]["speaker"] == "Mirek Danov"

    assert main(["story", vostrel["id"], "--db", filled]) == 0
    out = capsys.readouterr().out
    for part in ("Documents", "Claims", "Provenance", "Chains", "Drift", "Harbour Herald"):
        assert part in out, part
    assert main(["stories", "--db", filled]) == 0
    assert "Coastal Times" in capsys.readouterr().out


def test_stories_json_validates(filled, capsys):
    listing = _json(capsys, ["stories", "--db", filled, "--json", "--limit", "1"])
    assert set(listing) == {"stories", "total", "next"}
    for item in listing["stories"]:
        validate("stories", item)  # the schema describes one story of the list
    assert listing["next"] and len(listing["stories"]) == 1
    rest = _json(capsys, ["stories", "--db", filled, "--json", "--cursor", listing["next"]])
    assert len(rest["stories"]) == 1 and rest["next"] is None
    assert rest["stories"][0]["id"] != listing["stories"][0]["id"]


def test_read_errors_are_one_line(filled, tmp_path, capsys):
    cases = [
        (["story", "story:nope", "--db", filled], "no story with id 'story:nope'"),
        (["search", "?!", "--db", filled], "give at least one word"),
        (["search", "x", "--db", filled, "--since", "May"], "since must be a date"),
        (["stories", "--db", filled, "--cursor", "bad"], "invalid page cursor"),
        (["stories", "--db", str(tmp_path / "none.db")], "no database at"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "none.db").exists()


def test_stories_search(filled, capsys):
    found = _json(capsys, ["stories", "--db", filled, "--json", "--search", "reservists"])
    assert [s["documents"] for s in found["stories"]] == [["a01", "a02", "a03"]]
    for item in found["stories"]:
        validate("stories", item)
    both = _json(capsys, ["stories", "--db", filled, "--json", "--search", "reservists OR Selva",
                          "--limit", "1"])
    assert both["total"] == 2 and both["next"] == "1"
    rest = _json(capsys, ["stories", "--db", filled, "--json", "--search", "reservists OR Selva",
                          "--cursor", "1"])
    assert len(rest["stories"]) == 1 and rest["next"] is None
    assert main(["stories", "--db", filled, "--search", "flood", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "Selva floods Oderburg" in out
    assert main(["stories", "--db", filled, "--search", "zeppelin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0
    assert main(["stories", "--db", filled, "--search", "x", "--min-size", "2"]) == 2
    assert "takes no --min-size" in capsys.readouterr().err


def test_stories_build_keeps_every_story_not_kept(filled, capsys):
    # the fixture ingests without building: --build builds each once, then none
    assert main(["stories", "--db", filled, "--build", "--json"]) == 0
    out = capsys.readouterr()
    total = json.loads(out.out)["total"]
    assert f"{total} of {total} stories built" in out.err
    assert main(["stories", "--db", filled, "--build", "--json"]) == 0
    assert f"0 of {total} stories built" in capsys.readouterr().err


def test_stories_build_makes_no_database(tmp_path, capsys):
    missing = tmp_path / "none.db"
    assert main(["stories", "--db", str(missing), "--build"]) != 0
    assert not missing.exists()
    assert "none.db" in capsys.readouterr().err
