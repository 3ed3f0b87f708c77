"""Analysts' corrections applied to a story's records before its claims are built.

``reject``, ``speaker``, ``cue`` and ``via`` change the statement in a copy of its record
(the stored record is never touched); ``merge`` and ``split`` become :class:`ClaimEdit`
steps that :func:`claimgraph.link.claims.build_claims` takes after it has grouped the
statements. A correction finds its statement by id when the statement still reads as it
did when it was corrected, else by that content (the text, then the span it covered),
so a new extraction that renumbers a document's statements keeps its corrections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Correction, StatementRef
from .speakers import as_span

Ref = tuple[str, str]  # (document id, statement id)
MIN_OVERLAP = 0.5  # share of the shorter content span two readings of a statement must share


@dataclass(frozen=True)
class ClaimEdit:
    """``merge``: the claims holding ``first`` and ``second`` become one; ``split``: ``first``
    leaves its claim for one of its own."""

    action: str
    first: Ref
    second: Ref | None = None


@dataclass
class Corrected:
    """Records with the statement corrections applied, the claim edits to make, and for
    each correction id whether its statements were found in these records."""

    records: list[dict[str, Any]]
    edits: list[ClaimEdit] = field(default_factory=list)
    applied: dict[str, bool] = field(default_factory=dict)


def _content(st: dict[str, Any]) -> tuple[str | None, tuple[int, int] | None]:
    content = st.get("content") or {}
    spans = [s for s in (as_span(x) for x in content.get("spans") or []) if s]
    return content.get("text"), (spans[0][0], spans[-1][1]) if spans else None


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    if a is None or b is None:
        return 0.0
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shortest = max(1, min(a[1] - a[0], b[1] - b[0]))
    return max(0, shared) / shortest


def locate(record: dict[str, Any], ref: StatementRef) -> str | None:
    """The id of the statement of ``record`` that ``ref`` names, or None when it is gone.

    The same id reading the same content wins; then a statement with that content (the
    one nearest the old span); then the statement whose content covers most of the old
    span, at least half of the shorter of the two."""
    statements = [st for st in record.get("statements") or [] if isinstance(st, dict)]
    same_id = next((st for st in statements if st.get("id") == ref.statement), None)
    if ref.text is None and ref.span is None:
        return ref.statement if same_id is not None else None
    if same_id is not None and _content(same_id)[0] == ref.text:
        return ref.statement
    same_text = [st for st in statements if ref.text is not None and _content(st)[0] == ref.text]
    if same_text:
        best = max(same_text, key=lambda st: _overlap(_content(st)[1], ref.span))
        return str(best.get("id"))
    scored = [(_overlap(_content(st)[1], ref.span), st.get("id") == ref.statement, st)
              for st in statements]
    scored = [s for s in scored if s[0] >= MIN_OVERLAP]
    if not scored:
        return None
    return str(max(scored, key=lambda s: (s[0], s[1]))[2].get("id"))


def _edited(st: dict[str, Any], correction: Correction) -> dict[str, Any]:
    """A copy of ``st`` with the corrected field."""
    out = dict(st)
    after = correction.after
    if correction.action == "speaker":
        old = st.get("speaker") or {}
        # The extracted entity would bring its names back: the analyst's name stands alone.
        out["speaker"] = {"name": after, "entity": None, "text": old.get("text"),
                          "span": old.get("span")}
    elif correction.action == "cue":
        old = st.get("cue") or {}
        out["cue"] = {**(after or {}), "span": old.get("span")}
    elif correction.action == "via":
        out["via"] = list(after or [])
    return out


def correct_records(records: list[dict[str, Any]],
                    corrections: Sequence[Correction]) -> Corrected:
    """``records`` with ``corrections`` applied in the order given (undone ones skipped).

    Records a correction does not touch are passed through as they are; a touched record is
    a shallow copy with a new statements list. A correction whose document is not among
    ``records`` is left out of ``applied``; one whose statement is gone is ``False``.
    """
    by_doc: dict[str, int] = {str((r.get("document") or {}).get("id")): i
                              for i, r in enumerate(records)}
    out = list(records)
    copied: set[int] = set()
    result = Corrected(out)

    def found(ref: StatementRef) -> tuple[int, str] | None:
        i = by_doc.get(ref.document)
        if i is None:
            return None
        sid = locate(out[i], ref)
        return (i, sid) if sid is not None else None

    for correction in corrections:
        if not correction.active:
            continue
        here = [r for r in (correction.target, correction.other) if r is not None
                and r.document in by_doc]
        if not here:
            continue  # about documents of another story
        target = found(correction.target)
        if correction.action == "merge":
            second = correction.other
            other = found(second) if second is not None else None
            result.applied[correction.id] = target is not None and other is not None
            if target is not None and other is not None and second is not None:
                result.edits.append(ClaimEdit("merge", (correction.target.document, target[1]),
                                              (second.document, other[1])))
            continue
        result.applied[correction.id] = target is not None
        if target is None:
            continue
        i, sid = target
        if correction.action == "split":
            result.edits.append(ClaimEdit("split", (correction.target.document, sid)))
            continue
        if i not in copied:
            out[i] = {**out[i], "statements": list(out[i].get("statements") or [])}
            copied.add(i)
        statements = out[i]["statements"]
        at = next(k for k, st in enumerate(statements) if st.get("id") == sid)
        if correction.action == "reject":
            # kept aside: its words are no sentence of the outlet's own voice either
            out[i]["rejected"] = [*(out[i].get("rejected") or []), statements.pop(at)]
        else:
            statements[at] = _edited(statements[at], correction)
    return result
