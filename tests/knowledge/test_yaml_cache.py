"""What a YAML file parses to is kept as JSON in the cache folder and read back unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from backcheck.knowledge import load
from backcheck.knowledge.load import load_knowledge_base, read_yaml


def _no_yaml(*_: Any, **__: Any) -> Any:
    raise AssertionError("the YAML was parsed again")


def test_second_read_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "x.yaml"
    source.write_text("a: [1, 2.5, true, null, 'زمن', '腰痛']\nb: {c: text}\n", encoding="utf-8")
    first = read_yaml(source)
    monkeypatch.setattr(load.yaml, "load", _no_yaml)
    assert read_yaml(source) == first == {"a": [1, 2.5, True, None, "زمن", "腰痛"], "b": {"c": "text"}}


def test_a_changed_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "x.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(source) == {"a": 1}
    source.write_text("a: 2\n", encoding="utf-8")
    assert read_yaml(source) == {"a": 2}


@pytest.mark.parametrize("text", ["when: 2024-01-31\n", "1: one\n"])
def test_data_json_would_change_is_never_kept(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "x.yaml"
    source.write_text(text, encoding="utf-8")
    expected = yaml.safe_load(text)
    assert read_yaml(source) == expected
    assert read_yaml(source) == expected  # a date stays a date, an integer key an integer
    assert not list((tmp_path / "cache").glob("**/yaml-*.json"))


def test_the_knowledge_base_is_the_same_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parsed = load_knowledge_base()
    assert list((tmp_path / "cache").glob("backcheck/yaml-*.json"))
    monkeypatch.setattr(load.yaml, "load", _no_yaml)
    cached = load_knowledge_base()
    assert cached.version == parsed.version
    assert cached.findings == parsed.findings and cached.rules == parsed.rules


def test_without_a_cache_folder_the_yaml_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "cache_dir", lambda: None)
    source = tmp_path / "x.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(source) == {"a": 1}
