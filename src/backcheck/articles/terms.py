"""The words that turn an article's sentences into claims, per language (data, not code).

``language/data/<lang>/articles.yaml`` names, for each knowledge-base id, the patterns that
say it in that language: causes (condition ids), advice (advice ids), conflicts (conflict ids:
every group of a conflict must match within one sentence), medicines (free ids), and the page
furniture to strip. Patterns are regular expressions on the normalised (lower-cased) text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backcheck.engine.case import Lang
from backcheck.errors import ErrorCode, KnowledgeBaseError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import parse
from backcheck.language.pack import data_dir
from backcheck.language.prefilter import Prefilter, required_literals

ClaimKind = Literal["cause", "advice", "medicine"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArticleTerms(_Strict):
    """One language's article patterns, as written in articles.yaml."""

    language: Lang
    furniture: list[str] = Field(min_length=1)
    causes: dict[str, list[str]] = Field(default_factory=dict)
    advice: dict[str, list[str]] = Field(default_factory=dict)
    #: conflict id -> groups of alternatives; a sentence states the conflict when every group matches
    conflicts: dict[str, list[list[str]]] = Field(default_factory=dict)
    medicines: dict[str, list[str]] = Field(default_factory=dict)
    #: a number with a unit that makes it advice or a claim ("24-48 hours", "40 ℃", "3 times per week")
    numbers: list[str] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CompiledTerms:
    """Patterns ready to run."""

    lang: Lang
    furniture: re.Pattern[str]  # any one of the furniture patterns: one search per line
    #: causes, then advice, then medicines, each in the file's order (the order claims come in)
    claims: tuple[tuple[ClaimKind, str, re.Pattern[str]], ...]
    conflicts: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    numbers: re.Pattern[str] | None
    #: the claim patterns, then the first group of each conflict: one scan of a sentence tells
    #: which of them can match at all (most sentences need none)
    prefilter: Prefilter

    def candidates(self, low: str) -> tuple[list[int], list[int]]:
        """Indices of the claims and of the conflicts worth trying on a (normalised) sentence."""
        run = self.prefilter.candidates(low)
        cut = bisect_left(run, len(self.claims))
        return run[:cut], [i - len(self.claims) for i in run[cut:]]


def _compile(patterns: list[str], *, lang: Lang, where: str) -> re.Pattern[str]:
    for p in patterns:
        if p != p.lower():  # the text is lower-cased before matching
            raise KnowledgeBaseError(ErrorCode.KB003, f"{lang} articles {where}: capitals in {p!r}")
    joined = "|".join(f"(?:{p})" for p in patterns)
    source = rf"\b(?:{joined})\b" if lang == "en" else joined
    try:
        return re.compile(source)
    except re.error as err:
        raise KnowledgeBaseError(ErrorCode.KB003, f"{lang} articles {where}: bad pattern: {err}") from err


def load_terms(lang: Lang, *, root: Path | None = None) -> CompiledTerms:
    """Read and compile ``<root>/<lang>/articles.yaml``.

    Raises:
        KnowledgeBaseError: KB001/KB002 for a missing or malformed file, KB003 for a bad pattern.
    """
    terms = parse(ArticleTerms, (root or data_dir()) / lang / "articles.yaml")

    tables: tuple[tuple[ClaimKind, str, dict[str, list[str]]], ...] = (
        ("cause", "causes", terms.causes),
        ("advice", "advice", terms.advice),
        ("medicine", "medicines", terms.medicines),
    )
    claims = tuple(
        (kind, k, _compile(v, lang=lang, where=f"{section}.{k}"))
        for kind, section, table in tables
        for k, v in table.items()
    )
    conflicts = tuple(
        (k, tuple(_compile(g, lang=lang, where=f"conflicts.{k}") for g in groups))
        for k, groups in terms.conflicts.items()
    )
    return CompiledTerms(
        lang=lang,
        furniture=_compile(terms.furniture, lang=lang, where="furniture"),
        claims=claims,
        conflicts=conflicts,
        numbers=_compile(terms.numbers, lang=lang, where="numbers") if terms.numbers else None,
        prefilter=Prefilter(
            [required_literals(rx) for rx in (*(rx for _, _, rx in claims), *(g[0] for _, g in conflicts))]
        ),
    )


def unknown_ids(kb: KnowledgeBase, *, root: Path | None = None) -> list[str]:
    """Ids in the articles files that the knowledge base does not have (for the checker)."""
    problems: list[str] = []
    for lang in ("en", "ar", "zh"):
        terms = parse(ArticleTerms, (root or data_dir()) / lang / "articles.yaml")
        for kind, table, known in (
            ("causes", terms.causes, kb.conditions),
            ("advice", terms.advice, kb.advice),
            ("conflicts", terms.conflicts, kb.conflicts),
        ):
            problems += [f"{lang} articles {kind}.{k}" for k in table if k not in known]
    return problems
