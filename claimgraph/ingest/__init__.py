"""Reading inputs (text, HTML, JSON Lines, folders, stdin) into documents."""

from .readers import MAX_BYTES, read_inputs

__all__ = ["MAX_BYTES", "read_inputs"]
