"""Reads the web layer needs that the store does not offer yet, over the store's own tables.

- :func:`data_version`: a cheap marker that changes whenever documents are added or the
  assessment ledger changes, for ETags;
- :func:`document_meta`: a document's story and ingest time (the record lacks them);
- :func:`speakers` and :func:`speaker`: everyone quoted, and everything one speaker is
  reported to have said, over time and by outlet;
- :func:`faceted_search`: statement search with facets (speaker, outlet, kind, stated
  probability, language), computed over the best ``window`` matches of the store's full-text search.

All of them take a :class:`claimgraph.store.Store` and use its connection and tables; none
writes.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import and_, func, literal, select, tuple_

from ..store import Store, assessments
from ..store import aliases as alias_table
from ..store import corrections as correction_table
from ..store import grades as grade_table
from ..store import search as fts
from ..store.errors import BadQuery, DocumentNotFound
from ..store.pagination import Page, check_limit, check_offset, decode_cursor, encode_cursor
from ..store.repository import check_date, statement_item
from ..store.schema import documents, statements

FACET_WINDOW = 500
FACET_VALUES = 12
FACETS = ("speaker", "outlet", "kind", "probability", "language")
NONE = "(none)"  # the facet value of a statement without a speaker, outlet or kind


def data_version(store: Store) -> str:
    """Changes whenever a document is stored, an assessment is added or resolved, or an
    analyst changes an alias, grades a source or makes or undoes a correction.

    The store only appends: documents, their statements and their story assignment are
    written together and never rewritten, so the largest document key (one index lookup)
    marks every state a document page can show; the analysts' tables have their own marks.
    """
    with store.read() as conn:
        last = conn.execute(select(func.max(documents.c.pk))).scalar()
        ledger = assessments.version(conn)
        analysts = alias_table.analyst_version(conn)
        corrected = correction_table.version(conn)
        graded = grade_table.version(conn)
    return f"{last or 0}:{ledger}:{analysts}:{corrected}:{graded}"


def document_meta(store: Store, doc_id: str) -> dict[str, Any]:
    """Story id, ingest time and statement count of ``doc_id``; DocumentNotFound if absent."""
    with store.read() as conn:
        row = conn.execute(select(documents.c.story_id, documents.c.ingested_at,
                                  documents.c.n_statements)
                           .where(documents.c.id == doc_id)).first()
    if row is None:
        raise DocumentNotFound(f"no document with id {doc_id!r}")
    return {"story": row.story_id, "ingested_at": row.ingested_at,
            "statements": row.n_statements}


# --- stories --------------------------------------------------------------------------------

STORY_CACHE = 32


class StoryCache:
    """Built stories by (story id, data version): the page and its JSON twin share one build.

    Building a large story is the costliest thing a request can ask for, and its result
    only changes when a document joins that story (which changes its version).
    """

    def __init__(self, size: int = STORY_CACHE) -> None:
        self.size = size
        # (detail, records): records only once a caller needed them
        self._items: OrderedDict[tuple[str, str],
                                 tuple[dict[str, Any], list[dict[str, Any]] | None]] \
            = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, story_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """(story detail, the records it was built from); StoryNotFound for an unknown id."""
        key, found = self._find(store, story_id)
        if found is not None and found[1] is not None:
            return found[0], found[1]
        built = store.story_with_records(story_id)
        self._put(key, built)
        return built

    def detail(self, store: Store, story_id: str) -> dict[str, Any]:
        """The story detail alone: a story kept by the store is read without its records."""
        key, found = self._find(store, story_id)
        if found is not None:
            return found[0]
        detail = store.story(story_id)
        self._put(key, (detail, None))
        return detail

    def _find(self, store: Store, story_id: str) -> tuple[
            tuple[str, str], tuple[dict[str, Any], list[dict[str, Any]] | None] | None]:
        key = (story_id, store.story_version(story_id))  # its own version: others' ingests keep it
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
        return key, found

    def _put(self, key: tuple[str, str],
             value: tuple[dict[str, Any], list[dict[str, Any]] | None]) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class SourcesCache:
    """The sources table (every source's grade, suggested grade and record).

    A source's record reads every story's claims, so each story's claims are kept (only
    what the record needs) by the story's claim version, and only the stories whose
    claims changed since the last request are built again; grades are read fresh."""

    def __init__(self) -> None:
        self._claims: dict[str, tuple[str, dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def get(self, store: Store) -> list[dict[str, Any]]:
        from ..link.grading import sources

        versions = store.claim_versions()
        with self._lock:
            kept = {s: v for s, v in self._claims.items() if versions.get(s) == v[0]}
        for story_id, version in versions.items():
            if story_id not in kept:
                kept[story_id] = (version, _record_claims(store.story(story_id)))
        with self._lock:
            self._claims = kept
        return sources((claims for _v, claims in kept.values()), store.source_grades())


def source(store: Store, cache: SourcesCache, name: str) -> dict[str, Any]:
    """The sources-table row of ``name`` (a speaker or an outlet): the grade in force, the
    suggested grade and the record behind it, an empty record when it has no claims."""
    from ..link.grading import source_row

    return source_row(cache.get(store), name, store.source_grades())


def outlet(store: Store, cache: SourcesCache, name: str, recent: int = 20) -> dict[str, Any]:
    """What outlet ``name`` published (totals, dates, speakers quoted most), its latest
    documents and its row of the sources table; BadQuery when it published nothing."""
    found = store.outlet(name)
    return {**found, "source": source(store, cache, name),
            "recent": store.documents(publisher=name, limit=recent).items}


def _record_claims(story: dict[str, Any]) -> dict[str, Any]:
    """What a source's record reads of a story: its claims' speakers and credibility."""
    return {"id": story["id"], "claims": [
        {"speaker": c.get("speaker"), "credibility": c.get("credibility")}
        for c in story.get("claims") or []]}


def sources_page(rows: list[dict[str, Any]], *, name: str | None = None, graded: bool = False,
                 limit: int = 50, offset: int = 0) -> Page:
    """One page of the sources table, optionally only names containing ``name`` or only
    graded sources; the next page's cursor is its offset."""
    from ..link.grading import filter_sources

    check_limit(limit)
    if offset < 0:
        raise BadQuery("offset must not be negative")
    rows = filter_sources(rows, name, graded)
    nxt = str(offset + limit) if offset + limit < len(rows) else None
    return Page(rows[offset:offset + limit], nxt, len(rows))


