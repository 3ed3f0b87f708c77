"""Exports: a story as a STIX 2.1 bundle or a MISP event; statements and claims as CSV or
JSON Lines.

Each format is built in its own module (:mod:`.stix`, :mod:`.misp`, :mod:`.tables`) from a
story's detail and records (:mod:`.story`); this module names the formats and writes one
story in any of them, for the CLI and the API alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TextIO

from .errors import ExportError

FORMATS = ("stix", "misp", "csv", "jsonl")
TABLE_FORMATS = ("csv", "jsonl")
TABLES = ("statements", "claims")
MEDIA_TYPES = {
    "stix": "application/stix+json;version=2.1",
    "misp": "application/json",
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
}

__all__ = ["FORMATS", "MEDIA_TYPES", "TABLES", "ExportError", "check", "filename", "write_story"]


def check(fmt: str, what: str = "statements") -> None:
    """ExportError unless ``fmt`` is a format and ``what`` a table."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in TABLES:
        raise ExportError(f"unknown table {what!r}; choose one of {', '.join(TABLES)}")


def filename(story_id: str, fmt: str, what: str = "statements") -> str:
    """A download name: 'claimgraph-story-bb82030dbc2bcaba-claims.csv'."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", f"claimgraph-{story_id}").strip("-.")
    if fmt in TABLE_FORMATS:
        return f"{stem}-{what}.{fmt}"
    return f"{stem}.{fmt}.json"


def graded_sources(detail: dict[str, Any]) -> dict[str, str]:
    """Admiralty ratings of the story's sources an analyst graded ("B" reliability with the
    claim's credibility: "B2"), from the story as the store built it."""
    return {c["speaker"]: c["admiralty"] for c in detail.get("claims") or []
            if c.get("speaker") and (c.get("reliability") or {}).get("grade")
            and c.get("admiralty")}


def write_story(fmt: str, detail: dict[str, Any], records: list[dict[str, Any]], out: TextIO,
                *, what: str = "statements", grades: Mapping[str, str] | None = None) -> None:
    """Write one story (its detail and the records it was built from) as ``fmt`` to ``out``.

    ``what`` picks the table of csv and jsonl; ``grades`` (source name -> Admiralty grade,
    default: the analysts' grades in the story) adds admiralty-scale tags to a MISP event. ExportError for an unknown format or table.
    """
    check(fmt, what)
    if grades is None:
        grades = graded_sources(detail)
    # Each library is loaded only when its format is asked for.
    if fmt == "stix":
        from .stix import bundle_json

        out.write(bundle_json(detail, records) + "\n")
    elif fmt == "misp":
        from .misp import event_json

        out.write(event_json(detail, records, grades) + "\n")
    else:
        from . import tables

        story_id = str(detail.get("id"))
        if what == "statements":
            rows = tables.statement_rows((story_id, r) for r in records)
        else:
            rows = tables.claim_rows([detail])
        if fmt == "csv":
            tables.write_csv(rows, tables.WHAT[what], out)
        else:
            tables.write_jsonl(rows, out)
