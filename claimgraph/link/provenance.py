"""Provenance: how a claim travelled from its root utterance to each document.

For each claim the tree starts at the speaker, goes to the first document that carries
the claim, and from there to every re-report. A document hangs under the earlier document
it cites (a citation, a statement's ``via``, the publisher named or abbreviated in its
text), else under the earlier document whose text it copies (wire copy), else, when it
names no source at all, under the first document, else directly under the speaker (or an
intermediary it names, such as "state television").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import text as tx
from .speakers import names_match

if TYPE_CHECKING:
    from .claims import Claim

COPY_JACCARD = 0.5  # most of the text is the same: a wire copy, not a shared quote


@lru_cache(maxsize=4096)
def shingles(text: str, k: int = 3) -> frozenset[str]:
    tokens = [w.lower() for w in tx.words(text)]
    return frozenset(" ".join(tokens[i : i + k]) for i in range(max(0, len(tokens) - k + 1)))


def copy_similarity(a: str, b: str) -> float:
    """Jaccard similarity of word 3-shingles: near 1 for a wire copy."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def acronym(name: str) -> str | None:
    initials = [w[0] for w in tx.words(name) if w[0].isupper()]
    return "".join(initials) if len(initials) >= 2 else None


def names_source(
    record: dict[str, Any],
    via: list[str],
    source: str | None,
    stems: frozenset[str] | None = None,
) -> bool:
    """Does the document name ``source`` as where it got its report?

    A citation or ``via`` naming it, its full name in the text, or its acronym ("(CPA)").
    ``stems`` may pass the text's word stems when the caller already has them.
    """
    key = tx.name_tokens(source)
    if not key:
        return False
    doc = record.get("document") or {}
    cited = [c.get("cited") for c in record.get("citations") or []] + via
    if any(names_match(key, tx.name_tokens(name)) for name in cited if name):
        return True
    text = doc.get("text") or ""
    if stems is None:
        stems = text_stems(text)
    if set(key) <= stems and len(key) >= 2:
        return True
    short = acronym(source or "")
    return bool(short and re.search(rf"\b{re.escape(short)}\b", text))


@lru_cache(maxsize=4096)
def text_stems(text: str) -> frozenset[str]:
    return frozenset(tx.stem(w) for w in tx.words(text))


def cites(records: list[dict[str, Any]]) -> dict[int, set[int]]:
    """For each record index, the indices of the other records whose publisher it names.

    Decided once per (record, distinct publisher) rather than per pair of records: large
    stories hold many documents from few outlets.
    """
    stems = [text_stems((r.get("document") or {}).get("text") or "") for r in records]
    publishers = [(r.get("document") or {}).get("publisher") for r in records]
    by_publisher: dict[str, list[int]] = {}
    for j, publisher in enumerate(publishers):
        if publisher:
            by_publisher.setdefault(publisher, []).append(j)
    result: dict[int, set[int]] = {}
    for i, record in enumerate(records):
        named: set[int] = set()
        for publisher, indices in by_publisher.items():
            if publisher != publishers[i] and names_source(record, [], publisher, stems[i]):
                named.update(j for j in indices if j != i)
        result[i] = named
    return result


NamedCache = dict[tuple[str, tuple[str, ...], "str | None"], bool]


def provenance_tree(claim: Claim, records: dict[str, dict[str, Any]],
                    named_cache: NamedCache | None = None) -> dict[str, Any]:
    """The claim's tree: speaker -> (intermediary) -> first document -> re-reports.

    ``named_cache`` keeps, across the claims of one story, which publishers each document
    names as its source."""
    root = claim.root
    speaker: dict[str, Any] = {
        "node": "speaker",
        "name": root.effective_speaker,
        "date": root.said_on,
        "children": [],
    }
    by_doc: dict[str, list[Any]] = {}
    for member in claim.members:
        by_doc.setdefault(member.doc_id, []).append(member)
    doc_order = sorted(by_doc, key=lambda d: (d != root.doc_id, by_doc[d][0].doc_index))
    nodes: dict[str, dict[str, Any]] = {}
    sources: dict[str, dict[str, Any]] = {}
    named_cache = {} if named_cache is None else named_cache
    by_publisher: dict[str | None, list[str]] = {}  # the documents placed so far
    placed: list[str] = []  # ... in order
    for position, doc_id in enumerate(doc_order):
        record = records[doc_id]
        members = by_doc[doc_id]
        meta = record.get("document") or {}
        node = {
            "node": "document",
            "document": doc_id,
            "publisher": meta.get("publisher"),
            "published": meta.get("published"),
            "statements": [m.sid for m in members],
            "link": "reports",
            "children": [],
        }
        via = [v for m in members for v in m.via]
        earlier = doc_order[:position]
        parent_doc, link = _parent(record, via, earlier, records, by_doc, root.doc_id,
                                   named_cache, by_publisher)
        by_publisher.setdefault(meta.get("publisher"), []).append(doc_id)
        parent = nodes[parent_doc] if parent_doc else _intermediary(via, root, speaker, sources)
        node["link"] = link
        parent["children"].append(node)
        nodes[doc_id] = node
    return speaker


