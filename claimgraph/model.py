"""The typed data model: every value claimgraph extracts, in one place.

Character offsets are Python string indices into ``Document.text``; spans are
``(start, end)`` half-open pairs. ``to_dict`` gives the interchange format of
DESIGN section 4.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
StatementKind = Literal["direct", "mixed", "indirect", "assessment", "assertion"]
Stance = Literal["neutral", "distancing", "endorsing"]
Approx = Literal[
    "exact", "about", "more_than", "less_than", "at_least", "up_to", "range", "vague"
]


def content_id(text: str) -> str:
    """Stable document id: the SHA-256 of its text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.name.startswith("_")}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass
class Document:
    text: str
    id: str = ""
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    path: str | None = None
    language: str = ""  # ISO 639-1; detected by the pipeline when the input does not say

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Speaker:
    name: str | None
    text: str | None = None
    span: Span | None = None
    entity: str | None = None


@dataclass
class Cue:
    text: str
    lemma: str
    stance: Stance = "neutral"
    span: Span | None = None


@dataclass
class Content:
    text: str  # the spans' texts joined by SPAN_JOINER
    spans: list[Span]


SPAN_JOINER = " … "  # between the texts of a content's spans


@dataclass
class Quantity:
    text: str
    value: float | None
    span: Span
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approx: Approx = "exact"


@dataclass
class Estimate:
    text: str
    scale: str
    low: float | None
    high: float | None
    span: Span
    negated: bool = False
    confidence: str | None = None


@dataclass
class DateMention:
    text: str
    value: str
    span: Span


@dataclass
class Citation:
    citing: str
    cited: str
    cue: str
    span: Span
    channel: str | None = None
    date: str | None = None


@dataclass
class Statement:
    id: str
    kind: StatementKind
    speaker: Speaker
    cue: Cue | None
    content: Content
    said_on: str | None = None
    via: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    extractor: str = "speech"
    language: str = ""  # the document's (ISO 639-1)
    strength: float | None = None  # claim strength of the content, 0 (none) .. 3 (causal)


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    headline: list[Statement] = field(default_factory=list)  # the title's, spans in the title

    def to_dict(self) -> dict[str, Any]:
        document = _plain(self.document)
        document["text"] = document.pop("text")  # metadata first, the long text last
        out = {
            "document": document,
            "entities": _plain(self.entities),
            "statements": _plain(self.statements),
            "citations": _plain(self.citations),
            "dates": _plain(self.dates),
        }
        if self.headline:
            out["headline"] = _plain(self.headline)
        return out


@dataclass
class Attribution:
    """A raw source-cue-content triple found in one document, before speaker resolution."""

    content: list[Span]
    cue: Span | None = None
    source: Span | None = None
    score: float = 1.0
    quotation: bool = False  # a whole quoted passage, possibly over several paragraphs


# --- the analyst's side: key judgements and how they came out -----------------------------

Confidence = Literal["low", "moderate", "high"]


@dataclass
class LintWarning:
    """A problem with how a judgement uses its yardstick, at ``span`` of the text linted.

    ``code`` is one of ``off_scale``, ``mixed_scales``, ``number_outside_range``,
    ``hedged_fact``, ``no_time_frame``, ``negated_term`` (see :mod:`claimgraph.assess.lint`).
    """

    code: str
    message: str
    span: Span
    text: str = ""


@dataclass
class Evidence:
    """A claim an assessment rests on: claim ``claim`` of story ``story`` ("c3"), with the
    root statement and wording the claim had when it was cited, so the reference keeps its
    meaning when later documents renumber the story's claims."""

    story: str
    claim: str
    document: str | None = None
    statement: str | None = None
    text: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.story}#{self.claim}"


@dataclass
class Assessment:
    """An analyst's key judgement: a yardstick term on one scale and the probability range it
    stands for, optionally an explicit probability inside that range, and later an outcome.

    ``forecast`` is the probability it is scored on (the explicit one, else the midpoint of
    the term's range); ``brier`` is ``(forecast - outcome)^2`` once resolved.
    """

    text: str
    term: str
    scale: str
    low: float
    high: float
    probability: float | None = None
    confidence: Confidence | None = None
    evidence: list[Evidence] = field(default_factory=list)
    author: str | None = None
    created: str = ""
    resolves_by: str | None = None
    outcome: bool | None = None
    resolved_on: str | None = None
    warnings: list[LintWarning] = field(default_factory=list)
    id: str = ""

    @property
    def forecast(self) -> float:
        return self.probability if self.probability is not None else (self.low + self.high) / 2

    @property
    def brier(self) -> float | None:
        if self.outcome is None:
            return None
        return (self.forecast - float(self.outcome)) ** 2

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, **{k: v for k, v in _plain(self).items()
                                                 if k not in ("id", "evidence")}}
        out["evidence"] = [{"ref": e.ref, **_plain(e)} for e in self.evidence]
        out["forecast"] = self.forecast
        out["brier"] = self.brier
        return out


# --- the analyst's side: how far to trust a source, and corrections to extraction ---------

RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
CorrectionAction = Literal["reject", "speaker", "cue", "via", "merge", "split"]


@dataclass
class SourceGrade:
    """An analyst's Admiralty reliability grade (A-F) for a source: a publisher or a speaker.

    The latest grade given to a name is the one in force; earlier ones stay as its history.
    """

    name: str
    grade: str
    note: str | None = None
    author: str | None = None
    created: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)  # type: ignore[no-any-return]


@dataclass
class SourceRecord:
    """What a source's claims in the stored stories show about it.

    ``corroborated``: claims with another independent chain on the same proposition that
    agrees; ``contradicted``: claims with another source's competing figure on it (a claim
    can be both); ``judged``: claims some other source spoke to, the sample a suggested
    grade rests on; ``unjudged``: claims no other source spoke to.
    """

    name: str
    claims: int = 0
    stories: int = 0
    corroborated: int = 0
    contradicted: int = 0
    judged: int = 0
    names: list[str] = field(default_factory=list)  # the spellings seen, commonest first

    @property
    def unjudged(self) -> int:
        return self.claims - self.judged


@dataclass
class StatementRef:
    """A statement of a stored document, with its content as it read when it was referred
    to, so that the reference finds it again if the document is extracted anew and its
    statements renumbered."""

    document: str
    statement: str
    text: str | None = None
    span: Span | None = None

    @property
    def ref(self) -> str:
        return f"{self.document}#{self.statement}"


@dataclass
class Correction:
    """An analyst's correction of extraction or linking, kept apart from the extraction.

    ``reject`` drops a statement; ``speaker``, ``cue`` and ``via`` replace that field
    (``after`` holds the new value, ``before`` the extracted one); ``merge`` puts the
    claims of ``target`` and ``other`` into one claim; ``split`` takes ``target`` out of its
    claim into one of its own. ``undone`` is when it was withdrawn (it stays on record).
    """

    action: CorrectionAction
    target: StatementRef
    other: StatementRef | None = None
    before: Any = None
    after: Any = None
    note: str | None = None
    author: str | None = None
    created: str = ""
    undone: str | None = None
    undone_by: str | None = None
    id: str = ""

    @property
    def active(self) -> bool:
        return self.undone is None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "action": self.action}
        out.update({k: v for k, v in _plain(self).items() if k not in ("id", "action")})
        out["target"]["ref"] = self.target.ref
        if self.other is not None:
            out["other"]["ref"] = self.other.ref
        return out
