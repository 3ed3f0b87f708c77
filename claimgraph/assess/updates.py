"""An update composed from the ledger: key judgements as an organisation publishes them.

:func:`compose` writes the judgements (their own wording, with the yardstick term's range
and the analytic confidence) as Markdown or HTML for publishing, and :func:`as_document`
gives the same update as a document to store: once stored, later articles that re-report
it join its story with the update as their root, and drift is measured against the
update's own wording (the update said "highly likely"; an outlet dropped it).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence

from ..model import Assessment, Document
from ..scales import format_range

FORMATS = ("md", "html")


def _line(a: Assessment) -> str:
    """The judgement as written, then how sure: "(highly likely, 80-90%; moderate confidence)"."""
    sure = f"{a.term}, {format_range(a.low, a.high)}"
    if a.confidence:
        sure += f"; {a.confidence} confidence"
    return f"{_sentence(a.text)} ({sure})"


def body(assessments: Sequence[Assessment], organisation: str, date: str,
         bands: bool = True) -> str:
    """The update's text: a dateline sentence, then one paragraph a judgement, with its
    band and confidence when ``bands`` (the stored document keeps only the wording)."""
    lines = [f"{organisation} update, {date}."]
    lines += [_line(a) if bands else _sentence(a.text) for a in assessments]
    return "\n\n".join(lines) + "\n"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def compose(assessments: Sequence[Assessment], *, title: str, organisation: str, date: str,
            fmt: str = "md") -> str:
    """The update as Markdown (``md``) or a standalone HTML page (``html``)."""
    if fmt == "html":
        items = "\n".join(f"<p>{html.escape(_line(a))}</p>" for a in assessments)
        return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(title)}</title></head>\n<body>\n<article>\n"
                f"<h1>{html.escape(title)}</h1>\n"
                f"<p>{html.escape(organisation)} update, <time datetime=\"{date}\">{date}</time>."
                f"</p>\n{items}\n</article>\n</body></html>\n")
    return f"# {title}\n\n" + body(assessments, organisation, date)


def as_document(assessments: Sequence[Assessment], *, title: str, organisation: str,
                date: str) -> Document:
    """The update as a document of ``organisation``; its id is stable for the same update."""
    text = body(assessments, organisation, date, bands=False)
    digest = hashlib.sha256(f"{organisation}\n{date}\n{title}\n{text}".encode()).hexdigest()[:16]
    return Document(text=text, id=f"update:{digest}", title=title, publisher=organisation,
                    published=date, language="en")
