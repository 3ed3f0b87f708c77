"""``claimgraph stories`` (the list, newest first) and ``claimgraph story ID`` (one story)."""

from __future__ import annotations

import argparse
import json
import shlex
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..report import output_console
from .ingest import add_db_argument

MAX_TEXT = 140


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stories", help="list stories, newest first",
                       description="Stories (documents grouped by the event they report), newest "
                                   "first, with size, date range and outlets.")
    add_db_argument(p)
    p.add_argument("--limit", type=int, default=50, metavar="N", help="stories per page (default 50)")
    p.add_argument("--cursor", help="the `next` cursor of a previous page")
    p.add_argument("--min-size", type=int, default=1, metavar="N",
                   help="only stories with at least N documents")
    p.add_argument("--search", metavar="TEXT",
                   help="only stories with a document whose title or text matches TEXT, best "
                        'first (words, "a phrase", OR, -word)')
    p.add_argument("--json", action="store_true", help="print JSON (claimgraph/schemas/stories)")
    p.add_argument("--build", action="store_true",
                   help="build and keep every story not kept at its current version (after "
                        "`ingest --no-build`, or a new claimgraph), then list")
    p.set_defaults(run=run_stories)

    q = sub.add_parser("story", help="show one story: documents, claims, provenance, drift",
                       description="One story: its documents, claims, provenance tree with the "
                                   "root source and independent chains, and drift findings.")
    q.add_argument("story_id", metavar="ID", help="a story id from `claimgraph stories`")
    add_db_argument(q)
    q.add_argument("--json", action="store_true", help="print JSON (claimgraph/schemas/story)")
    q.set_defaults(run=run_story)


def stories_table(page: dict[str, Any]) -> Table:
    """One row per story: id, size, dates, and its title over its outlets."""
    table = Table(title=f"{page['total']} stories", title_justify="left")
    table.add_column("story", style="cyan", no_wrap=True)
    table.add_column("docs", justify="right")
    table.add_column("dates", no_wrap=True)
    table.add_column("title / outlets")
    for s in page["stories"]:
        first, last = s["first_published"], s["last_published"]
        dates = "" if not first else first if first == last else f"{first}\n→ {last}"
        outlets = ", ".join(s["outlets"][:6]) + (f" +{len(s['outlets']) - 6}"
                                                 if len(s["outlets"]) > 6 else "")
        cell = Text(s["title"] or "(untitled)")
        if outlets:
            cell.append(f"\n{outlets}", style="dim")
        table.add_row(s["id"], str(s["size"]), dates, cell)
    return table


