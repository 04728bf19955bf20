"""The HTTP API under /v1: one-shot assessments, interview sessions, knowledge look-ups.

Handlers translate HTTP to the same functions the command line uses; no clinical logic here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictStr
from starlette.concurrency import run_in_threadpool

from backcheck.__about__ import __version__
from backcheck.engine.assessment import assessment_to_dict
from backcheck.engine.case import Age, Case, Lang, Sex
from backcheck.errors import BackcheckError, ErrorCode, InputError
from backcheck.interfaces.http.store import SessionStore
from backcheck.interview import InterviewState, NextQuestion, answer, back, finish, next_question
from backcheck.interview.state import AnswerValue
from backcheck.knowledge.base import KnowledgeBase
from backcheck.pipeline import Context, result_to_dict, run_case, start_interview

# Handlers are `async def` although they do not await: each is a few milliseconds of CPU
# (engine, JSON) plus a local database call, and running them in Starlette's thread pool made
# 50 concurrent clients fight the event loop for the GIL (p99 190 ms at 300 requests/s; see
# docs/benchmarks.md). On the loop they simply run one after another.
router = APIRouter(prefix="/v1")


class ApiError(BackcheckError):
    """An error with its HTTP status."""

    def __init__(self, code: ErrorCode, message: str, *, status: int) -> None:
        super().__init__(code, message)
        self.status = status


class NewSession(BaseModel):
    """Start an interview: the language, and what is already known."""

    model_config = ConfigDict(extra="forbid", strict=True)

    lang: Lang = "en"
    age: Age | None = None
    sex: Sex | None = None
    text: Annotated[StrictStr, Field(max_length=20_000)] | None = None


class NewAnswer(BaseModel):
    """One answer: true/false, a number, an option id, checklist items, or "dont_know"."""

    model_config = ConfigDict(extra="forbid", strict=True)

    question: StrictStr
    value: AnswerValue


def _ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def _store(request: Request) -> SessionStore:
    store: SessionStore = request.app.state.store
    return store


def question_view(kb: KnowledgeBase, ask: NextQuestion, lang: Lang) -> dict[str, Any]:
    """A question as the API returns it and the web pages render it, in ``lang``."""
    q = ask.question
    finding = kb.findings.get(q.finding or "")
    return {
        "id": q.id,
        "kind": q.kind,
        "text": q.text.get(lang),
        "reason": ask.reason,
        "phase": ask.phase,
        "about": ask.about,
        "items": [{"finding": f, "name": kb.findings[f].names.get(lang)} for f in ask.shown],
        "options": [{"id": o.id, "text": o.text.get(lang)} for o in q.options or []],
        "unit": finding.unit if finding else None,
        "minimum": finding.minimum if finding else None,
        "maximum": finding.maximum if finding else None,
        "progress": {"asked": ask.asked, "remaining": ask.remaining},
    }


def session_view(kb: KnowledgeBase, sid: str, state: InterviewState) -> dict[str, Any]:
    """A session as the API shows it: its state and the next question (null when done)."""
    ask = next_question(state, kb)
    return {
        "id": sid,
        "done": ask is None,
        "next": None if ask is None else question_view(kb, ask, state.lang),
        "state": state.model_dump(mode="json"),
    }


# The store is called in a worker thread: a SQLite file shared by several server processes
# can make a write wait (SQLite sleeps between retries), and the event loop must not wait with it.


async def load_session(request: Request, sid: str) -> InterviewState:
    """The stored session, or 404 (HT401)."""
    state = await run_in_threadpool(_store(request).get, sid)
    if state is None:
        raise ApiError(ErrorCode.HT401, f"no interview session {sid!r}", status=404)
    return state


async def save_session(request: Request, sid: str, state: InterviewState) -> None:
    await run_in_threadpool(_store(request).put, sid, state)


async def new_session(request: Request, state: InterviewState) -> str:
    return await run_in_threadpool(_store(request).create, state)


async def drop_session(request: Request, sid: str) -> bool:
    return await run_in_threadpool(_store(request).delete, sid)


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the knowledge base is loaded."""
    return {"status": "ok"}


@router.get("/version")
async def version(request: Request) -> dict[str, str]:
    """backcheck's version and the knowledge base's."""
    return {"backcheck": __version__, "knowledge_base": _ctx(request).kb.version}


@router.post("/assessments")
async def create_assessment(
    request: Request,
    case: Annotated[Case, Body(description="The same JSON as `backcheck assess`.")],
    lang: Lang | None = None,
) -> dict[str, Any]:
    """Assess one case at once: triage, causes with why, plan, citations, trace."""
    return result_to_dict(run_case(case, _ctx(request), lang=lang, next_question=True))


