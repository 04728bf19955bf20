"""The per-row function: the same triage, red flags and top causes as the one-shot assessment."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcheck.engine.case import Case, Lang, Sex
from backcheck.errors import ErrorCode, InputError
from backcheck.evaluation.corpus import load_corpus
from backcheck.evaluation.vignettes import load_vignettes
from backcheck.pipeline import run_case
from backcheck.screening.columns import Columns
from backcheck.screening.generate import messages
from backcheck.screening.row import TOP_CAUSES, Job, context, screen_row, screen_text
from backcheck.screening.table import SourceRow

TESTS = Path(__file__).parents[1]
CTX = context()
LANGS: list[Lang] = ["en", "ar", "zh"]


def _texts() -> list[tuple[str, int | None, Sex | None]]:
    """Every golden vignette text (with and without its age and sex) and every corpus sentence."""
    out: list[tuple[str, int | None, Sex | None]] = []
    for v in load_vignettes(sorted((TESTS / "golden").glob("cases_*.yaml"))):
        for text in v.text.values():
            out += [(text, None, None), (text, v.age, v.sex)]
    for lang in LANGS:
        out += [
            (s.text, None, None)
            for s in load_corpus(TESTS / "language" / "corpus" / f"{lang}.yaml").sentences
        ]
    return out


def test_screening_equals_the_full_assessment_on_golden_and_corpus_texts() -> None:
    compared = refused = 0
    for text, age, sex in _texts():
        try:
            full = run_case(Case(text=text, age=age, sex=sex), CTX).assessment
        except InputError as error:
            with pytest.raises(InputError) as raised:
                screen_text(text, CTX, age=age, sex=sex)
            assert raised.value.code is error.code
            refused += 1
            continue
        try:
            screened = screen_text(text, CTX, age=age, sex=sex)
        except InputError as error:
            # Screening refuses a text it could not read even when age or sex is known (see row.py);
            # the one-shot assessment goes on from age and sex alone.
            assert error.code is ErrorCode.IN108 and (age is not None or sex is not None)
            refused += 1
            continue
        assert screened.triage == full.triage, text
        assert list(screened.red_flags) == [h.id for h in full.red_flags], text
        expected = [(c.id, c.icd10, round(c.probability, 4)) for c in full.conditions[:TOP_CAUSES]]
        assert [(c.id, c.icd10, c.probability) for c in screened.causes] == expected, text
        compared += 1
    assert compared > 800 and refused < compared / 10


def test_generated_emergencies_are_found_in_every_language() -> None:
    seen: set[Lang] = set()
    for m in messages(400, seed=3):
        result = screen_text(m.text, CTX)
        assert result.language == m.lang
        if m.urgent:
            assert result.triage in ("emergency", "emergency_ambulance"), m.text
            seen.add(m.lang)
    assert seen == set(LANGS)


def test_cauda_equina_message_is_an_emergency() -> None:
    result = screen_text("can't pee since yesterday and numb between the legs", CTX)
    assert result.triage == "emergency"
    assert {"ces_saddle_anaesthesia", "ces_urinary_retention"} <= set(result.red_flags)
    assert result.causes[0].id == "cauda_equina_syndrome" and result.causes[0].icd10 == "G83.4"


def _job(**columns: str) -> Job:
    return Job(columns=Columns(**columns), output="jsonl", fields=("id", "text", "age", "sex", "lang"))


def test_odd_values_are_warnings_and_the_text_is_still_screened() -> None:
    row = SourceRow(
        number=1, values={"text": "can't pee since yesterday", "age": "forty", "sex": "q", "lang": "fr"}
    )
    s = screen_row(row, _job(age="age", sex="sex", language="lang"), CTX)
    assert s.error is None and s.screening is not None and s.screening.triage == "emergency"
    assert [w[:7] for w in s.warnings] == ["[SC611]"] * 3


def test_a_row_that_fails_gets_a_code_and_never_raises() -> None:
    job = _job()
    cases = {
        "": ErrorCode.SC609,
        "x" * 100_001: ErrorCode.SC610,
        "hello, I would like to change my appointment": ErrorCode.IN108,
        "J'ai mal au dos depuis hier et je ne peux pas uriner": ErrorCode.IN109,
    }
    for text, code in cases.items():
        s = screen_row(SourceRow(number=1, values={"text": text}), job, CTX)
        assert s.screening is None and s.error is not None and s.error.code is code
    missing = screen_row(SourceRow(number=1, values={"id": 3}), job, CTX)  # a JSON line without text
    assert missing.error is not None and missing.error.code is ErrorCode.SC609


def test_the_language_column_is_used_instead_of_detection() -> None:
    job = _job(language="lang")
    text = "back pain after lifting, no fever"
    detected = screen_row(SourceRow(number=1, values={"text": text, "lang": ""}), job, CTX)
    given = screen_row(SourceRow(number=1, values={"text": text, "lang": "en"}), job, CTX)
    assert detected.language == given.language == "en"
    assert detected.screening == given.screening


def test_a_worker_with_another_knowledge_base_refuses_even_across_processes() -> None:
    from concurrent.futures import ProcessPoolExecutor

    from backcheck.errors import BackcheckError
    from backcheck.screening.row import screen_chunk
    from backcheck.screening.table import Chunk

    chunk = Chunk(index=0, rows=(SourceRow(number=1, values={"text": "back pain"}),), span=1)
    job = Job(columns=Columns(), output="csv", fields=("text",), kb_version="1999.1.1")
    with pytest.raises(BackcheckError) as raised:
        screen_chunk(chunk, job)
    assert raised.value.code is ErrorCode.SC613
    with ProcessPoolExecutor(max_workers=1) as pool, pytest.raises(BackcheckError) as across:
        pool.submit(screen_chunk, chunk, job).result()  # the error survives pickling
    assert across.value.code is ErrorCode.SC613 and "1999.1.1" in across.value.message
