"""Full-text search: ranking, snippets with highlights, filters, query syntax, on both backends."""

from __future__ import annotations

import pytest

from claimgraph.schemas import validate
from claimgraph.store import Ingester
from claimgraph.store.errors import BadQuery
from claimgraph.store.search import fts5_query, parse_snippet

from .store_fakes import record, statement

CORPUS = [
    record("m1", "The governor of Vostrel claimed that about 4,000 reservists had been called "
                 "up. Reservists were guarding the coast, the governor said.",
           title="Reservists called up in Vostrel", publisher="Ministry of Defence",
           published="2024-03-05", statements=[
               statement("s1", "Mirek Danov", "about 4,000 reservists had been called up",
                         cue="claimed", said_on="2024-03-03", quantities=1),
               statement("s2", "Mirek Danov", "reservists were guarding the coast")]),
    record("h1", "The harbour at Vostrel was closed on Monday after a storm, port officials said.",
           title="Vostrel harbour closed", publisher="Harbour Herald", published="2024-03-06",
           statements=[statement("s1", "port officials", "the harbour was closed after a storm")]),
    record("f1", "The Selva river flooded parts of Oderburg. Mayor Ilse Brandt said 300 homes "
                 "were evacuated and that the water would likely recede by Friday.",
           title="Selva floods Oderburg", publisher="Oderburg Post", published="2024-04-10",
           statements=[statement("s1", "Ilse Brandt", "300 homes were evacuated", quantities=1),
                       statement("s2", "Ilse Brandt", "the water would likely recede by Friday",
                                 estimates=1)]),
]


@pytest.fixture
def filled(store):
    Ingester(store).run([(r["document"]["id"], r) for r in CORPUS])
    return store


def _highlighted(hit):
    snip = hit["snippet"]
    return [snip["text"][a:b].lower() for a, b in snip["highlights"]]


def test_stemmed_match_in_statements_and_documents(filled):
    result = filled.search("reservist")
    assert [(h["document"], h["statement"]) for h in result["statements"]][:2] in (
        [("m1", "s1"), ("m1", "s2")], [("m1", "s2"), ("m1", "s1")])
    assert [h["id"] for h in result["documents"]] == ["m1"]
    doc = result["documents"][0]
    assert doc["title"] == "Reservists called up in Vostrel" and doc["story"]
    assert all(w.startswith("reservist") for w in _highlighted(doc)) and _highlighted(doc)
    validate("search", result)


def test_ranking_prefers_the_document_that_matches_more(filled):
    docs = filled.search("Vostrel harbour")["documents"]
    assert [d["id"] for d in docs] == ["h1"]  # all words must match
    docs = filled.search("Vostrel OR harbour")["documents"]
    assert docs[0]["id"] == "h1" and {d["id"] for d in docs} == {"h1", "m1"}
    assert docs[0]["score"] > docs[1]["score"]


def test_phrase_and_exclusion(filled):
    assert [d["id"] for d in filled.search('"guarding the coast"')["documents"]] == ["m1"]
    assert filled.search('"coast guarding"')["documents"] == []
    assert [d["id"] for d in filled.search("Vostrel -harbour")["documents"]] == ["m1"]


def test_speaker_and_date_filters(filled):
    by_speaker = filled.search("homes OR water OR reservists", speaker="brandt")
    assert {h["speaker"] for h in by_speaker["statements"]} == {"Ilse Brandt"}
    assert [d["id"] for d in by_speaker["documents"]] == ["f1"]
    since = filled.search("Vostrel OR Oderburg", since="2024-03-06")
    assert sorted(d["id"] for d in since["documents"]) == ["f1", "h1"]
    until = filled.search("Vostrel OR Oderburg", until="2024-03-05")
    assert [d["id"] for d in until["documents"]] == ["m1"]


def test_no_match_and_bad_queries(filled):
    assert filled.search("zeppelin") == {
        "query": "zeppelin", "filters": {"speaker": None, "since": None, "until": None,
                                           "language": None},
        "statements": [], "documents": []}
    for bad in ("", "   ", "?!"):
        with pytest.raises(BadQuery, match="at least one word"):
            filled.search(bad)
    with pytest.raises(BadQuery, match="date"):
        filled.search("flood", since="last week")
    # FTS5 operators and quotes in user input are taken as words, never as syntax errors.
    assert filled.search('harbour AND "closed')["documents"][0]["id"] == "h1"
    assert filled.search("NEAR(harbour) col:x")["documents"] == []


