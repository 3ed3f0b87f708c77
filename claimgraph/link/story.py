"""The story detail and the story summary: what ``claimgraph story`` and ``stories`` print.

:func:`build_story` assembles documents, claims, provenance trees, the story's root,
independent chains and drift findings from the extraction records of one story;
:func:`summarise` is the cheap line for a list of stories. Both are pure functions of
their inputs; the shapes are fixed by ``schemas/story.schema.json`` and
``schemas/stories.schema.json``.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Correction, SourceGrade
from .claims import Claim, build_claims, chains, order_records
from .corrections import correct_records
from .drift import claim_drift
from .grading import admiralty, corroboration, credibility, grade_index, reliability
from .pair_scores import DEFAULT as CLAIMS_DEFAULT
from .pair_scores import ClaimConfig
from .provenance import PublisherNames, StoryCopies, document_links, provenance_tree
from .text import sentences

SCHEMA_VERSION = 2  # 2: titles from the first claim, grades and credibility, corrections
TITLE_LIMIT = 100


@lru_cache(maxsize=1)
def build_mark() -> str:
    """What a story's detail depends on besides its records: this schema version and a hash
    of the linking code and lexicons, so that a story kept by another linker is built again."""
    here = Path(__file__).parent
    data = here.parent / "data"
    digest = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), *(data / "lexicons").glob("*.json"),
                        *(p for p in (data / "scales").rglob("*") if p.is_file())]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{SCHEMA_VERSION}-{digest.hexdigest()[:16]}"


def _document(record: dict[str, Any]) -> dict[str, Any]:
    doc = record.get("document") or {}
    return {k: doc.get(k) for k in ("id", "url", "title", "publisher", "published")}


def _published(records: list[dict[str, Any]]) -> list[str]:
    return sorted(d for d in ((r.get("document") or {}).get("published") for r in records) if d)


def _root(claim: Claim) -> dict[str, Any]:
    root = claim.root
    return {
        "speaker": root.effective_speaker,
        "date": root.said_on or root.published,
        "document": root.doc_id,
        "statement": root.sid,
        "claim": claim.id,
    }


def trim_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    line = " ".join(text.split()).strip(" ,;:")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def story_title(ordered: list[dict[str, Any]]) -> str | None:
    """A readable title: the first document's headline; without one, the wording of its
    first claim ("Mirek Danov: about 4,000 reservists ..."), else its first sentence."""
    if not ordered:
        return None
    doc = ordered[0].get("document") or {}
    if (doc.get("title") or "").strip():
        return trim_title(doc["title"])
    for st in ordered[0].get("statements") or []:
        wording = ((st.get("content") or {}).get("text") or "").strip()
        if wording.lower().startswith("that "):
            wording = wording[5:]
        if len(wording.split()) >= 3:
            speaker = (st.get("speaker") or {}).get("name")
            wording = wording[0].upper() + wording[1:]
            return trim_title(f"{speaker}: {wording}" if speaker else wording)
    text = doc.get("text") or ""
    first = sentences(text)[:1]
    return trim_title(text[first[0][0]:first[0][1]]) if first else None


def _primary(claims: list[Claim]) -> Claim | None:
    """The claim carried by most documents; attributed before own-voice, then earliest."""
    if not claims:
        return None
    return min(
        claims,
        key=lambda c: (-len(c.documents), not c.attributed, c.root.doc_index, c.root.position),
    )


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Building a large story makes millions of small objects and no reference cycles;
    Python's cycle collector would walk them all again and again (a fifth of the time at
    10,000 documents)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_story(
    story_id: str, records: list[dict[str, Any]], config: ClaimConfig = CLAIMS_DEFAULT,
    aliases: list[tuple[str, str]] | None = None,
    corrections: Sequence[Correction] = (), grades: Sequence[SourceGrade] = (),
) -> dict[str, Any]:
    """The detail of one story from its records (DESIGN section-4 dicts), in any order;
    ``aliases`` are (alias, name) pairs that name one source (the store's alias table);
    ``corrections`` are the analysts' corrections of the story's statements and claims,
    applied in order before claims are built (:mod:`claimgraph.link.corrections`);
    ``grades`` the analysts' source grades, shown on each claim with its credibility
    (:mod:`claimgraph.link.grading`)."""
    with _without_cycle_collection():
        return _build_story(story_id, records, config, aliases, corrections, grades)


def _build_story(
    story_id: str, records: list[dict[str, Any]], config: ClaimConfig,
    aliases: list[tuple[str, str]] | None, corrections: Sequence[Correction],
    grades: Sequence[SourceGrade],
) -> dict[str, Any]:
    corrected = correct_records(records, corrections)
    names = PublisherNames(corrected.records)  # which publishers each document names
    ordered = order_records(corrected.records, names)
    by_id = {str((r.get("document") or {}).get("id")): r for r in ordered}
    claims = build_claims(ordered, config, in_order=True, aliases=aliases,
                          edits=corrected.edits)
    story_chains = chains(claims)
    per_prop: dict[str, int] = {}
    for chain in story_chains:
        per_prop[chain[0].proposition] = per_prop.get(chain[0].proposition, 0) + 1
    found = corroboration(claims, story_chains, config)
    copies = StoryCopies(ordered)  # which earlier documents each one copies
    graded = grade_index(grades)

    claim_out, provenance, drift = [], [], []
    doc_views: dict[str, list[Any]] = {}  # every statement of each document, by claim
    for claim in claims:
        for member in claim.members:
            doc_views.setdefault(member.doc_id, []).append(member)
    for claim in claims:
        published = [m.published for m in claim.members if m.published]
        source = reliability(claim.root.effective_speaker, graded)
        rating = credibility(found[claim.id])
        claim_out.append(
            {
                "id": claim.id,
                "speaker": claim.root.effective_speaker,
                "attributed": claim.attributed,
                "text": claim.root.content,
                "first_seen": min(published) if published else None,
                "said_on": claim.root.said_on,
                "root": {"document": claim.root.doc_id, "statement": claim.root.sid},
                "documents": claim.documents,
                "statements": [m.ref for m in claim.members],
                "proposition": claim.proposition,
                "independent_chains": per_prop.get(claim.proposition, 1),
                "credibility": rating,
                "reliability": source,
                "admiralty": admiralty(source["grade"], rating["code"]),
            }
        )
        tree = provenance_tree(claim, by_id, names, copies)
        provenance.append({"claim": claim.id, "tree": tree})
        parents = {doc: parent for parent, doc, _link in document_links(tree)}
        drift.extend(claim_drift(claim.id, claim.root, claim.members, parents, doc_views))
    for i, finding in enumerate(drift, 1):
        finding["id"] = f"d{i}"

    chain_out = []
    for i, chain in enumerate(story_chains, 1):
        head = chain[0]
        docs = list(dict.fromkeys(d for c in chain for d in c.documents))
        chain_out.append(
            {
                "id": f"ch{i}",
                "proposition": head.proposition,
                "claims": [c.id for c in chain],
                "root": {
                    k: v for k, v in _root(head).items() if k in ("speaker", "date", "document")
                },
                "documents": docs,
            }
        )

    primary = _primary(claims)
    # The best-corroborated proposition: how many independent sources the story has on it.
    independent = max(per_prop.values(), default=1 if records else 0)
    return {
        "id": story_id,
        "version": SCHEMA_VERSION,
        "title": story_title(ordered),
        "documents": [_document(r) for r in ordered],
        "claims": claim_out,
        "provenance": provenance,
        "root": _root(primary) if primary else None,
        "chains": chain_out,
        "independent_chains": independent,
        "drift": drift,
        "corrections": [_applied(c, corrected.applied[c.id]) for c in corrections
                        if c.id in corrected.applied],
    }


def _applied(correction: Correction, applied: bool) -> dict[str, Any]:
    """A correction as the story shows it: what it did to which statement, by whom."""
    other = correction.other
    return {
        "id": correction.id, "action": correction.action,
        "document": correction.target.document, "statement": correction.target.statement,
        "other": None if other is None else {"document": other.document,
                                             "statement": other.statement},
        "before": correction.before, "after": correction.after,
        "author": correction.author, "created": correction.created, "applied": applied,
    }


def summarise(story_id: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """One line of ``claimgraph stories``: size, date range and outlets, without claim work.

    ``records`` need only their document metadata, and for :func:`story_title` the first
    statement of a document without a headline."""
    ordered = order_records(records)
    dates = _published(ordered)
    outlets = list(
        dict.fromkeys(p for p in ((r.get("document") or {}).get("publisher") for r in ordered) if p)
    )
    return {
        "id": story_id,
        "title": story_title(ordered),
        "size": len(ordered),
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "outlets": outlets,
        "documents": [_document(r)["id"] for r in ordered],
    }
