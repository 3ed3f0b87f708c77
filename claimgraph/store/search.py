"""Full-text search over document text and statement text: FTS5 on SQLite, tsvector on PostgreSQL.

Both backends take the same query language, that of PostgreSQL's
``websearch_to_tsquery``: words (all must match), ``"a phrase"``, ``OR`` between
alternatives, ``-word`` to exclude. Words are stemmed (Porter on SQLite, the
``english`` configuration on PostgreSQL, which also drops stop words). SQLite ranks
every match by BM25; PostgreSQL ranks the newest :data:`PG_RANK_CAP` matches by
``ts_rank_cd``, keeping latency flat as the corpus grows. Results carry a snippet whose matched
words are given as ``[start, end)`` offsets into the snippet text, so the CLI can
colour them and a web page can mark them up without trusting HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from .errors import BadQuery

# PostgreSQL ranks at most this many matches, the newest: ranking reads each match's
# tsvector, so a common word would otherwise cost time in proportion to the corpus.
PG_RANK_CAP = 1000

# Markers placed around matches by snippet()/ts_headline(), then parsed out.
START, STOP = "\x02", "\x03"
ELLIPSIS = "…"

SQLITE_DDL = [
    ("CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
     "content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
     "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"),
    ("CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
     "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
     "VALUES ('delete', old.pk, old.title, old.text); END"),
    ("CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN "
     "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
     "VALUES ('delete', old.pk, old.title, old.text); "
     "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"),
    ("CREATE VIRTUAL TABLE statements_fts USING fts5(speaker_name, content_text, "
     "content='statements', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER statements_fts_ai AFTER INSERT ON statements BEGIN "
     "INSERT INTO statements_fts(rowid, speaker_name, content_text) "
     "VALUES (new.pk, new.speaker_name, new.content_text); END"),
    ("CREATE TRIGGER statements_fts_ad AFTER DELETE ON statements BEGIN "
     "INSERT INTO statements_fts(statements_fts, rowid, speaker_name, content_text) "
     "VALUES ('delete', old.pk, old.speaker_name, old.content_text); END"),
    ("CREATE TRIGGER statements_fts_au AFTER UPDATE OF speaker_name, content_text ON statements "
     "BEGIN INSERT INTO statements_fts(statements_fts, rowid, speaker_name, content_text) "
     "VALUES ('delete', old.pk, old.speaker_name, old.content_text); "
     "INSERT INTO statements_fts(rowid, speaker_name, content_text) "
     "VALUES (new.pk, new.speaker_name, new.content_text); END"),
]

POSTGRES_DDL = [
    ("ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
     "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
     "setweight(to_tsvector('english', text), 'B')) STORED"),
     "CREATE INDEX ix_documents_tsv ON documents USING GIN (tsv)",
    ("ALTER TABLE statements ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
     "setweight(to_tsvector('english', coalesce(speaker_name, '')), 'A') || "
     "setweight(to_tsvector('english', content_text), 'B')) STORED"),
     "CREATE INDEX ix_statements_tsv ON statements USING GIN (tsv)",
]


def create_index(conn: Connection) -> None:
    """Create the full-text objects for ``conn``'s dialect (inside the caller's transaction)."""
    ddl = SQLITE_DDL if conn.dialect.name == "sqlite" else POSTGRES_DDL
    for statement in ddl:
        conn.exec_driver_sql(statement)


# --- query language -------------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str:
    """Translate a web-search style query into an FTS5 MATCH expression.

    Raises BadQuery when nothing searchable is left (only punctuation or exclusions).
    """
    groups: list[list[str]] = [[]]  # OR-separated groups of AND-ed terms
    excluded: list[str] = []
    for match in _TOKEN.finditer(query):
        negate, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            if groups[-1]:
                groups.append([])
            continue
        if word == "AND":  # the default between words; a stop word on PostgreSQL
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negate, word = "-", word[1:]
        words = _WORD.findall(phrase if phrase is not None else word or "")
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (excluded if negate else groups[-1]).append(term)
    alternatives = [" AND ".join(g) for g in groups if g]
    if not alternatives:
        raise BadQuery(f"nothing to search for in {query!r}; give at least one word")
    expr = " OR ".join(f"({a})" for a in alternatives) if len(alternatives) > 1 else alternatives[0]
    if excluded:
        expr = f"({expr}) NOT ({' OR '.join(excluded)})"
    return expr


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "highlights": [list(h) for h in self.highlights]}


def parse_snippet(marked: str | None) -> Snippet:
    """Strip START/STOP markers, remembering where they were."""
    out: list[str] = []
    highlights: list[tuple[int, int]] = []
    pos, start = 0, None
    for ch in marked or "":
        if ch == START:
            start = pos
        elif ch == STOP:
            if start is not None and pos > start:
                highlights.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return Snippet(" ".join("".join(out).split("\n")), highlights)


def _score(value: Any) -> float:
    """Higher is better; six significant digits (bm25 values on a small corpus are tiny)."""
    return float(f"{float(value):.6g}")


# --- queries --------------------------------------------------------------------------------

def _run(conn: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    """Run a search query; on PostgreSQL, steered to the GIN index for this query only.

    Its planner prices a sequential scan without the cost of reading every row's TOASTed
    tsvector, and picks it for common words: 250 ms instead of 50 ms on 20,000 articles.
    """
    if conn.dialect.name != "postgresql":
        return list(conn.execute(text(sql), params).mappings().all())
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
    rows = list(conn.execute(text(sql), params).mappings().all())
    # Later queries in the same transaction get the planner's own choices back.
    conn.exec_driver_sql("SET LOCAL enable_seqscan TO DEFAULT")
    conn.exec_driver_sql("SET LOCAL enable_indexscan TO DEFAULT")
    return rows


def _filters(dialect: str, speaker: str | None, since: str | None, until: str | None,
             alias: str, for_documents: bool) -> tuple[str, dict[str, Any]]:
    sql, params = [], {}
    like = "ILIKE" if dialect == "postgresql" else "LIKE"  # SQLite LIKE ignores ASCII case
    if since:
        sql.append("d.published >= :since")
        params["since"] = since
    if until:
        # A date-time string for the last day still sorts before the next day.
        sql.append("d.published < :until_next")
        params["until_next"] = until + "\uffff"
    if speaker:
        params["speaker"] = f"%{speaker}%"
        if for_documents:
            sql.append(f"EXISTS (SELECT 1 FROM statements sp WHERE sp.doc_pk = d.pk "
                       f"AND sp.speaker_name {like} :speaker)")
        else:
            sql.append(f"{alias}.speaker_name {like} :speaker")
    return "".join(f" AND {s}" for s in sql), params


def search_documents(conn: Connection, query: str, *, speaker: str | None = None,
                     since: str | None = None, until: str | None = None, limit: int = 20,
                     offset: int = 0) -> list[dict[str, Any]]:
    """Documents matching ``query``, best first, each with a snippet of its text."""
    dialect = conn.dialect.name
    where, params = _filters(dialect, speaker, since, until, "d", True)
    params.update(limit=limit, offset=offset, start=START, stop=STOP, ell=ELLIPSIS)
    if dialect == "sqlite":
        params["q"] = fts5_query(query)
        sql = (
            "SELECT d.id, d.title, d.publisher, d.published, d.url, d.story_id, "
            "snippet(documents_fts, 1, :start, :stop, :ell, 24) AS snippet, "
            "-bm25(documents_fts, 4.0, 1.0) AS score "
            "FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid "
            f"WHERE documents_fts MATCH :q{where} "
            "ORDER BY score DESC, d.pk LIMIT :limit OFFSET :offset")
    else:
        params["q"] = query
        params["opts"] = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, " \
                         "MaxFragments=2, FragmentDelimiter=\" … \""
        params["cap"] = PG_RANK_CAP
        # Innermost: the newest matches, from the GIN index alone. Then rank those (reading
        # each tsvector), then headlines only for the page of results.
        sql = (
            "SELECT r.id, r.title, r.publisher, r.published, r.url, r.story_id, "
            "ts_headline('english', r.text, r.tsq, :opts) AS snippet, r.score FROM ("
            "SELECT d.pk, d.id, d.title, d.publisher, d.published, d.url, d.story_id, d.text, "
            "q.tsq, ts_rank_cd(d.tsv, q.tsq) AS score "
            "FROM (SELECT d.pk FROM documents d, websearch_to_tsquery('english', :q) AS q(tsq) "
            f"WHERE d.tsv @@ q.tsq{where} ORDER BY d.pk DESC LIMIT :cap) AS hits "
            "JOIN documents d ON d.pk = hits.pk, websearch_to_tsquery('english', :q) AS q(tsq) "
            "ORDER BY score DESC, d.pk LIMIT :limit OFFSET :offset) r "
            "ORDER BY r.score DESC, r.pk")
    rows = _run(conn, sql, params)
    return [{
        "id": r["id"], "title": r["title"], "publisher": r["publisher"],
        "published": r["published"], "url": r["url"], "story": r["story_id"],
        "score": _score(r["score"]), "snippet": parse_snippet(r["snippet"]).to_dict(),
    } for r in rows]


def search_statements(conn: Connection, query: str, *, speaker: str | None = None,
                      since: str | None = None, until: str | None = None, limit: int = 20,
                      offset: int = 0) -> list[dict[str, Any]]:
    """Statements whose speaker or content matches ``query``, best first."""
    dialect = conn.dialect.name
    where, params = _filters(dialect, speaker, since, until, "s", False)
    params.update(limit=limit, offset=offset, start=START, stop=STOP, ell=ELLIPSIS)
    cols = ("s.doc_id, s.id, s.kind, s.speaker_name, s.cue_text, s.cue_stance, s.content_text, "
            "s.said_on, d.title, d.publisher, d.published, d.story_id")
    if dialect == "sqlite":
        params["q"] = fts5_query(query)
        sql = (
            f"SELECT {cols}, snippet(statements_fts, 1, :start, :stop, :ell, 32) AS snippet, "
            "-bm25(statements_fts, 2.0, 1.0) AS score "
            "FROM statements_fts JOIN statements s ON s.pk = statements_fts.rowid "
            "JOIN documents d ON d.pk = s.doc_pk "
            f"WHERE statements_fts MATCH :q{where} "
            "ORDER BY score DESC, s.pk LIMIT :limit OFFSET :offset")
    else:
        params["q"] = query
        params["opts"] = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
        params["cap"] = PG_RANK_CAP
        sql = (
            f"SELECT r.*, ts_headline('english', r.content_text, r.tsq, :opts) AS snippet FROM ("
            f"SELECT s.pk, {cols}, q.tsq, ts_rank_cd(s.tsv, q.tsq) AS score FROM ("
            "SELECT s.pk FROM statements s JOIN documents d ON d.pk = s.doc_pk, "
            "websearch_to_tsquery('english', :q) AS q(tsq) "
            f"WHERE s.tsv @@ q.tsq{where} ORDER BY s.pk DESC LIMIT :cap) AS hits "
            "JOIN statements s ON s.pk = hits.pk JOIN documents d ON d.pk = s.doc_pk, "
            "websearch_to_tsquery('english', :q) AS q(tsq) "
            "ORDER BY score DESC, s.pk LIMIT :limit OFFSET :offset) r "
            "ORDER BY r.score DESC, r.pk")
    rows = _run(conn, sql, params)
    out = []
    for r in rows:
        snippet = parse_snippet(r["snippet"])
        if not snippet.text:  # the match was on the speaker's name only
            snippet = parse_snippet(r["content_text"])
        out.append({
            "document": r["doc_id"], "statement": r["id"], "kind": r["kind"],
            "speaker": r["speaker_name"], "cue": r["cue_text"], "stance": r["cue_stance"],
            "said_on": r["said_on"], "title": r["title"], "publisher": r["publisher"],
            "published": r["published"], "story": r["story_id"],
            "score": _score(r["score"]), "snippet": snippet.to_dict(),
        })
    return out


def search_stories(conn: Connection, query: str, *, limit: int = 20,
                   offset: int = 0) -> tuple[list[str], int]:
    """Ids of the stories with a document whose title or text matches ``query``, best first
    (a story ranks by its best document; a match in a title counts four times one in the
    text), and how many stories match. PostgreSQL looks at the newest :data:`PG_RANK_CAP`
    matching documents."""
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if conn.dialect.name == "sqlite":
        params["q"] = fts5_query(query)
        found = ("FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid "
                 "WHERE documents_fts MATCH :q AND d.story_id IS NOT NULL")
        # LIMIT -1 keeps the subquery whole: FTS5 ranks only in a query of its own.
        hits = f"SELECT d.story_id, -bm25(documents_fts, 4.0, 1.0) AS score {found} LIMIT -1"
        counted = f"SELECT count(DISTINCT d.story_id) AS n {found}"
    else:
        params["q"] = query
        params["cap"] = PG_RANK_CAP
        newest = ("SELECT d.pk FROM documents d, websearch_to_tsquery('english', :q) AS q(tsq) "
                  "WHERE d.tsv @@ q.tsq AND d.story_id IS NOT NULL ORDER BY d.pk DESC LIMIT :cap")
        hits = (f"SELECT d.story_id, ts_rank_cd(d.tsv, q.tsq) AS score FROM ({newest}) AS found "
                "JOIN documents d ON d.pk = found.pk, "
                "websearch_to_tsquery('english', :q) AS q(tsq)")
        counted = (f"SELECT count(DISTINCT d.story_id) AS n FROM ({newest}) AS found "
                   "JOIN documents d ON d.pk = found.pk")
    total = _run(conn, counted, params)[0]["n"]
    rows = _run(conn, f"SELECT story_id, max(score) AS best FROM ({hits}) AS h "
                      "GROUP BY story_id ORDER BY best DESC, story_id LIMIT :limit OFFSET :offset",
                params)
    return [r["story_id"] for r in rows], int(total)
