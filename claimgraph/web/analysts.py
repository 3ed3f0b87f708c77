"""Analysts' writes over the web: corrections and source grades.

``/api/v1/corrections`` (POST), ``/api/v1/corrections/ID/undo`` and ``/api/v1/grades``
take an API token (``Authorization: Bearer``), like ``POST /api/v1/documents``; each
records the token's name as the author and answers the stored correction or grade. The
story page's forms (reject a statement, fix its speaker, undo a correction) post to
``/stories/ID/corrections`` from a browser signed in with an API token
(:func:`claimgraph.web.auth.form_writer`). Both call the store functions
``claimgraph correct`` and ``claimgraph source grade`` use.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from ..lexicons import cue_value
from ..link.grading import band
from ..model import Correction, SourceGrade
from ..store import Store
from ..store.errors import BadQuery
from ..store.tokens import StoredToken
from .api import PREFIX
from .auth import form_writer, write_access
from .errors import HttpProblem
from .state import web_state
from .templating import q

router = APIRouter(prefix=PREFIX, tags=["analysts"])
forms = APIRouter(include_in_schema=False)

def _author(token: Annotated[StoredToken, Depends(write_access)]) -> str:
    """The write token's name: who made the correction or grade."""
    return token.name


Author = Annotated[str, Depends(_author)]
Name = Annotated[str, Field(min_length=1, max_length=500, pattern=r"\S")]
Note = Annotated[str | None, Field(max_length=2000, description="why (kept with it)")]

WRITES: dict[int | str, dict[str, Any]] = {
    400: {"description": "the body is not JSON"},
    401: {"description": "missing or invalid API token"},
    403: {"description": "the token opens reads only"},
    404: {"description": "no such statement or correction"},
    409: {"description": "the correction was undone already"},
    422: {"description": "the body does not make a correction or grade"},
    429: {"description": "the token is over its write rate (see Retry-After)"},
    503: {"description": "the database is busy or unreachable"},
}
SECURITY: dict[str, Any] = {"security": [{"bearer": []}]}
GRADE_SCHEMA: dict[str, Any] = {  # the `grade` of schemas/sources
    "type": "object", "required": ["grade", "term", "name", "note", "author", "created"],
    "properties": {"grade": {"$ref": "#/components/schemas/Sources_letter"},
                   "term": {"type": "string"}, "name": {"type": "string"},
                   "note": {"type": ["string", "null"]}, "author": {"type": ["string", "null"]},
                   "created": {"type": "string"}},
    "additionalProperties": False}


