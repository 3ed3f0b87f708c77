"""The assessment ledger in the store: add, read, list and resolve key judgements.

An assessment's id is ``a`` and its row key (``a12``). Evidence is checked against the
stories the store holds when an assessment is added: each cited claim must be a claim of
its story as the linker builds it now, and the claim's root statement and wording are
kept with the reference. Outcomes are written once; resolving again with the same
outcome changes nothing, with another is refused.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select

from ..model import Assessment, Evidence, LintWarning
from .errors import AlreadyResolved, AssessmentNotFound, EvidenceNotFound, StoryNotFound
from .pagination import Page, check_limit, decode_cursor, encode_cursor
from .repository import Store
from .schema import assessment_evidence, assessments

ID_PATTERN = re.compile(r"a(\d{1,18})")


def assessment_id(pk: int) -> str:
    return f"a{pk}"


def parse_id(value: str) -> int:
    """'a12' -> 12; AssessmentNotFound for anything that is not an assessment id."""
    m = ID_PATTERN.fullmatch(value.strip())
    if m is None:
        raise AssessmentNotFound(
            f"{value!r} is not an assessment id (they look like a12); "
            "list them with: claimgraph assess list --db DB")
    return int(m.group(1))


def check_evidence(store: Store, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with each claim's root statement and text filled in.

    Raises EvidenceNotFound for a story the store lacks or a claim its story does not have.
    """
    built: dict[str, dict[str, Any]] = {}
    out = []
    for item in evidence:
        if item.story not in built:
            try:
                built[item.story] = store.story(item.story)
            except StoryNotFound:
                raise EvidenceNotFound(
                    f"evidence {item.ref}: no story {item.story!r} in {store.target.label}; "
                    "list stories with: claimgraph stories --db DB") from None
        claims = built[item.story].get("claims") or []
        claim = next((c for c in claims if c.get("id") == item.claim), None)
        if claim is None:
            have = ", ".join(c["id"] for c in claims) or "none"
            raise EvidenceNotFound(
                f"evidence {item.ref}: story {item.story} has no claim {item.claim} "
                f"(its claims: {have})")
        root = claim.get("root") or {}
        out.append(Evidence(story=item.story, claim=item.claim, document=root.get("document"),
                            statement=root.get("statement"), text=claim.get("text")))
    return out


def add(store: Store, assessment: Assessment) -> Assessment:
    """Store ``assessment`` (its evidence checked first); returns it with its id."""
    evidence = check_evidence(store, assessment.evidence)
    with store.write() as conn:
        result = conn.execute(assessments.insert().values(
            text=assessment.text, term=assessment.term, scale=assessment.scale,
            low=assessment.low, high=assessment.high, probability=assessment.probability,
            confidence=assessment.confidence, author=assessment.author,
            created=assessment.created, resolves_by=assessment.resolves_by,
            outcome=None if assessment.outcome is None else int(assessment.outcome),
            resolved_on=assessment.resolved_on,
            warnings=json.dumps([_warning_dict(w) for w in assessment.warnings],
                                ensure_ascii=False),
        ))
        key = result.inserted_primary_key
        assert key is not None
        pk = int(key[0])
        if evidence:
            conn.execute(assessment_evidence.insert(), [
                {"assessment_pk": pk, "ordinal": i, "story_id": e.story, "claim_id": e.claim,
                 "doc_id": e.document, "statement_id": e.statement, "claim_text": e.text}
                for i, e in enumerate(evidence)])
    return get(store, assessment_id(pk))


def get(store: Store, ident: str) -> Assessment:
    """The assessment with id ``ident`` ('a12'); AssessmentNotFound if there is none."""
    pk = parse_id(ident)
    with store.read() as conn:
        row = conn.execute(select(assessments).where(assessments.c.pk == pk)).mappings().first()
        if row is None:
            raise AssessmentNotFound(f"no assessment {ident!r}; list them with: "
                                     "claimgraph assess list --db DB")
        return _assessments(conn, [row])[0]


