"""Spelling tolerance for English (issue 14): "sciatia", "numbess" and "tingeling" read as the
lexicon's words. A word is corrected only when all of these hold:

- it has five letters or more, and is neither a lexicon word nor a known English word
  (pyspellchecker's frequency list, loaded only when a correction is in sight);
- one lexicon word of a finding pattern lies within edit distance 1 (2 for words of eight
  letters or more), counting a swap of two letters as one edit, and no other does;
- negation and other context cues are never corrected to or from: their words are not in the
  vocabulary, which holds only the words of finding patterns.

The candidates come from a deletion index (SymSpell's idea), so a text costs a few set look-ups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING

from rapidfuzz.distance import DamerauLevenshtein

from backcheck.language.normalise import Normalised

if TYPE_CHECKING:
    from spellchecker import SpellChecker

# A whole word: not part of a contraction or possessive ("couldn't", "crohn's").
_WORD = re.compile(r"(?<![a-z'])[a-z]{5,}(?![a-z'])")


def _deletes(word: str, depth: int) -> set[str]:
    out = set()
    for n in range(1, depth + 1):
        for drop in combinations(range(len(word)), n):
            out.add("".join(ch for i, ch in enumerate(word) if i not in drop))
    return out


def _depth(word: str) -> int:
    return 2 if len(word) >= 8 else 1


@dataclass(frozen=True)
class Speller:
    """The lexicon's vocabulary and its deletion index."""

    vocabulary: frozenset[str]
    index: dict[str, frozenset[str]]
    _seen: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, vocabulary: Iterable[str]) -> Speller:
        """From the words to correct towards (``data/en/spelling.txt``)."""
        words = frozenset(w for w in vocabulary if len(w) >= 5)
        index: dict[str, set[str]] = {}
        for w in words:
            for key in _deletes(w, _depth(w)) | {w}:
                index.setdefault(key, set()).add(w)
        return cls(words, {k: frozenset(v) for k, v in index.items()})

    def suggestion(self, token: str) -> str | None:
        """The one lexicon word ``token`` is a misspelling of, or None."""
        if token in self.vocabulary:
            return None
        # The same words come back text after text ("lower", "started"): remember each answer.
        if token in self._seen:
            return self._seen[token]
        found = self._suggest(token)
        if len(self._seen) < 50_000:
            self._seen[token] = found
        return found

    def _suggest(self, token: str) -> str | None:
        depth = _depth(token)
        found: set[str] = set()
        for key in _deletes(token, depth) | {token}:
            found |= self.index.get(key, frozenset())
        close: set[str] = {w for w in found if DamerauLevenshtein.distance(token, w) <= max(depth, _depth(w))}
        if len(close) != 1 or _known_english(token):
            return None
        return next(iter(close))

    def correct(self, norm: Normalised) -> Normalised:
        """``norm`` with misspelt words replaced, offsets kept (a replacement maps to its word)."""
        text = norm.text
        edits = [(m.start(), m.end(), s) for m in _WORD.finditer(text) if (s := self.suggestion(m.group()))]
        if not edits:
            return norm
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        for start, end, word in edits:
            out.append(text[pos:start])
            origin.extend(norm.origin[pos:start])
            out.append(word)
            size = len(word)
            origin.extend(
                norm.origin[end - 1] if n == size - 1 else norm.origin[start + min(n, end - start - 1)]
                for n in range(size)
            )
            pos = end
        out.append(text[pos:])
        origin.extend(norm.origin[pos:])
        return Normalised("".join(out), origin, norm.length)


@cache
def _checker() -> SpellChecker:
    from spellchecker import SpellChecker  # 0.25 s: only once a correction is in sight

    return SpellChecker(language="en", distance=1)


def _known_english(word: str) -> bool:
    return bool(word in _checker())
