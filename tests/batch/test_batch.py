"""``claimgraph batch``: partitions, shards, resuming, failures, and ``ingest`` of the shards.

Most tests run on a Dask cluster inside the test process (its worker uses the session's
pipeline); one starts a real LocalCluster with a worker process.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from claimgraph.batch import worker
from claimgraph.batch.partitions import plan
from claimgraph.cli import main
from claimgraph.errors import InputError
from claimgraph.model import Document
from claimgraph.schemas import validate
from claimgraph.store import Store

STORIES = [
    "The governor said on Monday that about 4,000 reservists had been called up.",
    "Officials claimed the port would reopen next week after repairs to two cranes.",
    "The mayor said flood waters rose in Oderburg and 400 people were moved.",
    "A ministry spokesman told reporters that talks with the union would resume on Friday.",
    "Police said three people were arrested after the protest outside parliament.",
]


def make_warc(path: Path, pages: list[tuple[str, str, str, str]]) -> None:
    """A WARC of response records: (url, status line, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, status, kind, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers))


def page(title: str, text: str) -> str:
    return (f"<html><head><title>{title}</title><meta property='og:site_name' "
            f"content='Coast Wire'></head><body><nav>Home</nav><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>")


@pytest.fixture
def corpus(tmp_path) -> dict[str, Path]:
    jsonl = tmp_path / "wire.jsonl"
    lines = [json.dumps({"text": t, "publisher": "Wire"}) for t in STORIES[:3]]
    lines.insert(2, "{not json")
    jsonl.write_text("\n".join(lines) + "\n\n")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(STORIES[3] + "\n")
    (folder / "b.html").write_text(page("Arrests", STORIES[4]))
    warc = tmp_path / "crawl.warc.gz"
    make_warc(warc, [
        ("https://news.test/1", "200 OK", "text/html; charset=utf-8", page("Reservists",
                                                                           STORIES[0])),
        ("https://news.test/logo.png", "200 OK", "image/png", "PNG"),
        ("https://news.test/old", "301 Moved Permanently", "text/html", "moved"),
        ("https://news.test/2", "200 OK", "text/html", page("Port", STORIES[1])),
        ("https://news.test/3", "200 OK", "text/html", "<html><body><nav>x</nav></body></html>"),
    ])
    return {"jsonl": jsonl, "folder": folder, "warc": warc}


def test_partitions_cut_lines_records_and_files(corpus):
    work = plan([str(corpus["folder"]), str(corpus["jsonl"]), str(corpus["warc"])], 2)
    kinds = [(p.kind, p.size) for p in work.partitions]
    assert kinds == [("files", 2), ("jsonl", 2), ("jsonl", 2), ("warc", 2), ("warc", 1)]
    assert [p.name for p in work.partitions] == [
        p.name for p in plan([str(corpus["folder"]), str(corpus["jsonl"]),
                              str(corpus["warc"])], 2).partitions]  # stable: resumable
    assert len({p.name for p in work.partitions}) == 5
    items = [item for p in work.partitions for item in p.items()]
    labels = [label for label, _ in items]
    jsonl = str(corpus["jsonl"].resolve())
    assert labels[2:6] == [f"{jsonl}:1", f"{jsonl}:2", f"{jsonl}:3", f"{jsonl}:4"]
    assert isinstance(items[4][1], InputError) and "malformed JSON" in str(items[4][1])
    warc_docs = [doc for label, doc in items[6:]]
    assert [getattr(d, "url", None) for d in warc_docs[:2]] == ["https://news.test/1",
                                                                "https://news.test/2"]
    assert warc_docs[0].title == "Reservists" and warc_docs[0].publisher == "Coast Wire"
    assert isinstance(warc_docs[2], InputError) and "no article text" in str(warc_docs[2])
    assert all(isinstance(d, Document) for _, d in items[:2])


def test_missing_inputs_are_plan_errors(tmp_path):
    work = plan([str(tmp_path / "nope.jsonl"), str(tmp_path)], 10)
    assert [e.reason for e in work.errors] == ["no such file or directory",
                                               "folder holds no .txt, .html, .jsonl or .warc "
                                               "files"]


