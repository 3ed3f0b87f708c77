"""``claimgraph ingest``: records as-is, documents extracted, idempotent, clear errors."""

from __future__ import annotations

import json
import os
import stat
from typing import ClassVar

import pytest

from claimgraph.cli import main
from claimgraph import pipeline
from claimgraph.store import Store
from tests.store.store_fakes import BACKENDS, database, record, statement


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    yield from database(request.param, tmp_path)


class FakeExtractor:
    """Stands in for the spaCy pipeline: one statement per document, no model needed."""

    calls: ClassVar[list[list[str]]] = []

    def __init__(self, model=None):
        pass

    def __call__(self, docs):
        FakeExtractor.calls.append([d.id for d in docs])
        out = []
        for d in docs:
            sentence = d.text.split(".")[0]
            out.append(record(d.id, d.text, title=d.title, publisher=d.publisher,
                              published=d.published,
                              statements=[statement("s1", "Someone", sentence)]))
            out[-1]["document"].update(url=d.url, path=d.path)
        return out


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    FakeExtractor.calls = []
    monkeypatch.setattr(pipeline, "PipelineExtractor", FakeExtractor)


def _write_records(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


RECORDS = [
    record("r1", "The governor said 4,000 reservists were called up in Vostrel.",
           title="Reservists called up", publisher="Harbour Herald", published="2024-03-05",
           statements=[statement("s1", "Mirek Danov", "4,000 reservists were called up")]),
    record("r2", "Flood waters rose in Oderburg on Monday, the mayor said.",
           title="Oderburg flood", publisher="Oderburg Post", published="2024-04-01"),
]


def test_records_are_stored_as_they_are_and_reingest_is_a_no_op(db, tmp_path, capsys):
    path = tmp_path / "records.jsonl"
    _write_records(path, RECORDS)
    assert main(["ingest", str(path), "--db", db]) == 0
    assert capsys.readouterr().out.startswith("2 new, 0 unchanged, 0 failed")
    assert FakeExtractor.calls == []  # records are not extracted again
    with Store.open(db) as store:
        assert store.document("r1") == {**RECORDS[0], "document": {
            **RECORDS[0]["document"], "path": str(path)}}
    assert main(["ingest", str(path), "--db", db, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["new"], summary["unchanged"], summary["failed"]) == (0, 2, 0)


def test_the_stories_ingest_touched_are_built_unless_told_not_to(db, tmp_path, capsys):
    path = tmp_path / "records.jsonl"
    _write_records(path, RECORDS[:1])
    assert main(["ingest", str(path), "--db", db, "--no-build", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stories_built"] == 0
    _write_records(path, RECORDS)
    assert main(["ingest", str(path), "--db", db]) == 0
    assert "; 1 story built in" in capsys.readouterr().out  # the one r2 began
    with Store.open(db) as store:
        stories = [s["id"] for s in store.stories().items]
        assert store.build_stories(stories) == 1  # r1's, not built at its ingest
        assert store.build_stories(stories) == 1  # open to read: nothing is kept


def test_documents_are_extracted_with_metadata(db, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Officials said the port was closed. More text.")
    (folder / "docs.jsonl").write_text(json.dumps(
        {"id": "w1", "url": "https://example.org/w1", "title": "Wire copy",
         "text": "A spokesman said talks would resume. Later on."}) + "\n")
    args = ["ingest", str(folder), "--db", db, "--publisher", "Example Wire",
            "--date", "2024-05-01"]
    assert main(args) == 0
    assert "2 new" in capsys.readouterr().out
    with Store.open(db) as store:
        wire = store.document("w1")["document"]
        assert (wire["url"], wire["title"], wire["publisher"], wire["published"]) == \
            ("https://example.org/w1", "Wire copy", "Example Wire", "2024-05-01")
        docs = store.documents().items
        assert {d["publisher"] for d in docs} == {"Example Wire"}
    assert main(args) == 0
    assert "0 new, 2 unchanged" in capsys.readouterr().out
    assert len(FakeExtractor.calls) == 1  # known text is not extracted again


def test_bad_lines_fail_alone(db, tmp_path, capsys):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + "\n{not json\n" + json.dumps({"title": "x"}) + "\n")
    assert main(["ingest", str(path), str(tmp_path / "missing.txt"), "--db", db]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("1 new, 0 unchanged, 3 failed")
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"claimgraph: {path}:2: malformed JSON")
    assert lines[1] == f'claimgraph: {path}:3: no "text" or "html" field'
    assert lines[2].endswith("missing.txt: no such file or directory")


@pytest.mark.parametrize("args, message", [
    (["--date", "yesterday"], "--date must be a date"),
    (["--batch-size", "0"], "--batch-size must be at least 1"),
])
def test_bad_arguments(tmp_path, capsys, args, message):
    path = tmp_path / "r.jsonl"
    _write_records(path, RECORDS)
    assert main(["ingest", str(path), "--db", str(tmp_path / "x.db"), *args]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_database_errors_are_one_line(tmp_path, capsys):
    path = tmp_path / "r.jsonl"
    _write_records(path, RECORDS)
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n")
    locked = tmp_path / "locked.db"
    Store.open(locked, write=True).close()
    os.chmod(locked, stat.S_IRUSR)
    cases = {
        str(notes): "is not a claimgraph database",
        str(locked): "read-only",
        "postgresql://u:pw@127.0.0.1:1/none": "cannot connect to PostgreSQL",
    }
    try:
        for target, message in cases.items():
            assert main(["ingest", str(path), "--db", target]) == 2
            err = capsys.readouterr().err
            assert message in err and len(err.strip().splitlines()) == 1, err
    finally:
        os.chmod(locked, stat.S_IRUSR | stat.S_IWUSR)
    assert notes.read_text() == "shopping list\n"


def test_stdin_records_and_html(tmp_path, capsys, monkeypatch):
    import io
    import sys

    db = str(tmp_path / "claims.db")
    data = "".join(json.dumps(r) + "\n" for r in RECORDS).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["ingest", "-", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("2 new")
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Port closed</title></head><body><article><p>"
                    + "Officials said the port of Vostrel was closed on Monday after a storm. " * 5
                    + "</p></article></body></html>")
    assert main(["ingest", str(page), "--db", db, "--url", "https://example.org/p"]) == 0
    assert capsys.readouterr().out.startswith("1 new")
    with Store.open(db) as store:
        docs = {d["url"]: d for d in store.documents().items}
    assert "https://example.org/p" in docs


def test_interrupt_reports_what_was_committed(tmp_path, capsys, monkeypatch):
    from claimgraph.store import ingest as store_ingest

    db = str(tmp_path / "claims.db")
    path = tmp_path / "records.jsonl"
    _write_records(path, [record(f"d{i}", f"Document {i} text.") for i in range(5)])
    real = store_ingest.Ingester._write
    seen = []

    def write(self, conn, label, rec, summary):
        seen.append(rec["document"]["id"])
        if rec["document"]["id"] == "d3":
            raise KeyboardInterrupt
        return real(self, conn, label, rec, summary)

    monkeypatch.setattr(store_ingest.Ingester, "_write", write)
    assert main(["ingest", str(path), "--db", db, "--batch-size", "2"]) == 130
    out, err = capsys.readouterr()
    assert out.startswith("interrupted; committed before that: 2 new")
    assert "interrupted" in err
    with Store.open(db) as store:
        assert [d["id"] for d in store.documents().items] == ["d1", "d0"]


def test_an_interrupt_while_building_reports_every_document_stored(tmp_path, capsys,
                                                                   monkeypatch):
    db = str(tmp_path / "claims.db")
    path = tmp_path / "records.jsonl"
    _write_records(path, RECORDS)

    def build(self, story_ids, progress=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "build_stories", build)
    assert main(["ingest", str(path), "--db", db]) == 130
    assert capsys.readouterr().out.startswith("interrupted; committed before that: 2 new")


def test_only_failing_inputs_leave_no_database(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    db = tmp_path / "never.db"
    assert main(["ingest", str(empty), str(tmp_path / "missing.txt"), "--db", str(db)]) == 1
    out = capsys.readouterr()
    assert "0 new, 0 unchanged, 2 failed" in out.out and "empty input" in out.err
    assert not db.exists()
