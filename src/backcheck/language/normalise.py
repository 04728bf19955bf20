"""Normalise text per language while keeping a map back to the original offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pyarabic import araby

# Arabic letter variants folded to one form, so a pattern written once matches every spelling.
_ARABIC_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "٫": ".", "،": "،",
}  # fmt: skip
# Diacritics and tatweel carry no meaning for matching; pyarabic keeps the canonical lists.
_ARABIC_DROP = frozenset((*araby.TASHKEEL, araby.TATWEEL, "\u0670"))
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"}


def _is_mark(ch: str) -> bool:
    # Quranic annotation marks and rarer harakat beyond pyarabic's list.
    return "\u0653" <= ch <= "\u065f" or "\u06d6" <= ch <= "\u06ed"


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the offset it came from."""

    text: str
    origin: Sequence[int]  # a range when nothing moved
    length: int  # of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if start >= len(self.origin):
            return self.length, self.length
        first = self.origin[start]
        last = self.origin[end - 1] + 1 if end > start else first
        return first, last


# A decimal comma between digits reads as a point: "38,5" or "٣٨،٥" -> "38.5" (same length,
# offsets kept). The Arabic decimal separator ٫ and percent sign ٪ are folded in every language.
_DECIMAL_COMMA = re.compile(r"(?<=[0-9])[,،٬](?=[0-9])")
_SIGNS = {"٫": ".", "٪": "%"}


_ASCII = re.compile(r"[\x00-\x7f]+")


def normalise(text: str, lang: str) -> Normalised:
    """Fold case, width, digits, quotes and (for Arabic) letter variants, keeping offsets."""
    if text.isascii():
        # Fast path (most English): lower-casing ASCII keeps every offset where it was.
        return Normalised(_DECIMAL_COMMA.sub(".", text.lower()), range(len(text)), len(text))
    out: list[str] = []
    origin: list[int] = []
    done = 0
    # Runs of ASCII (most of English, the spaces and digits of the rest) are lower-cased whole;
    # each other character is folded on its own.
    for run in (*_ASCII.finditer(text), None):
        end = run.start() if run is not None else len(text)
        for i in range(done, end):
            folded = _fold(text[i], lang)
            out.append(folded)
            origin.extend([i] * len(folded))
        if run is not None:
            out.append(run.group().lower())
            origin.extend(range(run.start(), run.end()))
            done = run.end()
    return Normalised(_DECIMAL_COMMA.sub(".", "".join(out)), tuple(origin), len(text))


@lru_cache(maxsize=4096)
def _fold(raw: str, lang: str) -> str:
    """One non-ASCII character as matched: nothing (a mark), or its folded, lower-cased form."""
    if raw in _ARABIC_DROP or _is_mark(raw):
        return ""
    out = []
    # NFKC per character keeps the offset map simple; it turns full-width forms and
    # Arabic-Indic digits into ASCII.
    for ch in unicodedata.normalize("NFKC", raw):
        if ch.isdigit() and not ch.isascii():
            ch = str(unicodedata.digit(ch, 0))
        ch = _QUOTES.get(ch, ch)
        ch = _SIGNS.get(ch, ch)
        if lang == "ar":
            ch = _ARABIC_FOLD.get(ch, ch)
        out.append(ch.lower())
    return "".join(out)
