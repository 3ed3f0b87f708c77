"""The claimgraph database: SQLite (default) or PostgreSQL, through SQLAlchemy Core.

``Store.open(db)`` opens a file path or ``postgresql://`` URL; :class:`Ingester` writes
extraction records; the ``Store`` methods read documents, statements, entities,
stories and search results, each listing as a paginated :class:`Page`.
"""

from .engine import DB_ENV, DEFAULT_DB
from .ingest import Ingester, IngestSummary
from .pagination import Page
from .repository import Store

__all__ = ["DB_ENV", "DEFAULT_DB", "IngestSummary", "Ingester", "Page", "Store"]
