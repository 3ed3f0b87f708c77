"""Full-text search over document text and statement text: FTS5 on SQLite, tsvector on PostgreSQL.

Both backends take the same query language, that of PostgreSQL's
``websearch_to_tsquery``: words (all must match), ``"a phrase"``, ``OR`` between
alternatives, ``-word`` to exclude. Words are stemmed (Porter on SQLite, the
``english`` configuration on PostgreSQL, which also drops stop words). Russian,
Ukrainian and Bulgarian documents and statements also carry their words as lemmas
(``lemmas`` columns, filled at ingest by :mod:`claimgraph.extract.lemmas`); a query in
Cyrillic is lemmatised the same way and matched against them too, so 'заявила' finds
'заявил' and 'резервистов' finds 'резервисты'. On SQLite an FTS5 table indexes the
lemma column; on PostgreSQL Russian text is also read with the ``russian``
configuration and the lemma column with ``simple`` (PostgreSQL has no Ukrainian or
Bulgarian configuration). A ``language`` filter keeps one language's hits. Results carry
a snippet whose matched words are given as ``[start, end)`` offsets into the snippet
text, so the CLI can colour them and a web page can mark them up without trusting HTML.

Both backends rank only the newest :data:`RANK_CAP` matches that pass the filters (newest
by ingest order), BM25 on SQLite and ``ts_rank_cd`` on PostgreSQL, and make snippets
only for the page of results. Ranking reads every ranked match's positions and a snippet
reads its text, so ranking every match made a common word cost time in proportion to
the corpus (a quarter of a second on SQLite at 100,000 documents, most of it snippets
and table rows of matches never shown). The trade-off: a query with more matches than
the cap finds its best matches among the recent ones only, and pages stop at the cap;
narrow such a query with more words, a phrase or a date range to reach older material.
SQLite's FTS5 walks a query's matches newest first and stops at the cap; PostgreSQL's GIN
index finds them in no order, so it looks among the newest rows first
(:data:`PG_WINDOWS`). Filters are checked on the way (on SQLite from small indexes rather
than table rows: a statement's speaker and language by its pk, a document's speakers by
document), so a filter that few matches pass still walks every match: about 1 µs a match
on SQLite, a read of its table row on PostgreSQL. The speaker filter on PostgreSQL is
the exception: the speaker (``ILIKE '%name%'``) is first turned into the distinct speaker
names that contain it (one probe of the speaker index a name), and the statements of
those names are read from an index of statements by speaker and document
(:data:`POSTGRES_SPEAKER_INDEX`), so the planner intersects them with the full-text
matches before reading rows; a document is checked in that index, or, for a speaker with
few documents in a step's range, its documents are looked up there first
(:func:`_pg_newest_by_speaker`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from ..extract.lemmas import LANGUAGES as LEMMA_LANGUAGES
from ..extract.lemmas import lemma
from .errors import BadQuery

# Search ranks at most this many matches, the newest: ranking reads each match's tsvector
# (PostgreSQL) or its FTS5 position lists (SQLite), so a common word would otherwise cost
# time in proportion to the corpus.
RANK_CAP = 1000

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

SQLITE_LEMMA_DDL = [
    ("CREATE VIRTUAL TABLE documents_lemma_fts USING fts5(lemmas, content='documents', "
     "content_rowid='pk', tokenize='unicode61')"),
    ("CREATE TRIGGER documents_lemma_fts_ai AFTER INSERT ON documents "
     "WHEN new.lemmas IS NOT NULL BEGIN "
     "INSERT INTO documents_lemma_fts(rowid, lemmas) VALUES (new.pk, new.lemmas); END"),
    ("CREATE TRIGGER documents_lemma_fts_ad AFTER DELETE ON documents "
     "WHEN old.lemmas IS NOT NULL BEGIN "
     "INSERT INTO documents_lemma_fts(documents_lemma_fts, rowid, lemmas) "
     "VALUES ('delete', old.pk, old.lemmas); END"),
    ("CREATE TRIGGER documents_lemma_fts_au AFTER UPDATE OF lemmas ON documents BEGIN "
     "INSERT INTO documents_lemma_fts(documents_lemma_fts, rowid, lemmas) "
     "SELECT 'delete', old.pk, old.lemmas WHERE old.lemmas IS NOT NULL; "
     "INSERT INTO documents_lemma_fts(rowid, lemmas) "
     "SELECT new.pk, new.lemmas WHERE new.lemmas IS NOT NULL; END"),
    ("CREATE VIRTUAL TABLE statements_lemma_fts USING fts5(lemmas, content='statements', "
     "content_rowid='pk', tokenize='unicode61')"),
    ("CREATE TRIGGER statements_lemma_fts_ai AFTER INSERT ON statements "
     "WHEN new.lemmas IS NOT NULL BEGIN "
     "INSERT INTO statements_lemma_fts(rowid, lemmas) VALUES (new.pk, new.lemmas); END"),
    ("CREATE TRIGGER statements_lemma_fts_ad AFTER DELETE ON statements "
     "WHEN old.lemmas IS NOT NULL BEGIN "
     "INSERT INTO statements_lemma_fts(statements_lemma_fts, rowid, lemmas) "
     "VALUES ('delete', old.pk, old.lemmas); END"),
    ("CREATE TRIGGER statements_lemma_fts_au AFTER UPDATE OF lemmas ON statements BEGIN "
     "INSERT INTO statements_lemma_fts(statements_lemma_fts, rowid, lemmas) "
     "SELECT 'delete', old.pk, old.lemmas WHERE old.lemmas IS NOT NULL; "
     "INSERT INTO statements_lemma_fts(rowid, lemmas) "
     "SELECT new.pk, new.lemmas WHERE new.lemmas IS NOT NULL; END"),
]


# What search's filters read on SQLite: a statement's speaker, language and document by
# its pk, and a document's speakers by document. A match is checked in these small
# indexes instead of its (much larger) table rows. PostgreSQL reads the rows its GIN index
# finds anyway.
SQLITE_FILTER_INDEX = "ix_statements_search_filters"
SQLITE_FILTER_DDL = [
    (f"CREATE INDEX IF NOT EXISTS {SQLITE_FILTER_INDEX} "
     "ON statements (pk, doc_pk, speaker_name, language)"),
    "CREATE INDEX IF NOT EXISTS ix_statements_doc_speaker ON statements (doc_pk, speaker_name)",
]


def _pg_vector(column: str) -> str:
    """Russian through the 'russian' configuration, everything else through 'english' (as
    before there were other languages)."""
    return (f"CASE WHEN language = 'ru' THEN to_tsvector('russian', {column}) "
            f"ELSE to_tsvector('english', {column}) END")


# The lemmas of Russian, Ukrainian and Bulgarian go through 'simple', which only lower-cases.
POSTGRES_TSV = {
    "documents": (
        "setweight(" + _pg_vector("coalesce(title, '')") + ", 'A') || "
        f"setweight({_pg_vector('text')}, 'B') || "
        "setweight(to_tsvector('simple', coalesce(lemmas, '')), 'B')"),
    "statements": (
        "setweight(" + _pg_vector("coalesce(speaker_name, '')") + ", 'A') || "
        f"setweight({_pg_vector('content_text')}, 'B') || "
        "setweight(to_tsvector('simple', coalesce(lemmas, '')), 'B')"),
}


def postgres_tsv_ddl(table: str) -> list[str]:
    return [f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            f"({POSTGRES_TSV[table]}) STORED",
            f"CREATE INDEX ix_{table}_tsv ON {table} USING GIN (tsv)"]


POSTGRES_DDL = postgres_tsv_ddl("documents") + postgres_tsv_ddl("statements")

# PostgreSQL's index for the speaker filter: statements by speaker name and document. Search
# turns the speaker (``ILIKE '%name%'``) into the names that match it, then reads the
# statements of those names from here: a statement's by name (intersected with the
# full-text matches before any row is read), a document's by name and document range.
POSTGRES_SPEAKER_INDEX = "ix_statements_speaker_doc"
POSTGRES_SPEAKER_DDL = [
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_SPEAKER_INDEX} ON statements (speaker_name, doc_pk)"]


def create_index(conn: Connection) -> None:
    """Create the full-text objects for ``conn``'s dialect (inside the caller's transaction)."""
    ddl = SQLITE_DDL + SQLITE_LEMMA_DDL + SQLITE_FILTER_DDL if conn.dialect.name == "sqlite" \
        else POSTGRES_DDL + POSTGRES_SPEAKER_DDL
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


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_QUERY_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def lemma_queries(query: str, language: str | None) -> dict[str, str]:
    """``query`` with each word put into its lemma, for each language it may be in
    (``language`` alone when given); empty when the query has no Cyrillic word or the
    language has no lemmatiser."""
    if not _CYRILLIC.search(query):
        return {}
    languages = [language] if language else list(LEMMA_LANGUAGES)
    out = {}
    for code in languages:
        if code not in LEMMA_LANGUAGES:
            continue
        out[code] = _QUERY_WORD.sub(
            lambda m: m.group() if m.group() in ("OR", "AND") else lemma(m.group(), code), query)
    return out


def fts5_lemma_query(query: str, language: str | None) -> str | None:
    """The FTS5 expression matching the lemma tables, or None."""
    alternatives = sorted({fts5_query(q) for q in lemma_queries(query, language).values()})
    if not alternatives:
        return None
    return " OR ".join(f"({a})" for a in alternatives) if len(alternatives) > 1 else \
        alternatives[0]


def lemma_snippet(text: str, language: str | None, query: str, words: int = 24) -> Snippet:
    """A snippet of ``text`` around the first word whose lemma is one of the query's,
    matches marked; the start of the text when none is found."""
    wanted = {lemma(w, language) for w in _QUERY_WORD.findall(lemma_queries(
        query, language).get(language or "", "")) if language} if language else set()
    tokens = list(_QUERY_WORD.finditer(text))
    hits = [i for i, m in enumerate(tokens) if language and lemma(m.group(), language) in wanted]
    first = hits[0] if hits else 0
    start_i = max(0, first - words // 3)
    end_i = min(len(tokens), start_i + words)
    if not tokens:
        return Snippet(text[:200], [])
    begin, end = tokens[start_i].start(), tokens[end_i - 1].end()
    lead = ELLIPSIS if begin > 0 else ""
    piece = " ".join(text[begin:end].split("\n"))
    marks = [(len(lead) + tokens[i].start() - begin, len(lead) + tokens[i].end() - begin)
             for i in hits if start_i <= i < end_i]
    return Snippet(lead + piece + (ELLIPSIS if end < len(text) else ""), marks)


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

def _run(conn: Connection, sql: str, params: dict[str, Any],
         serial: bool = False) -> list[Any]:
    """Run a search query; on PostgreSQL, steered to the GIN index for this query only.

    Its planner prices a sequential scan, or a walk of the pk index, without the cost of
    reading every row's TOASTed tsvector, and picks them for common words: 250 ms instead
    of 50 ms on 20,000 articles. JIT compilation is off too: on a large corpus the plans
    cost enough to trigger it, and compiling takes longer than the query. ``serial``: no
    parallel workers either (starting them costs more than the short steps of search by
    speaker take).
    """
    if conn.dialect.name != "postgresql":
        return list(conn.execute(text(sql), params).mappings().all())
    settings = {"enable_seqscan": "off", "enable_indexscan": "off", "jit": "off"}
    if serial:
        settings["max_parallel_workers_per_gather"] = "0"
    for setting, value in settings.items():
        conn.exec_driver_sql(f"SET LOCAL {setting} = {value}")
    rows = list(conn.execute(text(sql), params).mappings().all())
    # Later queries in the same transaction get the planner's own choices back.
    for setting in settings:
        conn.exec_driver_sql(f"SET LOCAL {setting} TO DEFAULT")
    return rows


# PostgreSQL looks for the newest matches among the newest 16 x RANK_CAP rows first, then
# the next ones back to the newest 64 x RANK_CAP, and so on, then the rest: its GIN index
# finds every match, but reading each one from the table (for its pk, and to check a
# filter) is what costs, and a common word has enough matches among the newest rows.
PG_WINDOWS = (16, 64, 256, 1024)


def _pg_newest(conn: Connection, table: str, alias: str, matches: str,
               params: dict[str, Any]) -> list[int]:
    """The pks of the newest :data:`RANK_CAP` rows of ``matches`` (``FROM ... WHERE ...``
    over ``table`` as ``alias``), newest first: the same rows as looking at every match,
    read from fewer of them when the newest rows hold enough. Each step looks only at the
    rows older than the last one's (:data:`PG_WINDOWS`)."""
    top = conn.execute(text(f"SELECT max(pk) FROM {table}")).scalar()
    found: list[int] = []
    upper = None  # the pks below the last step's
    for window in (*PG_WINDOWS, None):
        if top is None:
            break
        lower = top - window * RANK_CAP if window is not None else 0
        bounds = ""
        if lower > 0:
            bounds += f" AND {alias}.pk > :lower"
        if upper is not None:
            bounds += f" AND {alias}.pk <= :upper"
        found += [r["pk"] for r in _run(
            conn, f"SELECT {alias}.pk {matches}{bounds} ORDER BY {alias}.pk DESC LIMIT :cap",
            {**params, "cap": RANK_CAP - len(found), "lower": lower, "upper": upper})]
        if len(found) >= RANK_CAP or lower <= 0:
            break
        upper = lower
    return found


