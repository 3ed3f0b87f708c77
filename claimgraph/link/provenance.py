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


@lru_cache(maxsize=16384)
def acronym(name: str) -> str | None:
    initials = [w[0] for w in tx.words(name) if w[0].isupper()]
    return "".join(initials) if len(initials) >= 2 else None


class PublisherNames:
    """Which of a story's publishers each document names as its source: in a citation, in a
    statement's ``via``, by its full name (two words or more) in the text, or by its acronym
    ("(CPA)").

    Each document's text is read once, and what it names is kept by document; the ``via``
    of a claim's statements adds to that. Large stories hold many documents from few
    outlets, so the work is (documents x publishers) lookups, not text scans."""

    def __init__(self, records: list[dict[str, Any]] | dict[str, dict[str, Any]]) -> None:
        found = records.values() if isinstance(records, dict) else records
        publishers = {(r.get("document") or {}).get("publisher") for r in found}
        self.keys = {p: k for p in publishers if p and (k := tx.name_tokens(p))}
        self.short = {p: acronym(p) for p in self.keys}
        self._by_doc: dict[str, frozenset[str]] = {}
        self._by_text: dict[str, frozenset[str]] = {}
        self._by_names: dict[frozenset[tuple[str, ...]], frozenset[str]] = {}
        self._by_via: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}

    def _matching(self, names: list[str]) -> frozenset[str]:
        """The publishers among ``names`` (each set of names worked out once)."""
        keys = frozenset(k for k in (tx.name_tokens(n) for n in names if n) if k)
        found = self._by_names.get(keys)
        if found is None:
            found = self._by_names[keys] = frozenset(
                p for p, key in self.keys.items() if any(names_match(key, k) for k in keys))
        return found

    def _in_text(self, text: str) -> frozenset[str]:
        """The publishers a text names by full name or acronym (each text read once: wire
        copies repeat it)."""
        found = self._by_text.get(text)
        if found is None:
            stems = frozenset(tx.stem(w) for w in tx.words(text))
            capital = frozenset(re.findall(r"\b[A-Z][A-Z0-9]+\b", text))
            found = self._by_text[text] = frozenset(
                p for p, key in self.keys.items()
                if (len(key) >= 2 and set(key) <= stems)
                or ((short := self.short[p]) is not None and short in capital))
        return found

    def named(self, record: dict[str, Any], via: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
        doc_id = str((record.get("document") or {}).get("id"))
        found = self._by_doc.get(doc_id)
        if found is None:
            cited = self._matching([c.get("cited") for c in record.get("citations") or []])
            found = self._by_doc[doc_id] = frozenset(cited | self._in_text(_text(record)))
        if not via:
            return found
        key = (doc_id, tuple(via))
        if key not in self._by_via:
            self._by_via[key] = found | self._matching(list(via))
        return self._by_via[key]


def cites(records: list[dict[str, Any]],
          names: PublisherNames | None = None) -> dict[int, set[int]]:
    """For each record index, the indices of the other records whose publisher it names."""
    names = PublisherNames(records) if names is None else names
    publishers = [(r.get("document") or {}).get("publisher") for r in records]
    by_publisher: dict[str, list[int]] = {}
    for j, publisher in enumerate(publishers):
        if publisher:
            by_publisher.setdefault(publisher, []).append(j)
    return {i: {j for p in names.named(record) if p != publishers[i]
                for j in by_publisher.get(p, ()) if j != i}
            for i, record in enumerate(records)}


class Placed:
    """The documents of a claim placed so far, indexed for the parent search: by publisher,
    and the latest document of each distinct text (overall and per publisher), most recent
    last. Identical copies need one comparison, and a copy follows its original soon."""

    def __init__(self) -> None:
        self.docs: list[str] = []
        self._order: dict[str, int] = {}
        self.by_publisher: dict[str | None, list[str]] = {}
        self._texts: dict[str, str] = {}
        self._publisher_texts: dict[str | None, dict[str, str]] = {}

    def add(self, doc_id: str, publisher: str | None, text: str) -> None:
        self._order[doc_id] = len(self.docs)
        self.docs.append(doc_id)
        self.by_publisher.setdefault(publisher, []).append(doc_id)
        for index in (self._texts, self._publisher_texts.setdefault(publisher, {})):
            # the text's first document stands for it (copies hang under the original, not
            # in a chain of copies), placed as recent as its latest copy
            index[text] = index.pop(text, doc_id)

    def recent(self, publishers: set[str | None] | None = None) -> list[str]:
        """The latest document of each distinct text (from ``publishers`` when given), the
        most recent ``COPY_CANDIDATES`` of them, latest first."""
        if publishers is None:
            latest = list(self._texts.values())
        else:
            latest = [d for p in publishers for d in self._publisher_texts.get(p, {}).values()]
            if len(publishers) > 1:
                latest.sort(key=self._order.__getitem__)
        return latest[::-1][:COPY_CANDIDATES]


COPY_CANDIDATES = 200  # distinct earlier texts a document is compared with for copying


def provenance_tree(claim: Claim, records: dict[str, dict[str, Any]],
                    names: PublisherNames | None = None) -> dict[str, Any]:
    """The claim's tree: speaker -> (intermediary) -> first document -> re-reports.

    ``names`` keeps, across the claims of one story, which publishers each document
    names."""
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
    names = PublisherNames(records) if names is None else names
    placed = Placed()
    for doc_id in doc_order:
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
        parent_doc, link = _parent(record, via, placed, records, by_doc, root.doc_id,
                                   names.named(record, via))
        placed.add(doc_id, meta.get("publisher"), _text(record))
        parent = nodes[parent_doc] if parent_doc else _intermediary(via, root, speaker, sources)
        node["link"] = link
        parent["children"].append(node)
        nodes[doc_id] = node
    return speaker


def _parent(
    record: dict[str, Any],
    via: list[str],
    placed: Placed,
    records: dict[str, dict[str, Any]],
    by_doc: dict[str, list[Any]],
    root_doc: str,
    named_publishers: frozenset[str],
) -> tuple[str | None, str]:
    if not placed.docs:
        return None, "reports"
    doc_id = str((record.get("document") or {}).get("id"))
    text = _text(record)
    named = named_publishers & placed.by_publisher.keys()
    if named:
        best = max(placed.recent(named), key=lambda e: (copy_similarity(text, _text(records[e])),
                                                         by_doc[e][0].doc_index))
        return best, "cites"
    score, best_copy = max((copy_similarity(text, _text(records[e])), e) for e in placed.recent())
    if score >= COPY_JACCARD:
        return best_copy, "copy"
    own = by_doc.get(doc_id, [])
    if own and all(m.own_voice for m in own):
        return root_doc, "unattributed"
    return None, "reports"


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
    """Flatten a tree into (parent document or None, document, link) edges, in depth-first
    order (without recursion: a long chain of re-reports is a deep tree)."""
    out: list[tuple[str | None, str, str]] = []
    todo = [(child, None) for child in reversed(tree.get("children", []))]
    while todo:
        node, parent_doc = todo.pop()
        if node["node"] == "document":
            out.append((parent_doc, node["document"], node["link"]))
            parent_doc = node["document"]
        todo.extend((child, parent_doc) for child in reversed(node.get("children", [])))
    return out
