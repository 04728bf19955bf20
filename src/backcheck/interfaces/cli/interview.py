"""``backcheck interview``: the adaptive interview in a terminal, and the simulated-patient harness.

The terminal only asks and shows; every decision comes from :mod:`backcheck.interview`.
The state is saved after every answer, so nothing the person entered is lost.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from backcheck.engine.case import Lang
from backcheck.errors import BackcheckError, ErrorCode, InputError
from backcheck.evaluation.interview import Run, run_line_dict, run_lines, summary
from backcheck.interfaces.cli.options import checked_lang
from backcheck.interfaces.cli.render import render_assessment
from backcheck.interview import (
    DONT_KNOW,
    InterviewState,
    NextQuestion,
    answer,
    back,
    finish,
    next_question,
)
from backcheck.interview.state import AnswerValue
from backcheck.knowledge.base import KnowledgeBase
from backcheck.pipeline import Context, start_interview

_YES = {"y", "yes", "نعم", "ن", "是", "有", "对"}
_NO = {"n", "no", "لا", "ل", "否", "没有", "不是", "无"}
_DONT_KNOW = {"?", "؟", "dk", "لا أعرف", "不知道"}
_BACK = {"b", "back", "<", "رجوع", "返回"}


class _BackRequestedError(Exception):
    """The person asked to go back one question."""


def interview_command(
    ctx_factory: Any,
    *,
    lang: str,
    resume: Path | None,
    save: Path | None,
    text: str | None,
    age: int | None,
    sex: str | None,
    simulate_file: Path | None,
    from_text: bool,
    kb_dir: Path | None,
) -> None:
    """Entry point behind the typer command (see app.py for the options)."""
    err = Console(stderr=True)
    language = checked_lang(lang)
    assert language is not None  # --lang has a default
    ctx: Context = ctx_factory(kb_dir)
    if simulate_file is not None:
        raise typer.Exit(_simulate(simulate_file, ctx, from_text=from_text, err=err))
    console = Console()
    path = save or resume or Path("backcheck-interview.json")
    shown_lang: str = language
    try:
        if resume is not None:
            state = _load_state(resume, ctx.kb)
            if state.kb_version != ctx.kb.version:
                err.print(_label(ctx.kb, "interview_kb_changed", state.lang).format(version=state.kb_version))
        else:
            state = _begin(ctx, console, lang=language, text=text, age=age, sex=sex)
        shown_lang = state.lang
        _save(state, path)
        state = _loop(state, ctx.kb, console, path)
    except BackcheckError as error:
        err.print(f"[red]error[/] {error}")
        raise typer.Exit(1) from error
    except (EOFError, KeyboardInterrupt):
        err.print(f"\n{_label(ctx.kb, 'interview_saved', shown_lang).format(path=path)}")
        raise typer.Exit(130) from None
    result = finish(state, ctx.kb)
    render_assessment(result, console, labels=ctx.kb.phrases.labels)
    unknown = [ctx.kb.questions[q].text.get(state.lang) for q in state.not_known()]
    if unknown:  # safety-netting: what could not be ruled out
        note = _label(ctx.kb, "interview_unknown", state.lang).format(items=" / ".join(unknown))
        console.print(Text(note, style="yellow"))
    console.print(_label(ctx.kb, "interview_saved", state.lang).format(path=path), style="dim")


def _label(kb: KnowledgeBase, key: str, lang: str) -> str:
    return kb.phrases.labels[key].get(lang)


def _load_state(path: Path, kb: KnowledgeBase) -> InterviewState:
    try:
        state = InterviewState.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise BackcheckError(ErrorCode.CL301, f"cannot read {path}: {err.strerror}") from err
    except ValidationError as err:
        raise InputError(ErrorCode.IN112, f"{path} is not a saved backcheck interview") from err
    for a in state.answers:  # answers must still fit this knowledge base's questions
        if a.question not in kb.questions:
            raise InputError(
                ErrorCode.IN112, f"{path}: question {a.question!r} is not in this knowledge base"
            )
    return state


def _save(state: InterviewState, path: Path) -> None:
    path.write_text(state.model_dump_json(indent=2), encoding="utf-8")


def _begin(
    ctx: Context, console: Console, *, lang: Lang, text: str | None, age: int | None, sex: str | None
) -> InterviewState:
    kb = ctx.kb
    console.print(Panel(_label(kb, "interview_title", lang), subtitle=kb.phrases.disclaimer.get(lang)))
    if text is None:
        text = console.input(_label(kb, "interview_describe", lang) + "\n> ").strip() or None
    state, problem = start_interview(ctx, lang=lang, text=text, age=age, sex=sex)
    if problem is not None:
        console.print(Text(problem.message, style="yellow"))  # not understood: the questions will ask
    elif state.from_text:
        names = ", ".join(kb.findings[f].names.get(lang) for f in state.from_text)
        console.print(Text(_label(kb, "interview_understood", lang).format(items=names), style="dim"))
    return state


def _loop(state: InterviewState, kb: KnowledgeBase, console: Console, path: Path) -> InterviewState:
    while (ask := next_question(state, kb)) is not None:
        try:
            value = _ask(ask, kb, console, state.lang)
        except _BackRequestedError:
            state = back(state)
            _save(state, path)
            continue
        state = answer(state, kb, ask.question.id, value)
        _save(state, path)
    return state


def _ask(ask: NextQuestion, kb: KnowledgeBase, console: Console, lang: Lang) -> AnswerValue:
    q = ask.question
    progress = _label(kb, "interview_progress", lang).format(n=ask.asked + 1, left=ask.remaining)
    console.print()
    console.print(Text(progress, style="dim"))
    console.print(Text(q.text.get(lang), style="bold"))
    console.print(Text(ask.reason, style="italic dim"))
    if q.kind == "choice":
        for i, option in enumerate(q.options or [], start=1):
            console.print(f"  {i}. {option.text.get(lang)}")
    if q.kind == "checklist":
        for i, fid in enumerate(ask.shown, start=1):
            console.print(f"  {i}. {kb.findings[fid].names.get(lang)}")
    help_key = f"help_{q.kind}"
    unit = kb.findings[q.finding].unit if q.finding else ""
    while True:
        raw = console.input(_label(kb, help_key, lang).format(unit=unit) + " > ").strip()
        low = raw.lower()
        if low in _BACK:
            raise _BackRequestedError
        if low in _DONT_KNOW:
            return DONT_KNOW
        value = _parse(ask, low)
        if value is not None:
            return value
        console.print(Text(_label(kb, "interview_invalid", lang), style="yellow"))


def _parse(ask: NextQuestion, raw: str) -> AnswerValue | None:
    q = ask.question
    if q.kind == "yes_no":
        return True if raw in _YES else False if raw in _NO else None
    if q.kind == "number":
        try:
            number = float(raw.replace(",", ".").translate(_DIGITS))
        except ValueError:
            return None
        finding = q.finding or ""
        return int(number) if finding == "age" and number.is_integer() else number
    picks = _numbers(raw)
    if q.kind == "choice":
        options = q.options or []
        if picks is None or len(picks) != 1 or not 1 <= picks[0] <= len(options):
            return None
        return options[picks[0] - 1].id
    if picks is None or any(not 0 <= p <= len(ask.shown) for p in picks):
        return None
    chosen = {ask.shown[p - 1] for p in picks if p > 0}
    if 0 in picks and chosen:
        return None  # "none" and some items at once
    return {fid: fid in chosen for fid in ask.shown}


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _numbers(raw: str) -> list[int] | None:
    parts = raw.translate(_DIGITS).replace(",", " ").replace("،", " ").replace("，", " ").split()
    if not parts or not all(p.isdigit() for p in parts):
        return None
    return [int(p) for p in parts]


def _simulate(path: Path, ctx: Context, *, from_text: bool, err: Console) -> int:
    if not path.is_file():
        err.print(f"[red]error[/] {BackcheckError(ErrorCode.CL301, f'no such file: {path}')}")
        return 2
    runs: list[Run] = []
    errors = 0
    with path.open(encoding="utf-8") as source:
        lines = ((n, raw) for n, raw in enumerate(source, start=1) if raw.strip())
        for item in run_lines(lines, ctx, from_text=from_text):
            if isinstance(item, Run):
                runs.append(item)
                out: dict[str, Any] = run_line_dict(item)
            else:
                errors += 1
                number, error = item
                out = {"line": number, "error": error.to_dict()}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    sys.stdout.write(json.dumps({"summary": summary(runs, errors=errors)}, ensure_ascii=False) + "\n")
    return 1 if errors else 0
