"""Load and compile one language's lexicon and context rules."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from backcheck.engine.case import Lang
from backcheck.errors import ErrorCode, KnowledgeBaseError
from backcheck.knowledge.load import parse
from backcheck.language.numbers import number_pattern
from backcheck.language.prefilter import Prefilter
from backcheck.language.schema import Context, Cue, Lexicon

if TYPE_CHECKING:
    import jieba

LANGUAGES: tuple[Lang, ...] = ("en", "ar", "zh")


@dataclass(frozen=True)
class CompiledCue:
    """A context cue ready to match."""

    cue: Cue
    regex: re.Pattern[str]


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
    findings: tuple[tuple[str, re.Pattern[str]], ...]
    values: tuple[tuple[str, re.Pattern[str]], ...]
    sex: tuple[tuple[str, re.Pattern[str]], ...]
    durations: tuple[re.Pattern[str], ...]
    fixed_durations: tuple[tuple[re.Pattern[str], float], ...]
    cues: tuple[CompiledCue, ...]
    clause_breaks: re.Pattern[str]
    prefilter: Prefilter
    segmenter: jieba.Tokenizer | None = None

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


def _compile(pattern: str, *, lang: Lang, where: str, words: bool = True) -> re.Pattern[str]:
    # Patterns run on normalised, lower-cased text, so they are compiled case-sensitive
    # (about 40 % faster than IGNORECASE) and must be written in lower case.
    if any(ch.isupper() for ch in _SYNTAX.sub("", pattern)):
        raise KnowledgeBaseError(
            ErrorCode.KB003, f"{lang} {where}: pattern {pattern!r} has capitals; write patterns in lower case"
        )
    # English words need boundaries; Arabic clitics and Chinese (no spaces) must not have them.
    source = rf"\b(?:{pattern})\b" if lang == "en" and words else pattern
    try:
        return re.compile(source)
    except re.error as err:
        raise KnowledgeBaseError(ErrorCode.KB003, f"{lang} {where}: bad pattern {pattern!r}: {err}") from err


def _segmenter(lexicon: Lexicon) -> jieba.Tokenizer:
    """A jieba tokenizer of its own (not jieba's global one) with a medical user dictionary:
    every literal Chinese word of the lexicon, so 尿不出来 or 鞍区麻木 stay whole words."""
    import jieba  # on use: it pulls in pkg_resources (9 MB), and only Chinese needs it

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    words = {
        w
        for patterns in lexicon.findings.values()
        for p in patterns
        for w in re.findall(r"[\u4e00-\u9fff]{2,}", p)
    }
    for word in sorted(words):
        tokenizer.add_word(word, freq=2000)
    return tokenizer


def load_pack(lang: Lang, *, root: Path | None = None) -> LanguagePack:
    """Read and compile ``<root>/<lang>/lexicon.yaml`` and ``context.yaml``."""
    folder = (root or data_dir()) / lang
    lexicon = parse(Lexicon, folder / "lexicon.yaml")
    context = parse(Context, folder / "context.yaml")
    num = number_pattern(lexicon.numbers)
    units = (
        "(?P<unit>"
        + "|".join(re.escape(u) for u in sorted(lexicon.durations.units, key=len, reverse=True))
        + ")"
    )

    def with_num(p: str) -> str:
        return p.replace("{num}", num).replace("{unit}", units)

    findings = tuple(
        (fid, _compile(p, lang=lang, where=f"finding {fid}"))
        for fid, patterns in lexicon.findings.items()
        for p in patterns
    )
    values = tuple(
        (key, _compile(with_num(p), lang=lang, where=f"value {key}"))
        for key, patterns in lexicon.values.items()
        for p in patterns
    )
    sex = tuple(
        (key, _compile(p, lang=lang, where=f"sex {key}"))
        for key, patterns in lexicon.sex.items()
        for p in patterns
    )
    durations = tuple(_compile(with_num(p), lang=lang, where="duration") for p in lexicon.durations.patterns)
    fixed = tuple(
        (_compile(p, lang=lang, where="fixed duration"), days) for p, days in lexicon.durations.fixed.items()
    )
    cues = tuple(CompiledCue(c, _compile(c.pattern, lang=lang, where="cue")) for c in context.cues)
    return LanguagePack(
        lang=lang,
        lexicon=lexicon,
        context=context,
        findings=findings,
        # One automaton for every kind of pattern, so a text is scanned once (order as in candidates).
        prefilter=Prefilter(
            [
                *(rx for _, rx in findings),
                *(c.regex for c in cues),
                *(rx for _, rx in values),
                *(rx for _, rx in sex),
                *durations,
                *(rx for rx, _ in fixed),
            ]
        ),
        values=values,
        sex=sex,
        durations=durations,
        fixed_durations=fixed,
        cues=cues,
        clause_breaks=_compile(
            "|".join(f"(?:{p})" for p in context.clause_breaks), lang=lang, where="clause breaks", words=False
        ),
        segmenter=_segmenter(lexicon) if lang == "zh" else None,
    )


def load_packs(*, root: Path | None = None) -> dict[Lang, LanguagePack]:
    """All bundled languages."""
    return {lang: load_pack(lang, root=root) for lang in LANGUAGES}
