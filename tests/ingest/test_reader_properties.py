"""Property tests of the input readers: whatever the bytes, a reader yields documents or the
project's own InputError, one item per input (one per non-blank line of JSON Lines), and
keeps the text it was given."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.ingest import readers
from claimgraph.model import Document

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
FIELDS = ["id", "url", "title", "publisher", "published", "language", "text", "html",
          "document", "statements"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), inner, max_size=4),
    max_leaves=8)
documents = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6)
# Bytes that look like something: text, markup, JSON, or noise.
inputs = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(["<html>", "<p>", "</p>", "<title>", "{", "}", '"text":', "\n",
                              "\x00", "said", " ", "\ufeff", "é", "\r\n"]), max_size=40)
    .map(lambda parts: "".join(parts).encode("utf-8")),
    st.lists(documents, max_size=4).map(
        lambda docs: "\n".join(json.dumps(d) for d in docs).encode("utf-8")),
)


def _check_item(item: Any) -> None:
    label, value = item
    assert isinstance(label, str) and label
    assert isinstance(value, (Document, dict, InputError)), value
    if isinstance(value, Document):
        assert value.text.strip() and value.id
    if isinstance(value, InputError):
        assert value.reason and "\n" not in value.reason  # one line for the user


@SETTINGS
@given(data=st.binary(max_size=500))
def test_decode_gives_text_or_an_input_error(data):
    try:
        text = readers.decode(data, "in.txt")
    except InputError as exc:
        assert exc.source == "in.txt"
    else:
        assert text.encode("utf-8") in (data, data.removeprefix(b"\xef\xbb\xbf"))


@SETTINGS
@given(data=inputs, suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md", ".ndjson", ""]))
def test_any_file_gives_documents_or_input_errors(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for records in (False, True):
            items = list(readers.read_inputs([str(path)], records=records))
            assert items
            for item in items:
                _check_item(item)
            if suffix in (".txt", ".md") and isinstance(items[0][1], Document):
                assert len(items) == 1
                assert items[0][1].text == data.decode("utf-8-sig")  # kept exactly as read


# Characters that str.splitlines() breaks at but JSON Lines does not: JSON strings may hold
# U+0085, U+2028 and U+2029 as they are, and text pasted from web pages often does.
LINE_BREAKS_OF_PYTHON = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r"


@SETTINGS
@given(lines=st.lists(st.one_of(
    documents.map(json.dumps),
    documents.map(lambda d: json.dumps(d, ensure_ascii=False)),
    st.fixed_dictionaries({"text": st.text(alphabet=st.sampled_from(
        list(LINE_BREAKS_OF_PYTHON) + ["a", " "]), min_size=1, max_size=10)})
    .map(lambda d: json.dumps(d, ensure_ascii=False)),
    st.text(max_size=40).map(lambda t: t.replace("\n", " "))), max_size=8),
    crlf=st.booleans())
def test_json_lines_give_one_item_per_non_blank_line(lines, crlf):
    text = ("\r\n" if crlf else "\n").join(lines)
    found = list(readers.json_lines(text, "feed.jsonl"))
    # JSON Lines: lines end at "\n" (a "\r" before it belongs to the break), nowhere else.
    expected = [(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), 1)
                if line.strip()]
    assert [number for _, number, _ in found] == [n for n, _ in expected]
    for (where, number, value), (_, line) in zip(found, expected):
        assert where == f"feed.jsonl:{number}"
        if isinstance(value, InputError):
            assert value.source == where and value.reason.startswith("malformed JSON")
        else:
            assert value == json.loads(line)


@SETTINGS
@given(obj=json_values, records=st.booleans())
def test_any_json_value_becomes_a_document_a_record_or_an_input_error(obj, records):
    label, value = readers.item_from_object(obj, "feed.jsonl:1", readers.Defaults("Wire"), None,
                                            records=records)
    _check_item((label, value))
    if isinstance(value, Document):
        assert value.publisher  # filled from the defaults when the line had none
        if isinstance(obj, dict) and isinstance(obj.get("text"), str) \
                and not readers.is_extraction_record(obj):
            assert value.text == obj["text"]
    if isinstance(value, dict):
        assert records and readers.is_extraction_record(value)


def test_a_json_line_may_hold_unicode_line_separators():
    text = "first\u2028second\x85third\u2029fourth"
    line = json.dumps({"id": "a", "text": text}, ensure_ascii=False)
    [(where, number, value)] = readers.json_lines(line + "\r\n", "feed.jsonl")
    assert (where, number, value) == ("feed.jsonl:1", 1, {"id": "a", "text": text})
