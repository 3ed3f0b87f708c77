"""``claimgraph search``: full-text search over stored statements and documents."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console
from rich.text import Text

from ..report import output_console
from .ingest import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search", help="search stored statements and documents",
        description='Full-text search. Words must all match; use "a phrase", OR, and -word '
                    "to exclude. Results are ranked, best first, with snippets.")
    p.add_argument("query", metavar="QUERY")
    add_db_argument(p)
    p.add_argument("--speaker", help="only statements whose speaker name contains this "
                                     "(documents: those with such a statement)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only documents published on or after")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only documents published on or before")
    p.add_argument("--language", metavar="CODE",
                   help="only documents in this language (ISO 639-1: en, ru, uk, bg, ...)")
    p.add_argument("--limit", type=int, default=10, metavar="N",
                   help="results of each kind (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON (claimgraph/schemas/search)")
    p.set_defaults(run=run_search)


def snippet_text(snippet: dict[str, Any], style: str = "bold yellow") -> Text:
    """A snippet with its matched words highlighted."""
    text = Text(snippet["text"])
    for start, end in snippet["highlights"]:
        text.stylize(style, start, end)
    return text


def _where(hit: dict[str, Any]) -> str:
    parts = [p for p in (hit.get("publisher"), hit.get("published")) if p]
    return ", ".join(parts)


def render(result: dict[str, Any], console: Console) -> None:
    statements, documents = result["statements"], result["documents"]
    if not statements and not documents:
        console.print(f"No matches for {result['query']!r}.")
        return
    if statements:
        console.print(Text(f"Statements ({len(statements)})", style="bold underline"))
        for hit in statements:
            head = Text()
            head.append(hit["speaker"] or "(unattributed)", style="bold cyan")
            if hit["cue"]:
                head.append(f" {hit['cue']}")
            head.append(f"  [{hit['kind']}]", style="dim")
            console.print(head)
            console.print(Text("  ").append(snippet_text(hit["snippet"])))
            console.print(Text(f"  {hit['title'] or hit['document']} — {_where(hit)}  "
                               f"{hit['document']}#{hit['statement']}", style="dim"))
        console.print()
    if documents:
        console.print(Text(f"Documents ({len(documents)})", style="bold underline"))
        for hit in documents:
            console.print(Text(hit["title"] or hit["id"], style="bold"))
            console.print(Text("  ").append(snippet_text(hit["snippet"])))
            story = f"  story {hit['story']}" if hit["story"] else ""
            console.print(Text(f"  {_where(hit)}  {hit['id']}{story}", style="dim"))


def run_search(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db) as store:
        result = store.search(args.query, speaker=args.speaker, since=args.since,
                              until=args.until, limit=args.limit, language=args.language)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        render(result, output_console())
    return 0
