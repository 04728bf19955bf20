"""Arabizi (Arabic typed in Latin letters and digits) written in Arabic script, so the Arabic
lexicon can read it. The table is data (``data/ar/arabizi.yaml``); offsets map back per word.

A text is taken for Arabizi when it is Latin-script and enough of its words are known Arabizi
words or carry the digit-letters (3, 7, 2, 5, 9 inside a word): "ana 3andi waja3 fi dahri".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from backcheck.knowledge.load import parse
from backcheck.language.normalise import Normalised
from backcheck.language.schema import Strict

_TOKEN = re.compile(r"[a-z0-9']+")
#: A digit used as a letter: inside or at either end of a word with letters.
_DIGIT_LETTER = re.compile(r"(?:[a-z][2-9]|[2-9][a-z])")
_SQUEEZE = re.compile(r"([a-z])\1+")
_NOT_ARABIZI = re.compile(
    r"[lstc]\d{1,2}|\d+(?:x|mg|ml|kg|cm|mm|h|hr|hrs|d|wk|wks|y|yr|yrs|yo|st|nd|rd|th|am|pm)"
)


class ArabiziTable(Strict):
    """The transliteration table."""

    words: dict[str, str] = Field(min_length=1)
    letters: dict[str, str] = Field(min_length=1)


@dataclass(frozen=True)
class Transliteration:
    """The Arabic-script text, with a map back to the original's offsets (per character)."""

    text: str
    origin: list[int]
    length: int

    def normalised(self) -> Normalised:
        """As a :class:`Normalised` over the original text, for spans."""
        return Normalised(self.text, self.origin, self.length)


@lru_cache(maxsize=1)
def table(root: Path | None = None) -> ArabiziTable:
    """The bundled table (loaded once)."""
    from backcheck.language.pack import data_dir

    return parse(ArabiziTable, (root or data_dir()) / "ar" / "arabizi.yaml")


def looks_like_arabizi(text: str) -> bool:
    """Latin-script text in which a third of the words are Arabizi words or use digit-letters."""
    if any("\u0600" <= ch <= "\u06ff" or "\u4e00" <= ch <= "\u9fff" for ch in text):
        return False
    words = _TOKEN.findall(text.lower())
    if len(words) < 2:
        return False
    known = table().words
    # Spinal levels (L4, S1, T12, C5) and units (2x, 5mg) are not digit-letters.
    lettered = [w for w in words if _DIGIT_LETTER.search(w) and not _NOT_ARABIZI.fullmatch(w)]
    hits = len(lettered) + sum(1 for w in words if w not in lettered and _squeeze(w) in known)
    digit_words = len(lettered)
    return digit_words >= 1 and hits >= 0.34 * len(words)


def _squeeze(word: str) -> str:
    return _SQUEEZE.sub(r"\1", word)


def _letters(word: str, letters: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    keys = sorted(letters, key=len, reverse=True)
    while i < len(word):
        for key in keys:
            if word.startswith(key, i):
                out.append(letters[key])
                i += len(key)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def transliterate(text: str) -> Transliteration:
    """Write an Arabizi text in Arabic script, word by word, keeping offsets.

    Two-word entries ("el dahr") are tried before single words.
    """
    t = table()
    lower = text.lower()
    out: list[str] = []
    origin: list[int] = []
    tokens = list(_TOKEN.finditer(lower))
    pos = 0
    i = 0
    while i < len(tokens):
        m = tokens[i]
        # Whatever lies between words (spaces, punctuation) is kept as it is.
        for k in range(pos, m.start()):
            out.append(lower[k])
            origin.append(k)
        word = _squeeze(m.group())
        start, end = m.start(), m.end()
        pair = f"{word} {_squeeze(tokens[i + 1].group())}" if i + 1 < len(tokens) else ""
        if pair and pair in t.words:
            arabic = t.words[pair]
            end = tokens[i + 1].end()
            i += 1
        elif word.isdigit():
            arabic = word  # a number stays a number
        else:
            arabic = t.words.get(word) or _letters(word, t.letters)
        # Every output character maps to the whole input word: spans come back word by word.
        size = len(arabic)
        for n in range(size):
            origin.append(end - 1 if n == size - 1 else start + n * (end - start) // size)
        out.append(arabic)
        pos = end
        i += 1
    for k in range(pos, len(lower)):
        out.append(lower[k])
        origin.append(k)
    return Transliteration("".join(out), origin, len(text))