class StatementId(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: Name
    statement: Name


class CueIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Name
    lemma: str | None = Field(None, max_length=200,
                              description="default: from the cue lexicon")
    stance: Literal["neutral", "distancing", "endorsing"] | None = Field(
        None, description="default: from the cue lexicon, else neutral")


class CorrectionIn(BaseModel):
    """One correction of the statement ``document``/``statement``: ``reject`` it, give it
    another ``speaker``, ``cue`` or ``via`` chain, ``merge`` its claim with ``other``'s, or
    ``split`` it out of its claim."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["reject", "speaker", "cue", "via", "merge", "split"]
    document: Name
    statement: Name
    speaker: Name | None = Field(None, description="the new speaker (action speaker)")
    cue: CueIn | None = Field(None, description="the new cue (action cue)")
    via: list[Name] | None = Field(None, max_length=20, description=(
        "the sources between publisher and speaker, outermost first; [] clears (action via)"))
    other: StatementId | None = Field(None, description="the other claim's root (action merge)")
    note: Note = None

    @model_validator(mode="after")
    def _fields_of_action(self) -> Self:
        needs = {"speaker": "speaker", "cue": "cue", "via": "via", "merge": "other"}
        wanted = needs.get(self.action)
        if wanted and getattr(self, wanted) is None:
            raise ValueError(f"a {self.action} correction needs {wanted!r}")
        extra = [f for f in needs.values() if f != wanted and getattr(self, f) is not None]
        if extra:
            raise ValueError(f"a {self.action} correction takes no {extra[0]!r}")
        return self


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Note = None


class GradeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: Name = Field(description="the publisher or speaker, as the sources list names it")
    grade: str = Field(pattern=r"^[A-Fa-f]$", description="Admiralty reliability A-F")
    note: Note = None


def _invalid(exc: BadQuery) -> HttpProblem:
    """A store's refusal of a well-formed body (an empty name, claims of two stories)."""
    return HttpProblem(422, str(exc))


def make_correction(store: Store, body: CorrectionIn, author: str) -> Correction:
    """Store ``body`` as ``author``'s correction; StatementNotFound, or 422 for a refusal."""
    target = store.statement(body.document, body.statement)
    other = store.statement(body.other.document, body.other.statement) if body.other else None
    after: Any = None
    if body.action == "speaker":
        after = body.speaker
    elif body.action == "via":
        after = body.via
    elif body.action == "cue" and body.cue is not None:
        after, _known = cue_value(body.cue.text, body.cue.lemma, body.cue.stance)
    try:
        return store.correct(body.action, target, after=after, other=other, note=body.note,
                             author=author)
    except BadQuery as exc:
        raise _invalid(exc) from None


def undo(store: Store, correction_id: str, author: str) -> Correction:
    """Withdraw a correction as ``author``; CorrectionNotFound, or 409 when undone already."""
    correction, changed = store.undo_correction(correction_id, author)
    if not changed:
        raise HttpProblem(409, f"{correction.id} was undone already, on {correction.undone}")
    return correction


def grade_json(row: SourceGrade) -> dict[str, Any]:
    """A grade as the sources list gives it (``grade`` of schemas/sources)."""
    return {"grade": row.grade, "term": band(row.grade).term, "name": row.name,
            "note": row.note, "author": row.author, "created": row.created}


def _correction_response(status: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Correction"}}}}, **WRITES}


@router.post("/corrections", status_code=201, responses=_correction_response(201),
             openapi_extra=SECURITY,
             summary="Correct a statement: reject, speaker, cue, via, merge or split "
                     "(needs an API token; its name is the author)")
async def post_correction(request: Request, body: CorrectionIn, author: Author) -> JSONResponse:
    correction = await run_in_threadpool(make_correction, web_state(request).store, body, author)
    return JSONResponse(correction.to_dict(), status_code=201)


@router.post("/corrections/{correction_id}/undo", responses=_correction_response(200),
             openapi_extra=SECURITY,
             summary="Withdraw a correction; it stays on record, stamped undone (needs an "
                     "API token)")
async def post_undo(request: Request, correction_id: str, author: Author) -> JSONResponse:
    correction = await run_in_threadpool(undo, web_state(request).store, correction_id, author)
    return JSONResponse(correction.to_dict())


@router.post("/grades", status_code=201, openapi_extra=SECURITY,
             responses={201: {"content": {"application/json": {
                 "schema": GRADE_SCHEMA}}}, **WRITES},
             summary="Grade a source's reliability A-F; the latest grade is in force (needs "
                     "an API token; its name is the author)")
async def post_grade(request: Request, body: GradeIn, author: Author) -> JSONResponse:
    store = web_state(request).store
    try:
        row = await run_in_threadpool(store.grade_source, body.source, body.grade, body.note,
                                      author)
    except BadQuery as exc:
        raise _invalid(exc) from None
    return JSONResponse(grade_json(row), status_code=201)


# --- the story page's forms -------------------------------------------------------------------

FORM_ACTIONS = ("reject", "speaker", "undo")


@forms.post("/stories/{story_id:path}/corrections")
async def story_form(request: Request, story_id: str) -> Response:
    """A correction from the story page's forms; back to the story's corrections after it."""
    fields = {k: v[0].strip() for k, v in
              parse_qs((await request.body()).decode("utf-8", "replace")).items()}
    author = form_writer(request, fields.get("form_token"))
    store = web_state(request).store
    action = fields.get("action")
    if action not in FORM_ACTIONS:
        raise HttpProblem(422, f"unknown correction {action!r}; the forms send "
                               f"{', '.join(FORM_ACTIONS)}")
    if action == "undo":
        await run_in_threadpool(undo, store, fields.get("correction", ""), author)
    else:
        try:
            body = CorrectionIn.model_validate({
                "action": action, "document": fields.get("document", ""),
                "statement": fields.get("statement", ""), "note": fields.get("note") or None,
                "speaker": fields.get("speaker", "") if action == "speaker" else None})
        except ValidationError as exc:
            raise HttpProblem(422, "invalid correction: " + "; ".join(
                str(e["msg"]) for e in exc.errors())) from None
        await run_in_threadpool(make_correction, store, body, author)
    return RedirectResponse(f"/stories/{q(story_id)}#corrections", status_code=303)
