"""Search in Russian, Ukrainian and Bulgarian matches inflected forms through lemmas, on
both backends; a language filter keeps one language; English search is unchanged."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from claimgraph.schemas import validate
from claimgraph.store import Ingester, Store
from claimgraph.store import migrations
from claimgraph.store.search import lemma_queries

from .store_fakes import record, statement


def _doc(doc_id, body, language, title, speaker, content):
    rec = record(doc_id, body, title=title, publisher="Вестник", published="2025-03-12",
                 statements=[statement("s1", speaker, content)])
    rec["document"]["language"] = language
    return rec


CORPUS = [
    _doc("ru1", "Губернатор Иван Петров заявил, что около 4000 резервистов призваны на службу.",
         "ru", "Губернатор о резервистах", "Иван Петров",
         "около 4000 резервистов призваны на службу"),
    _doc("uk1", "Міністр повідомив, що понад 1200 військових прибули до міста.", "uk",
         "Військові прибули", "Міністр", "понад 1200 військових прибули до міста"),
    _doc("bg1", "Министърът заяви, че близо 2 хил. войници са изпратени на границата.", "bg",
         "Войници на границата", "Министърът", "близо 2 хил. войници са изпратени на границата"),
    record("en1", "The governor said 4,000 reservists had been called up.",
           title="Reservists", publisher="Herald", published="2025-03-12",
           statements=[statement("s1", "the governor", "4,000 reservists had been called up")]),
]


@pytest.fixture
def filled(store):
    Ingester(store).run([(r["document"]["id"], r) for r in CORPUS])
    return store


def test_inflected_forms_find_each_other(filled):
    result = filled.search("резервисты призвали")  # neither form is in the text
    assert [d["id"] for d in result["documents"]] == ["ru1"]
    assert [(s["document"], s["language"]) for s in result["statements"]] == [("ru1", "ru")]
    snippet = result["statements"][0]["snippet"]
    assert [snippet["text"][s:e] for s, e in snippet["highlights"]] == ["резервистов", "призваны"]
    validate("search", result)
    assert [d["id"] for d in filled.search("військовий")["documents"]] == ["uk1"]
    assert [d["id"] for d in filled.search("войник граница")["documents"]] == ["bg1"]


def test_language_filter_and_english_unchanged(filled):
    assert filled.search("губернатор", language="uk")["documents"] == []
    assert [d["id"] for d in filled.search("губернатор", language="ru")["documents"]] == ["ru1"]
    english = filled.search("reservists")
    assert [d["id"] for d in english["documents"]] == ["en1"]
    assert english["documents"][0]["language"] == "en"
    assert filled.statements(language="bg").items[0]["document"] == "bg1"
    assert [d["id"] for d in filled.documents(language="uk").items] == ["uk1"]


def test_lemma_queries_only_for_cyrillic():
    assert lemma_queries("reservists", None) == {}
    assert lemma_queries("заявила", "ru") == {"ru": "заявить"}


def test_a_database_from_before_lemmas_is_upgraded_with_them(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(str(path), write=True) as store:
        Ingester(store).run([(r["document"]["id"], r) for r in CORPUS[:1]])
    # make it look like version 3, the one before lemmas: no lemma columns or tables
    conn = sqlite3.connect(path)
    for table in ("documents", "statements"):
        for event in ("ai", "ad", "au"):
            conn.execute(f"DROP TRIGGER {table}_lemma_fts_{event}")
        conn.execute(f"DROP TABLE {table}_lemma_fts")
    conn.execute("DROP INDEX ix_statements_language")
    for later in ("ix_statements_doc_speaker", "ix_statements_search_filters"):  # after lemmas
        conn.execute(f"DROP INDEX {later}")
    conn.execute("DROP INDEX ix_documents_language")
    conn.execute("ALTER TABLE documents DROP COLUMN lemmas")
    conn.execute("ALTER TABLE statements DROP COLUMN lemmas")
    conn.execute("ALTER TABLE statements DROP COLUMN language")
    for later in ("feed_items", "source_grades", "corrections", "story_builds"):  # after lemmas
        conn.execute(f"DROP TABLE {later}")
    conn.execute("DELETE FROM schema_version")
    conn.execute("INSERT INTO schema_version VALUES (3, 'entity aliases', 'then')")
    conn.commit()
    conn.close()
    with Store.open(str(path), write=True) as store:
        with store.read() as c:
            assert c.execute(text("SELECT max(version) FROM schema_version")).scalar() == \
                migrations.SCHEMA_VERSION
        assert [d["id"] for d in store.search("резервисты")["documents"]] == ["ru1"]
