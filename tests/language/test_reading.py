"""Reading behaviour that must hold whatever the lexicons say."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcheck.engine.case import Case
from backcheck.errors import InputError, KnowledgeBaseError
from backcheck.language.detect import detect_language, plainly_english
from backcheck.language.normalise import normalise
from backcheck.language.numbers import parse_chinese
from backcheck.language.pack import data_dir, load_pack
from backcheck.pipeline import Context, result_to_dict, run_case


@pytest.fixture(scope="module")
def ctx() -> Context:
    from backcheck.knowledge.load import load_knowledge_base

    return Context.create(load_knowledge_base())


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my lower back hurts since yesterday and I can't pee", "en"),
        ("عندي ألم في الضهر من أسبوعين ولا يوجد حرارة", "ar"),
        ("同房后第二天腰疼，没有发烧", "zh"),
    ],
)
def test_detects_supported_languages(text: str, lang: str) -> None:
    assert detect_language(text).lang == lang


def test_unsupported_language_is_refused_with_a_hint(ctx: Context) -> None:
    with pytest.raises(InputError) as info:
        run_case(Case(text="J'ai très mal au dos depuis hier soir, je ne peux plus bouger"), ctx)
    assert info.value.code.name == "IN109"
    assert "interview" in info.value.message


def test_nothing_recognisable_is_refused_not_self_care(ctx: Context) -> None:
    with pytest.raises(InputError) as info:
        run_case(Case(text="hello there, nice weather today"), ctx)
    assert info.value.code.name == "IN108"


def test_arabic_normalisation_keeps_offsets() -> None:
    text = "ألـــمٌ في الظَّهْرِ ٣٩"
    norm = normalise(text, "ar")
    assert norm.text == "الم في الظهر 39"
    start = norm.text.index("الظهر")
    s, e = norm.span(start, start + len("الظهر"))
    assert text[s:e] == "الظَّهْر"


@pytest.mark.parametrize(
    ("numeral", "value"), [("三十九", 39), ("十二", 12), ("两", 2), ("六", 6), ("三十八点五", 38.5)]
)
def test_chinese_numerals(numeral: str, value: float) -> None:
    assert parse_chinese(numeral) == value


def test_structured_findings_win_over_text(ctx: Context) -> None:
    case = Case(text="I have a fever and my back hurts after lifting", findings={"fever": False})
    result = run_case(case, ctx, lang="en")
    observed = {o.finding: o.state for o in result.assessment.observations}
    assert observed["fever"] == "absent"


def test_output_has_language_and_spans(ctx: Context) -> None:
    text = "I'm 45, male. My back hurts after lifting, no fever."
    out = result_to_dict(run_case(Case(text=text), ctx))
    assert out["language"] == "en" and out["text_language"] == "en"
    for m in out["extracted"]:
        start, end = m["span"]
        assert text[start:end] == m["text"]
    assert any(m["finding"] == "fever" and m["state"] == "absent" for m in out["extracted"])


def test_family_history_is_not_the_persons_own(ctx: Context) -> None:
    result = run_case(Case(text="My mother had cancer. My back aches after gardening."), ctx, lang="en")
    observed = {o.finding: o.state for o in result.assessment.observations}
    assert observed.get("history_of_cancer") != "present"
    assert not result.assessment.red_flags


def test_patterns_with_capitals_are_refused(tmp_path: Path) -> None:
    # Text is lower-cased before matching, so a capital in a pattern could never match.
    for name in ("lexicon.yaml", "context.yaml"):
        (tmp_path / "en").mkdir(exist_ok=True)
        (tmp_path / "en" / name).write_text(
            (data_dir() / "en" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    lexicon = tmp_path / "en" / "lexicon.yaml"
    lexicon.write_text(
        lexicon.read_text(encoding="utf-8").replace(
            "findings:\n", "findings:\n  capital_test: ['Fever']\n", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"KB003.*lower case"):
        load_pack("en", root=tmp_path)


def test_decimal_comma_reads_as_a_point() -> None:
    assert normalise("temp 38,5 today", "en").text == "temp 38.5 today"
    assert normalise("حرارة ٣٨٫٥ و 1,2", "ar").text.endswith("38.5 و 1.2")


FOREIGN_ASCII = [
    "J'ai mal au dos depuis hier et je ne peux pas dormir la nuit, la douleur descend dans la jambe",
    "Me duele la espalda desde hace dos semanas y tengo fiebre por la noche, no puedo caminar bien",
    "Ich habe seit gestern starke Rueckenschmerzen und kann nicht mehr richtig laufen oder sitzen",
    "Ho mal di schiena da ieri sera e non riesco a dormire, il dolore scende nella gamba destra",
    "Estou com dor nas costas desde ontem e nao consigo andar direito, a dor vai para a perna",
    "Saya sakit punggung sejak kemarin dan tidak bisa tidur, sakitnya turun ke kaki kiri saya",
    "Dun aksamdan beri belim cok agriyor ve uyuyamiyorum, agri bacagima dogru iniyor",
]


@pytest.mark.parametrize("text", FOREIGN_ASCII)
def test_english_shortcut_never_takes_other_languages(text: str) -> None:
    assert not plainly_english(text)
    assert detect_language(text).lang is None


def test_english_shortcut_takes_most_english_and_nothing_else() -> None:
    from backcheck.evaluation.corpus import load_corpus

    corpus = Path(__file__).parent / "corpus"
    english = [s.text for s in load_corpus(corpus / "en.yaml").sentences]
    assert sum(map(plainly_english, english)) >= len(english) // 3
    for lang in ("ar", "zh"):
        assert not any(plainly_english(s.text) for s in load_corpus(corpus / f"{lang}.yaml").sentences)


@pytest.mark.parametrize(
    "text",
    [
        "المريض بينفي اي incontinence او retention، والـ perianal sensation سليمة",
        "ذكر ٥٣ سنة، c/o LBP من ثلاث شهور، smoker، no red flags",
        "ضهري بيوجعني من امبارح",
    ],
)
def test_arabic_script_is_arabic_even_with_english_words(text: str) -> None:
    assert detect_language(text).lang == "ar"


@pytest.mark.parametrize(
    "text",
    [
        "کمرم خیلی درد می‌کند و نمی‌توانم راه بروم، درد به پایم می‌رود",  # Persian: ک ی
        "میری کمر میں بہت درد ہے اور میں چل نہیں سکتا",  # Urdu: ی ہ ے ں
    ],
)
def test_persian_and_urdu_letters_still_go_to_the_detector(text: str) -> None:
    assert detect_language(text).lang is None


@pytest.mark.parametrize("text", ["LBP x2/52, afebrile", "LBP 3/7, afebrile, SNT"])
def test_a_text_the_detector_gives_away_is_read_when_it_names_back_pain(ctx: Context, text: str) -> None:
    assert detect_language(text).lang != "en"  # the detector says another language...
    result = run_case(Case(text=text), ctx)  # ...but the English pack finds the complaint
    assert result.reading is not None
    assert result.reading.language == "en"
    assert result.reading.findings.get("back_pain") is True
    assert "the detector said" in result.reading.detected
