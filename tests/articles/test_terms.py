"""Article patterns: the shortcuts (literal prefilter, one furniture search) find what running
every pattern finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck.articles.sections import sentences
from backcheck.articles.terms import ArticleTerms, CompiledTerms, load_terms
from backcheck.evaluation.corpus import load_corpus
from backcheck.knowledge.load import parse
from backcheck.language.normalise import normalise
from backcheck.language.pack import data_dir

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parents[1] / "language" / "corpus"
TERMS = {lang: load_terms(lang) for lang in ("en", "ar", "zh")}  # type: ignore[arg-type]


def _same_as_running_everything(terms: CompiledTerms, text: str) -> None:
    low = normalise(text, terms.lang).text
    claims, conflicts = terms.candidates(low)
    assert {i for i, (_, _, rx) in enumerate(terms.claims) if rx.search(low)} <= set(claims), text
    stated = {i for i, (_, groups) in enumerate(terms.conflicts) if groups[0].search(low)}
    assert stated <= set(conflicts), text


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_prefilter_keeps_every_pattern_that_matches(lang: str) -> None:
    texts = [s.text for s in load_corpus(CORPUS / f"{lang}.yaml").sentences]
    texts += [s for p in sorted(SEEDS.glob("*.txt")) for _, _, s in sentences(p.read_text("utf-8"))]
    for text in texts:
        _same_as_running_everything(TERMS[lang], text)  # type: ignore[index]


def test_every_claim_pattern_is_found_through_its_own_words() -> None:
    # Each pattern's own literal text (patterns without syntax) must come through the prefilter.
    for terms in TERMS.values():
        for _, _, rx in terms.claims:
            for alternative in rx.pattern.removeprefix(r"\b(?:").removesuffix(r")\b").split("|"):
                plain = alternative.removeprefix("(?:").removesuffix(")")
                if plain.replace(" ", "").isalnum():
                    _same_as_running_everything(terms, f"x {plain} y")


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "bed rest", "rest in bed", "24-48 hours", "days", "hot compress", "levofloxacin",
                "sprain", "sit-ups", "massage", "kidney", "qi", "卧床", "休息", "热敷", "左氧氟沙星",
                "الراحة في الفراش", "ساعه", "كمادات", "ct", "核磁", "x", ".", " ", "-", "2",
            ]
        ),
        max_size=12,
    ),
    lang=st.sampled_from(["en", "ar", "zh"]),
)  # fmt: skip
def test_prefilter_on_made_up_sentences(words: list[str], lang: str) -> None:
    _same_as_running_everything(TERMS[lang], " ".join(words))


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_one_furniture_search_is_any_of_the_patterns(lang: str) -> None:
    raw = parse(ArticleTerms, data_dir() / lang / "articles.yaml").furniture
    each = [re.compile(rf"\b(?:{p})\b" if lang == "en" else p) for p in raw]
    lines = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text("utf-8").split("\n")]
    lines += [
        "share on pinterest",
        "related articles",
        "related articles:",
        "comments (3)",
        "advertisement",
        "an advertisement",
        "press esc to cancel.",
        "download the app",
        "hotlines",
    ]
    for line in lines:
        low = line.strip().lower()
        assert bool(TERMS[lang].furniture.search(low)) == any(rx.search(low) for rx in each), line  # type: ignore[index]
