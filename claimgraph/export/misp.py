"""A story as a MISP event, built with PyMISP, in MISP's JSON form (``{"Event": {...}}``).

What goes in, all as MISP objects from PyMISP's bundled templates:

- ``news-media`` per document: source (the publisher), title, link (its URL), first seen
  at its publication date;
- ``annotation`` per statement: text (the content), type (``statement: indirect``...),
  creation date (when it was said, else published), ref (the document's URL); the
  comment reads who said it how, through whom, where. References: ``included-in`` its
  document, ``derived-from`` the statement it re-reports (the comment names the link and
  any drift made at that hop);
- ``annotation`` per claim (type ``claim``), with ``includes`` references to its
  statements.

Tags on the text attributes: ``estimative-language:likelihood-probability`` for every
estimate with a probability range (by the band holding its midpoint) and
``estimative-language:confidence-in-analytic-judgment`` when a confidence was stated; a
claim carries its root statement's. Admiralty grades are not in extraction records, so
``grades`` (source name -> grade such as ``B2``, ``B`` or ``2``) adds ``admiralty-scale``
tags to the statements of that speaker (else of that publisher), and its source
reliability to the publisher's ``source`` attribute.

UUIDs are UUIDv5 over claimgraph's ids and every date comes from the data, so exporting
unchanged data twice gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pymisp import MISPAttribute, MISPEvent, MISPObject

from .. import scales
from .errors import ExportError
from .story import (
    UNDATED,
    Said,
    hops,
    ref_label,
    stable_uuid,
    statements,
    story_dates,
    summary,
    timestamp,
)

THREAT_LEVEL_UNDEFINED = 4


def check_grades(grades: Mapping[str, str]) -> dict[str, list[str]]:
    """Casefolded source name -> its admiralty-scale tags; ExportError for a bad grade."""
    out = {}
    for name, grade in grades.items():
        if not isinstance(name, str) or not isinstance(grade, str):
            raise ExportError("grades map source names to grades such as \"B2\"")
        try:
            out[" ".join(name.split()).casefold()] = scales.admiralty_tags(grade)
        except ValueError as exc:
            raise ExportError(f"grade of {name!r}: {exc}") from None
    return out


def _estimate_tags(said: Said | None) -> list[str]:
    tags: list[str] = []
    for est in (said.statement.get("estimates") or []) if said else []:
        low, high = est.get("low"), est.get("high")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)):
            tag = scales.misp_tag(low, high)
            if tag:
                tags.append(tag)
        if est.get("confidence"):
            try:
                tags.append(scales.misp_confidence_tag(str(est["confidence"])))
            except KeyError:
                pass  # a confidence word outside low/moderate/high has no machine tag
    return list(dict.fromkeys(tags))


def _key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


class _Builder:
    def __init__(self, detail: dict[str, Any], records: list[dict[str, Any]],
                 grades: dict[str, list[str]]) -> None:
        self.story_id = str(detail.get("id"))
        self.detail = detail
        self.records = records
        self.grades = grades
        self.said = statements(records)
        self.event = MISPEvent()
        self.statement_objects: dict[tuple[str, str], MISPObject] = {}

    def obj(self, template: str, kind: str, *ids: str) -> MISPObject:
        made = MISPObject(template, standalone=False)
        made.uuid = stable_uuid(kind, *ids)
        return made

    def attribute(self, made: MISPObject, relation: str, value: Any) -> MISPAttribute:
        """One attribute of ``made``; every caller passes a non-empty value."""
        attr = made.add_attribute(relation, value=value,
                                  uuid=stable_uuid("attribute", made.uuid, relation))
        assert attr is not None, relation  # PyMISP drops empty values
        return attr

    def reference(self, made: MISPObject, target: str, relationship: str, comment: str) -> None:
        ref = made.add_reference(target, relationship, comment=comment)
        ref.uuid = stable_uuid("reference", made.uuid, target, relationship)

    def document(self, record: dict[str, Any]) -> MISPObject:
        doc = record.get("document") or {}
        doc_id = str(doc.get("id"))
        made = self.obj("news-media", "document", doc_id)
        made.comment = f"claimgraph document {doc_id}"
        source = self.attribute(made, "source", doc.get("publisher") or "(unknown outlet)")
        for tag in self.grades.get(_key(doc.get("publisher")), []):
            if ":source-reliability=" in tag:  # credibility grades information, not outlets
                source.add_tag(tag)
        if doc.get("title"):
            self.attribute(made, "title", doc["title"])
        if doc.get("url"):
            self.attribute(made, "link", doc["url"])
        published = timestamp(doc.get("published"))
        if published:
            made.first_seen = published
        self.event.add_object(made)
        for st in record.get("statements") or []:
            self.statement(Said(doc, st), made)
        return made

    def statement(self, said: Said, document: MISPObject) -> None:
        st = said.statement
        made = self.obj("annotation", "statement", *said.ref)
        made.comment = f"{summary(said)} [{ref_label(said.ref)}]"
        text = self.attribute(made, "text", said.content or "(no content)")
        graded = self.grades.get(_key(said.speaker)) \
            or self.grades.get(_key(said.document.get("publisher"))) or []
        for tag in [*_estimate_tags(said), *graded]:
            text.add_tag(tag)
        self.attribute(made, "type", f"statement: {st.get('kind') or 'unknown'}")
        self.attribute(made, "format", "text")
        when = timestamp(st.get("said_on")) or timestamp(said.document.get("published"))
        if when:
            self.attribute(made, "creation-date", when)
        if said.document.get("url"):
            self.attribute(made, "ref", said.document["url"])
        self.reference(made, document.uuid, "included-in", "the document it is in")
        self.event.add_object(made)
        self.statement_objects[said.ref] = made

    def claim(self, claim: dict[str, Any]) -> None:
        members = [self.statement_objects.get((r["document"], r["statement"]))
                   for r in claim.get("statements") or []]
        if not any(members):
            return
        made = self.obj("annotation", "claim", self.story_id, claim["id"])
        root = claim.get("root") or {}
        made.comment = (f"claim {claim['id']}: {claim.get('speaker') or '(own voice)'}; "
                        f"{len(claim.get('documents') or [])} document(s), "
                        f"{claim.get('independent_chains', 1)} independent chain(s); root "
                        f"{root.get('document')}#{root.get('statement')}")
        text = self.attribute(made, "text", claim.get("text") or claim["id"])
        root_said = self.said.get((str(root.get("document")), str(root.get("statement"))))
        for tag in _estimate_tags(root_said):
            text.add_tag(tag)
        self.attribute(made, "type", "claim")
        self.attribute(made, "format", "text")
        first = timestamp(claim.get("first_seen"))
        if first:
            self.attribute(made, "creation-date", first)
        for member in members:
            if member is not None:
                self.reference(made, member.uuid, "includes", "a statement of this claim")
        self.event.add_object(made)

    def provenance(self) -> None:
        for hop in hops(self.detail, self.said):
            child = self.statement_objects.get(hop.statement)
            parent = self.statement_objects.get(hop.parent)
            if child is None or parent is None:
                continue
            changes = "; ".join(
                f"{f['kind']}: {(f.get('before') or {}).get('text')!r} -> "
                f"{(f.get('after') or {}).get('text')!r}" for f in hop.drift)
            self.reference(child, parent.uuid, "derived-from",
                           f"{hop.link}, claim {hop.claim}" + (f"; {changes}" if changes else ""))

    def build(self) -> MISPEvent:
        dates = story_dates(self.records)
        self.event.uuid = stable_uuid("misp-event", self.story_id)
        self.event.info = f"claimgraph story {self.story_id}: " \
                          f"{self.detail.get('title') or '(untitled)'}"
        self.event.threat_level_id = THREAT_LEVEL_UNDEFINED
        self.event.set_date((dates[0] if dates else UNDATED).date())
        for record in self.records:
            self.document(record)
        for claim in self.detail.get("claims") or []:
            self.claim(claim)
        self.provenance()
        return self.event


def story_event(detail: dict[str, Any], records: list[dict[str, Any]],
                grades: Mapping[str, str] | None = None) -> MISPEvent:
    """The MISP event of one story (its detail and the records it was built from)."""
    return _Builder(detail, records, check_grades(grades or {})).build()


def event_json(detail: dict[str, Any], records: list[dict[str, Any]],
               grades: Mapping[str, str] | None = None) -> str:
    """The event as MISP's JSON export writes it: ``{"Event": {...}}``, pretty-printed."""
    event = json.loads(story_event(detail, records, grades).to_json())
    return json.dumps({"Event": event}, indent=2, ensure_ascii=False)
