"""What the templates draw, computed in Python: highlighted text, probability bands, the
provenance graph, the timeline.

Every function returns plain values (text pieces, coordinates); the templates add the
markup and Jinja2 escapes every piece of text, so nothing from an article ever reaches
the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import scales

KINDS = ("direct", "mixed", "indirect", "assessment", "assertion")


# --- highlighted document text --------------------------------------------------------------

@dataclass
class Piece:
    text: str
    cls: str = ""  # "q" (a quantity) or "e" (an estimate) inside a statement


@dataclass
class Run:
    """Consecutive characters with one owner: a statement's content, speaker or cue, or none."""

    pieces: list[Piece]
    statement: str | None = None
    role: str | None = None  # "content", "speaker", "cue"
    kind: str | None = None
    tip: str | None = None  # id of this run's tooltip (content runs only)
    anchor: bool = False  # the statement's first content run: the target of #st-<id> links


def _spans(value: Any) -> list[tuple[int, int]]:
    out = []
    for span in value or []:
        if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int)
                                                                        for x in span):
            out.append((span[0], span[1]))
    return out


def _one(value: Any) -> list[tuple[int, int]]:
    return _spans([value]) if value else []


def highlight(record: dict[str, Any]) -> list[Run]:
    """The document text cut into runs, each owned by at most one statement.

    Where statements overlap (an own-voice sentence that contains a reported speech),
    each character goes to the shortest span covering it, so the speaker and cue of the
    inner statement stay visible. Quantities and estimates are marked inside.
    """
    text: str = (record.get("document") or {}).get("text") or ""
    n = len(text)
    owner: list[tuple[int, str, str, str] | None] = [None] * n  # (length, sid, role, kind)
    inner: list[str] = [""] * n
    for st in record.get("statements") or []:
        sid, kind = str(st.get("id")), str(st.get("kind") or "assertion")
        roles = [("content", s) for s in _spans((st.get("content") or {}).get("spans"))]
        roles += [("speaker", s) for s in _one((st.get("speaker") or {}).get("span"))]
        roles += [("cue", s) for s in _one((st.get("cue") or {}).get("span"))]
        for role, (start, end) in roles:
            start, end = max(0, start), min(n, end)
            length = end - start
            for i in range(start, end):
                current = owner[i]
                if current is None or length < current[0]:
                    owner[i] = (length, sid, role, kind)
        for cls, values in (("q", st.get("quantities")), ("e", st.get("estimates"))):
            for v in values or []:
                for start, end in _one(v.get("span")):
                    for i in range(max(0, start), min(n, end)):
                        inner[i] = cls
    def key(i: int) -> tuple[str, str] | None:
        own = owner[i]
        return (own[1], own[2]) if own else None

    runs: list[Run] = []
    anchored: set[str] = set()
    i = 0
    tips = 0
    while i < n:
        own, run_key = owner[i], key(i)
        j = i
        pieces: list[Piece] = []
        while j < n and key(j) == run_key:
            k = j
            while k < n and inner[k] == inner[j] and key(k) == run_key:
                k += 1
            pieces.append(Piece(text[j:k], inner[j] if own else ""))
            j = k
        run = Run(pieces)
        if own:
            run.statement, run.role, run.kind = own[1], own[2], own[3]
            if own[2] == "content":
                tips += 1
                run.tip = f"tip{tips}"
                run.anchor = own[1] not in anchored
                anchored.add(own[1])
        runs.append(run)
        i = j
    return runs


# --- probability bands ----------------------------------------------------------------------

@dataclass
class Band:
    term: str
    low: float
    high: float


def yardstick(scale: str = "PHIA") -> list[Band]:
    """The bands of a probability scale, as percentages."""
    return [Band(b.term, (b.low or 0) * 100, (b.high or 0) * 100)
            for b in scales.load(scale).bands if b.low is not None and b.high is not None]


def _admiralty(dimension: str) -> list[dict[str, str]]:
    return [{"code": b.code or "", "term": b.term, "definition": b.definition}
            for b in scales.load("Admiralty").bands if b.dimension == dimension]


def credibility_terms() -> list[dict[str, str]]:
    """Admiralty information credibility 1-6: code, term and the doctrine's definition."""
    return _admiralty("information-credibility")


def reliability_terms() -> list[dict[str, str]]:
    """Admiralty source reliability A-F: code, term and the doctrine's definition."""
    return _admiralty("source-reliability")


