"""Kept prefilter literals and patterns compiled on first use only save time: the same is found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backcheck.errors import KnowledgeBaseError
from backcheck.evaluation.corpus import load_corpus
from backcheck.language import cache
from backcheck.language.cache import cached_requirements
from backcheck.language.normalise import normalise
from backcheck.language.pack import data_dir, load_pack
from backcheck.language.patterns import Patterns
from backcheck.language.prefilter import Requirement, required_literals

CORPUS = Path(__file__).parent / "corpus"
SOURCES = ["back pain", "(?:numb|tingl)ing", "腰.{0,3}疼", "a?"]


def _derive() -> list[Requirement]:
    return [required_literals(s) for s in SOURCES]


def test_a_kept_list_is_read_back_without_deriving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = cached_requirements(SOURCES, _derive)
    assert first == _derive() and len(list((tmp_path / "backcheck").glob("prefilter-*.json"))) == 1

    def fail() -> list[Requirement]:
        raise AssertionError("derived again")

    assert cached_requirements(SOURCES, fail) == first
    assert cached_requirements([*SOURCES, "fever"], lambda: [*_derive(), [frozenset({"fever"})]])[-1] == [
        frozenset({"fever"})
    ]  # other sources: another key


@pytest.mark.parametrize(
    "content", ["not json", "{}", "[[]]", json.dumps([[["x", 1]]] * 4), json.dumps([[[""]]] * 4)]
)
def test_a_damaged_cache_is_derived_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cached_requirements(SOURCES, _derive)
    (kept,) = (tmp_path / "backcheck").glob("prefilter-*.json")
    kept.write_text(content, encoding="utf-8")
    assert cached_requirements(SOURCES, _derive) == _derive()


def test_no_cache_folder_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")  # the cache folder would have to be inside a file
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert cached_requirements(SOURCES, _derive) == _derive()
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME")
    assert cache.cache_dir() is None and cached_requirements(SOURCES, _derive) == _derive()


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_a_pack_from_the_cache_finds_the_same(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = load_pack(lang)  # type: ignore[arg-type]
    kept = load_pack(lang)  # type: ignore[arg-type]
    assert not any(kept.findings._compiled)  # nothing compiled yet: the cache answered
    for sentence in load_corpus(CORPUS / f"{lang}.yaml").sentences:
        text = normalise(sentence.text, lang).text
        assert kept.candidates(text) == fresh.candidates(text)
    kept.compile_all()
    assert all(kept.findings._compiled) and all(kept.values._compiled)


def test_patterns_compile_on_first_use_and_name_a_bad_one() -> None:
    table = Patterns([("a", "back", "en test a"), ("b", "(?<=a+)b", "en test b: bad pattern")])
    assert table[0][1].search("my back") and table.labels == ("a", "b")
    with pytest.raises(KnowledgeBaseError, match=r"KB003.*en test b: bad pattern: look-behind"):
        table[1]
    with pytest.raises(KnowledgeBaseError, match="KB003"):
        table.compile_all()
    assert [label for label, _ in table[:1]] == ["a"]


def test_a_new_bad_pattern_fails_the_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "data"
    (root / "en").mkdir(parents=True)
    for name in ("lexicon.yaml", "context.yaml"):
        (root / "en" / name).write_text((data_dir() / "en" / name).read_text("utf-8"), encoding="utf-8")
    lexicon = root / "en" / "lexicon.yaml"
    bad = 'findings:\n  made_up_finding: ["(?<=a+)fever"]\n'  # look-behind of no fixed width
    text = re.sub(r"(?m)^findings:\n", bad, lexicon.read_text("utf-8"), count=1)
    lexicon.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"KB003.*look-behind"):
        load_pack("en", root=root)
