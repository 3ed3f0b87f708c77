"""The tables, as SQLAlchemy Core metadata shared by SQLite and PostgreSQL.

This module is the latest schema: a new database is created from it directly and
stamped with :data:`SCHEMA_VERSION`; older databases reach it through the steps in
:mod:`claimgraph.store.migrations`. Full-text search objects (FTS5 tables on SQLite,
tsvector columns on PostgreSQL) are dialect-specific and live in
:mod:`claimgraph.store.search`.

Each document's full extraction record is kept as JSON (``documents.record``, without
the text, which has its own column), so a story is rebuilt from exactly what was
ingested; ``statements`` and ``entities`` repeat the fields that filters and search
need, one row each.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Bump with every schema change, and add the step from the previous version to migrations.py.
SCHEMA_VERSION = 10

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents", metadata,
    # Integer key: the FTS5 rowid, the target of foreign keys, and the stable ingest order.
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("content_hash", String(80), nullable=False, unique=True),
    Column("title", Text),
    Column("publisher", Text),
    Column("published", String(32)),  # ISO date (or date-time) string, as ingested
    Column("url", Text),
    Column("path", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    # Russian, Ukrainian, Bulgarian: title and text as lemmas, for search (else NULL)
    Column("lemmas", Text),
    Column("record", Text, nullable=False),  # the extraction record as JSON, minus document.text
    Column("fingerprint", Text),  # the linker's Fingerprint.to_json()
    Column("story_id", Text),
    Column("n_statements", Integer, nullable=False, default=0),
    Column("ingested_at", String(32), nullable=False),
    Index("ix_documents_published", "published"),
    Index("ix_documents_publisher", "publisher"),
    Index("ix_documents_story", "story_id", "published"),
    Index("ix_documents_language", "language"),
)

statements = Table(
    "statements", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("id", Text, nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("kind", String(16)),
    Column("speaker_name", Text),
    Column("speaker_entity", Text),
    Column("cue_text", Text),
    Column("cue_lemma", Text),
    Column("cue_stance", String(16)),
    Column("content_text", Text, nullable=False),
    Column("said_on", String(32)),
    Column("date", String(10)),  # said_on, else the document's date: what date filters use
    Column("via", Text),  # JSON list
    Column("n_quantities", Integer, nullable=False, default=0),
    Column("n_estimates", Integer, nullable=False, default=0),
    Column("language", String(16)),  # the document's
    Column("lemmas", Text),  # speaker and content as lemmas, as documents.lemmas
    UniqueConstraint("doc_pk", "id", name="uq_statements_doc_id"),
    Index("ix_statements_speaker", "speaker_name"),
    Index("ix_statements_date", "date"),
    Index("ix_statements_kind", "kind"),
    Index("ix_statements_language", "language"),
)

entities = Table(
    "entities", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(32)),
    Column("aliases", Text),  # JSON list
    Column("roles", Text),  # JSON list
    Column("n_mentions", Integer, nullable=False, default=0),
    UniqueConstraint("doc_pk", "id", name="uq_entities_doc_id"),
    Index("ix_entities_name", "name"),
    Index("ix_entities_type", "type"),
)

# Locality-sensitive-hash band keys of each document's fingerprint: documents sharing a key
# are the candidates for joining a story.
band_keys = Table(
    "band_keys", metadata,
    Column("key", Text, primary_key=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,  # the key is the index: no second copy of each row
)

# Other names of one source: what a document itself says ("Oskar Lind, the port's harbour
# master"; a post's @handle), and what an analyst says (document_id NULL). A story's speakers
# are merged through the rows of its own documents and every analyst row.
entity_aliases = Table(
    "entity_aliases", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("alias", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # alias | role | analyst
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE")),
    Column("author", Text),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("alias", "name", "doc_pk", name="uq_entity_aliases"),
    Index("ix_entity_aliases_doc", "doc_pk"),
    Index("ix_entity_aliases_alias", "alias"),
)

stories = Table(
    "stories", metadata,
    Column("id", Text, primary_key=True),
    Column("first_doc_id", Text, nullable=False),
    Column("title", Text),
    Column("size", Integer, nullable=False),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Index("ix_stories_recent", "last_published", "id"),
)

# Each story's detail as last built (claimgraph.store.builds): kept while its version (the
# story's data and the linker's mark) is current, so a large story is not built on every read.
story_builds = Table(
    "story_builds", metadata,
    Column("story_id", Text, primary_key=True),
    Column("version", Text, nullable=False),
    Column("built_at", String(32), nullable=False),
    Column("seconds", Float),
    Column("detail", Text, nullable=False),  # the story detail as JSON
)

# An analyst's key judgements (claimgraph.model.Assessment) and the claims each rests on.
# The id users see is "a" + pk. low/high keep the term's range as it was when the judgement
# was made; probability is the explicit number, if one was given. outcome is 1/0 once resolved.
assessments = Table(
    "assessments", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("text", Text, nullable=False),
    Column("term", Text, nullable=False),
    Column("scale", String(16), nullable=False),
    Column("low", Float, nullable=False),
    Column("high", Float, nullable=False),
    Column("probability", Float),
    Column("confidence", String(16)),
    Column("author", Text),
    Column("created", String(32), nullable=False),
    Column("resolves_by", String(10)),
    Column("outcome", Integer),
    Column("resolved_on", String(10)),
    Column("warnings", Text, nullable=False),  # JSON list of lint warnings at creation
    Index("ix_assessments_author", "author"),
    Index("ix_assessments_outcome", "outcome"),
)

assessment_evidence = Table(
    "assessment_evidence", metadata,
    Column("assessment_pk", Integer, ForeignKey("assessments.pk", ondelete="CASCADE"),
           primary_key=True),
    Column("ordinal", Integer, primary_key=True, autoincrement=False),
    Column("story_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("doc_id", Text),  # the claim's root statement when it was cited
    Column("statement_id", Text),
    Column("claim_text", Text),
    Index("ix_assessment_evidence_story", "story_id"),
)

# Items of watched feeds already handled (``claimgraph watch``): an item is skipped when its
# key (the feed's id for it, else its link) is here for the same feed, or its link for any
# feed. doc_id is the document it gave; error why it gave none (a failure that would only
# repeat, such as a page without an article; network failures are not kept, to retry).
feed_items = Table(
    "feed_items", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("feed", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("link", Text),
    Column("doc_id", Text),
    Column("error", Text),
    Column("seen_at", String(32), nullable=False),
    UniqueConstraint("feed", "key", name="uq_feed_items"),
    Index("ix_feed_items_link", "link"),
)

# Analysts' Admiralty reliability grades (A-F) of sources, publishers or speakers. Rows are
# only added: the latest row of a name key is the grade in force, the others its history.
# ``key`` is the name folded to lower case with single spaces, so "Harbour  Herald" and
# "harbour herald" are one source.
source_grades = Table(
    "source_grades", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("grade", String(1), nullable=False),
    Column("note", Text),
    Column("author", Text),
    Column("created_at", String(32), nullable=False),
    Index("ix_source_grades_key", "key", "pk"),
)

# Analysts' corrections of extraction and linking (claimgraph.model.Correction), apart from
# the extraction records so that they outlive a new extraction of the document: they name
# the document by id, not by row, and keep the statement's content as it read (``anchor``)
# to find it again. The id users see is "x" + pk. ``undone_at`` withdraws one; the row stays.
corrections = Table(
    "corrections", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # reject | speaker | cue | via | merge | split
    Column("doc_id", Text, nullable=False),
    Column("statement_id", Text, nullable=False),
    Column("anchor", Text),  # JSON {"text", "span"} of the statement's content
    Column("other_doc_id", Text),  # merge: the other claim's root
    Column("other_statement_id", Text),
    Column("other_anchor", Text),
    Column("before", Text),  # JSON: the extracted value
    Column("after", Text),  # JSON: the analyst's value
    Column("note", Text),
    Column("author", Text),
    Column("created_at", String(32), nullable=False),
    Column("undone_at", String(32)),
    Column("undone_by", Text),
    Index("ix_corrections_doc", "doc_id"),
    Index("ix_corrections_other_doc", "other_doc_id"),
)

# API tokens for `claimgraph serve`: only the SHA-256 of each token is kept (the text is shown
# once, when it is made). scope is read, write or admin (claimgraph.store.tokens.SCOPES);
# it is the last column because upgraded databases add it to a table that had the others.
api_tokens = Table(
    "api_tokens", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("scope", String(8), nullable=False, server_default="write"),
)

# Tables whose presence marks a database as claimgraph's.
MARKER_TABLES = ("schema_version", "documents")
