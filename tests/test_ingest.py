from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.model import Document

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def _read(*paths, **meta):
    return list(read_inputs([str(p) for p in paths], **meta))


def test_text_file_kept_exactly_with_flags():
    [(label, doc)] = _read(INPUTS / "update.txt", publisher="Daily Planet", date="2024-03-05")
    assert isinstance(doc, Document)
    assert doc.text == (INPUTS / "update.txt").read_text()
    assert (doc.publisher, doc.published, doc.path) == ("Daily Planet", "2024-03-05", label)
    assert doc.id.startswith("sha256:")


def test_html_main_text_and_metadata():
    [(_, doc)] = _read(INPUTS / "page.html")
    assert isinstance(doc, Document)
    assert "more than 4,000 reservists" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Reservists called up in Velmora"
    assert doc.publisher == "Coast Watch News"
    assert doc.published == "2024-03-06"


def test_jsonl_keeps_id_url_title_and_fills_from_flags():
    items = _read(INPUTS / "docs.jsonl", publisher="Wire")
    docs = [d for _, d in items]
    assert [d.id for d in docs][0] == "a1"
    assert docs[0].publisher == "Ministry of Defence" and docs[0].title == "Ministry update"
    assert docs[1].url == "https://example.org/a2" and docs[1].publisher == "Wire"
    assert docs[1].id.startswith("sha256:")


def test_folder_is_read_in_sorted_order():
    labels = [label for label, _ in _read(INPUTS)]
    assert labels == sorted(labels, key=lambda s: s.split(":")[0])
    assert any(label.endswith("update.txt") for label in labels)


def _error(items):
    [(_, value)] = items
    assert isinstance(value, InputError)
    return str(value)


def test_bad_inputs_each_give_one_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin.txt").write_bytes("café crème".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"word " * 4_200_000)  # 21 MB
    assert "empty" in _error(_read(tmp_path / "empty.txt"))
    assert "binary" in _error(_read(tmp_path / "binary.txt"))
    assert "not UTF-8" in _error(_read(tmp_path / "latin.txt"))
    assert "too large" in _error(_read(tmp_path / "big.txt"))
    assert "no such file" in _error(_read(tmp_path / "missing.txt"))
    assert "no article" in _error(_read(INPUTS / "empty-page.html"))


def test_malformed_jsonl_line_does_not_stop_the_others(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "One."}\n{not json\n{"title": "no text"}\n{"text": "Two."}\n')
    items = _read(path)
    kinds = [type(v).__name__ for _, v in items]
    assert kinds == ["Document", "InputError", "InputError", "Document"]
    assert items[1][0].endswith(":2") and "malformed JSON" in str(items[1][1])


def test_malformed_json_message_reads_once(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"text": "unterminated\n')
    [(_, error)] = _read(path)
    assert "starting at column" in str(error) and "at at" not in str(error)


def test_extraction_records_pass_through_only_when_asked(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text('{"document": {"id": "r1", "text": "Officials said it."}, "statements": []}\n')
    [(_, record)] = list(read_inputs([str(path)], publisher="Wire", records=True))
    assert isinstance(record, dict) and record["document"]["publisher"] == "Wire"
    [(_, doc)] = _read(path)
    assert isinstance(doc, Document) and doc.id == "r1" and doc.text == "Officials said it."


def test_text_file_first_line_is_its_title_when_it_reads_as_a_headline(tmp_path):
    headed = tmp_path / "headed.txt"
    headed.write_text("Army chief says 2,000 troops moved\n\nThe army said on Monday that ...\n",
                      encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("The army said on Monday that 2,000 troops had moved.\nMore text.\n",
                     encoding="utf-8")
    (_, doc), = read_inputs([str(headed)])
    assert doc.title == "Army chief says 2,000 troops moved"
    (_, doc), = read_inputs([str(plain)])
    assert doc.title is None


def test_a_language_that_is_no_code_is_one_clear_error(tmp_path):
    path = tmp_path / "lang.jsonl"
    path.write_text('{"text": "One.", "language": "English please"}\n{"text": "Two.", '
                    '"language": "uk"}\n')
    (_, bad), (_, good) = _read(path)
    assert "is not a language code" in str(bad) and good.language == "uk"
