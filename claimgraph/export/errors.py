"""Export problems a user can fix, each one clear line."""

from __future__ import annotations

from ..errors import ClaimgraphError


class ExportError(ClaimgraphError):
    """An export was asked for something it cannot give (format, table, grades...)."""
