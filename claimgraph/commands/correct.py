"""``claimgraph correct``: an analyst's corrections of extraction and linking.

Corrections are stored apart from the extraction records, with who made them and when and
what the field was before; stories, their drift and everything read from them are built
with them. ``undo`` withdraws one and keeps it on record.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.table import Table
from rich.text import Text

from ..errors import ClaimgraphError
from ..report import output_console
from .ingest import add_db_argument

MAX_TEXT = 60


def _common(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    p.add_argument("--author", help="who makes the correction (kept with it)")
    p.add_argument("--note", help="why (kept with it)")
    if json_flag:
        p.add_argument("--json", action="store_true", help="print the correction as JSON")
    add_db_argument(p)


def _statement_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc_id", metavar="DOC_ID", help="the document's id")
    p.add_argument("statement_id", metavar="STATEMENT_ID", help="its statement's id, e.g. s3")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "correct", help="correct a statement or a claim (kept apart from extraction)",
        description="Reject a statement, fix its speaker, cue or via chain, merge two claims "
                    "or split a statement out of its claim. Each correction is kept with its "
                    "author and time and what it changed; it holds through a new extraction "
                    "of the document, and every story built after it uses it.")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")

    reject = verbs.add_parser("reject", help="the statement is not one (drop it)")
    _statement_args(reject)
    _common(reject)
    reject.set_defaults(run=run_correct, action="reject")

    speaker = verbs.add_parser("speaker", help="the statement's speaker is NAME")
    _statement_args(speaker)
    speaker.add_argument("name", metavar="NAME")
    _common(speaker)
    speaker.set_defaults(run=run_correct, action="speaker")

    cue = verbs.add_parser("cue", help="the statement's cue is CUE (e.g. claimed)")
    _statement_args(cue)
    cue.add_argument("cue", metavar="CUE", help="the reporting words as written")
    cue.add_argument("--lemma", help="the cue's lemma (default: from the cue lexicon)")
    cue.add_argument("--stance", choices=("neutral", "distancing", "endorsing"),
                     help="the cue's stance (default: from the cue lexicon, else neutral)")
    _common(cue)
    cue.set_defaults(run=run_correct, action="cue")

    via = verbs.add_parser("via", help="the sources between publisher and speaker are NAME...",
                           description="Replace the statement's via chain, outermost first; "
                                       "no NAME clears it.")
    _statement_args(via)
    via.add_argument("names", nargs="*", metavar="NAME")
    _common(via)
    via.set_defaults(run=run_correct, action="via")

    merge = verbs.add_parser(
        "merge", help="two claims are one",
        description="Make the claims of two roots one claim. Name each by its root statement, "
                    "DOC_ID#STATEMENT_ID, or as `claimgraph story` lists it, STORY_ID#CLAIM_ID "
                    "(its root is what is kept, since claim numbers change as stories grow).")
    merge.add_argument("first", metavar="CLAIM_REF")
    merge.add_argument("second", metavar="CLAIM_REF")
    _common(merge)
    merge.set_defaults(run=run_correct, action="merge")

    split = verbs.add_parser(
        "split", help="a statement is not its claim's (give it a claim of its own)",
        description="Take a statement out of the claim it was merged into. Name it as "
                    "DOC_ID STATEMENT_ID, or as one DOC_ID#STATEMENT_ID.")
    split.add_argument("doc_id", metavar="DOC_ID",
                       help="the document's id (or DOC_ID#STATEMENT_ID)")
    split.add_argument("statement_id", metavar="STATEMENT_ID", nargs="?")
    _common(split)
    split.set_defaults(run=run_correct, action="split")

    listing = verbs.add_parser("list", help="corrections, oldest first (undone ones marked)")
    listing.add_argument("--document", metavar="DOC_ID", help="only those of this document")
    listing.add_argument("--story", metavar="STORY_ID", help="only those of this story's documents")
    listing.add_argument("--active", action="store_true", help="leave out undone corrections")
    listing.add_argument("--json", action="store_true",
                         help="JSON Lines (claimgraph/schemas/correction)")
    add_db_argument(listing)
    listing.set_defaults(run=run_list)

    undo = verbs.add_parser("undo", help="withdraw a correction (it stays on record)")
    undo.add_argument("correction_id", metavar="ID", help="e.g. x3, from `correct list`")
    undo.add_argument("--author", help="who withdraws it")
    undo.add_argument("--json", action="store_true", help="print the correction as JSON")
    add_db_argument(undo)
    undo.set_defaults(run=run_undo)


def _cue(args: argparse.Namespace) -> dict[str, Any]:
    from ..lexicons import cue_value

    value, known = cue_value(args.cue, args.lemma, args.stance)
    if not known:
        print(f"claimgraph: {args.cue!r} is no cue the lexicon knows; its stance is taken as "
              "neutral (give --stance and --lemma to say otherwise)", file=sys.stderr)
    return value


def run_correct(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db, write=True) as store:
        other = None
        if args.action == "merge":
            target = store.statement_ref(args.first)
            other = store.statement_ref(args.second)
        elif args.action == "split" and args.statement_id is None:
            target = store.statement_ref(args.doc_id)
        else:
            target = store.statement(args.doc_id, args.statement_id)
        after: Any = {"speaker": getattr(args, "name", None), "cue": None,
                      "via": getattr(args, "names", None)}.get(args.action)
        if args.action == "cue":
            after = _cue(args)
        correction = store.correct(args.action, target, after=after, other=other,
                                   note=args.note, author=args.author)
    if args.json:
        print(json.dumps(correction.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"{correction.id}: {describe(correction.to_dict())}")
    return 0


def _value(value: Any) -> str:
    if isinstance(value, dict) and "text" in value and "stance" in value:
        return f"{value['text']!r} ({value['stance']})"
    if isinstance(value, list):
        return " > ".join(value) if value else "(none)"
    return repr(value) if value is not None else "(none)"


def describe(c: dict[str, Any]) -> str:
    """One line: what the correction does to which statement."""
    target = c["target"]["ref"]
    action = c["action"]
    if action == "reject":
        return f"rejected {target}"
    if action == "merge":
        return f"merged the claims of {target} and {c['other']['ref']}"
    if action == "split":
        return f"split {target} out of its claim"
    return f"{action} of {target}: {_value(c['before'])} -> {_value(c['after'])}"


def run_list(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db) as store:
        rows = [c.to_dict() for c in store.corrections(
            document=args.document, story=args.story, active_only=args.active)]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif rows:
        table = Table(title=f"{len(rows)} corrections", title_justify="left")
        for col in ("id", "correction", "content", "by", "when"):
            table.add_column(col, no_wrap=col in ("id", "when"))
        for c in rows:
            what = Text(describe(c), style="dim strike" if c["undone"] else "")
            if c["undone"]:
                what.append(f"\nundone {c['undone'][:10]}"
                            + (f" by {c['undone_by']}" if c["undone_by"] else ""), style="dim")
            text = " ".join((c["target"].get("text") or "").split())
            table.add_row(c["id"], what, text[:MAX_TEXT] + ("…" if len(text) > MAX_TEXT else ""),
                          c["author"] or "", c["created"][:16].replace("T", " "))
        output_console().print(table)
    if not rows:
        print("no corrections; make one with e.g.: claimgraph correct reject DOC_ID "
              "STATEMENT_ID --db DB", file=sys.stderr)
    return 0


def run_undo(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    with Store.open(args.db, write=True) as store:
        correction, changed = store.undo_correction(args.correction_id, args.author)
    if args.json:
        print(json.dumps(correction.to_dict(), ensure_ascii=False, indent=2))
    if not changed:
        raise ClaimgraphError(f"{correction.id} was undone already, on {correction.undone}")
    print(f"undid {correction.id}: {describe(correction.to_dict())}", file=sys.stderr)
    return 0