# Search by speaker on PostgreSQL looks up the documents of the speaker's names in a step's
# range first when there are fewer than this many, else checks each document that matches.
PG_SPEAKER_DOCUMENTS = 5000


def _pg_speaker_names(conn: Connection, params: dict[str, Any]) -> list[str]:
    """The distinct speaker names of statements that contain ``params["speaker"]`` (an
    ``ILIKE`` pattern): the speaker index walked from each name to the next, one probe a
    name, so that each name is checked once instead of each statement. Kept for the rest
    of the transaction (search looks for statements, then documents) while no statement
    is added (statements are only ever added or removed, never renamed)."""
    newest = conn.execute(text("SELECT max(pk) FROM statements")).scalar()
    key = (conn.get_transaction(), params["speaker"], newest)
    kept = conn.info.get("speaker_names")
    if kept is not None and kept[0] == key:
        return list(kept[1])
    names = list(conn.execute(text(
        "WITH RECURSIVE names(name) AS ("
        "(SELECT speaker_name FROM statements WHERE speaker_name IS NOT NULL "
        "ORDER BY speaker_name LIMIT 1) UNION ALL "
        "SELECT (SELECT speaker_name FROM statements WHERE speaker_name > names.name "
        "ORDER BY speaker_name LIMIT 1) FROM names WHERE names.name IS NOT NULL) "
        "SELECT name FROM names WHERE name ILIKE :speaker"),
        {"speaker": params["speaker"]}).scalars())
    conn.info["speaker_names"] = (key, names)
    return names


