"""What the templates draw: highlighted runs, the provenance layout, the timeline, bands."""

from __future__ import annotations

from claimgraph.web import render
from claimgraph.web.templating import emph, mark, with_query

TEXT = "On Monday the governor claimed that 4,000 men were called up. It is likely true."


def statement(sid, kind, content, speaker=None, cue=None, quantities=(), estimates=()):
    return {"id": sid, "kind": kind, "speaker": {"name": "x", "span": speaker},
            "cue": {"text": "c", "span": cue} if cue else None,
            "content": {"text": "", "spans": [content]},
            "quantities": [{"span": q} for q in quantities],
            "estimates": [{"span": e, "low": 0.55, "high": 0.75, "text": "likely"}
                          for e in estimates]}


def test_highlight_gives_each_character_to_the_shortest_span():
    gov, cue = TEXT.index("the governor"), TEXT.index("claimed")
    that, qty = TEXT.index("that"), TEXT.index("4,000 men")
    end = TEXT.index(".") + 1
    record = {"document": {"text": TEXT}, "statements": [
        statement("s1", "assertion", [0, end]),
        statement("s2", "indirect", [that, end - 1], speaker=[gov, gov + 12], cue=[cue, cue + 7],
                  quantities=[[qty, qty + 9]]),
        statement("s3", "assessment", [end + 1, len(TEXT)], estimates=[[end + 7, end + 13]]),
    ]}
    runs = render.highlight(record)
    assert "".join(p.text for r in runs for p in r.pieces) == TEXT
    owners = [(r.statement, r.role, "".join(p.text for p in r.pieces)) for r in runs]
    assert ("s2", "speaker", "the governor") in owners
    assert ("s2", "cue", "claimed") in owners
    assert ("s1", "content", "On Monday ") in owners
    s2 = next(r for r in runs if r.statement == "s2" and r.role == "content")
    assert [p.text for p in s2.pieces if p.cls == "q"] == ["4,000 men"]
    s3 = next(r for r in runs if r.statement == "s3")
    assert [p.text for p in s3.pieces if p.cls == "e"] == ["likely"]
    # One anchor per statement, on its first content run; every content run has a tooltip.
    anchors = [r.statement for r in runs if r.anchor]
    assert sorted(anchors) == ["s1", "s2", "s3"]
    tips = [r.tip for r in runs if r.role == "content"]
    assert all(tips) and len(set(tips)) == len(tips)


def test_highlight_ignores_spans_outside_the_text():
    record = {"document": {"text": "short"}, "statements": [
        statement("s1", "direct", [2, 400]), statement("s2", "direct", "bad")]}
    runs = render.highlight(record)
    assert "".join(p.text for r in runs for p in r.pieces) == "short"


def tree(speaker, *docs):
    """speaker -> first doc -> the rest (each a child of the first)."""
    first, *rest = docs
    return {"node": "speaker", "name": speaker, "date": "2024-03-03", "children": [
        {"node": "document", "document": first, "publisher": first.upper(), "link": "reports",
         "published": "2024-03-05", "children": [
             {"node": "document", "document": d, "publisher": d.upper(), "link": "cites",
              "published": "2024-03-06", "children": []} for d in rest]}]}


