"""Web pages rendered on the server (Jinja2): they work without JavaScript.

Start page → one question per screen (with progress and a back button) → result page.
Every page is in the session's language, with ``lang`` and ``dir`` set (right-to-left for
Arabic). The pages call the same interview functions as the API and the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from backcheck.engine.case import Lang, Sex
from backcheck.errors import InputError
from backcheck.interfaces.http.api import drop_session, load_session, new_session, question_view, save_session
from backcheck.interview import DONT_KNOW, answer, back, finish, next_question
from backcheck.interview.state import AnswerValue
from backcheck.knowledge.base import KnowledgeBase
from backcheck.pipeline import Context, start_interview

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "zh": "中文"}


def _lang(value: object) -> Lang:
    return "ar" if value == "ar" else "zh" if value == "zh" else "en"


def _page(request: Request, name: str, lang: Lang, **context: Any) -> HTMLResponse:
    kb: KnowledgeBase = request.app.state.ctx.kb

    def t(key: str) -> str:
        label = kb.phrases.labels.get(key)
        return label.get(lang) if label is not None else key

    return templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "dir": "rtl" if lang == "ar" else "ltr",
            "t": t,
            "languages": LANGUAGE_NAMES,
            "disclaimer": kb.phrases.disclaimer.get(lang),
            **context,
        },
    )


@router.get("/", response_class=HTMLResponse)
async def start_page(request: Request, lang: str = "en") -> HTMLResponse:
    """Describe it in your own words, or go straight to the questions."""
    return _page(request, "start.html", _lang(lang))


@router.post("/start")
async def start_session(request: Request) -> Response:
    ctx: Context = request.app.state.ctx
    form = await request.form()
    lang = _lang(form.get("lang"))
    text = str(form.get("text") or "").strip()[:20_000] or None
    age_raw = str(form.get("age") or "").strip()
    age = int(age_raw) if age_raw.isdigit() and int(age_raw) <= 120 else None
    sex_raw = form.get("sex")
    sex: Sex | None = "female" if sex_raw == "female" else "male" if sex_raw == "male" else None
    state, problem = start_interview(ctx, lang=lang, text=text, age=age, sex=sex)
    sid = await new_session(request, state)
    target = f"/s/{sid}" + ("?note=text" if problem else "")
    return RedirectResponse(target, status_code=303)


@router.get("/s/{sid}", response_class=HTMLResponse)
async def question_page(
    request: Request, sid: str, error: str | None = None, note: str | None = None
) -> Response:
    kb: KnowledgeBase = request.app.state.ctx.kb
    state = await load_session(request, sid)
    ask = next_question(state, kb)
    if ask is None:
        return RedirectResponse(f"/s/{sid}/result", status_code=303)
    lang = state.lang
    return _page(
        request,
        "question.html",
        lang,
        sid=sid,
        q=question_view(kb, ask, lang),
        number=ask.asked + 1,
        can_go_back=bool(state.answers),
        error=error,
        text_not_read=note == "text",
        understood=[kb.findings[f].names.get(lang) for f in state.from_text if f in kb.findings],
    )


def _form_value(kind: str, form: Any, shown: list[str]) -> AnswerValue | None:
    if form.get("dont_know"):
        return DONT_KNOW
    if kind == "checklist":
        ticked = set(form.getlist("item"))
        if not ticked and not form.get("none"):
            return None  # nothing chosen: ask again rather than guess "none"
        return {f: f in ticked for f in shown}
    raw = str(form.get("value") or "").strip()
    if kind == "yes_no":
        return {"yes": True, "no": False}.get(raw)
    if kind == "number":
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return raw or None


@router.post("/s/{sid}/answer")
async def answer_page(request: Request, sid: str) -> Response:
    kb: KnowledgeBase = request.app.state.ctx.kb
    state = await load_session(request, sid)
    form = await request.form()
    if form.get("back"):
        await save_session(request, sid, back(state))
        return RedirectResponse(f"/s/{sid}", status_code=303)
    ask = next_question(state, kb)
    if ask is None or form.get("question") != ask.question.id:
        return RedirectResponse(f"/s/{sid}", status_code=303)  # a stale form: show the current question
    value = _form_value(ask.question.kind, form, ask.shown)
    if value is None:
        return RedirectResponse(f"/s/{sid}?error=1", status_code=303)
    try:
        state = answer(state, kb, ask.question.id, value)
    except InputError:
        return RedirectResponse(f"/s/{sid}?error=1", status_code=303)
    await save_session(request, sid, state)
    return RedirectResponse(f"/s/{sid}", status_code=303)


@router.get("/s/{sid}/result", response_class=HTMLResponse)
async def result_page(request: Request, sid: str) -> HTMLResponse:
    kb: KnowledgeBase = request.app.state.ctx.kb
    state = await load_session(request, sid)
    assessment = finish(state, kb, case_id=sid)
    unknown = [kb.questions[q].text.get(state.lang) for q in state.not_known()]
    return _page(request, "result.html", state.lang, sid=sid, a=assessment, unknown=unknown)


@router.post("/s/{sid}/delete")
async def delete_page(request: Request, sid: str) -> Response:
    state = await load_session(request, sid)
    await drop_session(request, sid)
    return RedirectResponse(f"/?lang={state.lang}&deleted=1", status_code=303)
