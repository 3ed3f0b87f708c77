"""The terminal report of one document's extraction (rich)."""

from __future__ import annotations

import sys
from collections import defaultdict

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Estimate, Extraction, Quantity, Statement

PIPED_WIDTH = 160  # piped output keeps drift kinds and ids whole instead of 80 columns


def output_console() -> Console:
    """The console commands print to: the terminal's width, or a wide one when piped."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else PIPED_WIDTH)


STANCE_STYLE = {"distancing": "yellow", "endorsing": "green", "neutral": "cyan"}


def _estimate(e: Estimate) -> str:
    band = "" if e.low is None else f" {e.low:.0%}–{e.high:.0%}"
    neg = "not " if e.negated else ""
    conf = f", {e.confidence} confidence" if e.confidence else ""
    return f"{neg}“{e.text}” ({e.scale}{band}{conf})"


def _quantity(q: Quantity) -> str:
    if q.low is not None and q.high is not None:
        value = f"{q.low:g}–{q.high:g}"
    else:
        value = "?" if q.value is None else f"{q.value:g}"
    unit = f" {q.unit}" if q.unit else ""
    return f"“{q.text}” = {value}{unit} [{q.approx}]"


def _statement(st: Statement) -> Text:
    line = Text()
    if st.cue:
        line.append(st.cue.text, style=f"bold {STANCE_STYLE.get(st.cue.stance, 'cyan')}")
        if st.cue.stance != "neutral":
            line.append(f" ({st.cue.stance})", style="dim")
    else:
        line.append("(no cue)", style="dim")
    line.append(f"  {st.kind}", style="magenta")
    if st.said_on:
        line.append(f"  said on {st.said_on}", style="blue")
    if st.via:
        line.append("  via " + " → ".join(st.via), style="dim")
    content = st.content.text if len(st.content.text) <= 300 else st.content.text[:297] + "…"
    line.append(f"\n    {content}")
    for q in st.quantities:
        line.append(f"\n    # {_quantity(q)}", style="green")
    for e in st.estimates:
        line.append(f"\n    ~ {_estimate(e)}", style="yellow")
    return line


def render(extraction: Extraction, console: Console) -> None:
    doc = extraction.document
    title = doc.title or doc.path or doc.id[:19]
    meta = " · ".join(x for x in (doc.publisher, doc.published, doc.url) if x)
    by_speaker: dict[str, list[Statement]] = defaultdict(list)
    for st in extraction.statements:
        by_speaker[st.speaker.name or "(unattributed)"].append(st)
    parts: list = []
    if meta:
        parts.append(Text(meta, style="dim"))
    for speaker, statements in by_speaker.items():
        parts.append(Text(f"\n{speaker}", style="bold"))
        for st in statements:
            parts.append(Text("  ") + _statement(st))
    if not extraction.statements:
        parts.append(Text("no attributed statements found", style="dim"))
    if extraction.citations:
        table = Table("citing", "cited", "cue", "channel", "date", title="citations",
                      title_justify="left", expand=False)
        for c in extraction.citations:
            table.add_row(c.citing, c.cited, c.cue, c.channel or "", c.date or "")
        parts.append(table)
    console.print(Panel(Group(*parts), title=f"[bold]{title}", title_align="left"))
