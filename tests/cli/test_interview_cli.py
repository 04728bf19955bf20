"""``backcheck interview`` driven end to end through typer's runner (issue 4)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from backcheck.interfaces.cli.app import app
from backcheck.interview import InterviewState

runner = CliRunner()


def _answers(path: Path) -> list[tuple[str, object]]:
    state = InterviewState.model_validate_json(path.read_text(encoding="utf-8"))
    return [(a.question, a.value) for a in state.answers]


def test_english_interview_with_back_then_resume(tmp_path: Path) -> None:
    saved = tmp_path / "session.json"
    # First sitting: describe, answer the first checklist with item 1, go back, answer "none",
    # answer the next with "don't know", then the input ends (the person closes the terminal).
    first = runner.invoke(
        app,
        ["interview", "--save", str(saved), "--age", "34", "--sex", "male"],
        input="hurt my lower back lifting a box yesterday\n1\nb\n0\n?\n",
    )
    assert first.exit_code == 130, first.output
    assert "saved" in first.output.lower()
    answers = _answers(saved)
    assert len(answers) == 2
    value = answers[0][1]
    assert isinstance(value, dict) and not any(value.values()), "going back replaced 'item 1' by 'none'"
    assert answers[1][1] == "dont_know"
    state = InterviewState.model_validate_json(saved.read_text(encoding="utf-8"))
    assert state.from_text.get("after_lifting") is True

    # Second sitting: resume and answer "none of these" (or the first option) to the rest.
    second = runner.invoke(app, ["interview", "--resume", str(saved)], input="0\n" * 3 + "2\n" + "0\n" * 8)
    assert second.exit_code == 0, second.output
    assert "self_care" in second.output or "Self-care" in second.output
    assert "not a diagnosis" in second.output.lower()
    assert "don't know" in second.output  # the unanswered screen is named in the safety-net
    assert _answers(saved)[:2] == answers, "earlier answers are kept"
    assert len(_answers(saved)) > 2


def test_arabic_interview_reaches_an_emergency(tmp_path: Path) -> None:
    saved = tmp_path / "ar.json"
    # No text; the questions come in Arabic; ticking saddle numbness (item 1) in the bladder
    # checklist, whenever it comes, is an emergency. Every other checklist: none.
    result = runner.invoke(
        app,
        ["interview", "--lang", "ar", "--save", str(saved), "--age", "45", "--sex", "male"],
        input="\n" + "".join(_reply_until_bladder(saved_lang="ar")),
    )
    assert result.exit_code == 0, result.output
    assert "منذ أن بدأ ألم الظهر" in result.output  # the bladder question, in Arabic
    assert "emergency" in result.output
    assert any(q == "bladder_bowel_urine" and v.get("saddle_anaesthesia") for q, v in _answers(saved))  # type: ignore[union-attr]


def _reply_until_bladder(*, saved_lang: str) -> list[str]:
    # The order of questions is the engine's; replay it to know where the bladder checklist is.
    from backcheck.interview import answer, next_question, start
    from backcheck.knowledge.load import load_knowledge_base

    kb = load_knowledge_base()
    state = start(kb, lang=saved_lang, age=45, sex="male")  # type: ignore[arg-type]
    replies = []
    while (ask := next_question(state, kb)) is not None:
        if ask.question.id == "bladder_bowel_urine":
            replies.append(str(ask.shown.index("saddle_anaesthesia") + 1) + "\n")
            items = {f: f == "saddle_anaesthesia" for f in ask.shown}
        else:
            replies.append("0\n")
            items = {f: False for f in ask.shown}
        state = answer(state, kb, ask.question.id, items)
    return replies


def test_arabic_back_and_resume(tmp_path: Path) -> None:
    saved = tmp_path / "ar2.json"
    first = runner.invoke(
        app,
        ["interview", "--lang", "ar", "--save", str(saved), "--age", "29", "--sex", "female"],
        input="ألم في أسفل الظهر بعد الولادة\n٣\nرجوع\n؟\n",
    )
    assert first.exit_code == 130, first.output
    assert "هل أنتِ حامل" in first.output
    assert _answers(saved) == [("pregnancy_status", "dont_know")]
    second = runner.invoke(app, ["interview", "--resume", str(saved)], input="؟\n" * 14)
    assert second.exit_code == 0, second.output
    assert "تشخيص" in second.output  # the disclaimer, in Arabic
    assert len(_answers(saved)) > 1


def test_a_bad_answer_is_asked_again_not_a_crash(tmp_path: Path) -> None:
    saved = tmp_path / "s.json"
    result = runner.invoke(
        app,
        ["interview", "--save", str(saved), "--age", "40", "--sex", "male", "--text", ""],
        input="99\nmaybe\n",
    )
    assert result.exit_code == 130
    assert result.output.count("does not fit") == 2
    assert "Traceback" not in result.output


def test_resume_from_a_file_that_is_not_an_interview(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = runner.invoke(app, ["interview", "--resume", str(bad)])
    assert result.exit_code == 1
    assert "IN112" in result.output


def test_simulate_prints_a_line_per_case_and_a_summary(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    lines = [
        {"id": "ces", "age": 45, "sex": "male", "findings": {"saddle_anaesthesia": True}},
        {"id": "strain", "age": 30, "sex": "male", "text": "sore lower back after lifting, no leg pain"},
        "not json",
        {"id": "bad", "age": 30, "sex": "male", "findings": {"no_such_finding": True}},
    ]
    cases.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["interview", "--simulate", str(cases)])
    assert result.exit_code == 1  # some lines were bad; the others still ran
    out = [json.loads(line) for line in result.stdout.splitlines()]
    by_id = {o.get("id"): o for o in out if "id" in o}
    assert by_id["ces"]["triage"] in ("emergency", "emergency_ambulance")
    assert by_id["strain"]["triage"] == "self_care"
    assert by_id["ces"]["questions_asked"] == len(by_id["ces"]["questions"]) > 0
    errors = [o for o in out if "error" in o]
    assert [e["line"] for e in errors] == [3, 4]
    assert errors[0]["error"]["code"] == "IN101" and errors[1]["error"]["code"] == "IN104"
    assert out[-1]["summary"]["cases"] == 2 and out[-1]["summary"]["errors"] == 2