def estimate_view(estimate: dict[str, Any]) -> dict[str, Any] | None:
    """An estimate's range in percent with its PHIA reading, or None when it has no range."""
    low, high = estimate.get("low"), estimate.get("high")
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)):
        return None
    return {
        "text": estimate.get("text") or "", "scale": estimate.get("scale") or "",
        "low": low * 100, "high": high * 100, "negated": bool(estimate.get("negated")),
        "range": scales.format_range(low, high), "phia": scales.describe(low, high, "PHIA"),
    }


def story_estimates(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every estimate with a probability range in a story's documents, by date then document."""
    rows = []
    for record in records:
        doc = record.get("document") or {}
        for st in record.get("statements") or []:
            for est in st.get("estimates") or []:
                view = estimate_view(est)
                if view is None:
                    continue
                rows.append({**view, "document": doc.get("id"), "statement": st.get("id"),
                             "publisher": doc.get("publisher"), "published": doc.get("published"),
                             "speaker": (st.get("speaker") or {}).get("name"),
                             "content": (st.get("content") or {}).get("text") or ""})
    return sorted(rows, key=lambda r: (r["published"] or "9999", str(r["document"])))


# --- provenance graph -----------------------------------------------------------------------

NODE_W, NODE_H, COL_GAP, ROW_H = 230, 40, 80, 52
CHAIN_GAP, CHAIN_HEAD = 28, 30


@dataclass
class Node:
    x: float
    y: float
    kind: str  # speaker, source, document
    label: str
    sub: str
    document: str | None = None
    link: str | None = None
    title: str = ""


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    link: str


@dataclass
class ChainBox:
    id: str
    y: float
    height: float
    label: str
    claims: list[str] = field(default_factory=list)
    # Chains carrying the same proposition from different roots: the independent sources.
    independent: int = 1


@dataclass
class Graph:
    width: float
    height: float
    nodes: list[Node]
    edges: list[Edge]
    chains: list[ChainBox]
    hidden: int = 0  # single-document claims left out of the drawing


def _fit(text: str | None, width_px: float, char_px: float = 6.6) -> str:
    """Text cut to fit a node (an SVG text does not wrap)."""
    text = " ".join((text or "").split())
    room = max(4, int(width_px / char_px))
    return text if len(text) <= room else text[: room - 1] + "…"


def _leaves(node: dict[str, Any]) -> int:
    kids = node.get("children") or []
    return sum(_leaves(k) for k in kids) if kids else 1


def _depth(node: dict[str, Any]) -> int:
    kids = node.get("children") or []
    return 1 + max((_depth(k) for k in kids), default=0)


def _count_docs(node: dict[str, Any]) -> int:
    own = 1 if node.get("node") == "document" else 0
    return own + sum(_count_docs(k) for k in node.get("children") or [])


def provenance_graph(story: dict[str, Any], max_chains: int = 12) -> Graph:
    """Lay out the story's provenance trees: speakers left, re-reports to the right.

    One band per chain, each holding the trees of its claims; chains that carry the same
    proposition from different roots (independent corroboration) sit next to each other.
    A chain that never left its first document and has no such sibling is counted in
    ``hidden`` instead of drawn, as are chains beyond ``max_chains``.
    """
    trees = {p["claim"]: p["tree"] for p in story.get("provenance") or []}
    titles = {d["id"]: d.get("title") or d["id"] for d in story.get("documents") or []}
    chains = list(story.get("chains") or [])
    per_prop: dict[str, int] = {}
    for ch in chains:
        per_prop[ch.get("proposition") or ch["id"]] = per_prop.get(
            ch.get("proposition") or ch["id"], 0) + 1
    first_seen = {p: i for i, p in enumerate(dict.fromkeys(
        ch.get("proposition") or ch["id"] for ch in chains))}
    chains.sort(key=lambda ch: first_seen[ch.get("proposition") or ch["id"]])
    nodes: list[Node] = []
    edges: list[Edge] = []
    boxes: list[ChainBox] = []
    hidden = 0
    y = 0.0
    max_depth = 1
    rank: dict[str, int] = {}

    def place(node: dict[str, Any], depth: int, top: float) -> float:
        """Place ``node`` and its subtree from row ``top``; returns its centre y."""
        kids = node.get("children") or []
        centres: list[float] = []
        if kids:
            row = top
            for kid in kids:
                centres.append(place(kid, depth + 1, row))
                row += _leaves(kid) * ROW_H
            cy = (centres[0] + centres[-1]) / 2
        else:
            cy = top + ROW_H / 2
        x = depth * (NODE_W + COL_GAP)
        kind = node.get("node") or "document"
        if kind == "document":
            doc_id = node.get("document")
            label = node.get("publisher") or doc_id or "?"
            sub = " · ".join(p for p in (node.get("published"), node.get("link")) if p)
            title = f"{label}: {titles.get(doc_id, doc_id)}"
        elif kind == "source":
            label, sub, doc_id = f"via {node.get('name')}", "intermediary", None
            title = label
        else:
            label = node.get("name") or "(unattributed)"
            sub = f"said {node['date']}" if node.get("date") else "speaker"
            doc_id, title = None, f"{label} ({sub})"
        nodes.append(Node(x, cy - NODE_H / 2, kind, _fit(label, NODE_W - 16),
                          _fit(sub, NODE_W - 16), doc_id, node.get("link"), title))
        for kid, kid_cy in zip(kids, centres, strict=True):
            edges.append(Edge(x + NODE_W, cy, x + NODE_W + COL_GAP, kid_cy,
                              kid.get("link") or "reports"))
        return cy

    for chain in chains:
        prop = chain.get("proposition") or chain["id"]
        siblings = per_prop[prop]
        claims = [c for c in chain.get("claims") or [] if c in trees]
        drawn = claims if siblings > 1 else [c for c in claims if _count_docs(trees[c]) > 1]
        if not drawn or len(boxes) >= max_chains:
            hidden += 1
            continue
        rank[prop] = rank.get(prop, 0) + 1
        root = chain.get("root") or {}
        label = f"{chain['id']}: {root.get('speaker') or '(own voice)'}"
        label += f" · claim{'s' if len(drawn) != 1 else ''} {', '.join(drawn)}"
        if siblings > 1:
            label += f" · independent chain {rank[prop]} of {siblings} for this claim"
        top = y + CHAIN_HEAD
        for claim in drawn:
            tree = trees[claim]
            max_depth = max(max_depth, _depth(tree))
            place(tree, 0, top)
            top += _leaves(tree) * ROW_H
        boxes.append(ChainBox(chain["id"], y, top - y + 8, label, drawn, siblings))
        y = top + 8 + CHAIN_GAP
    width = max_depth * (NODE_W + COL_GAP) - COL_GAP + 2
    return Graph(width, max(y - CHAIN_GAP, 0), nodes, edges, boxes, hidden)


# --- timeline -------------------------------------------------------------------------------

@dataclass
class Timeline:
    width: float
    height: float
    ticks: list[tuple[float, str]]
    rows: list[dict[str, Any]]
    label_w: float = 220


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


@dataclass
class Event:
    when: date
    label: str
    kind: str  # "root" or "document"
    document: str | None
    sub: str


def timeline(story: dict[str, Any], width: float = 1100, row_h: float = 26,
             label_w: float = 220) -> Timeline | None:
    """Documents (and the root utterance) on a date axis; None when nothing is dated."""
    events: list[Event] = []
    root = story.get("root") or {}
    root_day = _day(root.get("date"))
    if root_day:
        events.append(Event(root_day, root.get("speaker") or "(root)", "root",
                            root.get("document"), "root utterance"))
    for d in story.get("documents") or []:
        when = _day(d.get("published"))
        if when:
            events.append(Event(when, d.get("publisher") or d["id"], "document", d["id"],
                                d.get("title") or ""))
    if not events:
        return None
    events.sort(key=lambda e: (e.when, e.kind != "root"))
    first, last = events[0].when, events[-1].when
    span = max((last - first).days, 1)
    plot = width - label_w - 30

    def x_of(when: date) -> float:
        return label_w + 10 + plot * (when - first).days / span

    step = max(1, span // 8)
    days = [date.fromordinal(first.toordinal() + k) for k in range(0, span + 1, step)]
    ticks = [(x_of(d), d.isoformat()) for d in days]
    rows = [{"x": x_of(e.when), "y": 30 + i * row_h, "date": e.when.isoformat(),
             "label": _fit(e.label, label_w - 12), "kind": e.kind, "document": e.document,
             "sub": e.sub} for i, e in enumerate(events)]
    return Timeline(width, 30 + len(rows) * row_h + 6, ticks, rows, label_w)
