"""``claimgraph export``: a story as STIX 2.1 or MISP; statements or claims as CSV or JSONL."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..export import FORMATS, TABLES, ExportError, check, write_story
from .ingest import add_db_argument

if TYPE_CHECKING:
    from ..store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="export a story (STIX 2.1, MISP) or statements and claims (CSV, JSONL)",
        description="Print one story as a STIX 2.1 bundle or a MISP event, or statements or "
                    "claims as CSV or JSON Lines (of one story, or of the whole database). "
                    "Exporting unchanged data again gives the same output.")
    p.add_argument("format", metavar="FORMAT", help=f"one of: {', '.join(FORMATS)}")
    p.add_argument("story_id", nargs="?", metavar="STORY_ID",
                   help="the story (needed for stix and misp; csv and jsonl export every "
                        "story without it)")
    add_db_argument(p)
    p.add_argument("--story", metavar="ID", help="same as STORY_ID")
    p.add_argument("--what", default="statements", metavar="TABLE",
                   help=f"csv/jsonl table: {' or '.join(TABLES)} (default statements)")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--grades", metavar="FILE",
                   help='misp: a JSON object of Admiralty grades by source name, '
                        '{"Ministry of Defence": "B2"}, added as admiralty-scale tags')
    p.set_defaults(run=run)


def load_grades(path: str) -> dict[str, str]:
    """The grades file: a JSON object mapping source names to grades; ExportError otherwise."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(f"cannot read grades file {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExportError(f"grades file {path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ExportError(f'grades file {path} must be a JSON object like {{"Name": "B2"}}')
    from ..export.misp import check_grades

    check_grades(data)  # a bad grade is reported before any output
    return data


def _story(args: argparse.Namespace) -> str | None:
    if args.story_id and args.story and args.story_id != args.story:
        raise ExportError(f"two different stories given: {args.story_id!r} and {args.story!r}")
    story: str | None = args.story_id or args.story
    if story is None and args.format in ("stix", "misp"):
        raise ExportError(f"a {args.format} export is of one story: claimgraph export "
                          f"{args.format} STORY_ID --db {args.db} (ids: claimgraph stories)")
    return story


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` (removed again if the export fails part way)."""
    if path is None:
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with fh:
            yield fh
    except BaseException:
        os.unlink(path)
        raise


def export_all(store: Store, fmt: str, what: str, out: TextIO) -> None:
    """Every statement or claim of the database, streamed: one document or story at a time."""
    from ..export import tables

    rows: Iterator[dict[str, Any]]
    if what == "statements":
        rows = tables.statement_rows(store.iter_records())
    else:
        rows = tables.claim_rows(store.story(sid) for sid in store.story_ids())
    if fmt == "csv":
        tables.write_csv(rows, tables.WHAT[what], out)
    else:
        tables.write_jsonl(rows, out)


def run(args: argparse.Namespace) -> int:
    from ..store import Store  # imported here: `--help` need not load SQLAlchemy

    check(args.format, args.what)
    story = _story(args)
    if args.grades and args.format != "misp":
        raise ExportError("--grades applies to misp exports only")
    grades: Mapping[str, str] | None = load_grades(args.grades) if args.grades else None
    with Store.open(args.db) as store:
        if story is None:
            with output(args.out) as out:
                export_all(store, args.format, args.what, out)
            return 0
        if args.format in ("csv", "jsonl") and args.what == "statements":
            detail: dict[str, Any] = {"id": story}  # statements need no linking
            records = store.story_records(story)
        else:
            detail, records = store.story_with_records(story)
    with output(args.out) as out:
        write_story(args.format, detail, records, out, what=args.what, grades=grades)
    return 0
