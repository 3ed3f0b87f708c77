"""A story as a STIX 2.1 bundle, built with the ``stix2`` library.

What goes in:

- ``identity`` for claimgraph itself (a system), each publisher (an organization) and each
  speaker and relaying source (individual, organization or group from the entity type the
  extraction gave it, else unknown);
- ``report`` per document (by its publisher, with its URL), whose ``object_refs`` are its
  statements, and one ``report`` for the story that refers to everything in the bundle;
- ``note`` per statement: the content, a readable abstract (speaker, cue, date, via chain,
  outlet), ``object_refs`` to the speaker, the relaying sources and the document, and
  ``confidence`` from the statement's first estimate with a probability range, through
  the STIX 2.1 DNI scale (``data/scales/stix.json``);
- ``grouping`` per claim (the statements that say the same thing, across documents);
- ``relationship`` ``derived-from`` from each re-reporting statement to the statement it
  re-reports, carrying the drift found at that hop.

claimgraph's own fields are top-level ``x_claimgraph_*`` properties declared by an
``extension-definition`` (a ``toplevel-property-extension``), as STIX 2.1 asks of custom
properties. Ids are UUIDv5 over claimgraph's ids and every timestamp comes from the data
(publication dates), so exporting unchanged data twice gives the same bytes. Undated
documents take the story's earliest date, and a story with no dates at all takes
:data:`UNDATED`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import stix2

from .. import scales
from .story import (
    UNDATED,
    Hop,
    Said,
    estimate_view,
    hops,
    probability,
    quantity_view,
    ref_label,
    relay_chain,
    stable_uuid,
    statements,
    story_dates,
    summary,
    timestamp,
)

# claimgraph's identity and its extension definition. Change PROPERTIES only with a new
# EXTENSION_VERSION and EXTENSION_CREATED: one id must always mean one content.
EXTENSION_CREATED = datetime(2025, 1, 1, tzinfo=UTC)
EXTENSION_VERSION = "1.0.0"
TOPLEVEL = "toplevel-property-extension"

# Every top-level property claimgraph adds, with what it holds (the extension's schema text).
PROPERTIES = {
    "x_claimgraph_story": "report: the claimgraph story id",
    "x_claimgraph_document": "report: the document id (sha256 of its text, or the id it "
                             "was ingested with)",
    "x_claimgraph_statement": "note: the statement, as document#statement",
    "x_claimgraph_kind": "note: direct, mixed, indirect, assessment or assertion",
    "x_claimgraph_speaker": "note: the speaker's name as the document gives it",
    "x_claimgraph_cue": "note: the cue {text, lemma, stance (neutral, distancing, endorsing)}",
    "x_claimgraph_said_on": "note: the date of the utterance (YYYY-MM-DD)",
    "x_claimgraph_via": "note: the sources between the publisher and the speaker, outermost "
                        "first",
    "x_claimgraph_relay": "note: publisher > via ... > speaker, readable",
    "x_claimgraph_estimates": "note: estimates {text, scale, low, high, negated, confidence, "
                              "phia, misp, stix_confidence}; low/high are probabilities 0-1",
    "x_claimgraph_quantities": "note: quantities {text, value, low, high, unit, approx}",
    "x_claimgraph_claim": "grouping, relationship: the claim id within the story",
    "x_claimgraph_first_seen": "grouping: the earliest publication date of the claim",
    "x_claimgraph_independent_chains": "grouping, report: independent chains of sources "
                                       "carrying the claim (re-reports of one root count once)",
    "x_claimgraph_root": "grouping: the root statement, as document#statement",
    "x_claimgraph_link": "relationship: how the document re-reports its parent: cites, copy "
                         "or unattributed",
    "x_claimgraph_drift": "relationship: changes made at this hop {kind, before, after, "
                          "detail}, kinds as in claimgraph story --json",
}

ENTITY_CLASSES = {"PERSON": "individual", "ORG": "organization", "GPE": "organization",
                  "NORP": "group"}


def identity_classes(records: list[dict[str, Any]]) -> dict[str, str]:
    """Casefolded name -> STIX identity class: publishers are organizations; a speaker takes
    the class of the entity it was resolved to (person, organization, group); the first
    known class of a name wins, and names never classed are 'unknown'."""
    classes: dict[str, str] = {}
    for record in records:
        publisher = (record.get("document") or {}).get("publisher")
        if publisher:
            classes.setdefault(" ".join(publisher.split()).casefold(), "organization")
    for record in records:
        types = {str(e.get("id")): str(e.get("type")) for e in record.get("entities") or []}
        for st in record.get("statements") or []:
            speaker = st.get("speaker") or {}
            known = ENTITY_CLASSES.get(types.get(str(speaker.get("entity")), ""))
            if speaker.get("name") and known:
                classes.setdefault(" ".join(speaker["name"].split()).casefold(), known)
    return classes


class _Builder:
    """Collects the objects of one bundle, each id made once."""

    def __init__(self, detail: dict[str, Any], records: list[dict[str, Any]]) -> None:
        self.detail = detail
        self.records = records
        self.story_id = str(detail.get("id"))
        dates = story_dates(records)
        self.first = dates[0] if dates else UNDATED
        self.last = dates[-1] if dates else UNDATED
        self.objects: dict[str, Any] = {}
        self.said = statements(records)
        self.classes = identity_classes(records)
        self.me = stix2.Identity(
            id=f"identity--{stable_uuid('claimgraph')}", name="claimgraph",
            identity_class="system", description="Attributed claims from news reports",
            created=EXTENSION_CREATED, modified=EXTENSION_CREATED)
        self.extension = stix2.ExtensionDefinition(
            id=f"extension-definition--{stable_uuid('extension', EXTENSION_VERSION)}",
            created_by_ref=self.me.id, created=EXTENSION_CREATED, modified=EXTENSION_CREATED,
            name="claimgraph attributed claims",
            description="claimgraph's fields on reports, notes, groupings and relationships: "
                        "who said what, through whom, how sure, and how re-reports changed it",
            schema="; ".join(f"{k}: {v}" for k, v in PROPERTIES.items()),
            version=EXTENSION_VERSION, extension_types=[TOPLEVEL],
            extension_properties=list(PROPERTIES))
        self.add(self.me)
        self.add(self.extension)

    def add(self, obj: Any) -> Any:
        self.objects.setdefault(obj.id, obj)
        return self.objects[obj.id]

    def custom(self, **props: Any) -> dict[str, Any]:
        """Keyword arguments adding claimgraph's properties (empty ones left out)."""
        kept = {f"x_claimgraph_{k}": v for k, v in props.items() if v not in (None, [], {}, "")}
        unknown = set(kept) - set(PROPERTIES)
        assert not unknown, f"undeclared properties {unknown}"  # the extension lists them all
        return {"extensions": {self.extension.id: {"extension_type": TOPLEVEL}},
                "allow_custom": True, **kept}

    def date_of(self, value: str | None) -> datetime:
        return timestamp(value) or self.first

    # --- identities -------------------------------------------------------------------------

    def identity(self, name: str) -> str:
        """The id of the identity named ``name``: one per name in a story, and the same name
        and class give the same object in every story."""
        key = " ".join(name.split())
        identity_class = self.classes.get(key.casefold(), "unknown")
        ident = f"identity--{stable_uuid('identity', identity_class, key.casefold())}"
        if ident not in self.objects:
            self.add(stix2.Identity(id=ident, name=key, identity_class=identity_class,
                                    created=EXTENSION_CREATED, modified=EXTENSION_CREATED))
        return ident


    # --- documents and statements ----------------------------------------------------------

    def document_report(self, record: dict[str, Any]) -> str:
        doc = record.get("document") or {}
        doc_id = str(doc.get("id"))
        report_id = f"report--{stable_uuid('document', doc_id)}"
        publisher = self.identity(doc["publisher"]) if doc.get("publisher") else None
        notes = [self.note(Said(doc, st), report_id) for st in record.get("statements") or []]
        reference: dict[str, Any] = {"source_name": doc.get("publisher") or "claimgraph",
                                     "external_id": doc_id}
        if doc.get("url"):
            reference["url"] = doc["url"]
        when = self.date_of(doc.get("published"))
        self.add(stix2.Report(
            id=report_id, name=doc.get("title") or doc_id, published=when, created=when,
            modified=when, created_by_ref=publisher, external_references=[reference],
            object_refs=notes or [publisher or self.me.id], lang=doc.get("language") or None,
            **self.custom(document=doc_id)))
        return report_id

    def note(self, said: Said, report_id: str) -> str:
        st = said.statement
        refs = [self.identity(name) for name in (said.speaker, *said.via) if name]
        refs.append(report_id)
        cue = {k: v for k, v in (st.get("cue") or {}).items()
               if k in ("text", "lemma", "stance") and v}
        band = probability(said)
        when = self.date_of(said.document.get("published"))
        note = stix2.Note(
            id=f"note--{stable_uuid('statement', *said.ref)}", created=when, modified=when,
            created_by_ref=self.me.id, content=said.content or "(no content)",
            abstract=summary(said), object_refs=list(dict.fromkeys(refs)),
            confidence=scales.stix_confidence(*band) if band else None,
            **self.custom(statement=ref_label(said.ref), kind=st.get("kind"),
                          speaker=said.speaker, cue=cue, said_on=st.get("said_on"),
                          via=said.via, relay=relay_chain(said),
                          estimates=[estimate_view(e) for e in st.get("estimates") or []],
                          quantities=[quantity_view(q) for q in st.get("quantities") or []]))
        return str(self.add(note).id)

    # --- claims and provenance -------------------------------------------------------------

    def note_id(self, doc_id: str, sid: str) -> str:
        return f"note--{stable_uuid('statement', doc_id, sid)}"

    def claim(self, claim: dict[str, Any]) -> None:
        refs = [self.note_id(r["document"], r["statement"]) for r in claim.get("statements") or []]
        refs = [r for r in refs if r in self.objects]
        if not refs:
            return
        root = claim.get("root") or {}
        self.add(stix2.Grouping(
            id=f"grouping--{stable_uuid('claim', self.story_id, claim['id'])}",
            created=self.first, modified=self.last, created_by_ref=self.me.id,
            name=claim.get("text") or claim["id"], context="unspecified",
            description=(f"Claim {claim['id']} of story {self.story_id}: "
                         f"{claim.get('speaker') or '(own voice)'}, carried by "
                         f"{len(claim.get('documents') or [])} document(s) in "
                         f"{claim.get('independent_chains', 1)} independent chain(s)"),
            object_refs=refs,
            **self.custom(claim=claim["id"], first_seen=claim.get("first_seen"),
                          independent_chains=claim.get("independent_chains"),
                          root=f"{root.get('document')}#{root.get('statement')}"
                          if root else None)))

    def hop(self, hop: Hop) -> None:
        source, target = self.note_id(*hop.statement), self.note_id(*hop.parent)
        if source not in self.objects or target not in self.objects:
            return
        drift = [{"kind": f["kind"], "before": (f.get("before") or {}).get("text"),
                  "after": (f.get("after") or {}).get("text"), "detail": f.get("detail")}
                 for f in hop.drift]
        changes = "; ".join(f"{d['kind']} ({d['detail'] or d['before']})" for d in drift)
        when = self.date_of(self.said[hop.statement].document.get("published")) \
            if hop.statement in self.said else self.last
        key = stable_uuid("derived-from", self.story_id, hop.claim, *hop.statement, *hop.parent)
        self.add(stix2.Relationship(
            id=f"relationship--{key}",
            created=when, modified=when, created_by_ref=self.me.id,
            relationship_type="derived-from", source_ref=source, target_ref=target,
            description=f"{ref_label(hop.statement)} re-reports {ref_label(hop.parent)} "
                        f"({hop.link})" + (f"; changed: {changes}" if changes else ""),
            **self.custom(claim=hop.claim, link=hop.link,
                          drift=[{k: v for k, v in d.items() if v} for d in drift])))

    def story_report(self) -> Any:
        root = self.detail.get("root") or {}
        described = f"Story {self.story_id}: {len(self.records)} document(s), " \
                    f"{len(self.detail.get('claims') or [])} claim(s), " \
                    f"{len(self.detail.get('drift') or [])} drift finding(s)"
        if root:
            described += f"; root: {root.get('speaker') or '(own voice)'}, " \
                         f"{root.get('date') or 'undated'}, {root.get('document')}"
        return stix2.Report(
            id=f"report--{stable_uuid('story', self.story_id)}",
            name=self.detail.get("title") or self.story_id, description=described,
            published=self.last, created=self.first, modified=self.last,
            created_by_ref=self.me.id, object_refs=list(self.objects),
            **self.custom(story=self.story_id,
                          independent_chains=self.detail.get("independent_chains")))


