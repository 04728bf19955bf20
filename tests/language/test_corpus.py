"""Per-language annotated corpora: the extraction bars of issue 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcheck.engine.case import Lang
from backcheck.evaluation.corpus import load_corpus, score_corpus
from backcheck.knowledge.base import KnowledgeBase
from backcheck.language.pack import load_pack
from backcheck.language.reading import red_flag_findings

CORPUS = Path(__file__).parent / "corpus"
LANGS: list[Lang] = ["en", "ar", "zh"]


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_meets_the_bars(kb: KnowledgeBase, lang: Lang) -> None:
    corpus = load_corpus(CORPUS / f"{lang}.yaml")
    assert corpus.language == lang
    assert len(corpus.sentences) >= 80
    s = score_corpus(corpus, kb=kb, pack=load_pack(lang), red=red_flag_findings(kb))
    report = "\n".join(s.errors[:40])
    assert s.red_flag_violations == 0, report
    assert s.precision("present") >= 0.90, report
    assert s.recall("present") >= 0.90, report
    assert s.precision("absent") >= 0.90, report
    assert s.recall("absent") >= 0.90, report


def test_corpora_total_at_least_300() -> None:
    assert sum(len(load_corpus(CORPUS / f"{lang}.yaml").sentences) for lang in LANGS) >= 300


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_mentions_known_findings(kb: KnowledgeBase, lang: Lang) -> None:
    extra = {"age", "sex"}
    for sentence in load_corpus(CORPUS / f"{lang}.yaml").sentences:
        assert set(sentence.expect) <= set(kb.findings) | extra, sentence.text


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_names_only_known_findings(kb: KnowledgeBase, lang: Lang) -> None:
    pack = load_pack(lang)
    unknown = set(pack.lexicon.findings) - set(kb.findings)
    assert not unknown
    # Age bands, sex and duration bands come from the numbers read, never from words
    # (fever or pregnant may be said directly, as well as derived from a number).
    numeric = {
        f.id
        for f in kb.findings.values()
        if f.derived_from is not None and f.derived_from.source in ("age", "sex", "duration_days")
    }
    assert not set(pack.lexicon.findings) & numeric