def claims_page(detail: dict[str, Any], offset: int, limit: int | None) -> dict[str, Any]:
    """The story with only claims ``offset`` to ``offset + limit`` (all when ``limit`` is
    None), their provenance trees and drift: a story of thousands of claims in pages."""
    if limit is None and offset == 0:
        return detail
    end = None if limit is None else offset + limit
    kept = detail.get("claims", [])[offset:end]
    ids = {c["id"] for c in kept}
    return {**detail, "claims": kept,
            "provenance": [p for p in detail.get("provenance", []) if p["claim"] in ids],
            "drift": [f for f in detail.get("drift", []) if f["claim"] in ids]}


# --- speakers -------------------------------------------------------------------------------

def speakers(store: Store, *, name: str | None = None, limit: int = 50,
             offset: int = 0) -> Page:
    """Speakers by how many statements they have, most first, then by name.

    Two steps, because only the ranking needs every statement: names and counts come
    from the speaker index alone, and the document counts and dates are then read for
    the page's names only.
    """
    check_limit(limit)
    check_offset(offset)
    s = statements
    conds = [s.c.speaker_name.is_not(None)]
    if name:
        conds.append(s.c.speaker_name.ilike(f"%{name}%"))
    n = func.count().label("statements")
    with store.read() as conn:
        total = conn.execute(select(func.count(func.distinct(s.c.speaker_name)))
                             .where(and_(*conds))).scalar_one()
        ranked = conn.execute(select(s.c.speaker_name, n).where(and_(*conds))
                              .group_by(s.c.speaker_name).order_by(n.desc(), s.c.speaker_name)
                              .limit(limit).offset(offset)).all()
        names = [r.speaker_name for r in ranked]
        details = {r.speaker_name: r for r in conn.execute(
            select(s.c.speaker_name, func.count(func.distinct(s.c.doc_pk)).label("documents"),
                   func.min(s.c.date).label("first"), func.max(s.c.date).label("last"))
            .where(s.c.speaker_name.in_(names)).group_by(s.c.speaker_name))} if names else {}
    items = [{"name": r.speaker_name, "statements": r.statements,
              "documents": details[r.speaker_name].documents,
              "first": details[r.speaker_name].first, "last": details[r.speaker_name].last}
             for r in ranked]
    nxt = str(offset + limit) if offset + limit < total else None
    return Page(items, nxt, total)