def listing(store: Store, *, limit: int = 50, cursor: str | None = None,
            resolved: bool | None = None, author: str | None = None) -> Page:
    """Assessments, newest first; items are ``Assessment.to_dict()``.

    ``resolved`` keeps only resolved (True) or open (False) ones; ``author`` one author.
    """
    check_limit(limit)
    a = assessments
    conds: list[ColumnElement[bool]] = []
    if resolved is not None:
        conds.append(a.c.outcome.is_not(None) if resolved else a.c.outcome.is_(None))
    if author:
        conds.append(a.c.author == author)
    with store.read() as conn:
        total = conn.execute(select(func.count()).select_from(a)
                             .where(and_(True, *conds))).scalar_one()
        if cursor:
            conds.append(a.c.pk < decode_cursor(cursor, (int,))[0])
        rows = conn.execute(select(a).where(and_(True, *conds)).order_by(a.c.pk.desc())
                            .limit(limit + 1)).mappings().all()
        items = _assessments(conn, list(rows[:limit]))
    nxt = encode_cursor([rows[limit - 1]["pk"]]) if len(rows) > limit else None
    return Page([x.to_dict() for x in items], nxt, total)


def resolved(store: Store) -> list[Assessment]:
    """Every resolved assessment, oldest first: what calibration is computed over."""
    with store.read() as conn:
        rows = conn.execute(select(assessments).where(assessments.c.outcome.is_not(None))
                            .order_by(assessments.c.pk)).mappings().all()
        return _assessments(conn, list(rows))


def counts(store: Store) -> dict[str, int]:
    """How many assessments there are, and how many are resolved."""
    with store.read() as conn:
        return _counts(conn)


def version(conn: Connection) -> str:
    """Changes whenever an assessment is added or resolved (rows are never deleted)."""
    c = _counts(conn)
    return f"{c['assessments']}.{c['resolved']}"


def resolve(store: Store, ident: str, outcome: bool, on: str) -> Assessment:
    """Record ``outcome`` on date ``on`` (YYYY-MM-DD).

    The same outcome again changes nothing; a different one raises AlreadyResolved.
    """
    pk = parse_id(ident)
    with store.write() as conn:
        row = conn.execute(select(assessments.c.outcome, assessments.c.resolved_on)
                           .where(assessments.c.pk == pk)).first()
        if row is None:
            raise AssessmentNotFound(f"no assessment {ident!r}; list them with: "
                                     "claimgraph assess list --db DB")
        if row.outcome is not None and bool(row.outcome) != outcome:
            raise AlreadyResolved(
                f"{ident} was resolved {'true' if row.outcome else 'false'} on "
                f"{row.resolved_on}; an outcome is recorded once")
        if row.outcome is None:
            conn.execute(assessments.update().where(assessments.c.pk == pk)
                         .values(outcome=int(outcome), resolved_on=on))
    return get(store, ident)


# --- rows to values -----------------------------------------------------------------------

def _counts(conn: Connection) -> dict[str, int]:
    total, done = conn.execute(select(func.count(), func.count(assessments.c.outcome))).one()
    return {"assessments": int(total), "resolved": int(done)}


def _warning_dict(w: LintWarning) -> dict[str, Any]:
    return {"code": w.code, "message": w.message, "span": list(w.span), "text": w.text}


def _assessments(conn: Connection, rows: list[Any]) -> list[Assessment]:
    evidence: dict[int, list[Evidence]] = {r["pk"]: [] for r in rows}
    if evidence:
        e = assessment_evidence
        for r in conn.execute(select(e).where(e.c.assessment_pk.in_(list(evidence)))
                              .order_by(e.c.assessment_pk, e.c.ordinal)).mappings():
            evidence[r["assessment_pk"]].append(Evidence(
                story=r["story_id"], claim=r["claim_id"], document=r["doc_id"],
                statement=r["statement_id"], text=r["claim_text"]))
    out = []
    for r in rows:
        out.append(Assessment(
            id=assessment_id(r["pk"]), text=r["text"], term=r["term"], scale=r["scale"],
            low=r["low"], high=r["high"], probability=r["probability"],
            confidence=r["confidence"], evidence=evidence[r["pk"]], author=r["author"],
            created=r["created"], resolves_by=r["resolves_by"],
            outcome=None if r["outcome"] is None else bool(r["outcome"]),
            resolved_on=r["resolved_on"],
            warnings=[LintWarning(w["code"], w["message"], (w["span"][0], w["span"][1]),
                                  w.get("text", "")) for w in json.loads(r["warnings"])]))
    return out