@pytest.fixture(scope="module")
def cluster():
    """A cluster inside this process: its worker shares the session's pipeline."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address="127.0.0.1:0") as local:
        yield local


@pytest.fixture
def in_process(cluster, nlp, monkeypatch):
    monkeypatch.setitem(worker._PIPELINES, None, nlp)
    return cluster.scheduler_address


def _shards(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(out.glob("*.jsonl"))}


def test_batch_writes_shards_that_ingest_loads_and_resumes(corpus, tmp_path, in_process, capsys):
    out = tmp_path / "out"
    inputs = [str(corpus["jsonl"]), str(corpus["folder"]), str(corpus["warc"])]
    args = ["batch", *inputs, "--out", str(out), "--scheduler", in_process,
            "--partition-size", "2"]
    assert main(args) == 1  # two documents failed
    stdout = capsys.readouterr().out
    assert stdout.startswith("9 documents in 5 partitions (7 records written)")
    assert f"2 failed, listed in {out / 'failures.tsv'}" in stdout
    failures = (out / "failures.tsv").read_text().splitlines()
    assert [line.split("\t")[0] for line in failures] == [
        f"{corpus['jsonl'].resolve()}:3", f"{corpus['warc'].resolve()}@"
        + failures[1].split("@")[1].split("\t")[0]]
    assert failures[1].split("\t")[0].endswith(" https://news.test/3")
    shards = _shards(out)
    assert len(shards) == 4  # the last WARC partition's one page failed: no shard
    records = [json.loads(line) for text in shards.values() for line in text.splitlines()]
    assert len(records) == 7
    for rec in records:
        validate("extraction", rec)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]

    # A second run finds every partition done and writes nothing.
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*.jsonl")}
    assert main(args) == 1
    assert "0 documents in 0 partitions (0 records written; 5 partitions already done" in \
        capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.jsonl")} == stamps
    # A partition without its done file (a run stopped there) is done again, alone.
    done = min((out / ".done").glob("crawl-*.tsv"))
    done.unlink()
    assert main(args) == 1
    assert capsys.readouterr().out.startswith("2 documents in 1 partitions")
    assert _shards(out) == shards

    # The folder is what `ingest` loads: the shards, not the failures or the manifest.
    db = str(tmp_path / "claims.db")
    assert main(["ingest", str(out), "--db", db]) == 0
    assert capsys.readouterr().out.startswith("7 new, 0 unchanged, 0 failed")
    with Store.open(db) as store:
        urls = {d["url"] for d in store.documents(limit=50).items}
    assert {"https://news.test/1", "https://news.test/2"} <= urls


def test_resuming_with_another_partition_size_is_refused(corpus, tmp_path, in_process,
                                                         capsys):
    out = tmp_path / "out"
    assert main(["batch", str(corpus["folder"]), "--out", str(out), "--scheduler", in_process,
                 "--partition-size", "2"]) == 0
    capsys.readouterr()
    assert main(["batch", str(corpus["folder"]), "--out", str(out), "--scheduler", in_process,
                 "--partition-size", "5"]) == 2
    assert "holds shards made with --partition-size 2" in capsys.readouterr().err


def test_unreachable_scheduler_is_one_line(corpus, tmp_path, capsys, monkeypatch):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr("claimgraph.batch.run.CONNECT_TIMEOUT", "1s")
    assert main(["batch", str(corpus["folder"]), "--out", str(tmp_path / "out"),
                 "--scheduler", f"tcp://127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0]


def test_local_cluster_with_a_worker_process(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(corpus["folder"]), "--out", str(out), "--workers", "1",
                 "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["documents"], summary["records"], summary["workers"]) == (2, 2, 1)
    [shard] = out.glob("*.jsonl")
    texts = sorted(json.loads(line)["document"]["text"] for line in shard.read_text().splitlines())
    assert texts[0].startswith("A ministry spokesman") and "arrested" in texts[1]
