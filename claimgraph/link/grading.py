"""Admiralty grading: how credible each claim is, and what each source's record suggests.

Both sides read the scale from ``data/scales/admiralty.json`` (NATO AJP-2.1; US Army FM
2-22.3, Appendix B), whose bands carry the doctrine's definitions.

**Information credibility (1-6) of a claim**, from independent corroboration inside its
story. The claim's proposition may be carried by other independent chains (other sources,
:func:`claimgraph.link.claims.chains`); a chain *agrees* unless its root gives a competing
figure of the same thing (:func:`figures_compete`). With ``a`` chains agreeing and ``d``
competing, the claim's own not counted:

====  =======================================  ==========================================
code  when                                     Admiralty definition (abridged)
====  =======================================  ==========================================
1     a >= 1, d = 0: two or more independent   confirmed by other independent sources
      sources carry it, none disputes it
2     d >= 1, a > d                            not confirmed; consistent with other
                                               information (more sources agree than not)
3     d >= 1, a = d                            possibly true: agrees with some other
                                               information on the subject
4     d >= 1, 0 < a < d; or a = 0, d = 1       doubtful: possible but disputed
5     a = 0, d >= 2                            improbable: contradicted by other
                                               information on the subject
6     a = 0, d = 0: no other source on it      truth cannot be judged
====  =======================================  ==========================================

**Source reliability (A-F) suggested by a source's record**: over every stored story, the
source's claims (a claim's source is its speaker, or its publisher when the outlet speaks
in its own voice) that some other source spoke to are *judged*; of those, the share
corroborated (``c``: another chain agrees) and the share contradicted (``k``: another source
gives a competing figure; a claim can be both). Below :attr:`GradeConfig.min_judged`
judged claims the suggestion is F, "reliability cannot be judged". Otherwise A when at
least :attr:`GradeConfig.min_judged_a` are judged with ``c >= 0.95`` and ``k = 0`` (a
history of complete reliability), B when ``c >= 0.75`` and ``k <= 0.10`` (valid most of the
time), C when ``c >= 0.50`` and ``k <= 0.25`` (valid in the past, some doubt), D when
``k <= 0.50`` (significant doubt), else E (a history of invalid information). The
suggestion is advice: the grade in force is the analyst's (``claimgraph source grade``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..model import SourceGrade, SourceRecord
from ..scales import Band, load
from . import text as tx
from .claims import Claim
from .pair_scores import DEFAULT, ClaimConfig, unit_keys


@dataclass(frozen=True)
class GradeConfig:
    """Thresholds of the suggested reliability grade (see the module docstring)."""

    min_judged: int = 5
    min_judged_a: int = 20
    a_corroborated: float = 0.95
    b_corroborated: float = 0.75
    b_contradicted: float = 0.10
    c_corroborated: float = 0.50
    c_contradicted: float = 0.25
    d_contradicted: float = 0.50


GRADES = GradeConfig()


@cache
def band(code: str) -> Band:
    """The Admiralty band of a reliability letter (A-F) or a credibility digit (1-6)."""
    dimension = "information-credibility" if code.isdigit() else "source-reliability"
    found = load("Admiralty").band(code, dimension)
    if found is None:
        raise KeyError(f"no Admiralty grade {code!r}")
    return found


def source_key(name: str) -> tuple[str, ...]:
    """What makes two names one source: their name stems without titles ("Governor Mirek
    Danov" and "Mirek Danov" are one), or the whole name folded when it has none."""
    return tx.name_tokens(name) or (" ".join(name.split()).casefold(),)


def surname_keys(keys: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """A bare surname's key -> the one fuller name among ``keys`` ending with it ("Danov" is
    "Mirek Danov" when no other Danov is known); ambiguous and unmatched ones are left out."""
    full: dict[str, list[tuple[str, ...]]] = {}
    known = set(keys)
    for key in known:
        if len(key) >= 2:
            full.setdefault(key[-1], []).append(key)
    return {key: full[key[0]][0] for key in known
            if len(key) == 1 and len(full.get(key[0], [])) == 1}


# --- credibility of a claim -----------------------------------------------------------------

def figures_compete(a: Claim, b: Claim, config: ClaimConfig = DEFAULT) -> bool:
    """Two roots counting one thing (a unit in common) with no figure of it in agreement:
    "about 1,200 workers" against "more than 3,000 workers"."""
    pairs = [(qa, qb) for qa in a.root.quantities for qb in b.root.quantities if qa.same_unit(qb)]
    centred = [(ca, cb) for qa, qb in pairs
               if (ca := qa.center()) is not None and (cb := qb.center()) is not None]
    if not centred:
        return False
    return not any(abs(ca - cb) <= config.tolerance * max(abs(ca), abs(cb), 1.0)
                   for ca, cb in centred)


@dataclass(frozen=True)
class Corroboration:
    """Other independent chains on a claim's proposition: those that agree, those whose
    root gives a competing figure (chain ids)."""

    agreeing: tuple[str, ...] = ()
    competing: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """The Admiralty credibility digit (module docstring)."""
        a, d = len(self.agreeing), len(self.competing)
        if d == 0:
            return "1" if a else "6"
        if a > d:
            return "2"
        if a == d:
            return "3"
        return "4" if a or d == 1 else "5"


def corroboration(claims: Sequence[Claim], story_chains: Sequence[Sequence[Claim]],
                  config: ClaimConfig = DEFAULT) -> dict[str, Corroboration]:
    """For each claim id, how the story's other chains on its proposition bear on it;
    ``story_chains`` as :func:`claimgraph.link.claims.chains` gives them, numbered ch1..."""
    chain_of: dict[str, int] = {}
    by_prop: dict[str, list[int]] = {}
    for k, chain in enumerate(story_chains):
        by_prop.setdefault(chain[0].proposition, []).append(k)
        for claim in chain:
            chain_of.setdefault(claim.id, k)
    # only a root sharing a unit word with another may compete with it
    by_unit: dict[tuple[str, str], list[int]] = {}
    for k, chain in enumerate(story_chains):
        for key in unit_keys(chain[0].root):
            by_unit.setdefault((chain[0].proposition, key), []).append(k)
    labels = [f"ch{k + 1}" for k in range(len(story_chains))]
    rest: dict[tuple[str, int | None], tuple[str, ...]] = {}  # the others of each chain
    out = {}
    for claim in claims:
        mine = chain_of.get(claim.id)
        others = by_prop.get(claim.proposition, [])
        near = {k for key in unit_keys(claim.root)
                for k in by_unit.get((claim.proposition, key), ()) if k != mine}
        competing = {k for k in near if figures_compete(claim, story_chains[k][0], config)}
        if not competing:
            key = (claim.proposition, mine)
            if key not in rest:
                rest[key] = tuple(labels[k] for k in others if k != mine)
            out[claim.id] = Corroboration(rest[key])
            continue
        out[claim.id] = Corroboration(
            tuple(labels[k] for k in others if k != mine and k not in competing),
            tuple(labels[k] for k in others if k in competing))
    return out


def credibility(found: Corroboration) -> dict[str, Any]:
    """A claim's credibility as the story JSON gives it."""
    return {"code": found.code, "term": band(found.code).term,
            "agreeing": list(found.agreeing), "competing": list(found.competing)}


def grade_index(grades: Iterable[SourceGrade]) -> dict[tuple[str, ...], SourceGrade]:
    """Grades by :func:`source_key`; of two names that are one source, the later grade."""
    return {source_key(g.name): g for g in sorted(grades, key=lambda g: g.created)}


def graded_as(source: str, grades: dict[tuple[str, ...], SourceGrade]) -> SourceGrade | None:
    """The grade of ``source``: of its name, else of the one graded full name its bare
    surname stands for."""
    key = source_key(source)
    if key in grades:
        return grades[key]
    full = surname_keys([key, *grades]).get(key)
    return grades.get(full) if full else None


def reliability(source: str | None,
                grades: dict[tuple[str, ...], SourceGrade]) -> dict[str, Any]:
    """The analyst's grade of a claim's source, as the story JSON gives it (grade null when
    the source has none)."""
    graded = graded_as(source, grades) if source else None
    return {"source": source, "grade": graded.grade if graded else None,
            "term": band(graded.grade).term if graded else None}


def admiralty(reliability_grade: str | None, credibility_code: str) -> str:
    """The two-character rating ('B2'); an ungraded source is F, cannot be judged."""
    return f"{reliability_grade or 'F'}{credibility_code}"


# --- a source's record and the grade it suggests ------------------------------------------

def source_records(stories: Iterable[dict[str, Any]]) -> list[SourceRecord]:
    """Each source's record over built stories (``claimgraph story --json`` dicts), most
    claims first. Claims without a source (an unresolved speaker) count for no one."""
    records: dict[tuple[str, ...], SourceRecord] = {}
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    story_sets: dict[tuple[str, ...], set[str]] = {}
    for story in stories:
        for claim in story.get("claims") or []:
            name = claim.get("speaker")
            if not name:
                continue
            key = source_key(name)
            rec = records.setdefault(key, SourceRecord(name=name))
            spellings.setdefault(key, Counter())[name] += 1
            story_sets.setdefault(key, set()).add(str(story.get("id")))
            found = claim.get("credibility") or {}
            agreeing, competing = found.get("agreeing") or [], found.get("competing") or []
            rec.claims += 1
            rec.judged += bool(agreeing or competing)
            rec.corroborated += bool(agreeing)
            rec.contradicted += bool(competing)
    for short, full in surname_keys(records).items():  # "Danov" counts for "Mirek Danov"
        rec, into = records.pop(short), records[full]
        for field in ("claims", "judged", "corroborated", "contradicted"):
            setattr(into, field, getattr(into, field) + getattr(rec, field))
        spellings[full].update(spellings.pop(short))
        story_sets[full] |= story_sets.pop(short)
    for key, rec in records.items():
        # The fullest spelling names the source; the others are listed after it.
        ranked = [n for n, _ in sorted(spellings[key].items(),
                                       key=lambda kv: (-len(source_key(kv[0])), -kv[1], kv[0]))]
        rec.name, rec.names, rec.stories = ranked[0], ranked, len(story_sets[key])
    return sorted(records.values(), key=lambda r: (-r.claims, r.name))


def suggest(record: SourceRecord, config: GradeConfig = GRADES) -> str:
    """The reliability letter ``record`` suggests (module docstring)."""
    if record.judged < config.min_judged:
        return "F"
    c = record.corroborated / record.judged
    k = record.contradicted / record.judged
    if record.judged >= config.min_judged_a and c >= config.a_corroborated and k == 0:
        return "A"
    if c >= config.b_corroborated and k <= config.b_contradicted:
        return "B"
    if c >= config.c_corroborated and k <= config.c_contradicted:
        return "C"
    return "D" if k <= config.d_contradicted else "E"


def _why(record: SourceRecord, config: GradeConfig) -> str:
    if record.judged < config.min_judged:
        return (f"{record.judged} of {record.claims} claim(s) judged by other sources; "
                f"at least {config.min_judged} needed")
    return (f"of {record.judged} judged claim(s), {record.corroborated} corroborated, "
            f"{record.contradicted} contradicted")


def source_table(records: Iterable[SourceRecord], grades: Iterable[SourceGrade],
                 config: GradeConfig = GRADES) -> list[dict[str, Any]]:
    """Every source with a record or a grade: the grade in force, the suggested one and the
    record behind it (``schemas/sources.schema.json``); graded sources without claims last."""
    by_key = grade_index(grades)
    rows, seen = [], set()
    for rec in records:
        graded = graded_as(rec.name, by_key)
        if graded is not None:
            seen.add(source_key(graded.name))
        rows.append(_row(rec, graded, config))
    for key, graded in by_key.items():
        if key not in seen:
            rows.append(_row(SourceRecord(name=graded.name, names=[graded.name]), graded, config))
    return rows


def sources(stories: Iterable[dict[str, Any]], grades: Iterable[SourceGrade],
            config: GradeConfig = GRADES) -> list[dict[str, Any]]:
    """:func:`source_table` of the records of ``stories`` (built stories)."""
    return source_table(source_records(stories), grades, config)


def filter_sources(rows: list[dict[str, Any]], name: str | None = None,
                   graded: bool = False) -> list[dict[str, Any]]:
    """Rows of :func:`source_table` with a name containing ``name`` (any spelling, any
    case), and only graded ones when ``graded``."""
    if name:
        needle = name.casefold()
        rows = [r for r in rows if any(needle in n.casefold() for n in r["names"])]
    return [r for r in rows if r["grade"]] if graded else rows


def source_row(rows: list[dict[str, Any]], name: str,
               grades: Iterable[SourceGrade] = (), config: GradeConfig = GRADES
               ) -> dict[str, Any]:
    """The row of :func:`source_table` ``rows`` that ``name`` is one of the spellings of;
    for a source without claims or a grade, its empty record (suggested F) with the grade
    its name would have from ``grades``."""
    key = source_key(name)
    for row in rows:
        if any(source_key(n) == key for n in row["names"]):
            return row
    return _row(SourceRecord(name=name, names=[name]), graded_as(name, grade_index(grades)),
                config)


def _row(rec: SourceRecord, graded: SourceGrade | None, config: GradeConfig) -> dict[str, Any]:
    letter = suggest(rec, config)
    judged = rec.judged or 1
    return {
        "name": rec.name,
        "names": rec.names or [rec.name],
        "grade": None if graded is None else {
            "grade": graded.grade, "term": band(graded.grade).term, "name": graded.name,
            "note": graded.note, "author": graded.author, "created": graded.created},
        "suggested": {"grade": letter, "term": band(letter).term, "reason": _why(rec, config)},
        "record": {
            "claims": rec.claims, "stories": rec.stories, "judged": rec.judged,
            "unjudged": rec.unjudged, "corroborated": rec.corroborated,
            "contradicted": rec.contradicted,
            "corroborated_share": round(rec.corroborated / judged, 3) if rec.judged else None,
            "contradicted_share": round(rec.contradicted / judged, 3) if rec.judged else None,
            "min_judged": config.min_judged},
    }
