"""One case from input to result: read the text (if any), then assess. Shared by every interface."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from backcheck.danger.scope import under_age
from backcheck.engine.assess import assess
from backcheck.engine.assessment import Assessment, assessment_to_dict
from backcheck.engine.case import Case, FindingValue, Lang, Sex
from backcheck.errors import ErrorCode, InputError
from backcheck.interview import InterviewState, next_question, start
from backcheck.knowledge.base import KnowledgeBase
from backcheck.language.pack import LanguagePack, load_pack
from backcheck.language.reading import (
    INTERVIEW_HINT,
    Reading,
    merge,
    read_text,
    red_flag_findings,
    require_something,
)


@dataclass
class Context:
    """Loaded knowledge and language packs; packs load on first use (jieba and friends are slow)."""

    kb: KnowledgeBase
    packs: dict[Lang, LanguagePack]
    flags: frozenset[str]  # findings that can raise a red flag, derived once from the rules
    #: the place for crisis lines when a case names none (CLI --locale, BACKCHECK_LOCALE)
    locale: str | None = None

    @classmethod
    def create(cls, kb: KnowledgeBase, *, locale: str | None = None) -> Context:
        return cls(kb=kb, packs=_LazyPacks(), flags=red_flag_findings(kb), locale=locale)


class _LazyPacks(dict[Lang, LanguagePack]):
    def __missing__(self, lang: Lang) -> LanguagePack:
        pack = load_pack(lang)
        self[lang] = pack
        return pack


@dataclass(frozen=True)
class Result:
    """An assessment and, when there was text, what was read from it."""

    assessment: Assessment
    reading: Reading | None
    #: the interview's next question for what is known (asked for with ``next_question=True``)
    next_question: dict[str, Any] | None = None


def run_case(case: Case, ctx: Context, *, lang: Lang | None = None, next_question: bool = False) -> Result:
    """Read ``case.text`` if given, merge with the structured findings, assess.

    Raises:
        InputError: bad structured input; IN113 when there is nothing to assess (no findings
            and no text: no information is never reassurance); text in an unsupported
            language or with nothing recognisable (and no structured findings to go on).
    """
    require_information(case, ctx.kb)
    if not case.text or not case.text.strip():
        case = case.model_copy(update={"text": None})
        out = lang or "en"
        asked = next_question_for(case, ctx, lang=out) if next_question else None
        return Result(assess(case, ctx.kb, lang=out, locale=ctx.locale), None, asked)
    reading = read_text(case.text, kb=ctx.kb, packs=ctx.packs, lang=lang, flags=ctx.flags)
    require_something(reading, case)
    merged = merge(case, reading).model_copy(update={"text": None})
    out = lang or reading.language
    assessment = assess(merged, ctx.kb, lang=out, locale=ctx.locale)
    asked = next_question_for(merged, ctx, lang=out) if next_question else None
    return Result(replace(assessment, notes=[*reading.notes, *assessment.notes]), reading, asked)


def require_information(case: Case, kb: KnowledgeBase) -> None:
    """Refuse a case with nothing to go on (IN113). A child's age alone is enough: the answer
    for a child (scope.yaml) does not depend on the symptoms."""
    if case.has_information() or under_age(kb, case.age):
        return
    raise InputError(
        ErrorCode.IN113,
        "nothing to assess: give the findings you know or describe the pain in your own words. "
        "No information is not reassurance. " + INTERVIEW_HINT,
        field="findings",
    )


def next_question_for(case: Case, ctx: Context, *, lang: Lang) -> dict[str, Any] | None:
    """The interview's next question for what is known, so a caller can go on asking
    (``backcheck interview`` or the API's sessions take it from there); None when nothing
    more is worth asking."""
    findings = {k: v for k, v in case.findings.items() if k not in ("age", "sex")}
    state = start(ctx.kb, lang=lang, age=case.age, sex=case.sex, from_text=findings)
    nxt = next_question(state, ctx.kb)
    if nxt is None:
        return None
    q = nxt.question
    return {
        "id": q.id,
        "kind": q.kind,
        "text": q.text.get(lang),
        "items": [{"finding": f, "name": ctx.kb.findings[f].names.get(lang)} for f in nxt.shown],
        "options": [{"id": o.id, "text": o.text.get(lang)} for o in q.options or []],
        "reason": nxt.reason,
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    """JSON-ready output: the assessment plus ``extracted`` (what was read, with spans)."""
    out = assessment_to_dict(result.assessment)
    out["extracted"] = [
        {
            "finding": m.finding,
            "state": m.state,
            "value": m.value,
            "span": [m.start, m.end],
            "text": m.text,
            "cues": m.cues,
        }
        for m in (result.reading.mentions if result.reading else [])
    ]
    if result.reading is not None:
        out["text_language"] = result.reading.language
        out["unread"] = result.reading.unread
    out["next_question"] = result.next_question
    return out


def start_interview(
    ctx: Context, *, lang: Lang, text: str | None, age: int | None, sex: str | None
) -> tuple[InterviewState, InputError | None]:
    """Start an interview, reading the person's own words first when there are any.

    Returns the state and, when the text could not be read (unsupported language, nothing
    recognisable), that error: each interface decides whether to refuse or just ask instead.
    """
    from_text: dict[str, FindingValue] = {}
    problem: InputError | None = None
    if text:
        try:
            reading = read_text(text, kb=ctx.kb, packs=ctx.packs, lang=lang, flags=ctx.flags)
        except InputError as error:
            problem = error
        else:
            from_text = dict(reading.findings)
            age = age if age is not None else reading.age
            sex = sex if sex is not None else reading.sex
    known_sex: Sex | None = "female" if sex == "female" else "male" if sex == "male" else None
    return start(ctx.kb, lang=lang, age=age, sex=known_sex, text=text, from_text=from_text), problem
