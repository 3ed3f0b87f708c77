"""What every export reads of a story: its statements by reference, re-report hops, dates, ids.

A story comes as the pair ``(detail, records)``: the linker's detail (what ``claimgraph
story --json`` prints) and the extraction records it was built from, as
:meth:`claimgraph.store.Store.story_with_records` and the web's story cache give them.
Everything here is a pure function of that pair, so an export of unchanged data is
byte-for-byte the same.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .. import scales
from ..link import text as tx
from ..link.provenance import document_links

# Fixed namespace of every exported id: uuid5(NAMESPACE, kind + claimgraph's own ids).
NAMESPACE = uuid.UUID("5b0c8e2e-3f0a-5d7b-9c51-6d1f0e4a2c73")

Ref = tuple[str, str]  # (document id, statement id): a statement's stable id
# The date exports give a story none of whose documents is dated: fixed, so re-exports match.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


def stable_uuid(kind: str, *parts: str) -> str:
    """The same UUID for the same ``kind`` and ids, on every run and machine."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join((kind, *parts))))


def ref_label(ref: Ref) -> str:
    """``document#statement``, as exports write a statement reference."""
    return f"{ref[0]}#{ref[1]}"


def timestamp(value: str | None) -> datetime | None:
    """An ISO date or date-time as an aware UTC datetime (dates at midnight); None if unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Said:
    """One statement with the document it is in (both as the records hold them)."""

    document: dict[str, Any]
    statement: dict[str, Any]

    @property
    def ref(self) -> Ref:
        return (str(self.document.get("id")), str(self.statement.get("id")))

    @property
    def speaker(self) -> str | None:
        return (self.statement.get("speaker") or {}).get("name") or None

    @property
    def content(self) -> str:
        return (self.statement.get("content") or {}).get("text") or ""

    @property
    def via(self) -> list[str]:
        return [v for v in self.statement.get("via") or [] if v]


def statements(records: list[dict[str, Any]]) -> dict[Ref, Said]:
    """Every statement of the records by reference, in document and statement order."""
    out: dict[Ref, Said] = {}
    for record in records:
        doc = record.get("document") or {}
        for st in record.get("statements") or []:
            said = Said(doc, st)
            out[said.ref] = said
    return out


def relay_chain(said: Said) -> str:
    """Publisher, every source in between and the speaker, outermost first:
    'Harbour Herald > Ministry of Defence > Mirek Danov'."""
    hops = [said.document.get("publisher") or "(unknown outlet)", *said.via]
    if said.speaker:
        hops.append(said.speaker)
    return " > ".join(dict.fromkeys(hops))


def summary(said: Said) -> str:
    """One readable line: who said it how, through whom, where it was published."""
    cue = said.statement.get("cue") or {}
    who = said.speaker or "(own voice)"
    if cue.get("text"):
        who += f" {cue['text']}"
        if cue.get("stance") and cue["stance"] != "neutral":
            who += f" ({cue['stance']})"
    if said.statement.get("said_on"):
        who += f" on {said.statement['said_on']}"
    if said.via:
        who += f", via {', '.join(said.via)}"
    doc = said.document
    where = doc.get("publisher") or "(unknown outlet)"
    if doc.get("published"):
        where += f", {str(doc['published'])[:10]}"
    return f"{who}; reported by {where}"


def estimate_view(estimate: dict[str, Any]) -> dict[str, Any]:
    """An estimate as exports write it: the words, the range, and its reading on each scale
    (PHIA words, MISP machine tag, STIX confidence) when it has a range; no empty fields."""
    view: dict[str, Any] = {k: estimate.get(k) for k in
                            ("text", "scale", "low", "high", "negated", "confidence")}
    low, high = estimate.get("low"), estimate.get("high")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
        view["phia"] = scales.describe(low, high, "PHIA")
        view["misp"] = scales.misp_tag(low, high)
        view["stix_confidence"] = scales.stix_confidence(low, high)
    return {k: v for k, v in view.items() if v is not None}


def probability(said: Said) -> tuple[float, float] | None:
    """The range of the statement's first estimate that has one."""
    for est in said.statement.get("estimates") or []:
        low, high = est.get("low"), est.get("high")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)):
            return float(low), float(high)
    return None


def quantity_view(quantity: dict[str, Any]) -> dict[str, Any]:
    keys = ("text", "value", "low", "high", "unit", "approx")
    return {k: quantity[k] for k in keys if quantity.get(k) is not None}


@dataclass(frozen=True)
class Hop:
    """One re-report in a claim's provenance: ``statement`` re-reports ``parent`` (in the
    document its own document hangs under), by ``link`` (cites, copy, unattributed), with
    the drift findings made at that hop."""

    claim: str
    statement: Ref
    parent: Ref
    link: str
    drift: list[dict[str, Any]] = field(default_factory=list)


def hops(detail: dict[str, Any], said: dict[Ref, Said]) -> list[Hop]:
    """Every re-report of every claim, in claim and provenance-tree order.

    The parent statement is the one drift compared the statement with when a finding was
    made; otherwise the claim's statement of the parent document whose words are closest.
    """
    members: dict[str, dict[str, list[str]]] = {}
    for claim in detail.get("claims") or []:
        per_doc = members.setdefault(claim["id"], {})
        for ref in claim.get("statements") or []:
            per_doc.setdefault(ref["document"], []).append(ref["statement"])
    findings: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for f in detail.get("drift") or []:
        key = (f["claim"], f["after"]["document"], f["after"]["statement"])
        findings.setdefault(key, []).append(f)

    out = []
    for prov in detail.get("provenance") or []:
        claim_id = prov["claim"]
        per_doc = members.get(claim_id, {})
        for parent_doc, doc, link in document_links(prov.get("tree") or {}):
            if parent_doc is None:
                continue
            for sid in per_doc.get(doc, []):
                made = findings.get((claim_id, doc, sid), [])
                before = [f["before"]["statement"] for f in made
                          if f["before"]["document"] == parent_doc]
                parent = before[0] if before else _closest(
                    said, (doc, sid), parent_doc, per_doc.get(parent_doc, []))
                if parent is not None:
                    out.append(Hop(claim_id, (doc, sid), (parent_doc, parent), link,
                                   [f for f in made if f["before"]["document"] == parent_doc]))
    return out


def _closest(said: dict[Ref, Said], ref: Ref, parent_doc: str, options: list[str]) -> str | None:
    if len(options) <= 1:
        return options[0] if options else None
    mine = set(tx.words((said[ref].content if ref in said else "").lower()))

    def overlap(sid: str) -> float:
        other = said.get((parent_doc, sid))
        return tx.set_similarity(mine, set(tx.words(other.content.lower()))) if other else 0.0

    return max(options, key=lambda sid: (overlap(sid), -options.index(sid)))


def story_dates(records: list[dict[str, Any]]) -> list[datetime]:
    """The story's readable publication dates, sorted."""
    found = (timestamp((r.get("document") or {}).get("published")) for r in records)
    return sorted(d for d in found if d is not None)
