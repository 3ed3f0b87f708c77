"""Statements and claims as tables: CSV (``csv`` module) and JSON Lines, written row by row.

Rows are made from a stream of records (statements) or of story details (claims) and
written as they come, so a table of any length needs the memory of one document or one
story. List cells are JSON arrays in JSON Lines and ``" | "``-joined in CSV; empty cells
are ``null`` and empty. The columns are :data:`STATEMENT_COLUMNS` and
:data:`CLAIM_COLUMNS`, in that order.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from .story import Said, probability, ref_label

LIST_SEPARATOR = " | "

STATEMENT_COLUMNS: dict[str, str] = {
    "story": "story id",
    "document": "document id",
    "statement": "statement id within the document",
    "published": "the document's publication date",
    "publisher": "the document's publisher",
    "title": "the document's title",
    "url": "the document's URL",
    "kind": "direct, mixed, indirect, assessment or assertion",
    "speaker": "speaker name (empty: the publisher's own voice)",
    "cue": "the cue as written ('had claimed')",
    "cue_lemma": "its lemma ('claim')",
    "stance": "neutral, distancing or endorsing",
    "content": "what was said",
    "said_on": "date of the utterance",
    "via": "sources between the publisher and the speaker, outermost first (list)",
    "quantities": "quantity phrases (list)",
    "estimates": "estimate phrases (list)",
    "probability_low": "lower bound (0-1) of the first estimate with a probability range",
    "probability_high": "its upper bound",
    "confidence": "analytic confidence when stated (low, moderate, high)",
}

CLAIM_COLUMNS: dict[str, str] = {
    "story": "story id",
    "claim": "claim id within the story",
    "speaker": "speaker of the root statement (empty: own voice)",
    "attributed": "whether the claim is attributed to a speaker",
    "text": "the root statement's content",
    "first_seen": "earliest publication date among its documents",
    "said_on": "date of the root utterance",
    "root_document": "document of the root statement",
    "root_statement": "the root statement's id",
    "documents": "documents carrying the claim (list)",
    "statements": "its statements as document#statement (list)",
    "independent_chains": "independent chains of sources (re-reports of one root count once)",
    "drift": "kinds of drift found along its provenance (list)",
}

WHAT = {"statements": STATEMENT_COLUMNS, "claims": CLAIM_COLUMNS}


def statement_rows(items: Iterable[tuple[str | None, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """One row per statement of each ``(story id, record)``, in the order given."""
    for story_id, record in items:
        doc = record.get("document") or {}
        for st in record.get("statements") or []:
            said = Said(doc, st)
            cue = st.get("cue") or {}
            band = probability(said)
            confidence = next((e.get("confidence") for e in st.get("estimates") or []
                               if e.get("confidence")), None)
            yield {
                "story": story_id, "document": doc.get("id"), "statement": st.get("id"),
                "published": doc.get("published"), "publisher": doc.get("publisher"),
                "title": doc.get("title"), "url": doc.get("url"), "kind": st.get("kind"),
                "speaker": said.speaker, "cue": cue.get("text"), "cue_lemma": cue.get("lemma"),
                "stance": cue.get("stance"), "content": said.content,
                "said_on": st.get("said_on"), "via": said.via,
                "quantities": [q.get("text") for q in st.get("quantities") or []],
                "estimates": [e.get("text") for e in st.get("estimates") or []],
                "probability_low": band[0] if band else None,
                "probability_high": band[1] if band else None,
                "confidence": confidence,
            }


def claim_rows(stories: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row per claim of each story detail, in the order given."""
    for detail in stories:
        drift: dict[str, list[str]] = {}
        for finding in detail.get("drift") or []:
            drift.setdefault(finding["claim"], []).append(finding["kind"])
        for claim in detail.get("claims") or []:
            root = claim.get("root") or {}
            yield {
                "story": detail.get("id"), "claim": claim["id"], "speaker": claim.get("speaker"),
                "attributed": claim.get("attributed"), "text": claim.get("text"),
                "first_seen": claim.get("first_seen"), "said_on": claim.get("said_on"),
                "root_document": root.get("document"), "root_statement": root.get("statement"),
                "documents": list(claim.get("documents") or []),
                "statements": [ref_label((r["document"], r["statement"]))
                               for r in claim.get("statements") or []],
                "independent_chains": claim.get("independent_chains"),
                "drift": list(dict.fromkeys(drift.get(claim["id"], []))),
            }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value if v is not None)
    return str(value)


def write_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str], out: TextIO) -> int:
    """A header and one line per row; returns the number of rows written."""
    names = list(columns)
    writer = csv.writer(out)
    writer.writerow(names)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object a line; returns the number of rows written."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