def _pg_speaker_documents(conn: Connection, names: list[str], lower: int,
                          upper: int | None) -> list[int] | None:
    """The pks of the documents in (``lower``, ``upper``] with a statement by one of
    ``names``, read from the index of statements by speaker and document alone; None when
    there are :data:`PG_SPEAKER_DOCUMENTS` or more (then checking each match is cheaper)."""
    bounds = (" AND doc_pk > :lower" if lower > 0 else "") + \
        (" AND doc_pk <= :upper" if upper is not None else "")
    for setting in ("enable_seqscan", "jit"):
        conn.exec_driver_sql(f"SET LOCAL {setting} = off")
    pks = list(conn.execute(text(
        f"SELECT DISTINCT doc_pk FROM statements WHERE speaker_name = ANY(:names){bounds} "
        "LIMIT :most"),
        {"names": names, "lower": lower, "upper": upper, "most": PG_SPEAKER_DOCUMENTS}
    ).scalars())
    for setting in ("enable_seqscan", "jit"):
        conn.exec_driver_sql(f"SET LOCAL {setting} TO DEFAULT")
    return pks if len(pks) < PG_SPEAKER_DOCUMENTS else None


def _pg_newest_by_speaker(conn: Connection, table: str, alias: str, matches: str,
                          params: dict[str, Any]) -> list[int]:
    """:func:`_pg_newest` for the ``matches`` of statements by one of the speaker names
    ``params["names"]`` (``matches`` says so: ``speaker_name = ANY(:names)``) or of
    documents with a statement by one (added here): the same pks, newest first.

    For statements, and for documents of a speaker with fewer than
    :data:`PG_SPEAKER_DOCUMENTS` documents in a step's range (whose pks are then looked
    up first), the full-text index and the speaker's are intersected before rows are
    read, so a step reads only rows that pass; else each document that matches is checked
    in the speaker index. Steps are sized by what was found so far: after the newest
    ``PG_WINDOWS[0]`` thousand rows, each step covers twice the rows expected to hold the
    matches still wanted (at least as many rows as were covered), down to the oldest."""
    top = conn.execute(text(f"SELECT max(pk) FROM {table}")).scalar()
    found: list[int] = []
    if top is None or not params["names"]:
        return found
    upper: int | None = None  # the pks below the last step's
    lower = top - PG_WINDOWS[0] * RANK_CAP if PG_WINDOWS else 0
    density = 0.0  # documents: the speaker's documents a row, in the last range looked up
    while True:
        bounds = f" AND {alias}.pk > :lower" if lower > 0 else ""
        if upper is not None:
            bounds += f" AND {alias}.pk <= :upper"
        step = {**params, "cap": RANK_CAP - len(found), "lower": lower, "upper": upper}
        speaker = ""  # statements: in ``matches``
        if table == "documents":
            rows = (upper if upper is not None else top) - max(lower, 0)
            # Not looked up when the last range says there would be too many.
            step["doc_pks"] = _pg_speaker_documents(conn, params["names"], lower, upper) \
                if density * rows < PG_SPEAKER_DOCUMENTS else None
            density = len(step["doc_pks"]) / max(rows, 1) if step["doc_pks"] is not None \
                else 1.0
            speaker = f" AND {alias}.pk = ANY(:doc_pks)" if step["doc_pks"] is not None \
                else (" AND EXISTS (SELECT 1 FROM statements sp WHERE sp.speaker_name = "
                      f"ANY(:names) AND sp.doc_pk = {alias}.pk)")
        if step.get("doc_pks") != []:
            found += [r["pk"] for r in _run(
                conn, f"SELECT {alias}.pk {matches}{speaker}{bounds} "
                      f"ORDER BY {alias}.pk DESC LIMIT :cap", step, serial=True)]
        if len(found) >= RANK_CAP or lower <= 0:
            return found
        covered = top - lower
        rows = max(2 * (RANK_CAP - len(found)) * covered // len(found), covered) \
            if found else top
        upper, lower = lower, lower - rows


def _pg_matching(conn: Connection, table: str, alias: str, matches: str,
                 params: dict[str, Any], speaker: str | None) -> list[int]:
    """The pks of the newest matches, by :func:`_pg_newest_by_speaker` when a speaker is
    given (its names put in ``params``), else :func:`_pg_newest`."""
    if not speaker:
        return _pg_newest(conn, table, alias, matches, params)
    params["names"] = _pg_speaker_names(conn, params)
    return _pg_newest_by_speaker(conn, table, alias, matches, params)


def _speaker_condition(dialect: str, alias: str, for_documents: bool, doc_pk: str) -> str:
    """The speaker filter on ``alias`` (documents: one of the statements of ``doc_pk``).
    On PostgreSQL a statement's speaker is one of the names in the parameter ``names``
    (:func:`_pg_speaker_names`), and the documents' filter is left to
    :func:`_pg_newest_by_speaker` (empty here)."""
    if dialect == "postgresql":
        return "" if for_documents else f"{alias}.speaker_name = ANY(:names)"
    if for_documents:  # SQLite LIKE ignores ASCII case
        return (f"EXISTS (SELECT 1 FROM statements sp WHERE sp.doc_pk = {doc_pk} "
                f"AND sp.speaker_name LIKE :speaker)")
    return f"{alias}.speaker_name LIKE :speaker"


def _filters(dialect: str, speaker: str | None, since: str | None, until: str | None,
             alias: str, for_documents: bool, language: str | None = None,
             doc_pk: str = "d.pk", language_of: str = "d") -> tuple[str, dict[str, Any]]:
    """SQL ``AND ...`` conditions on ``alias`` (statements, or documents when
    ``for_documents``) and ``d`` (their document: its date), and their parameters. The
    speaker condition of documents reads the statements of ``doc_pk``; the language is
    ``language_of``'s (a statement's language is its document's)."""
    sql, params = [], {}
    if language:
        sql.append(f"{language_of}.language = :language")
        params["language"] = language
    if since:
        sql.append("d.published >= :since")
        params["since"] = since
    if until:
        # A date-time string for the last day still sorts before the next day.
        sql.append("d.published < :until_next")
        params["until_next"] = until + "\uffff"
    if speaker:
        params["speaker"] = f"%{speaker}%"
        condition = _speaker_condition(dialect, alias, for_documents, doc_pk)
        if condition:
            sql.append(condition)
    return "".join(f" AND {s}" for s in sql), params


def _pg_query(params: dict[str, Any], query: str, language: str | None) -> str:
    """The tsquery SQL for ``query`` (a FROM item): English words, and for a Cyrillic query
    Russian words and the lemmas of each language too."""
    params["q"] = query
    parts = ["websearch_to_tsquery('english', :q)"]
    lemmas = lemma_queries(query, language)
    if lemmas:
        if language in (None, "ru"):
            parts.append("websearch_to_tsquery('russian', :q)")
        for i, (_code, lq) in enumerate(sorted(lemmas.items())):
            params[f"lq{i}"] = lq
            parts.append(f"websearch_to_tsquery('simple', :lq{i})")
    if len(parts) == 1:
        return parts[0]
    return "(SELECT " + " || ".join(parts) + ")"


def _sqlite_newest(table: str, weights: str, lemma_q: str | None, joins: str, where: str,
                   ) -> str:
    """Rows (pk, score) of the newest :data:`RANK_CAP` matches of ``table`` that pass the
    filters ``where`` (over ``joins``; ``{fts}`` in either stands for the FTS5 table): its
    FTS5 table matching :q and, when there is a lemma query, its lemma table matching :lq.

    FTS5 walks a match's rows newest first (``ORDER BY rowid DESC``) and stops at the cap,
    so bm25 is computed for those rows alone and no row of the base table is read unless
    a filter needs it.
    """
    def newest(fts: str, param: str, fts_weights: str) -> str:
        return (f"SELECT {fts}.rowid AS pk, -bm25({fts}{fts_weights}) AS score "
                f"FROM {fts}{joins.format(fts=fts)} WHERE {fts} MATCH :{param}"
                f"{where.format(fts=fts)} "
                f"ORDER BY {fts}.rowid DESC LIMIT :cap")

    plain = newest(f"{table}_fts", "q", f", {weights}")
    if lemma_q is None:
        return plain
    lemmas = newest(f"{table}_lemma_fts", "lq", "")
    return (f"SELECT pk, max(score) AS score FROM (SELECT * FROM ({plain}) UNION ALL "
            f"SELECT * FROM ({lemmas})) GROUP BY pk ORDER BY pk DESC LIMIT :cap")


def _sqlite_snippet(table: str, column: int, tokens: int, pk: str) -> str:
    """The FTS5 snippet of the row ``pk`` of ``table`` for :q (NULL when only its lemmas
    match): a lookup by rowid, made only for the rows of the page."""
    fts = f"{table}_fts"
    return (f"(SELECT snippet({fts}, {column}, :start, :stop, :ell, {tokens}) FROM {fts} "
            f"WHERE {fts} MATCH :q AND {fts}.rowid = {pk})")


def _snippet(marked: str | None, text: str, language: str | None, query: str) -> Snippet:
    """The backend's snippet, or for a match on lemmas alone one made around them."""
    snippet = parse_snippet(marked)
    if snippet.highlights or not _CYRILLIC.search(query):
        return snippet
    found = lemma_snippet(text, language, query)
    return found if found.highlights or not snippet.text else snippet


def search_documents(conn: Connection, query: str, *, speaker: str | None = None,
                     since: str | None = None, until: str | None = None, limit: int = 20,
                     offset: int = 0, language: str | None = None) -> list[dict[str, Any]]:
    """Documents matching ``query``, best first, each with a snippet of its text."""
    dialect = conn.dialect.name
    # On SQLite the filters are read in the FTS5 query (``{fts}``): the speaker's from
    # the statements of the matching rowid, the document row only for the other filters.
    where, params = _filters(dialect, speaker, since, until, "d", True, language,
                             doc_pk="{fts}.rowid" if dialect == "sqlite" else "d.pk")
    params.update(limit=limit, offset=offset, start=START, stop=STOP, ell=ELLIPSIS)
    if dialect == "sqlite":
        params["q"] = fts5_query(query)
        lemma_q = fts5_lemma_query(query, language)
        if lemma_q is not None:
            params["lq"] = lemma_q
        params["cap"] = RANK_CAP
        joins = " JOIN documents d ON d.pk = {fts}.rowid" if since or until or language else ""
        # Innermost: the newest matches, then rank those, then snippets for the page alone.
        sql = (
            "SELECT d.id, d.title, d.publisher, d.published, d.url, d.story_id, d.language, "
            f"d.text, {_sqlite_snippet('documents', 1, 24, 'page.pk')} AS snippet, page.score "
            "FROM (SELECT pk, score FROM "
            f"({_sqlite_newest('documents', '4.0, 1.0', lemma_q, joins, where)}) "
            "ORDER BY score DESC, pk LIMIT :limit OFFSET :offset) AS page "
            "JOIN documents d ON d.pk = page.pk ORDER BY page.score DESC, page.pk")
    else:
        tsq = _pg_query(params, query, language)
        params["opts"] = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, " \
                         "MaxFragments=2, FragmentDelimiter=\" … \""
        # The newest matches (their pks), then rank those (reading each tsvector), then
        # headlines only for the page of results.
        matches = f"FROM documents d, {tsq} AS q(tsq) WHERE d.tsv @@ q.tsq{where}"
        params["pks"] = _pg_matching(conn, "documents", "d", matches, params, speaker)
        sql = (
            "SELECT r.id, r.title, r.publisher, r.published, r.url, r.story_id, r.language, "
            "r.text, ts_headline(CASE WHEN r.language = 'ru' THEN 'russian'::regconfig "
            "ELSE 'english'::regconfig END, r.text, r.tsq, :opts) AS snippet, r.score FROM ("
            "SELECT d.pk, d.id, d.title, d.publisher, d.published, d.url, d.story_id, "
            "d.language, d.text, q.tsq, ts_rank_cd(d.tsv, q.tsq) AS score "
            f"FROM documents d, {tsq} AS q(tsq) WHERE d.pk = ANY(:pks) "
            "ORDER BY score DESC, d.pk LIMIT :limit OFFSET :offset) r "
            "ORDER BY r.score DESC, r.pk")
    rows = _run(conn, sql, params)
    return [{
        "id": r["id"], "title": r["title"], "publisher": r["publisher"],
        "published": r["published"], "url": r["url"], "story": r["story_id"],
        "language": r["language"], "score": _score(r["score"]),
        "snippet": _snippet(r["snippet"], r["text"], r["language"], query).to_dict(),
    } for r in rows]


def search_statements(conn: Connection, query: str, *, speaker: str | None = None,
                      since: str | None = None, until: str | None = None, limit: int = 20,
                      offset: int = 0, language: str | None = None) -> list[dict[str, Any]]:
    """Statements whose speaker or content matches ``query``, best first."""
    dialect = conn.dialect.name
    where, params = _filters(dialect, speaker, since, until, "s", False, language,
                             language_of="s")
    params.update(limit=limit, offset=offset, start=START, stop=STOP, ell=ELLIPSIS)
    cols = ("s.doc_id, s.id, s.kind, s.speaker_name, s.cue_text, s.cue_stance, s.content_text, "
            "s.said_on, d.title, d.publisher, d.published, d.story_id, d.language")
    if dialect == "sqlite":
        params["q"] = fts5_query(query)
        lemma_q = fts5_lemma_query(query, language)
        if lemma_q is not None:
            params["lq"] = lemma_q
        params["cap"] = RANK_CAP
        joins = (f" JOIN statements s INDEXED BY {SQLITE_FILTER_INDEX} ON s.pk = {{fts}}.rowid"
                 if where else "")
        if since or until:  # the document's date
            joins += " JOIN documents d ON d.pk = s.doc_pk"
        sql = (
            f"SELECT {cols}, {_sqlite_snippet('statements', 1, 32, 'page.pk')} AS snippet, "
            f"page.score FROM (SELECT pk, score FROM "
            f"({_sqlite_newest('statements', '2.0, 1.0', lemma_q, joins, where)}) "
            "ORDER BY score DESC, pk LIMIT :limit OFFSET :offset) AS page "
            "JOIN statements s ON s.pk = page.pk JOIN documents d ON d.pk = s.doc_pk "
            "ORDER BY page.score DESC, page.pk")
    else:
        tsq = _pg_query(params, query, language)
        params["opts"] = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
        # The document's row only for a date filter: every match is read until the newest
        # ones are found.
        joins = " JOIN documents d ON d.pk = s.doc_pk" if since or until else ""
        matches = f"FROM statements s{joins}, {tsq} AS q(tsq) WHERE s.tsv @@ q.tsq{where}"
        params["pks"] = _pg_matching(conn, "statements", "s", matches, params, speaker)
        sql = (
            "SELECT r.*, ts_headline(CASE WHEN r.language = 'ru' THEN 'russian'::regconfig "
            "ELSE 'english'::regconfig END, r.content_text, r.tsq, :opts) AS snippet FROM ("
            f"SELECT s.pk, {cols}, q.tsq, ts_rank_cd(s.tsv, q.tsq) AS score "
            f"FROM statements s JOIN documents d ON d.pk = s.doc_pk, {tsq} AS q(tsq) "
            "WHERE s.pk = ANY(:pks) "
            "ORDER BY score DESC, s.pk LIMIT :limit OFFSET :offset) r "
            "ORDER BY r.score DESC, r.pk")
    rows = _run(conn, sql, params)
    out = []
    for r in rows:
        snippet = parse_snippet(r["snippet"])
        if not snippet.text:  # the match was on the speaker's name only
            snippet = parse_snippet(r["content_text"])
        if not snippet.highlights and _CYRILLIC.search(query):
            found = lemma_snippet(r["content_text"], r["language"], query, words=10_000)
            snippet = found if found.highlights else snippet
        out.append({
            "document": r["doc_id"], "statement": r["id"], "kind": r["kind"],
            "speaker": r["speaker_name"], "cue": r["cue_text"], "stance": r["cue_stance"],
            "said_on": r["said_on"], "title": r["title"], "publisher": r["publisher"],
            "published": r["published"], "story": r["story_id"], "language": r["language"],
            "score": _score(r["score"]), "snippet": snippet.to_dict(),
        })
    return out


def search_stories(conn: Connection, query: str, *, limit: int = 20,
                   offset: int = 0) -> tuple[list[str], int]:
    """Ids of the stories with a document whose title or text matches ``query``, best first
    (a story ranks by its best document; a match in a title counts four times one in the
    text), and how many stories match, among the newest :data:`RANK_CAP` matching
    documents."""
    if conn.dialect.name == "sqlite":
        found = _run(conn, (
            "SELECT d.story_id, -bm25(documents_fts, 4.0, 1.0) AS score FROM documents_fts "
            "JOIN documents d ON d.pk = documents_fts.rowid "
            "WHERE documents_fts MATCH :q AND d.story_id IS NOT NULL "
            "ORDER BY documents_fts.rowid DESC LIMIT :cap"),
            {"q": fts5_query(query), "cap": RANK_CAP})
        best: dict[str, float] = {}
        for r in found:
            best[r["story_id"]] = max(r["score"], best.get(r["story_id"], r["score"]))
        ranked = sorted(best, key=lambda story: (-best[story], story))
        return ranked[offset:offset + limit], len(best)
    params: dict[str, Any] = {"limit": limit, "offset": offset, "q": query, "cap": RANK_CAP}
    newest = ("SELECT d.pk FROM documents d, websearch_to_tsquery('english', :q) AS q(tsq) "
              "WHERE d.tsv @@ q.tsq AND d.story_id IS NOT NULL ORDER BY d.pk DESC LIMIT :cap")
    hits = (f"SELECT d.story_id, ts_rank_cd(d.tsv, q.tsq) AS score FROM ({newest}) AS found "
            "JOIN documents d ON d.pk = found.pk, websearch_to_tsquery('english', :q) AS q(tsq)")
    counted = (f"SELECT count(DISTINCT d.story_id) AS n FROM ({newest}) AS found "
               "JOIN documents d ON d.pk = found.pk")
    total = _run(conn, counted, params)[0]["n"]
    rows = _run(conn, f"SELECT story_id, max(score) AS best FROM ({hits}) AS h "
                      "GROUP BY story_id ORDER BY best DESC, story_id LIMIT :limit OFFSET :offset",
                params)
    return [r["story_id"] for r in rows], int(total)
