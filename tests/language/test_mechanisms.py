"""Reading mechanisms of issue 14 that hold whatever the lexicons say: the complaint itself,
words not understood, Arabizi, spelling tolerance, termination of cue scope, past exposures."""

from __future__ import annotations

import pytest

from backcheck.engine.case import Case
from backcheck.errors import InputError
from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.arabizi import looks_like_arabizi, transliterate
from backcheck.language.context import CueHit, state_of
from backcheck.language.pack import load_pack
from backcheck.pipeline import Context, result_to_dict, run_case

CTX = Context.create(load_knowledge_base())


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I have lower back pain, been to a chiropractor and a physio, nothing helps", "en"),
        ("after lumpectomy and radiation I have stabbing pain in my lower back", "en"),
        ("腰疼了好几年了，怎么办", "zh"),
        ("ظهري يوجعني من زمان ومش عارف اعمل ايه", "ar"),
    ],
)
def test_a_message_about_back_pain_is_never_refused(text: str, lang: str) -> None:
    out = result_to_dict(run_case(Case(text=text), CTX))
    assert out["text_language"] == lang
    assert any(e["finding"] == "back_pain" and e["state"] == "present" for e in out["extracted"])


def test_health_text_with_nothing_assessable_says_what_it_saw() -> None:
    with pytest.raises(InputError) as info:
        run_case(Case(text="I have an itchy rash on my arm"), CTX)
    assert info.value.code.name == "IN114"
    assert "rash" in info.value.message
    with pytest.raises(InputError) as other:
        run_case(Case(text="What is the capital of France and how far is it from Berlin"), CTX)
    assert other.value.code.name == "IN108"


def test_unread_lists_symptom_words_no_finding_took() -> None:
    out = result_to_dict(run_case(Case(text="my lower back hurts and my elbow is swollen"), CTX))
    assert any("swollen" in u for u in out["unread"])
    assert not any(u.startswith("back") for u in out["unread"])


def test_arabizi_is_read_as_arabic() -> None:
    text = "ana 3andi waja3 fi dahri mn embare7 w 3andi 7arara"
    assert looks_like_arabizi(text)
    assert not looks_like_arabizi("I have had back pain for 3 days and a fever of 38")
    written = transliterate(text)
    assert "ظهري" in written.text and "حراره" in written.text
    out = result_to_dict(run_case(Case(text=text), CTX))
    assert out["text_language"] == "ar"
    found = {e["finding"]: e for e in out["extracted"]}
    assert found["fever"]["state"] == "present"
    start, end = found["fever"]["span"]
    assert "7arara" in text[start : end + 4]  # the span points into the Latin original


@pytest.mark.parametrize(
    ("typo", "finding"),
    [("sciatia down my leg", "radiation_below_knee"), ("tingeling in my left leg", "leg_tingling")],
)
def test_spelling_tolerance(typo: str, finding: str) -> None:
    out = result_to_dict(run_case(Case(text=f"lower back pain with {typo}"), CTX))
    assert {e["finding"]: e["state"] for e in out["extracted"]}.get(finding) == "present"


def test_spelling_never_touches_known_words_or_short_ones() -> None:
    speller = load_pack("en").speller
    assert speller is not None
    assert speller.suggestion("never") is None  # a negation cue stays as written
    assert speller.suggestion("weekend") is None  # a real word is not a typo
    from backcheck.language.normalise import normalise

    assert speller.correct(normalise("bad pian", "en")).text == "bad pian"  # under five letters
    for text in ("i couldn't walk", "it shouldn't hurt", "my crohn's flared"):  # contractions stay
        assert speller.correct(normalise(text, "en")).text == text


def test_a_termination_cue_ends_a_cues_scope() -> None:
    negation = CueHit("negated", "forward", 0, 2, "no")
    stop = CueHit("terminate", "forward", 10, 13, "but")
    assert state_of(20, 25, [negation], (0, 40), 60)[0] == "absent"
    assert state_of(20, 25, [negation, stop], (0, 40), 60)[0] == "present"
    assert state_of(5, 9, [negation, stop], (0, 40), 60)[0] == "absent"  # before the stop


def test_a_past_exposure_is_not_current_but_a_past_cancer_is_history() -> None:
    kb = CTX.kb
    assert kb.findings["injecting_drug_use"].historical_state == "unknown"
    assert kb.findings["history_of_cancer"].historical_state == "present"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Back pain for a month, nothing seems to help", "present"),
        ("my lower back has never got better since the op", "present"),
        ("腰疼好几个月了，怎么治都没用", "present"),
        ("ظهري يوجعني وما نفع معي اي شي", "present"),
    ],
)
def test_pain_that_is_not_improving_is_read_and_sees_a_gp(text: str, state: str) -> None:
    out = result_to_dict(run_case(Case(text=text), CTX))
    assert {e["finding"]: e["state"] for e in out["extracted"]}.get("not_improving") == state
    assert out["triage"] != "self_care"