def test_fts5_query_translation():
    assert fts5_query("reservists called") == '"reservists" AND "called"'
    assert fts5_query('"called up" OR guard') == '("called up") OR ("guard")'
    assert fts5_query("vostrel -harbour -storm") == '("vostrel") NOT ("harbour" OR "storm")'
    assert fts5_query('say "it\'s" now') == '"say" AND "it s" AND "now"'
    with pytest.raises(BadQuery):
        fts5_query("-only -exclusions")


def test_snippet_markers_become_offsets():
    snip = parse_snippet("the \x02governor\x03 said \x02reservists\x03")
    assert snip.text == "the governor said reservists"
    assert [snip.text[a:b] for a, b in snip.highlights] == ["governor", "reservists"]


def test_only_the_newest_matches_are_ranked(filled, monkeypatch):
    from claimgraph.store import search

    monkeypatch.setattr(search, "RANK_CAP", 1)
    result = filled.search("Vostrel OR Oderburg OR Ilse")
    assert [d["id"] for d in result["documents"]] == ["f1"]  # the last one ingested
    assert [(s["document"], s["statement"]) for s in result["statements"]] == [("f1", "s2")]
    # Filters apply before the cap: the newest match that passes them is ranked.
    by_speaker = filled.search("reservists OR harbour", speaker="danov")
    assert [(s["document"], s["statement"]) for s in by_speaker["statements"]] == [("m1", "s2")]
    assert [d["id"] for d in by_speaker["documents"]] == ["m1"]
    found = filled.search_stories("Vostrel OR Oderburg")
    assert found.total == 1 and len(found.items) == 1
    assert found.items[0]["documents"] == ["f1"]


def test_pages_follow_the_ranking_with_snippets_on_each(filled):
    from claimgraph.store import search

    query = "Vostrel OR reservists OR harbour OR homes OR water OR coast"
    with filled.read() as conn:
        whole = search.search_statements(conn, query, limit=10)
        pages = [search.search_statements(conn, query, limit=2, offset=k) for k in (0, 2, 4)]
        docs = search.search_documents(conn, query, limit=10)
        doc_pages = [search.search_documents(conn, query, limit=1, offset=k) for k in (0, 1, 2)]
    assert len(whole) == 5 and [h for page in pages for h in page] == whole
    assert [h["score"] for h in whole] == sorted((h["score"] for h in whole), reverse=True)
    assert all(_highlighted(h) for h in whole)
    assert len(docs) == 3 and [d for page in doc_pages for d in page] == docs
    assert all(_highlighted(d) for d in docs)


def test_statement_filters_by_date_and_language(filled):
    hits = filled.search("reservists OR harbour OR homes", since="2024-03-06")["statements"]
    assert {h["document"] for h in hits} == {"h1", "f1"}
    hits = filled.search("reservists OR harbour OR homes", until="2024-03-05")["statements"]
    assert {h["document"] for h in hits} == {"m1"}
    assert len(filled.search("reservists OR homes", language="en")["statements"]) == 3
    assert filled.search("reservists OR homes", language="ru")["statements"] == []
    both = filled.search("reservists OR harbour OR homes", speaker="officials",
                         since="2024-03-06", language="en")
    assert [(h["document"], h["speaker"]) for h in both["statements"]] == [
        ("h1", "port officials")]
    assert [d["id"] for d in both["documents"]] == ["h1"]


def test_postgres_looks_among_the_newest_rows_first_and_finds_the_same(filled, monkeypatch):
    if filled.target.dialect != "postgresql":
        pytest.skip("SQLite walks its matches newest first")
    from claimgraph.store import search

    queries = [("Vostrel OR Oderburg OR Ilse", None), ("reservists", None),
               ("reservists OR harbour OR homes", "danov"), ("water OR coast", None)]

    def found(cap, windows):
        monkeypatch.setattr(search, "RANK_CAP", cap)
        monkeypatch.setattr(search, "PG_WINDOWS", windows)
        with filled.read() as conn:
            return [([h["id"] for h in search.search_documents(conn, q, speaker=who)],
                     [(h["document"], h["statement"])
                      for h in search.search_statements(conn, q, speaker=who)])
                    for q, who in queries]

    for cap in (1, 2):
        everything = found(cap, ())
        assert everything[1][0] == ["m1"]  # the oldest document, found past the windows
        for windows in ((1,), (1, 2)):
            assert found(cap, windows) == everything
