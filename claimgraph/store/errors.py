"""Storage problems a user can fix, each one clear line."""

from __future__ import annotations

from ..errors import ClaimgraphError


class StoreError(ClaimgraphError):
    """The database could not be used."""


class DatabaseMissing(StoreError):
    """A read command named a database file that does not exist."""


class NotClaimgraphDatabase(StoreError):
    """The file or database holds something other than claimgraph's tables."""


class SchemaTooNew(StoreError):
    """The database was written by a newer claimgraph."""


class DatabaseUnreachable(StoreError):
    """A PostgreSQL server could not be reached or refused the connection."""


class ReadOnlyDatabase(StoreError):
    """A write was asked of a database that cannot be written."""


class StoryNotFound(StoreError):
    """No story has the requested id."""


class DocumentNotFound(StoreError):
    """No document has the requested id."""


class BadQuery(StoreError):
    """A search query or filter that cannot be run."""


class AssessmentNotFound(StoreError):
    """No assessment has the requested id."""


class EvidenceNotFound(StoreError):
    """An assessment cites a story or claim the store does not hold."""


class AlreadyResolved(StoreError):
    """An assessment's outcome was recorded already and differs from the one given."""


class CorrectionNotFound(StoreError):
    """No correction has the requested id."""


class StatementNotFound(StoreError):
    """A correction names a statement (or claim) the store does not hold."""