def _short(text: str | None, limit: int = MAX_TEXT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _node_label(node: dict[str, Any], docs: dict[str, dict[str, Any]]) -> Text:
    kind = node.get("node")
    if kind == "speaker":
        label = Text(node.get("name") or "(unattributed)", style="bold cyan")
        if node.get("date"):
            label.append(f"  said {node['date']}", style="dim")
        return label
    if kind == "source":
        return Text(f"via {node.get('name')}", style="magenta")
    doc = docs.get(node.get("document") or "", {})
    label = Text(f"{node.get('link', 'reports')}: ", style="dim")
    label.append(node.get("publisher") or doc.get("publisher") or "(unknown outlet)", style="bold")
    if node.get("published"):
        label.append(f"  {node['published']}")
    label.append(f"  {node.get('document')}", style="dim")
    if doc.get("title"):
        label.append(f"  {_short(doc['title'], 60)}", style="italic")
    return label


def _grow(tree: Tree, node: dict[str, Any], docs: dict[str, dict[str, Any]]) -> None:
    for child in node.get("children") or []:
        _grow(tree.add(_node_label(child, docs)), child, docs)


def render_story(story: dict[str, Any], console: Console) -> None:
    """Documents, claims, provenance trees, root, chains and drift of one story."""
    docs = {d["id"]: d for d in story.get("documents") or []}
    head = Text(f"Story {story.get('id')}", style="bold underline")
    if story.get("title"):
        head.append(f"  {story['title']}", style="bold")
    console.print(head)
    chains = story.get("chains") or []
    console.print(f"{len(docs)} documents, {len(story.get('claims') or [])} claims; "
                  f"{story.get('independent_chains', 0)} independent source(s) for the "
                  f"best-corroborated claim, {len(chains)} chain(s) in all (one per claim "
                  "and original source, listed under Chains)")
    root = story.get("root")
    if root:
        origin = docs.get(root.get("document") or "", {})
        console.print(Text.assemble(("Root: ", "bold"), (root.get("speaker") or "(unattributed)",
                                                         "cyan"),
                                    f", {root.get('date') or 'undated'}, first reported by "
                                    f"{origin.get('publisher') or root.get('document')}"))

    table = Table(title="Documents", title_justify="left")
    for col in ("published", "publisher", "title", "id"):
        table.add_column(col, no_wrap=col in ("published", "id"))
    for d in docs.values():
        table.add_row(d.get("published") or "", d.get("publisher") or "",
                      _short(d.get("title"), 70), d["id"])
    console.print(table)

    claims = story.get("claims") or []
    if claims:
        table = Table(title="Claims", title_justify="left")
        for col in ("claim", "speaker", "text", "docs", "chains", "grade", "first seen"):
            table.add_column(col, justify="right" if col in ("docs", "chains") else "left")
        for c in claims:
            credibility = c.get("credibility") or {}
            grade = Text(c.get("admiralty") or "", style="bold")
            if credibility.get("term"):
                grade.append(f" {credibility['term']}", style="dim")
            table.add_row(c["id"], c.get("speaker") or "(own voice)", _short(c.get("text")),
                          str(len(c.get("documents") or [])), str(c.get("independent_chains", "")),
                          grade, c.get("first_seen") or "")
        console.print(table)

    for prov in story.get("provenance") or []:
        tree_data = prov.get("tree") or {}
        tree = Tree(Text.assemble((f"Provenance of {prov.get('claim')}: ", "bold"),
                                  _node_label(tree_data, docs)))
        _grow(tree, tree_data, docs)
        console.print(tree)

    chains = story.get("chains") or []
    if chains:
        console.print(Text("Chains", style="bold"))
        for ch in chains:
            r = ch.get("root") or {}
            console.print(f"  {ch['id']}: {r.get('speaker') or '(own voice)'} "
                          f"({r.get('date') or 'undated'}) -> {len(ch.get('documents') or [])} "
                          f"document(s), claims {', '.join(ch.get('claims') or [])}")

    drift = story.get("drift") or []
    table = Table(title="Drift" if drift else "Drift: none found", title_justify="left")
    if drift:
        for col in ("kind", "claim", "before", "after", "where"):
            table.add_column(col)
        for f in drift:
            before, after = f.get("before") or {}, f.get("after") or {}
            table.add_row(f.get("kind", ""), f.get("claim", ""), _short(before.get("text"), 60),
                          _short(after.get("text"), 60),
                          f"{before.get('document')} -> {after.get('document')}")
    console.print(table)

    corrections = story.get("corrections") or []
    if corrections:
        console.print(Text(f"Built with {len(corrections)} correction(s)", style="bold"))
        for c in corrections:
            line = Text(f"  {c['id']} {c['action']} {c['document']}#{c['statement']}")
            if c.get("other"):
                line.append(f" + {c['other']['document']}#{c['other']['statement']}")
            if c.get("author"):
                line.append(f"  by {c['author']}", style="dim")
            if not c.get("applied"):
                line.append("  (statement no longer extracted)", style="yellow")
            console.print(line)


def run_stories(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    from ..errors import ClaimgraphError

    if args.build:
        Store.open(args.db).close()  # a database that is not there is an error, not a new one
    with Store.open(args.db, write=args.build) as store:
        if args.build:
            _build_all(store)
        if args.search is not None:
            if args.min_size != 1:
                raise ClaimgraphError("--search lists stories best first; it takes no --min-size")
            if args.cursor is not None and not args.cursor.isdigit():
                raise ClaimgraphError(f"invalid page cursor {args.cursor!r}")
            page = store.search_stories(args.search, limit=args.limit,
                                        offset=int(args.cursor or 0))
        else:
            page = store.stories(limit=args.limit, cursor=args.cursor, min_size=args.min_size)
    out = {"stories": page.items, "total": page.total, "next": page.next}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    console = output_console()
    console.print(stories_table(out))
    if page.next:
        search = f" --search {shlex.quote(args.search)}" if args.search is not None else ""
        console.print(Text(f"more: claimgraph stories --db {args.db}{search} --cursor {page.next}",
                           style="dim"))
    return 0


def _build_all(store: Any) -> None:
    """Build every story whose kept build is missing or out of date, with a progress bar."""
    import sys
    import time

    from ..progress import progress_bar

    ids = list(store.story_ids())
    started = time.perf_counter()
    with progress_bar(len(ids) >= 4, total=len(ids), what="building stories") as advance:
        built = store.build_stories(ids, progress=advance)
    print(f"claimgraph: {built} of {len(ids)} stories built in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)


def run_story(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db) as store:
        story = store.story(args.story_id)
    if args.json:
        print(json.dumps(story, ensure_ascii=False, indent=2))
    else:
        render_story(story, output_console())
    return 0
