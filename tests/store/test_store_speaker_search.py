"""Search by speaker finds what checking every match would find, in the same order, on both
backends; on PostgreSQL whichever way it looks the speaker's documents up, and without its
speaker index."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect, text

from claimgraph.store import Ingester, search

from .store_fakes import record, statement

SPEAKERS = ["Port Officials", "port officials", "the officials of the port", "Ilse Brandt",
            "Mayor Ilse BRANDT", "Li", "Mirek Danov", None, "BBC business", "BBC sport",
            "Brandt's office", "coast guard"]
SENTENCES = ["the harbour was closed after a storm", "reservists were guarding the coast",
             "the storm flooded the harbour", "homes were evacuated before the storm",
             "the coast guard found the boat", "reservists closed the harbour road"]


def corpus() -> list[dict[str, Any]]:
    """Forty documents of two or three statements each; speakers and words recur, in
    different mixes, so that filters keep some matches of each query and drop others."""
    out = []
    for i in range(40):
        said = []
        for k in range(2 + i % 2):
            who = SPEAKERS[(i * 5 + k * 7) % len(SPEAKERS)]
            words = SENTENCES[(i + k * 2) % len(SENTENCES)]
            said.append(statement(f"s{k + 1}", who, f"{words} on day {i}"))
        body = ". ".join(s["content"]["text"] for s in said) + "."
        out.append(record(f"d{i:02d}", body, title=f"Report {i} on the coast",
                          publisher="Harbour Herald", published=f"2024-03-{1 + i % 28:02d}",
                          statements=said))
    return out


CORPUS = corpus()
# Ingest order is pk order: the newest statement has the largest pk.
ORDER = {(r["document"]["id"], s["id"]): n for n, (r, s) in
         enumerate((r, s) for r in CORPUS for s in r["statements"])}
DOC_ORDER = {r["document"]["id"]: n for n, r in enumerate(CORPUS)}
DOC_SPEAKERS = {r["document"]["id"]: [s["speaker"]["name"] for s in r["statements"]]
                for r in CORPUS}
QUERIES = ["harbour", "storm OR coast", "reservists", "harbour -storm", '"the coast"']
FILTERS = ["officials", "OFFICIALS", "brandt", "Li", "danov", "bbc", "bbc business", "guard",
           "nobody at all", "o"]


def has(speaker: str | None, wanted: str) -> bool:
    return wanted.lower() in (speaker or "").lower()


def reference(conn, query: str, speaker: str, cap: int, limit: int, offset: int):
    """Every match (found with no filter and no cap), checked for the speaker one by one,
    the newest ``cap`` of those kept, best first: what search by speaker returns."""
    statements = [h for h in search.search_statements(conn, query, limit=1000)
                  if has(h["speaker"], speaker)]
    statements = sorted(statements, key=lambda h: -ORDER[h["document"], h["statement"]])[:cap]
    statements.sort(key=lambda h: (-h["score"], ORDER[h["document"], h["statement"]]))
    documents = [d for d in search.search_documents(conn, query, limit=1000)
                 if any(has(name, speaker) for name in DOC_SPEAKERS[d["id"]])]
    documents = sorted(documents, key=lambda d: -DOC_ORDER[d["id"]])[:cap]
    documents.sort(key=lambda d: (-d["score"], DOC_ORDER[d["id"]]))
    return ([(h["document"], h["statement"], h["score"]) for h in statements
             ][offset:offset + limit],
            [(d["id"], d["score"]) for d in documents][offset:offset + limit])


def found(conn, query: str, speaker: str, limit: int, offset: int):
    return ([(h["document"], h["statement"], h["score"]) for h in search.search_statements(
                conn, query, speaker=speaker, limit=limit, offset=offset)],
            [(d["id"], d["score"]) for d in search.search_documents(
                conn, query, speaker=speaker, limit=limit, offset=offset)])


@pytest.fixture
def filled(store):
    Ingester(store).run([(r["document"]["id"], r) for r in CORPUS])
    return store


def compare_with_reference(store, monkeypatch) -> int:
    """Search by speaker against the reference for each query, filter, cap and page; the
    number of non-empty results compared."""
    compared = 0
    with store.read() as conn:
        for cap, windows, most in ((1000, search.PG_WINDOWS, search.PG_SPEAKER_DOCUMENTS),
                                   (3, (1, 2), 1), (7, (1,), 4), (2, (2,), 1000)):
            monkeypatch.setattr(search, "PG_SPEAKER_DOCUMENTS", most)
            for query in QUERIES:
                for speaker in FILTERS:
                    for limit, offset in ((20, 0), (2, 1)):
                        monkeypatch.setattr(search, "RANK_CAP", 1000)
                        expected = reference(conn, query, speaker, cap, limit, offset)
                        monkeypatch.setattr(search, "RANK_CAP", cap)
                        monkeypatch.setattr(search, "PG_WINDOWS", windows)
                        assert found(conn, query, speaker, limit, offset) == expected, \
                            (query, speaker, cap, limit, offset)
                        compared += bool(expected[0]) + bool(expected[1])
    return compared


def test_search_by_speaker_finds_what_checking_every_match_finds(filled, monkeypatch):
    assert compare_with_reference(filled, monkeypatch) > 200


def test_postgres_has_the_speaker_index_and_finds_the_same_without_it(filled, monkeypatch):
    if filled.target.dialect != "postgresql":
        pytest.skip("the index of statements by speaker and document is PostgreSQL's")
    with filled.read() as conn:
        indexes = {i["name"] for i in inspect(conn).get_indexes("statements")}
        assert search.POSTGRES_SPEAKER_INDEX in indexes
        assert search._pg_speaker_names(conn, {"speaker": "%OFFICIALS%"}) == [
            "Port Officials", "port officials", "the officials of the port"]
        with_index = [found(conn, q, who, 20, 0) for q in QUERIES for who in FILTERS]
    with filled.write() as conn:
        conn.execute(text(f"DROP INDEX {search.POSTGRES_SPEAKER_INDEX}"))
    with filled.read() as conn:
        assert [found(conn, q, who, 20, 0) for q in QUERIES for who in FILTERS] == with_index
    assert compare_with_reference(filled, monkeypatch) > 200


def test_a_speaker_added_later_in_one_transaction_is_found(filled):
    if filled.target.dialect != "postgresql":
        pytest.skip("the speaker names are looked up apart on PostgreSQL only")
    with filled.write() as conn:
        assert search._pg_speaker_names(conn, {"speaker": "%zelda%"}) == []
        doc_pk = conn.execute(text("SELECT min(pk) FROM documents")).scalar()
        conn.execute(text(
            "INSERT INTO statements (doc_pk, doc_id, id, ordinal, speaker_name, content_text, "
            "n_quantities, n_estimates) VALUES (:doc, 'd00', 's99', 99, 'Zelda Quint', "
            "'the harbour was closed', 0, 0)"), {"doc": doc_pk})
        assert search._pg_speaker_names(conn, {"speaker": "%zelda%"}) == ["Zelda Quint"]