def speaker(store: Store, name: str, *, limit: int = 50,
            cursor: str | None = None) -> dict[str, Any]:
    """Everything ``name`` (exact speaker name) is reported to have said, oldest first.

    Returns the speaker's totals, outlets (publisher -> statements), kinds and one page
    of statements ordered by date (undated last) then ingest order. Raises BadQuery for
    a speaker with no statements.
    """
    check_limit(limit)
    s, d = statements, documents
    who = s.c.speaker_name == name
    base = s.join(d, d.c.pk == s.c.doc_pk)
    # Undated statements sort after every date.
    key = func.coalesce(s.c.date, literal("9999"))
    with store.read() as conn:
        totals = conn.execute(select(func.count(), func.count(func.distinct(s.c.doc_pk)),
                                     func.min(s.c.date), func.max(s.c.date)).where(who)).one()
        if not totals[0]:
            raise BadQuery(f"no statements by a speaker named {name!r}")
        outlets = conn.execute(
            select(d.c.publisher, func.count().label("n"), func.min(s.c.date).label("first"),
                   func.max(s.c.date).label("last"))
            .select_from(base).where(who).group_by(d.c.publisher)
            .order_by(func.count().desc(), d.c.publisher)).mappings().all()
        kinds = conn.execute(select(s.c.kind, func.count().label("n")).where(who)
                             .group_by(s.c.kind).order_by(func.count().desc(), s.c.kind)).all()
        conds = [who]
        if cursor:
            after = decode_cursor(cursor, (str, int))
            conds.append(tuple_(key, s.c.pk) > tuple_(*after))
        rows = conn.execute(
            select(s, key.label("sort"), d.c.title, d.c.publisher, d.c.published, d.c.story_id)
            .select_from(base).where(and_(*conds)).order_by(key, s.c.pk)
            .limit(limit + 1)).mappings().all()
    items = [statement_item(r) for r in rows[:limit]]
    nxt = encode_cursor([rows[limit - 1]["sort"], rows[limit - 1]["pk"]]) \
        if len(rows) > limit else None
    return {
        "name": name, "statements": totals[0], "documents": totals[1],
        "first": totals[2], "last": totals[3],
        "outlets": [{"publisher": o["publisher"], "statements": o["n"], "first": o["first"],
                     "last": o["last"]} for o in outlets],
        "kinds": {k or "unknown": n for k, n in kinds},
        "items": items, "next": nxt,
    }


# --- search -------------------------------------------------------------------------------

def _check_query(query: str, since: str | None, until: str | None) -> None:
    check_date(since, "since")
    check_date(until, "until")
    if not re.search(r"\w", query):
        raise BadQuery(f"nothing to search for in {query!r}; give at least one word")


def search_page(store: Store, query: str, *, speaker: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 20,
                offset: int = 0, language: str | None = None) -> dict[str, Any]:
    """``Store.search`` with an offset: the same shape (schemas/search), one page of each list."""
    check_limit(limit, 200)
    check_offset(offset)
    _check_query(query, since, until)
    with store.read() as conn:
        found_statements = fts.search_statements(conn, query, speaker=speaker, since=since,
                                                 until=until, limit=limit, offset=offset,
                                                 language=language)
        found_documents = fts.search_documents(conn, query, speaker=speaker, since=since,
                                               until=until, limit=limit, offset=offset,
                                               language=language)
    return {"query": query,
            "filters": {"speaker": speaker, "since": since, "until": until, "language": language},
            "statements": found_statements, "documents": found_documents}


# --- faceted search -------------------------------------------------------------------------

