"""Choose the next question, or stop: the heart of the adaptive interview.

Order of business (docs/interview.md):

1. profile: age and sex, when unknown, because they decide which questions apply;
2. warning signs: while some question could reveal a more urgent level with meaningful
   expected value (:mod:`backcheck.interview.value`), the one with the most;
3. causes: below an emergency level, the question that would move the ranked causes most;
4. stop when nothing left is worth asking, or at ``max_questions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backcheck.engine.evidence import Evidence
from backcheck.interview.questions import is_open, shown_members
from backcheck.interview.state import InterviewState
from backcheck.interview.steps import evidence_of
from backcheck.interview.value import Gain, Situation
from backcheck.knowledge.base import KnowledgeBase, level_rank
from backcheck.knowledge.schema import Applies, Question

Phase = Literal["profile", "warning_signs", "causes"]


@dataclass(frozen=True, slots=True, kw_only=True)
class NextQuestion:
    """The question to ask now and why."""

    question: Question
    #: checklist items to show (finding ids), in order; empty for other kinds
    shown: list[str]
    phase: Phase
    reason: str
    #: the rules or causes the answer bears on, most first
    about: list[str]
    triage_value: float
    differential_value: float
    #: answered so far, and an estimate of how many more are worth asking
    asked: int
    remaining: int


@dataclass(frozen=True, slots=True)
class _Scored:
    question: Question
    shown: list[str]
    triage: float
    differential: float
    triage_by: dict[str, float]
    differential_by: dict[str, float]


def next_question(state: InterviewState, kb: KnowledgeBase) -> NextQuestion | None:
    """The question worth asking next, or None when the interview should stop. Pure."""
    settings = kb.interview
    asked = state.asked()
    if len(state.answers) >= settings.max_questions:
        return None
    evidence = evidence_of(state, kb)
    open_questions = [q for q in kb.questions.values() if q.id not in asked and is_open(q, evidence)]
    for q in open_questions:
        if q.profile:
            return _ask(kb, state, _Scored(q, [], 0.0, 0.0, {}, {}), "profile", remaining=len(open_questions))
    situation = Situation.of(kb, evidence)
    scored = [_score(situation, q, evidence) for q in open_questions]
    screens = [s for s in scored if s.triage >= settings.triage_threshold]
    if screens:
        best = max(screens, key=lambda s: (s.triage, s.differential))
        return _ask(kb, state, best, "warning_signs", remaining=_remaining(scored, kb))
    if level_rank(situation.level) <= level_rank("emergency"):
        return None  # an emergency: refining the causes can wait
    causes = [s for s in scored if s.differential >= settings.differential_threshold]
    if causes:
        best = max(causes, key=lambda s: (s.differential, s.triage))
        return _ask(kb, state, best, "causes", remaining=_remaining(scored, kb))
    return None


def _value_findings(kb: KnowledgeBase, question: Question, shown: list[str]) -> list[str]:
    """The yes/no findings an answer would settle, including those derived from a number."""
    if question.kind == "checklist":
        return shown
    out: list[str] = []
    for fid in question.finding_ids():
        if kb.findings[fid].kind == "boolean":
            out.append(fid)
        out += [d.id for d in kb.derived if d.derived_from is not None and d.derived_from.source == fid]
    return out


def _score(situation: Situation, question: Question, evidence: Evidence) -> _Scored:
    shown = shown_members(question, evidence) if question.kind == "checklist" else []
    triage = differential = 0.0
    triage_by: dict[str, float] = {}
    differential_by: dict[str, float] = {}
    kb = situation.kb
    for fid in _value_findings(kb, question, shown):
        if fid in evidence:
            continue
        gain: Gain = situation.gain(fid)
        # A yes here also opens the questions that apply only then (pregnant -> pregnancy
        # warning signs): their value counts, times the chance of the yes.
        for gated in kb.questions_opened_by.get(fid, ()):
            if gated.id == question.id:
                continue
            opened = _score(situation, gated.model_copy(update={"applies": Applies()}), evidence)
            p = situation.chance(fid)
            gain = Gain(
                triage=gain.triage + p * opened.triage,
                differential=gain.differential + p * opened.differential,
                triage_by={**gain.triage_by, **{k: p * v for k, v in opened.triage_by.items()}},
                differential_by=gain.differential_by,
            )
        triage += gain.triage
        differential += situation.kb.interview.differential_weight * gain.differential
        for k, v in gain.triage_by.items():
            triage_by[k] = triage_by.get(k, 0.0) + v
        for k, v in gain.differential_by.items():
            differential_by[k] = differential_by.get(k, 0.0) + v
    return _Scored(question, shown, triage, differential, triage_by, differential_by)


def _remaining(scored: list[_Scored], kb: KnowledgeBase) -> int:
    s = kb.interview
    return sum(
        1 for x in scored if x.triage >= s.triage_threshold or x.differential >= s.differential_threshold
    )


def _ask(
    kb: KnowledgeBase, state: InterviewState, scored: _Scored, phase: Phase, *, remaining: int
) -> NextQuestion:
    lang = state.lang
    labels = kb.phrases.labels
    if phase == "profile":
        about: list[str] = []
        reason = labels["ask_profile"].get(lang)
    elif phase == "warning_signs":
        about = [k for k, _ in sorted(scored.triage_by.items(), key=lambda kv: -kv[1])][:3]
        names = [_name(kb, k, lang) for k in about]
        reason = labels["ask_warning_signs"].get(lang).format(items=_join(names, lang))
    else:
        ranked = sorted(
            ((k, v) for k, v in scored.differential_by.items() if k in kb.conditions),
            key=lambda kv: -kv[1],
        )
        about = [k for k, _ in ranked][:3]
        names = [_name(kb, k, lang) for k in about]
        reason = labels["ask_causes"].get(lang).format(items=_join(names, lang))
    return NextQuestion(
        question=scored.question,
        shown=scored.shown,
        phase=phase,
        reason=reason,
        about=about,
        triage_value=round(scored.triage, 4),
        differential_value=round(scored.differential, 4),
        asked=len(state.answers),
        remaining=max(1, remaining),
    )


def _name(kb: KnowledgeBase, key: str, lang: str) -> str:
    if key in kb.conditions:
        return kb.conditions[key].names.get(lang)
    for rule in kb.rules:
        if rule.id == key:
            return rule.names.get(lang)
    return key


def _join(names: list[str], lang: str) -> str:
    return {"ar": "، ", "zh": "、"}.get(lang, "; ").join(names)
