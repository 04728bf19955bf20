"""One article, read and checked: the pure function behind `articles add` and `articles check`.

``read_article`` takes the file's bytes and returns the whole report; nothing is read from
disk or the clock, so a folder can be read by worker processes or by Dask with the same result.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from backcheck.articles.check import ConflictFound, Missing, conflicts_found, judge, missing_warning_signs
from backcheck.articles.claims import Claim, find_claims
from backcheck.articles.document import ArticleError, to_text
from backcheck.articles.furniture import strip_furniture
from backcheck.articles.passage import Passage
from backcheck.articles.sections import Section, split_sections
from backcheck.articles.terms import CompiledTerms, load_terms
from backcheck.engine.case import Lang
from backcheck.errors import ErrorCode
from backcheck.language.detect import detect_language
from backcheck.pipeline import Context


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleReport:
    """What an article says and how it stands against the knowledge base."""

    id: str
    language: Lang
    title: str
    text: str  # the article without its furniture (claim offsets point here)
    sections: list[Section]
    dates: list[str]
    removed: list[str]
    claims: list[Claim]
    conflicts: list[ConflictFound]
    missing: list[Missing]
    kb_version: str

    def passages(self) -> list[Passage]:
        """The sections as searchable passages."""
        return [
            Passage(id=f"{self.id}#{i}", source=self.id, lang=self.language, title=s.title, text=s.text)
            for i, s in enumerate(self.sections)
        ]


class Readers:
    """Knowledge base, language packs and article terms, loaded once and on first use."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._terms: dict[Lang, CompiledTerms] = {}
        # Warning signs: findings a red flag reads (not the context members of combined rules,
        # such as "after lifting", which an article names as a cause, not a warning).
        self.signs = frozenset(f for r in ctx.kb.rules if r.kind == "red_flag" for f in r.when.finding_ids())

    def terms(self, lang: Lang) -> CompiledTerms:
        if lang not in self._terms:
            self._terms[lang] = load_terms(lang)
        return self._terms[lang]


def read_article(raw: bytes, *, name: str, readers: Readers) -> ArticleReport:
    """Read, check and report one article.

    Raises:
        ArticleError: AR501-AR504 for a file that is not readable text; IN109 for a language
            backcheck does not read.
    """
    document = to_text(raw, name=name)
    detected = detect_language(
        document.text[:1500]
    ).lang  # the opening says the language; lingua costs per character
    if detected not in ("en", "ar", "zh"):
        raise ArticleError(ErrorCode.IN109, f"{name}: written in {detected!r}; backcheck reads en, ar and zh")
    lang: Lang = detected
    terms = readers.terms(lang)
    stripped = strip_furniture(document.text, terms)
    sections = split_sections(stripped.text)
    kb = readers.ctx.kb
    found, stated = find_claims(
        stripped.text, sections, terms=terms, pack=readers.ctx.packs[lang], flags=readers.signs
    )
    claims = judge(found, stated, kb)
    title = next((s.title for s in sections if s.title), stripped.text.strip().split("\n")[0][:120])
    return ArticleReport(
        id=name,
        language=lang,
        title=title,
        text=stripped.text,
        sections=sections,
        dates=stripped.dates,
        removed=stripped.removed,
        claims=claims,
        conflicts=conflicts_found(stated, kb, lang),
        missing=missing_warning_signs(claims, kb, lang),
        kb_version=kb.version,
    )


def report_to_dict(report: ArticleReport) -> dict[str, Any]:
    """The report as JSON-ready data (``articles check --json``)."""
    return {
        "id": report.id,
        "language": report.language,
        "title": report.title,
        "kb_version": report.kb_version,
        "sections": [{"title": s.title, "kind": s.kind, "start": s.start} for s in report.sections],
        "dates": report.dates,
        "removed": report.removed,
        "claims": [
            {
                "kind": c.kind,
                "text": c.text,
                "span": [c.start, c.end],
                "sentence": c.sentence,
                "section": c.section,
                "kb_ids": c.kb_ids,
                "verdict": c.verdict,
                "conflicts": c.conflicts,
            }
            for c in report.claims
        ],
        "conflicts": [asdict(c) for c in report.conflicts],
        "missing": [asdict(m) for m in report.missing],
    }
