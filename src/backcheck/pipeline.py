"""One case from input to result: read the text (if any), then assess. Shared by every interface."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from backcheck.engine.assess import assess
from backcheck.engine.assessment import Assessment, assessment_to_dict
from backcheck.engine.case import Case, FindingValue, Lang, Sex
from backcheck.errors import InputError
from backcheck.interview import InterviewState, start
from backcheck.knowledge.base import KnowledgeBase
from backcheck.language.pack import LanguagePack, load_pack
from backcheck.language.reading import Reading, merge, read_text, red_flag_findings, require_something


@dataclass
class Context:
    """Loaded knowledge and language packs; packs load on first use (jieba and friends are slow)."""

    kb: KnowledgeBase
    packs: dict[Lang, LanguagePack]
    flags: frozenset[str]  # findings that can raise a red flag, derived once from the rules

    @classmethod
    def create(cls, kb: KnowledgeBase) -> Context:
        return cls(kb=kb, packs=_LazyPacks(), flags=red_flag_findings(kb))


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


def run_case(case: Case, ctx: Context, *, lang: Lang | None = None) -> Result:
    """Read ``case.text`` if given, merge with the structured findings, assess.

    Raises:
        InputError: bad structured input, or text in an unsupported language or with nothing
            recognisable (and no structured findings to go on).
    """
    if not case.text:
        return Result(assess(case, ctx.kb, lang=lang or "en"), None)
    reading = read_text(case.text, kb=ctx.kb, packs=ctx.packs, lang=lang, flags=ctx.flags)
    require_something(reading, case)
    merged = merge(case, reading).model_copy(update={"text": None})
    assessment = assess(merged, ctx.kb, lang=lang or reading.language)
    return Result(replace(assessment, notes=[*reading.notes, *assessment.notes]), reading)


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
