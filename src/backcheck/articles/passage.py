"""A searchable passage: an article's section or a knowledge-base entry."""

from __future__ import annotations

from dataclasses import dataclass

from backcheck.engine.case import Lang


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage:
    """One unit of text the index stores and ``ask`` quotes."""

    id: str  # "001_689e3034d7da574a.txt#3" or "kb:advice:stay_active:en"
    source: str  # the article's file name, or "kb"
    lang: Lang
    title: str
    text: str
    citations: tuple[str, ...] = ()  # citation ids; empty for article passages