def story_bundle(detail: dict[str, Any], records: list[dict[str, Any]]) -> stix2.Bundle:
    """The STIX 2.1 bundle of one story (its detail and the records it was built from)."""
    b = _Builder(detail, records)
    for record in records:
        b.document_report(record)
    for claim in detail.get("claims") or []:
        b.claim(claim)
    for hop in hops(detail, b.said):
        b.hop(hop)
    report = b.story_report()
    return stix2.Bundle(report, *b.objects.values(),
                        id=f"bundle--{stable_uuid('bundle', b.story_id)}", allow_custom=True)


def bundle_json(detail: dict[str, Any], records: list[dict[str, Any]]) -> str:
    """The bundle as indented JSON (UTF-8 text, not escaped), properties in stix2's order."""
    # stix2's own pretty=True re-sorts every property and takes seconds for a few hundred
    # objects; indenting its compact form gives the same order in milliseconds.
    bundle = json.loads(story_bundle(detail, records).serialize())
    # stix2 orders custom properties by set iteration, which changes from run to run:
    # claimgraph's come last, in PROPERTIES order, so the bytes never do.
    order = {name: i for i, name in enumerate(PROPERTIES)}
    bundle["objects"] = [
        {**{k: v for k, v in obj.items() if k not in order},
         **{k: obj[k] for k in sorted(obj.keys() & order.keys(), key=order.__getitem__)}}
        for obj in bundle["objects"]]
    return json.dumps(bundle, indent=2, ensure_ascii=False)
