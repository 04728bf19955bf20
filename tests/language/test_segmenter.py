"""The Chinese segmenter reads jieba's dictionary on demand and cuts the same words as jieba."""

from __future__ import annotations

import json
from pathlib import Path

import jieba
import pytest

from backcheck.language import segmenter
from backcheck.language.normalise import normalise

DEV = Path(__file__).parent / "dev"


def _texts() -> list[str]:
    lines = (DEV / "zh.jsonl").read_text(encoding="utf-8").splitlines()
    return [normalise(json.loads(line)["text"], "zh").text for line in lines if line]


def test_same_words_as_jieba_with_its_whole_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    ours = segmenter.tokenizer()
    assert isinstance(ours.FREQ, segmenter._Frequencies)  # the on-demand dictionary is in use
    assert list(tmp_path.glob("backcheck/jieba-*.sqlite"))
    theirs = jieba.Tokenizer()
    for word in ("鞍区麻木", "尿不出来"):  # user words, as the language pack adds them
        ours.add_word(word, freq=2000)
        theirs.add_word(word, freq=2000)
    assert ours.total == theirs.total
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        assert list(ours.tokenize(text)) == list(theirs.tokenize(text))


def test_without_a_cache_folder_jieba_loads_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segmenter, "cache_dir", lambda: None)
    tk = segmenter.tokenizer()
    assert not tk.initialized  # jieba will load its dictionary on the first cut
    assert [w for w, _, _ in tk.tokenize("腰疼三天")] == ["腰疼", "三天"]
