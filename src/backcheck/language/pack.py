"""Load and compile one language's lexicon and context rules."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from backcheck.engine.case import Lang
from backcheck.errors import ErrorCode, KnowledgeBaseError
from backcheck.knowledge.load import parse
from backcheck.language.cache import cached_requirements
from backcheck.language.numbers import number_pattern
from backcheck.language.patterns import Patterns
from backcheck.language.prefilter import Prefilter, Requirement, required_literals
from backcheck.language.schema import Context, Cue, Lexicon, LexiconPart
from backcheck.language.spelling import Speller

if TYPE_CHECKING:
    import jieba

LANGUAGES: tuple[Lang, ...] = ("en", "ar", "zh")
L = TypeVar("L")


@dataclass(frozen=True, slots=True)
class Candidates:
    """Indices, per kind of pattern, of the patterns that might match a text."""

    findings: list[int]
    cues: list[int]
    values: list[int]
    sex: list[int]
    durations: list[int]
    fixed: list[int]


@dataclass(frozen=True)
class LanguagePack:
    """Everything needed to read one language, compiled once."""

    lang: Lang
    lexicon: Lexicon
    context: Context
    # Each table is compiled pattern by pattern, on first use (patterns.py).
    findings: Patterns[str]  # finding id
    values: Patterns[str]  # value key
    sex: Patterns[str]
    durations: Patterns[None]
    fixed_durations: Patterns[float]  # days
    cues: Patterns[Cue]
    clause_breaks: re.Pattern[str]
    prefilter: Prefilter
    segmenter: jieba.Tokenizer | None = None
    #: findings whose matches never take words from another's (the complaint itself)
    non_exclusive: frozenset[str] = frozenset()
    #: symptom-like words, to report what no finding took (``unread``); None: none listed
    health: re.Pattern[str] | None = None
    #: spelling tolerance (English): misspelt lexicon words corrected before matching
    speller: Speller | None = None

    def compile_all(self) -> None:
        """Compile every pattern now, for a long-lived process that would rather pay at start."""
        for table in (self.findings, self.cues, self.values, self.sex, self.durations, self.fixed_durations):
            table.compile_all()

    def candidates(self, text: str) -> Candidates:
        """The patterns of each kind worth running on ``text`` (normalised), from one scan."""
        sizes = (len(self.findings), len(self.cues), len(self.values), len(self.sex), len(self.durations))
        groups: list[list[int]] = [[] for _ in range(len(sizes) + 1)]
        bounds = list(accumulate(sizes))
        g = 0
        for i in self.prefilter.candidates(text):  # sorted, so the groups come in order
            while g < len(bounds) and i >= bounds[g]:
                g += 1
            groups[g].append(i - (bounds[g - 1] if g else 0))
        return Candidates(*groups)


def data_dir() -> Path:
    """Folder of the bundled language data (one sub-folder per language)."""
    return Path(str(resources.files("backcheck.language") / "data"))


# Escapes (\\d, \\S) and named groups (?P<...>) may hold capitals; literal text may not.
_SYNTAX = re.compile(r"\\.|\(\?P[<=]")


def _entry(label: L, pattern: str, *, lang: Lang, where: str, words: bool = True) -> tuple[L, str, str]:
    """``(label, source, name)`` for :class:`Patterns`: the pattern checked and made ready to compile."""
    # Patterns run on normalised, lower-cased text, so they are compiled case-sensitive
    # (about 40 % faster than IGNORECASE) and must be written in lower case.
    if any(ch.isupper() for ch in _SYNTAX.sub("", pattern)):
        raise KnowledgeBaseError(
            ErrorCode.KB003, f"{lang} {where}: pattern {pattern!r} has capitals; write patterns in lower case"
        )
    # English words need boundaries; Arabic clitics and Chinese (no spaces) must not have them.
    source = rf"\b(?:{pattern})\b" if lang == "en" and words else pattern
    return label, source, f"{lang} {where}: bad pattern {pattern!r}"


def _segmenter(lexicon: Lexicon) -> jieba.Tokenizer:
    """A jieba tokenizer of its own (not jieba's global one) with a medical user dictionary:
    every literal Chinese word of the lexicon, so 尿不出来 or 鞍区麻木 stay whole words."""
    import jieba  # on use: it pulls in pkg_resources (9 MB), and only Chinese needs it

    from backcheck.language.segmenter import tokenizer as new_tokenizer

    jieba.setLogLevel(logging.WARNING)
    tokenizer = new_tokenizer()
    words = {
        w
        for patterns in lexicon.findings.values()
        for p in patterns
        for w in re.findall(r"[\u4e00-\u9fff]{2,}", p)
    }
    for word in sorted(words):
        tokenizer.add_word(word, freq=2000)
    return tokenizer


def load_pack(lang: Lang, *, root: Path | None = None, spelling: bool = True) -> LanguagePack:
    """Read ``<root>/<lang>/lexicon.yaml`` and ``context.yaml``; patterns compile on first use.

    Raises:
        KnowledgeBaseError: KB001-KB003 for a missing or malformed file or a bad pattern. Every
            pattern is compiled here the first time a set of patterns is met (cache.py keeps
            the rest of that work for later runs, so a kept set has compiled before).
    """
    folder = (root or data_dir()) / lang
    parts = [parse(LexiconPart, p) for p in sorted(folder.glob("lexicon_*.yaml"))]
    lexicon = _merged(parse(Lexicon, folder / "lexicon.yaml"), parts, lang)
    words = [w for part in parts for w in part.health_words]
    health = (
        Patterns(
            [_entry(None, "|".join(f"(?:{w})" for w in words), lang=lang, where="health words")]
        ).pattern(0)
        if words
        else None
    )
    context = parse(Context, folder / "context.yaml")
    num = number_pattern(lexicon.numbers)
    num2 = number_pattern(lexicon.numbers, name="num2")
    units = (
        "(?P<unit>"
        + "|".join(re.escape(u) for u in sorted(lexicon.durations.units, key=len, reverse=True))
        + ")"
    )

    def with_num(p: str) -> str:
        return p.replace("{num}", num).replace("{num2}", num2).replace("{unit}", units)

    shared = frozenset(f for part in parts for f in part.non_exclusive)
    # A non-exclusive finding's patterns run as one alternation (extract._matches): which of
    # its own overlapping matches is kept does not matter, and one scan replaces a dozen. Each
    # is still an entry of its own, so the prefilter leaves out those that cannot match.
    findings = Patterns(
        _entry(fid, p, lang=lang, where=f"finding {fid}")
        for fid, patterns in lexicon.findings.items()
        for p in patterns
    )
    values = Patterns(
        _entry(key, with_num(p), lang=lang, where=f"value {key}")
        for key, patterns in lexicon.values.items()
        for p in patterns
    )
    sex = Patterns(
        _entry(key, p, lang=lang, where=f"sex {key}")
        for key, patterns in lexicon.sex.items()
        for p in patterns
    )
    durations = Patterns(
        _entry(None, with_num(p), lang=lang, where="duration") for p in lexicon.durations.patterns
    )
    fixed = Patterns(
        _entry(days, p, lang=lang, where="fixed duration") for p, days in lexicon.durations.fixed.items()
    )
    cues = Patterns(_entry(c, c.pattern, lang=lang, where="cue") for c in context.cues)
    # One automaton for every kind of pattern, so a text is scanned once (order as in candidates).
    tables: tuple[Patterns[object], ...] = (findings, cues, values, sex, durations, fixed)
    sources = [source for table in tables for source in table.sources]

    def derive() -> list[Requirement]:  # only for a set of patterns not met before
        for table in tables:
            table.compile_all()  # a bad pattern fails the load, not the first text it meets
        return [required_literals(source) for source in sources]

    breaks = "|".join(f"(?:{p})" for p in context.clause_breaks)
    clause_breaks = _entry(None, breaks, lang=lang, where="clause breaks", words=False)
    return LanguagePack(
        lang=lang,
        lexicon=lexicon,
        context=context,
        findings=findings,
        prefilter=Prefilter(cached_requirements(sources, derive)),
        values=values,
        sex=sex,
        durations=durations,
        fixed_durations=fixed,
        cues=cues,
        clause_breaks=Patterns([clause_breaks]).pattern(0),
        segmenter=_segmenter(lexicon) if lang == "zh" else None,
        non_exclusive=shared,
        health=health,
        speller=_speller(folder / "spelling.txt") if spelling else None,
    )


def _speller(path: Path) -> Speller | None:
    """The language's spelling vocabulary, when it has one (scripts/spelling_vocabulary.py)."""
    if not path.is_file():
        return None
    words = [w for w in path.read_text(encoding="utf-8").split() if not w.startswith("#")]
    return Speller.of(w for w in words if w.isalpha())


def _merged(lexicon: Lexicon, parts: list[LexiconPart], lang: Lang) -> Lexicon:
    """The lexicon with the patterns of its topic files added (a key in both keeps both)."""
    findings = {k: list(v) for k, v in lexicon.findings.items()}
    values = {k: list(v) for k, v in lexicon.values.items()}
    for part in parts:
        if part.language != lang:
            raise KnowledgeBaseError(
                ErrorCode.KB003,
                f"lexicon part {part.topic!r}: language {part.language!r} in the {lang} folder",
            )
        for fid, patterns in part.findings.items():
            findings.setdefault(fid, []).extend(patterns)
        for key, patterns in part.values.items():
            values.setdefault(key, []).extend(patterns)
    return lexicon.model_copy(update={"findings": findings, "values": values})


def load_packs(*, root: Path | None = None) -> dict[Lang, LanguagePack]:
    """All bundled languages."""
    return {lang: load_pack(lang, root=root) for lang in LANGUAGES}
