"""Labelled regular expressions, each compiled when first run.

A language pack holds about a thousand patterns, and compiling them all was most of a worker's
start-up; on any one text the prefilter lets only a few run, and many never run at all (an
article reader never needs the age or temperature patterns). So a pattern is compiled on
first use, or all at once by :meth:`Patterns.compile_all` when a pack must be checked whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar, overload

from backcheck.errors import ErrorCode, KnowledgeBaseError

L = TypeVar("L", covariant=True)  # labels are only read
#: Alternations kept compiled (extract.py makes one per finding and set of candidate patterns).
_ALTERNATIONS_KEPT = 2048


class Patterns(Sequence[tuple[L, re.Pattern[str]]], Generic[L]):
    """``(label, compiled pattern)`` pairs (a finding id, a value key...), in the given order."""

    def __init__(self, entries: Iterable[tuple[L, str, str]]) -> None:
        """``entries``: (label, source, name); the name says which pattern an error is about."""
        table = list(entries)
        self.labels: tuple[L, ...] = tuple(label for label, _, _ in table)
        self.sources: tuple[str, ...] = tuple(source for _, source, _ in table)
        self._names = tuple(name for _, _, name in table)
        self._compiled: list[re.Pattern[str] | None] = [None] * len(table)
        self._alternations: dict[tuple[int, ...], re.Pattern[str]] = {}

    def __len__(self) -> int:
        return len(self.sources)

    @overload
    def __getitem__(self, i: int) -> tuple[L, re.Pattern[str]]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[L, re.Pattern[str]]]: ...

    def __getitem__(self, i: int | slice) -> tuple[L, re.Pattern[str]] | list[tuple[L, re.Pattern[str]]]:
        if isinstance(i, slice):
            return [self[j] for j in range(len(self))[i]]
        compiled = self._compiled[i]  # the common case without a call: run often, per text
        return self.labels[i], compiled if compiled is not None else self.pattern(i)

    def pattern(self, i: int) -> re.Pattern[str]:
        """The ``i``-th pattern, compiled now if it was not yet.

        Raises:
            KnowledgeBaseError: KB003 for a pattern ``re`` refuses.
        """
        compiled = self._compiled[i]
        if compiled is None:
            try:
                compiled = self._compiled[i] = re.compile(self.sources[i])
            except re.error as err:
                raise KnowledgeBaseError(ErrorCode.KB003, f"{self._names[i]}: {err}") from err
        return compiled

    def alternation(self, indices: tuple[int, ...]) -> re.Pattern[str]:
        """The patterns at ``indices`` (in order) as one alternation, compiled once per set.

        Run on a text, it finds what the alternation of all of a finding's patterns finds as
        long as the left-out ones cannot match there: an alternative that never matches never
        wins, so dropping it changes nothing.
        """
        if len(indices) == 1:
            return self.pattern(indices[0])
        compiled = self._alternations.get(indices)
        if compiled is None:
            for i in indices:
                self.pattern(i)  # each part compiles alone first: an error names its pattern
            if len(self._alternations) >= _ALTERNATIONS_KEPT:
                self._alternations.clear()
            compiled = self._alternations[indices] = re.compile(
                "|".join(f"(?:{self.sources[i]})" for i in indices)
            )
        return compiled

    def compile_all(self) -> None:
        """Compile every pattern (a bad one raises here, not on the text that first needs it)."""
        for i in range(len(self)):
            self.pattern(i)