def test_provenance_graph_keeps_chains_apart_and_roots_left():
    story = {
        "documents": [{"id": d, "title": d} for d in "abcde"],
        "provenance": [{"claim": "c1", "tree": tree("Sorin", "a", "b", "c")},
                       {"claim": "c2", "tree": tree("Ministry", "d", "e")},
                       {"claim": "c3", "tree": tree("Lone", "a")}],
        "chains": [{"id": "ch1", "claims": ["c1"], "root": {"speaker": "Sorin"},
                    "proposition": "p1"},
                   {"id": "ch2", "claims": ["c2"], "root": {"speaker": "Ministry"},
                    "proposition": "p2"},
                   {"id": "ch3", "claims": ["c3"], "root": {"speaker": "Lone"},
                    "proposition": "p3"}],
    }
    graph = render.provenance_graph(story)
    assert [c.id for c in graph.chains] == ["ch1", "ch2"] and graph.hidden == 1
    first, second = graph.chains
    assert first.y + first.height < second.y  # bands do not overlap
    speakers = [n for n in graph.nodes if n.kind == "speaker"]
    assert {n.label for n in speakers} == {"Sorin", "Ministry"}
    assert all(n.x == 0 for n in speakers)
    docs = {n.document: n for n in graph.nodes if n.kind == "document"}
    assert docs["b"].x > docs["a"].x > 0 and docs["b"].x == docs["c"].x
    # Every node sits inside its chain's band.
    for node in graph.nodes:
        band = first if node.document in ("a", "b", "c") or node.label == "Sorin" else second
        assert band.y <= node.y and node.y + render.NODE_H <= band.y + band.height
    assert len(graph.edges) == 3 + 2
    assert {e.link for e in graph.edges} == {"reports", "cites"}


def test_independent_chains_of_one_claim_are_drawn_side_by_side():
    story = {
        "documents": [{"id": d} for d in "abcd"],
        "provenance": [{"claim": "c1", "tree": tree("Sorin", "a", "b")},
                       {"claim": "c2", "tree": tree("Ministry", "c", "d")},
                       {"claim": "c3", "tree": tree("Local media", "d")}],
        "chains": [{"id": "ch1", "claims": ["c1"], "proposition": "p1", "root": {}},
                   {"id": "ch2", "claims": ["c2"], "proposition": "p2", "root": {}},
                   {"id": "ch3", "claims": ["c3"], "proposition": "p1", "root": {}}],
    }
    graph = render.provenance_graph(story)
    # ch3 stays in one document, but it is a second, independent source for p1's claim.
    assert [c.id for c in graph.chains] == ["ch1", "ch3", "ch2"]
    assert [c.independent for c in graph.chains] == [2, 2, 1]
    assert "independent chain 2 of 2" in graph.chains[1].label
    assert graph.hidden == 0


def test_timeline_orders_events_on_a_date_axis():
    story = {"root": {"speaker": "Sorin", "date": "2024-03-03", "document": "a"},
             "documents": [{"id": "b", "publisher": "B", "published": "2024-03-06"},
                           {"id": "a", "publisher": "A", "published": "2024-03-05"},
                           {"id": "u", "publisher": "U", "published": None}]}
    line = render.timeline(story)
    assert line is not None
    assert [r["document"] for r in line.rows] == ["a", "a", "b"]
    assert line.rows[0]["kind"] == "root"
    xs = [r["x"] for r in line.rows]
    assert xs == sorted(xs) and xs[0] < xs[1] < xs[2]
    assert render.timeline({"documents": [{"id": "u"}]}) is None


def test_estimate_view_reads_the_phia_band():
    view = render.estimate_view({"text": "highly likely", "low": 0.8, "high": 0.9})
    assert view is not None
    assert (view["low"], view["high"], view["range"]) == (80, 90, "80-90%")
    assert view["phia"] == "highly likely (80-90%)"
    assert render.estimate_view({"text": "moderate confidence", "low": None, "high": None}) is None
    terms = [b.term for b in render.yardstick()]
    assert terms[0] == "remote chance" and "realistic possibility" in terms


def test_template_helpers():
    assert mark("abcdef", [[1, 3]]) == [("a", False), ("bc", True), ("def", False)]
    assert mark("abc", [[2, 9]]) == [("abc", False)]  # out of range: ignored
    assert emph("it was highly likely", "highly likely") == [("it was ", False),
                                                             ("highly likely", True)]
    assert emph("text", "gone") == [("text", False), (" [gone]", True)]
    assert with_query("/search", q="a b", kind=None, offset=0) == "/search?q=a+b"
