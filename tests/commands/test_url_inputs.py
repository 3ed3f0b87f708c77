"""URLs among the inputs of ``extract`` and ``ingest``, and ``ingest --workers``; web pages
come from a local server in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph import pipeline
from claimgraph.cli import main
from claimgraph.errors import InputError
from claimgraph.model import Document
from claimgraph.store import Ingester, Store
from tests.commands.test_ingest_command import FakeExtractor
from tests.store.store_fakes import record
from tests.webserver import Answer, article_html, serve

EXAMPLES = Path(__file__).resolve().parents[2] / "claimgraph" / "examples"
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def site():
    with serve({"/story": Answer(200, article_html("Ferries cancelled", [
            "The ministry said on Tuesday that two ferries had been cancelled because of the "
            "storm and would sail again on Thursday."]), HTML)}) as server:
        yield server


def test_extract_fetches_urls_and_reports_failures_in_one_line(site, capsys):
    rc = main(["extract", site.url("/story"), site.url("/missing"), "--json", "--allow-private"])
    out, err = capsys.readouterr()
    assert rc == 1
    [result] = [json.loads(line) for line in out.splitlines()]
    doc = result["document"]
    assert (doc["url"], doc["title"], doc["publisher"], doc["published"]) == (
        site.url("/story"), "Ferries cancelled", "Harbour Herald", "2024-03-05")
    assert any("ferries" in st["content"]["text"] for st in result["statements"])
    assert err.splitlines() == [f"claimgraph: {site.url('/missing')}: HTTP 404 Not Found",
                                "claimgraph: 1 of 2 inputs failed"]


def test_ingest_refuses_loopback_without_allow_private(site, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pipeline, "PipelineExtractor", FakeExtractor)
    db = str(tmp_path / "claims.db")
    assert main(["ingest", site.url("/story"), "--db", db]) == 1
    out, err = capsys.readouterr()
    assert "0 new, 0 unchanged, 1 failed" in out and "--allow-private" in err
    assert site.requests == []
    assert main(["ingest", site.url("/story"), "--db", db, "--allow-private"]) == 0
    assert capsys.readouterr().out.startswith("1 new")
    with Store.open(db) as store:
        [doc] = store.documents().items
    assert doc["url"] == site.url("/story") and doc["publisher"] == "Harbour Herald"


def test_ingest_workers_store_what_one_process_extracts(tmp_path, capsys, nlp):
    from claimgraph.ingest import read_inputs
    from claimgraph.pipeline import extract_one

    db = str(tmp_path / "claims.db")
    assert main(["ingest", str(EXAMPLES), "--db", db, "--workers", "2"]) == 0
    assert "5 new" in capsys.readouterr().out
    expected = {doc.id: extract_one(nlp, doc).to_dict()
                for _, doc in read_inputs([str(EXAMPLES)])}
    with Store.open(db) as store:
        for doc_id, want in expected.items():
            got = store.document(doc_id)
            assert got["statements"] == want["statements"]


def test_an_extractor_may_return_a_documents_failure_in_its_place(tmp_path):
    docs = [Document(text="Officials said the port was closed."),
            Document(text="The mayor said the river rose.")]

    def extract(batch):
        return [record(None, d.text) if "port" in d.text else InputError(d.id, "boom")
                for d in batch]

    with Store.open(tmp_path / "c.db", write=True) as store:
        summary = Ingester(store, extract=extract).run([("a", docs[0]), ("b", docs[1])])
    assert (summary.new, summary.failed, summary.errors) == (1, 1, ["b: boom"])
