"""WARC files among the inputs of ``extract`` and ``ingest``: HTML pages answered 200."""

from __future__ import annotations

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.model import Document
from tests.batch.test_batch import make_warc, page


def test_html_responses_are_documents_and_the_rest_is_skipped(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    make_warc(folder / "a.warc", [
        ("https://news.test/1", "200 OK", "text/html; charset=utf-8",
         page("Port closed", "The harbour master said the port would stay closed for three "
                             "days after the storm damaged two cranes.")),
        ("https://news.test/style.css", "200 OK", "text/css", "body {}"),
        ("https://news.test/gone", "404 Not Found", "text/html", "<html>gone</html>"),
    ])
    (folder / "b.warc.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    items = list(read_inputs([str(folder)], publisher="Fallback", date="2024-03-05"))
    assert len(items) == 2
    (label, doc), (bad_label, error) = items
    assert isinstance(doc, Document)
    assert label == f"{folder / 'a.warc'}@0 https://news.test/1"
    assert (doc.url, doc.title, doc.publisher, doc.published, doc.path) == (
        "https://news.test/1", "Port closed", "Coast Wire", "2024-03-05",
        str(folder / "a.warc"))
    assert "stay closed for three days" in doc.text
    assert isinstance(error, InputError) and "not a readable WARC file" in str(error)
    assert bad_label.startswith(str(folder / "b.warc.gz"))
