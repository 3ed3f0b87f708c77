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
import zlib
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
    return _jaccard(shingles(a), shingles(b))


def _jaccard(sa: frozenset[str], sb: frozenset[str]) -> float:
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


class StoryCopies:
    """For each document of a story, the earlier documents whose text it most nearly copies,
    worked out once for all the story's claims.

    Earlier texts are compared by word 3-shingle Jaccard similarity (the first document of a
    text stands for it), and each document's ``RANKED`` most similar are kept. While a story
    has at most ``EXACT`` texts each is compared; in a larger one, the candidates are the
    texts sharing a MinHash band with it (the latest ``BAND_KEEP`` of each band), of which
    the signatures leave the ``RERANK`` likeliest to compare exactly. A claim's tree takes
    the best of these that carries the claim, and compares with the claim's own documents
    only when none does; the work is (documents x candidates) once, not for every claim."""

    def __init__(self, ordered: list[dict[str, Any]]) -> None:
        self._ids = [str((r.get("document") or {}).get("id")) for r in ordered]
        self._order = {d: i for i, d in enumerate(self._ids)}
        self._texts = {d: _text(r) for d, r in zip(self._ids, ordered)}
        self._sets: dict[str, frozenset[str]] = {}
        self._signatures: dict[str, Any] = {}
        self._ranked: dict[str, list[tuple[float, str]]] = {}
        self._first: dict[str, str] = {}  # text -> the first document with it
        self._bands: dict[tuple[int, bytes], list[str]] = {}
        self._done = 0

    def shingles(self, doc_id: str) -> frozenset[str]:
        found = self._sets.get(doc_id)
        if found is None:
            found = self._sets[doc_id] = shingles(self._texts.get(doc_id, ""))
        return found

    def similarity(self, a: str, b: str) -> float:
        """Word 3-shingle Jaccard similarity of two documents' texts."""
        return _jaccard(self.shingles(a), self.shingles(b))

    def ranked(self, doc_id: str) -> list[tuple[float, str]]:
        """(similarity, document) of the earlier documents ``doc_id`` most nearly copies,
        best first (ties: the later id first)."""
        if doc_id not in self._order:
            return []
        while self._done <= self._order[doc_id]:  # in story order, each document once
            self._add(self._ids[self._done])
            self._done += 1
        return self._ranked[doc_id]

    def _add(self, doc_id: str) -> None:
        text = self._texts[doc_id]
        first = self._first.get(text)
        if len(self._first) <= EXACT:
            candidates = list(self._first.values())
        else:
            found = dict.fromkeys([first] if first else [])
            for band in self._band_keys(doc_id):
                found.update(dict.fromkeys(self._bands.get(band, ())[-BAND_KEEP:]))
            candidates = list(found)
            if len(candidates) > RERANK:
                candidates = self._likeliest(doc_id, candidates)
        mine = self.shingles(doc_id)
        scored = [(_jaccard(mine, self.shingles(e)), e) for e in candidates]
        self._ranked[doc_id] = sorted(scored, reverse=True)[:RANKED]
        if first is None:
            self._first[text] = doc_id
            if len(self._first) > EXACT:  # bands are needed from the next text on
                for e in self._first.values() if len(self._first) == EXACT + 1 else [doc_id]:
                    for band in self._band_keys(e):
                        self._bands.setdefault(band, []).append(e)

    def _band_keys(self, doc_id: str) -> list[tuple[int, bytes]]:
        signature = self._signature(doc_id)
        rows = len(signature) // BANDS
        return [(b, signature[b * rows:(b + 1) * rows].tobytes()) for b in range(BANDS)]

    def _likeliest(self, doc_id: str, candidates: list[str]) -> list[str]:
        import numpy as np

        matrix = np.stack([self._signature(e) for e in candidates])
        estimate = (matrix == self._signature(doc_id)).mean(axis=1)
        best = np.argsort(-estimate, kind="stable")[:RERANK]
        return [candidates[i] for i in best]

    def _signature(self, doc_id: str) -> Any:
        found = self._signatures.get(doc_id)
        if found is None:
            mh = _minhash()
            mh.update_batch([s.encode("utf-8") for s in self.shingles(doc_id)])
            found = self._signatures[doc_id] = mh.hashvalues
        return found