def _probability_flags(conn: Any, hits: list[dict[str, Any]]) -> dict[tuple[str, str], bool]:
    """For each hit: does its statement carry an estimate with a probability range?

    Only statements with at least one estimate need their record read, and confidence
    statements ("moderate confidence") have estimates without a range.
    """
    keys = [(h["document"], h["statement"]) for h in hits]
    counted: dict[tuple[str, str], int] = {}
    for i in range(0, len(keys), 400):
        chunk = keys[i:i + 400]
        for r in conn.execute(select(statements.c.doc_id, statements.c.id,
                                     statements.c.n_estimates)
                              .where(tuple_(statements.c.doc_id, statements.c.id).in_(chunk))):
            counted[(r.doc_id, r.id)] = r.n_estimates
    docs = sorted({d for (d, _), n in counted.items() if n})
    ranged: set[tuple[str, str]] = set()
    for i in range(0, len(docs), 200):
        for r in conn.execute(select(documents.c.id, documents.c.record)
                              .where(documents.c.id.in_(docs[i:i + 200]))):
            for st in json.loads(r.record).get("statements") or []:
                if any(e.get("low") is not None and e.get("high") is not None
                       for e in st.get("estimates") or []):
                    ranged.add((r.id, st.get("id")))
    return {k: k in ranged for k in keys}


def _facet_value(hit: dict[str, Any], facet: str) -> str:
    if facet == "speaker":
        return hit["speaker"] or NONE
    if facet == "outlet":
        return hit["publisher"] or NONE
    if facet == "kind":
        return hit["kind"] or NONE
    if facet == "language":
        return hit["language"] or NONE
    return "stated" if hit["probability"] else "none"


def _counts(hits: Iterable[dict[str, Any]], facet: str, chosen: str | None) -> list[dict[str, Any]]:
    counter = Counter(_facet_value(h, facet) for h in hits)
    values = [{"value": v, "count": n, "selected": v == chosen}
              for v, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
    top = values[:FACET_VALUES]
    # A chosen value stays visible (and removable) even when it is not among the commonest.
    if chosen is not None and not any(v["selected"] for v in top):
        top.append({"value": chosen, "count": counter.get(chosen, 0), "selected": True})
    return top


def faceted_search(store: Store, query: str, *, filters: dict[str, str | None],
                   since: str | None = None, until: str | None = None, limit: int = 20,
                   offset: int = 0, window: int = FACET_WINDOW) -> dict[str, Any]:
    """Statements matching ``query`` narrowed by facet ``filters``, with facet counts.

    ``filters`` maps a facet (speaker, outlet, kind, probability, language) to the exact value
    wanted ("(none)" for statements without one; probability: "stated" or "none").
    The store ranks the best ``window`` matches; facets and filtering work on those, so
    counts are exact for any query with fewer matches and ``window_full`` says when
    there were more. Documents matching the
    query come too (narrowed by outlet), for the side list.
    """
    check_limit(limit, 200)
    check_offset(offset)
    unknown = set(filters) - set(FACETS)
    if unknown:
        raise BadQuery(f"unknown facet {sorted(unknown)[0]!r}; known: {', '.join(FACETS)}")
    if filters.get("probability") not in (None, "stated", "none"):
        raise BadQuery('probability must be "stated" or "none"')
    _check_query(query, since, until)
    with store.read() as conn:
        hits = fts.search_statements(conn, query, since=since, until=until, limit=window)
        flags = _probability_flags(conn, hits)
        docs = fts.search_documents(conn, query, since=since, until=until, limit=50)
    for h in hits:
        h["probability"] = flags[(h["document"], h["statement"])]

    def keep(skip: str | None) -> Callable[[dict[str, Any]], bool]:
        wanted = {f: v for f, v in filters.items() if v is not None and f != skip}
        return lambda h: all(_facet_value(h, f) == v for f, v in wanted.items())

    chosen = [h for h in hits if keep(None)(h)]
    facets = {f: _counts(filter(keep(f), hits), f, filters.get(f)) for f in FACETS}
    outlet = filters.get("outlet")
    language = filters.get("language")
    page = chosen[offset:offset + limit]
    return {
        "query": query,
        "filters": {**{f: filters.get(f) for f in FACETS}, "since": since, "until": until},
        "total": len(chosen), "window": window, "window_full": len(hits) >= window,
        "offset": offset, "limit": limit,
        "next": offset + limit if offset + limit < len(chosen) else None,
        "facets": facets,
        "statements": page,
        "documents": [d for d in docs
                      if (outlet is None or (d["publisher"] or NONE) == outlet)
                      and (language is None or (d["language"] or NONE) == language)][:10],
    }