@router.post("/assessments/fhir")
async def create_assessment_fhir(
    request: Request,
    case: Annotated[Case, Body(description="The same JSON as `backcheck assess`.")],
    lang: Lang | None = None,
) -> dict[str, Any]:
    """The assessment as a FHIR R4B Bundle (QuestionnaireResponse, Observations, RiskAssessment)."""
    from backcheck.interfaces.fhir import assessment_bundle, fhir_json  # fhir.resources is large: load on use

    ctx = _ctx(request)
    result = run_case(case, ctx, lang=lang)
    return fhir_json(assessment_bundle(result.assessment, ctx.kb))


@router.get("/fhir/Questionnaire")
async def questionnaire(request: Request) -> dict[str, Any]:
    """The interview's questions as a FHIR R4B Questionnaire."""
    from backcheck.interfaces.fhir import fhir_json, interview_questionnaire

    return fhir_json(interview_questionnaire(_ctx(request).kb))


@router.post("/sessions", status_code=201)
async def create_session(request: Request, body: NewSession) -> dict[str, Any]:
    """Start an interview, optionally from the person's own words."""
    ctx = _ctx(request)
    state, problem = start_interview(ctx, lang=body.lang, text=body.text, age=body.age, sex=body.sex)
    if problem is not None:
        raise problem  # the API says so; the pages and the terminal ask instead
    sid = await new_session(request, state)
    return session_view(ctx.kb, sid, state)


@router.get("/sessions/{sid}")
async def get_session(request: Request, sid: str) -> dict[str, Any]:
    """The session's state and next question."""
    return session_view(_ctx(request).kb, sid, await load_session(request, sid))


@router.post("/sessions/{sid}/answers")
async def post_answer(request: Request, sid: str, body: NewAnswer) -> dict[str, Any]:
    """Answer the next question, or change an earlier answer."""
    kb = _ctx(request).kb
    state = answer(await load_session(request, sid), kb, body.question, body.value)
    await save_session(request, sid, state)
    return session_view(kb, sid, state)


@router.post("/sessions/{sid}/back")
async def go_back(request: Request, sid: str) -> dict[str, Any]:
    """Undo the last answer."""
    state = back(await load_session(request, sid))
    await save_session(request, sid, state)
    return session_view(_ctx(request).kb, sid, state)


@router.get("/sessions/{sid}/result")
async def session_result(request: Request, sid: str) -> dict[str, Any]:
    """The assessment of what is known now (the interview may be stopped at any point)."""
    state = await load_session(request, sid)
    return assessment_to_dict(finish(state, _ctx(request).kb, case_id=sid))


@router.get("/sessions/{sid}/fhir")
async def session_fhir(request: Request, sid: str) -> dict[str, Any]:
    """The session's assessment as a FHIR R4B Bundle."""
    from backcheck.interfaces.fhir import assessment_bundle, fhir_json

    kb = _ctx(request).kb
    return fhir_json(
        assessment_bundle(finish(await load_session(request, sid), kb, case_id=sid), kb, bundle_id=sid)
    )


@router.delete("/sessions/{sid}", status_code=204)
async def delete_session(request: Request, sid: str) -> Response:
    """Delete the session for good."""
    if not await drop_session(request, sid):
        raise ApiError(ErrorCode.HT401, f"no interview session {sid!r}", status=404)
    return Response(status_code=204)


_KINDS = Literal["conditions", "findings", "advice", "citations", "questions"]


def _items(kb: KnowledgeBase, kind: str) -> dict[str, BaseModel]:
    tables: dict[str, Any] = {
        "conditions": kb.conditions,
        "findings": kb.findings,
        "advice": kb.advice,
        "citations": kb.citations,
        "questions": kb.questions,
    }
    items: dict[str, BaseModel] = tables[kind]
    return items


@router.get("/knowledge/{kind}")
async def list_knowledge(request: Request, kind: _KINDS) -> list[dict[str, Any]]:
    """Every item of one kind, as in the reviewed YAML."""
    return [item.model_dump(mode="json") for item in _items(_ctx(request).kb, kind).values()]


@router.get("/knowledge/{kind}/{item_id}")
async def get_knowledge(request: Request, kind: _KINDS, item_id: str) -> dict[str, Any]:
    """One knowledge-base item by id."""
    item = _items(_ctx(request).kb, kind).get(item_id)
    if item is None:
        raise ApiError(ErrorCode.HT404, f"{kind}: no item {item_id!r}", status=404)
    return item.model_dump(mode="json")


def error_response(error: BackcheckError, status: int) -> JSONResponse:
    """Every error as ``{"error": {"code", "message", "field"?}}``."""
    return JSONResponse({"error": error.to_dict()}, status_code=status)


def status_of(error: BackcheckError) -> int:
    """HTTP status for an error raised by the core."""
    if isinstance(error, ApiError):
        return error.status
    if isinstance(error, InputError):
        return 422
    return 500