def _minhash() -> Any:
    """An empty MinHash of ``SIGNATURE_PERMUTATIONS`` slots over CRC-32 shingle hashes (a
    signature only ranks candidates within one story), its permutations made once."""
    from datasketch import MinHash

    template = _template()
    return MinHash(num_perm=SIGNATURE_PERMUTATIONS, hashfunc=_crc32,
                   permutations=template.permutations, scheme=template.scheme)


@lru_cache(maxsize=1)
def _template() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=SIGNATURE_PERMUTATIONS, seed=1, hashfunc=_crc32)


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


EXACT = 32  # texts of a story compared each without MinHash bands
RERANK = 4  # candidates the signatures leave for the exact comparison
RANKED = 8  # most similar earlier documents kept for each document
BAND_KEEP = 8  # latest texts of each band that are candidates
SIGNATURE_PERMUTATIONS = 64
BANDS = 16  # of 4 rows: texts above about 0.5 Jaccard share a band with good odds


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
        self._text_of: dict[str, str] = {}
        self._publisher_of: dict[str, str | None] = {}

    def add(self, doc_id: str, publisher: str | None, text: str) -> None:
        self._order[doc_id] = len(self.docs)
        self._text_of[doc_id] = text
        self._publisher_of[doc_id] = publisher
        self.docs.append(doc_id)
        self.by_publisher.setdefault(publisher, []).append(doc_id)
        for index in (self._texts, self._publisher_texts.setdefault(publisher, {})):
            # the text's first document stands for it (copies hang under the original, not
            # in a chain of copies), placed as recent as its latest copy
            index[text] = index.pop(text, doc_id)

    def stands_for(self, doc_id: str) -> bool:
        """Whether ``doc_id`` is placed and is the first document of its text."""
        text = self._text_of.get(doc_id)
        return text is not None and self._texts.get(text) == doc_id

    def publisher(self, doc_id: str) -> str | None:
        return self._publisher_of.get(doc_id)

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
                    names: PublisherNames | None = None,
                    copies: StoryCopies | None = None) -> dict[str, Any]:
    """The claim's tree: speaker -> (intermediary) -> first document -> re-reports.

    ``names`` keeps, across the claims of one story, which publishers each document
    names; ``copies`` which earlier documents each one copies."""
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
    copies = StoryCopies(list(records.values())) if copies is None else copies
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
        parent_doc, link = _parent(record, via, placed, copies, by_doc, root.doc_id,
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
    copies: StoryCopies,
    by_doc: dict[str, list[Any]],
    root_doc: str,
    named_publishers: frozenset[str],
) -> tuple[str | None, str]:
    if not placed.docs:
        return None, "reports"
    doc_id = str((record.get("document") or {}).get("id"))
    ranked = [(score, e) for score, e in copies.ranked(doc_id) if placed.stands_for(e)]
    # an outlet naming itself ("(c) Harbour Daily") cites no one
    named = (named_publishers - {(record.get("document") or {}).get("publisher")}) \
        & placed.by_publisher.keys()
    if named:
        mine = [(score, by_doc[e][0].doc_index, e) for score, e in ranked
                if placed.publisher(e) in named]
        if not mine:
            mine = [(copies.similarity(doc_id, e), by_doc[e][0].doc_index, e)
                    for e in placed.recent(named)]
        return max(mine)[2], "cites"
    if not ranked:
        ranked = [(copies.similarity(doc_id, e), e) for e in placed.recent()]
    score, best_copy = max(ranked)
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