def _parent(
    record: dict[str, Any],
    via: list[str],
    earlier: list[str],
    records: dict[str, dict[str, Any]],
    by_doc: dict[str, list[Any]],
    root_doc: str,
    named_cache: NamedCache | None = None,
    by_publisher: dict[str | None, list[str]] | None = None,
) -> tuple[str | None, str]:
    if not earlier:
        return None, "reports"
    doc_id = str((record.get("document") or {}).get("id"))
    text = (record.get("document") or {}).get("text") or ""
    cache = {} if named_cache is None else named_cache

    def names(publisher: str | None) -> bool:  # decided once per document and publisher
        key = (doc_id, tuple(via), publisher)
        if key not in cache:
            cache[key] = names_source(record, via, publisher)
        return cache[key]

    if by_publisher is None:
        by_publisher = {}
        for e in earlier:
            by_publisher.setdefault((records[e].get("document") or {}).get("publisher"), []).append(e)
    named = {pub for pub in by_publisher if names(pub)}
    if named:
        cited = _recent_texts(earlier, records, named)
        best = max(cited, key=lambda e: (copy_similarity(text, _text(records[e])),
                                         by_doc[e][0].doc_index))
        return best, "cites"
    sims = [(copy_similarity(text, _text(records[e])), e) for e in _recent_texts(earlier, records)]
    score, best_copy = max(sims)
    if score >= COPY_JACCARD:
        return best_copy, "copy"
    own = by_doc.get(str((record.get("document") or {}).get("id")), [])
    if own and all(m.own_voice for m in own):
        return root_doc, "unattributed"
    return None, "reports"


COPY_CANDIDATES = 200  # distinct earlier texts a document is compared with for copying


def _recent_texts(docs: list[str], records: dict[str, dict[str, Any]],
                  publishers: set[str | None] | None = None) -> list[str]:
    """The latest document of each distinct text (from ``publishers`` when given), the most
    recent ``COPY_CANDIDATES`` of them: identical copies need one comparison, and a copy
    follows its original soon."""
    seen: set[str] = set()
    out: list[str] = []
    for doc in reversed(docs):
        meta = records[doc].get("document") or {}
        if publishers is not None and meta.get("publisher") not in publishers:
            continue
        if (text := meta.get("text") or "") not in seen:
            seen.add(text)
            out.append(doc)
            if len(out) >= COPY_CANDIDATES:
                break
    return out


def _intermediary(
    via: list[str], root: Any, speaker: dict[str, Any], sources: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """A named go-between that is neither the speaker nor a document in the story."""
    speaker_keys = root.source_keys()
    for name in via:
        key = tx.name_tokens(name)
        if not key or any(names_match(key, k) for k in speaker_keys):
            continue
        label = " ".join(key)
        if label not in sources:
            sources[label] = {"node": "source", "name": name, "children": []}
            speaker["children"].append(sources[label])
        return sources[label]
    return speaker


def _text(record: dict[str, Any]) -> str:
    return (record.get("document") or {}).get("text") or ""


def document_links(tree: dict[str, Any]) -> list[tuple[str | None, str, str]]:
    """Flatten a tree into (parent document or None, document, link) edges."""
    out: list[tuple[str | None, str, str]] = []

    def walk(node: dict[str, Any], parent_doc: str | None) -> None:
        for child in node.get("children", []):
            if child["node"] == "document":
                out.append((parent_doc, child["document"], child["link"]))
                walk(child, child["document"])
            else:
                walk(child, parent_doc)

    walk(tree, None)
    return out
