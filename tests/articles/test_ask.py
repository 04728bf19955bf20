"""Search and answer (issue 6): search terms per language, an FTS5 index that no question can
break, answers from the knowledge base in three languages, and "not known" when it is not."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backcheck.articles.ask import NOT_KNOWN, ask
from backcheck.articles.index import PassageIndex
from backcheck.articles.passage import Passage
from backcheck.articles.tokens import index_terms
from backcheck.engine.case import Lang
from backcheck.errors import ErrorCode, InputError
from backcheck.interfaces.cli.ask import ask_command
from backcheck.knowledge.base import KnowledgeBase

BED_QUESTIONS: dict[Lang, str] = {
    "en": "Should I stay in bed with back pain?",
    "ar": "هل يجب أن أبقى في السرير إذا كان ظهري يؤلمني؟",
    "zh": "腰痛要卧床休息吗？",
}
# Passages about bed rest or staying active: the ones the guideline advice on bed rest comes from.
BED_REST_PASSAGES = {
    "avoid_bed_rest",
    "stay_active",
    "bed_rest_24_48_hours",
    "hard_bed_and_traction_for_disc",
}
ARTICLE = Passage(
    id="001_test.txt#2",
    source="001_test.txt",
    lang="en",
    title="Treatment",
    text="Lumbar strain is common. Rest in bed is not needed; staying active helps your back pain.",
)
HOSTILE = [
    '"',
    "AND OR NOT",
    "*",
    "(",
    "NEAR(",
    'back" OR pain*',
    "col:bed",
    "^bed",
    "{title}: bed",
    "-",
    "+",
]


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> Iterator[PassageIndex]:
    index = PassageIndex()
    index.add_knowledge(kb)
    index.add([ARTICLE])
    yield index
    index.close()


# ------------------------------------------------------------------------------------ index_terms
def test_chinese_segmentation_keeps_medical_words() -> None:
    terms = index_terms("腰痛要卧床休息吗？", "zh").split()
    assert "腰痛" in terms
    assert "卧床" in terms
    assert not {"要", "吗", "？"} & set(terms)  # stop characters and punctuation go


def test_chinese_long_words_also_give_their_parts() -> None:
    assert {"卧床", "休息"} <= set(index_terms("不要卧床休息", "zh").split())


def test_arabic_alef_forms_and_article_meet() -> None:
    forms = ["أم", "إم", "ام", "آم"]
    assert len({index_terms(f + "راض", "ar") for f in forms}) == 1
    assert "سرير" in index_terms("السرير", "ar").split()  # the definite article is also dropped
    assert index_terms("مُدَرِّسَـــة", "ar") == index_terms("مدرسه", "ar")  # tashkeel, tatweel, teh marbuta
    assert "في" not in index_terms("في الظهر", "ar").split()


def test_english_endings_meet() -> None:
    assert index_terms("hurts", "en") == index_terms("hurt", "en") == "hurt"
    assert index_terms("Staying", "en") == index_terms("stay", "en")
    assert index_terms("What is the", "en") == ""


def test_index_terms_are_single_fts_tokens() -> None:
    text = "Back-pain (x2) — 腰痛？ «الظهر» don't 'quotes' 40℃ ０９"
    for lang in ("en", "ar", "zh"):
        for term in index_terms(text, lang).split():
            assert term.isalnum() and term == term.lower(), (lang, term)


# ------------------------------------------------------------------------------------------ index
@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_fts5_syntax_in_a_query_never_raises(index: PassageIndex, query: str, lang: Lang) -> None:
    index.search(query, lang=lang)


def test_fts5_syntax_is_searched_as_words(index: PassageIndex) -> None:
    hits = index.search('NEAR(bed" OR rest*', lang="en")
    assert hits and {"bed", "rest"} <= set(hits[0].matched)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_searches(query: str) -> None:
    with PassageIndex() as index:
        index.add([ARTICLE])
        for lang in ("en", "ar", "zh"):
            index.search(query, lang=lang, limit=3)


def test_search_keeps_to_its_language_and_source(index: PassageIndex) -> None:
    hits = index.search("bed rest", lang="en", limit=50)
    assert hits and all(h.passage.lang == "en" for h in hits)
    assert all(h.passage.source == "kb" for h in index.search("bed rest", lang="en", sources="kb"))
    articles = index.search("bed rest", lang="en", sources="articles")
    assert [h.passage.id for h in articles] == [ARTICLE.id]
    assert set(articles[0].matched) == {"bed", "rest"}
    assert index.search("bed rest", lang="zh") == []


def test_add_replaces_by_id(kb: KnowledgeBase) -> None:
    with PassageIndex() as index:
        index.add([ARTICLE])
        index.add([Passage(id=ARTICLE.id, source=ARTICLE.source, lang="zh", title="治疗", text="卧床休息")])
        assert index.count() == 1
        assert index.search("bed", lang="en") == []
        assert [h.passage.text for h in index.search("卧床", lang="zh")] == ["卧床休息"]


def test_knowledge_passages_cite_and_refresh(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite3"
    with PassageIndex(path) as index:
        n = index.add_knowledge(kb)
        assert n == 3 * (len(kb.advice) + len(kb.conditions) + len(kb.conflicts))
        assert index.add_knowledge(kb) == n  # replaced, not doubled
        assert index.knowledge_digest == kb.digest
    with PassageIndex(path) as index:  # kept in the file
        assert index.count(source="kb") == n
        for p in index:
            assert p.citations and set(p.citations) <= set(kb.citations)


# -------------------------------------------------------------------------------------------- ask
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_bed_rest_question_is_answered_from_the_kb(
    index: PassageIndex, kb: KnowledgeBase, lang: Lang
) -> None:
    answer = ask(BED_QUESTIONS[lang], index=index, kb=kb)  # language detected
    assert answer.lang == lang
    assert answer.known
    best = answer.quotes[0]
    assert best.source == "kb"
    assert best.passage_id.split(":")[2] in BED_REST_PASSAGES
    assert "cochrane_bed_rest_2010" in best.citations
    assert best.text and best.text in answer.text
    assert answer.disclaimer == kb.phrases.disclaimer.get(lang)


def test_articles_only_support_the_kb(index: PassageIndex, kb: KnowledgeBase) -> None:
    answer = ask(BED_QUESTIONS["en"], index=index, kb=kb)
    sources = [q.source for q in answer.quotes]
    assert sources[0] == "kb" and ARTICLE.source in sources
    assert sources.index(ARTICLE.source) > max(i for i, s in enumerate(sources) if s == "kb")
    quote = next(q for q in answer.quotes if q.source == ARTICLE.source)
    assert quote.text == "Rest in bed is not needed; staying active helps your back pain."
    assert quote.citations == ()
    assert quote.text not in answer.text  # the answer itself is the knowledge base's words


@pytest.mark.parametrize(
    ("question", "lang"),
    [("What is the capital of France?", "en"), ("ما هي عاصمة فرنسا؟", "ar"), ("法国的首都是哪里？", "zh")],
)
def test_unrelated_question_is_not_known(
    index: PassageIndex, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    answer = ask(question, index=index, kb=kb)
    assert not answer.known
    assert answer.lang == lang
    assert answer.text == NOT_KNOWN[lang]
    assert answer.quotes == ()
    assert answer.disclaimer


def test_article_alone_does_not_answer(kb: KnowledgeBase) -> None:
    with PassageIndex() as index:
        index.add([ARTICLE])  # no knowledge-base passages
        assert not ask(BED_QUESTIONS["en"], index=index, kb=kb).known


def test_short_english_question_is_read_as_english(index: PassageIndex, kb: KnowledgeBase) -> None:
    answer = ask("What is sciatica?", index=index, kb=kb)  # the detector alone says Italian
    assert answer.lang == "en" and answer.known


@pytest.mark.parametrize(
    "question", ["Dois-je rester au lit si j'ai mal au dos ?", "Soll ich im Bett bleiben?"]
)
def test_unsupported_language_raises(index: PassageIndex, kb: KnowledgeBase, question: str) -> None:
    with pytest.raises(InputError) as raised:
        ask(question, index=index, kb=kb)
    assert raised.value.code is ErrorCode.IN109


@pytest.mark.parametrize("question", ["", "   ", '"*(', "？"])
def test_question_without_words_raises(index: PassageIndex, kb: KnowledgeBase, question: str) -> None:
    with pytest.raises(InputError) as raised:
        ask(question, index=index, kb=kb)
    assert raised.value.code is ErrorCode.IN108


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_question_with_a_language_is_answered(
    index: PassageIndex, kb: KnowledgeBase, query: str
) -> None:
    for lang in ("en", "ar", "zh"):
        ask(query + " x", index=index, kb=kb, lang=lang)


# -------------------------------------------------------------------------------- command line
_app = typer.Typer()


@_app.command()
def _ask(question: str, lang: str | None = None, db: Path | None = None, as_json: bool = False) -> None:
    """Wrapped as the app wraps it."""
    ask_command(question, lang=lang, db=db, as_json=as_json)


def test_command_prints_json_and_fills_the_index(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    result = CliRunner().invoke(_app, [BED_QUESTIONS["zh"], "--db", str(db), "--as-json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["known"] and out["lang"] == "zh"
    assert "cochrane_bed_rest_2010" in out["sources"]
    with PassageIndex(db) as index:
        assert index.count(source="kb") > 0


def test_command_reports_errors_in_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(_app, ["Soll ich im Bett bleiben?", "--db", str(tmp_path / "a.sqlite3")])
    assert result.exit_code == 1
    assert "IN109" in result.output
    bad = runner.invoke(_app, ["bed?", "--lang", "fr"])
    assert bad.exit_code == 2
    missing = runner.invoke(_app, ["bed?", "--db", str(tmp_path / "no" / "a.sqlite3")])
    assert missing.exit_code == 2 and "CL301" in missing.output
