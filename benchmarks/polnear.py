"""Reader for PolNeAR (Political News Attribution Relations, Newell et al., LREC 2018).

The corpus is brat standoff: ``<split>/text/<article>.txt`` and one
``<split>/attributions/<article>_<annotator>.ann`` per annotator. Each ``E`` line
is one attribution relation linking Source, Cue and Content text spans (character
offsets, ``;`` separating the parts of a discontinuous span).

Some articles were annotated by several people; :func:`read_split` keeps ONE
annotation per article, deterministically: the first ``.ann`` file in sorted
order. Relations without any Content span (a handful of incomplete ``E`` lines)
are dropped, since nothing can be matched against them. Annotator flags
(``Discard``, ``Discuss``) and notes are ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]

DATASETS_ENV = "CLAIMGRAPH_DATASETS"


def datasets_dir() -> Path:
    """The datasets folder: $CLAIMGRAPH_DATASETS, else ``shared/datasets`` beside the repo."""
    env = os.environ.get(DATASETS_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"


def polnear_dir() -> Path:
    return datasets_dir() / "polnear"


@dataclass(frozen=True)
class Relation:
    """One attribution relation (gold or predicted): each role is a tuple of character spans,
    empty when the role is absent."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...] = ()
    source: tuple[Span, ...] = ()


@dataclass
class Article:
    name: str
    text: str
    annotator: str
    relations: list[Relation] = field(default_factory=list)


def _spans(field_text: str) -> tuple[Span, ...]:
    """``"169 195;387 448"`` -> ``((169, 195), (387, 448))``."""
    spans = []
    for part in field_text.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(ann: str) -> list[Relation]:
    """The relations of one brat ``.ann`` file, in file order."""
    labelled: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2 or not cols[1].strip():
            continue
        if cols[0].startswith("T"):
            label, _, offsets = cols[1].partition(" ")
            try:
                labelled[cols[0]] = (label, _spans(offsets))
            except ValueError:  # a malformed offset field: skip the mention
                continue
        elif cols[0].startswith("E"):
            events.append([tuple(arg.split(":", 1)) for arg in cols[1].split()
                           if ":" in arg])  # type: ignore[misc]
    relations = []
    for args in events:
        roles: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
        for role, ref in args:
            # "Content2" is a second content argument of the same relation.
            base = role.rstrip("0123456789")
            if base in roles and ref in labelled:
                roles[base].extend(labelled[ref][1])
        if roles["Content"]:
            relations.append(Relation(
                content=tuple(sorted(roles["Content"])),
                cue=tuple(sorted(roles["Cue"])),
                source=tuple(sorted(roles["Source"])),
            ))
    return relations


def read_split(split: str = "dev", root: Path | None = None) -> list[Article]:
    """All articles of ``split`` (``train`` or ``dev``), sorted by name, one annotator each.

    Raises FileNotFoundError when the split folder is missing.
    """
    base = (root or polnear_dir()) / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"PolNeAR split not found: {base}")
    anns: dict[str, list[Path]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        name, _, annotator = path.stem.rpartition("_")
        anns.setdefault(name, []).append(path)
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        paths = anns.get(text_path.stem)
        if not paths:
            continue
        first = paths[0]  # sorted order: the deterministic choice of annotator
        articles.append(Article(
            name=text_path.stem,
            text=text_path.read_bytes().decode("utf-8"),  # no newline translation: offsets
            annotator=first.stem.rpartition("_")[2],
            relations=parse_ann(first.read_text(encoding="utf-8")),
        ))
    return articles
