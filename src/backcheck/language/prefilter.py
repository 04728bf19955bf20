"""Skip patterns that cannot match: a necessary-literal prefilter for large lexicons.

For each regular expression we derive a set of literal strings of which at least one must
occur in any match (as code-search trigram indexes do). A text that contains none of them
cannot match, so the pattern is not run. Deriving is conservative: when in doubt a pattern
gets no requirement and always runs, so the prefilter never changes what is found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# re._parser is the standard library's own regex parser (sre_parse); private but stable in 3.11+.
import ahocorasick

Literals = frozenset[str] | None
#: Every set must be matched by at least one of its literals (an AND of ORs).
Requirement = list[frozenset[str]]

_BRANCH = sre_parse.BRANCH
_LITERAL = sre_parse.LITERAL
_SUBPATTERN = sre_parse.SUBPATTERN
_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None))
_ZERO_WIDTH = (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT)


def _useful(literal: str) -> bool:
    # One CJK or Arabic character is selective enough; one Latin letter is not.
    return len(literal) >= 3 or (len(literal) >= 1 and not literal.isascii())


def _best(requirement: Requirement) -> Literals:
    """The single most selective set of a requirement (longest shortest literal)."""
    if not requirement:
        return None
    return max(requirement, key=lambda s: (min(map(len, s)), -len(s)))


def _required(items: Any) -> Requirement:
    needs: Requirement = []
    run: list[str] = []

    def flush() -> None:
        if run:
            literal = "".join(run)
            if _useful(literal):
                needs.append(frozenset([literal]))
            run.clear()

    for op, arg in items:
        if op is _LITERAL:
            run.append(chr(arg).lower())
            continue
        flush()
        if op is _SUBPATTERN:
            needs.extend(_required(arg[-1]))
        elif op is _BRANCH:
            # An alternation needs one alternative: the union of each one's best set.
            bests = [_best(_required(alt)) for alt in arg[1]]
            if all(b is not None for b in bests):
                needs.append(frozenset().union(*(b for b in bests if b is not None)))
        elif op in _REPEATS and op is not None:
            low, _high, inner = arg
            if low >= 1:
                needs.extend(_required(inner))
        # zero-width assertions, classes and the rest require nothing
    flush()
    return needs


def required_literals(pattern: re.Pattern[str] | str) -> Requirement:
    """Sets of literals, each of which must contribute to every match; [] if none can be derived.

    A pattern given as text is read without flags (as the packs compile theirs).
    """
    source, flags = (pattern, 0) if isinstance(pattern, str) else (pattern.pattern, pattern.flags)
    try:
        parsed = sre_parse.parse(source, flags)
    except (re.error, RecursionError, OverflowError):
        return []
    return _required(parsed)


class Prefilter:
    """Which of a list of patterns are worth running on a text.

    Built from each pattern's requirement (:func:`required_literals`, or the same kept in
    cache.py). All required literals go into one Aho-Corasick automaton, so a text is scanned
    once whatever the number of patterns.
    """

    def __init__(self, requirements: Sequence[Requirement]) -> None:
        self._always: list[int] = []
        # literal -> patterns it satisfies alone, and (pattern, requirement set) pairs it
        # satisfies in part (patterns needing several sets must see each of them)
        alone: dict[str, list[int]] = {}
        partly: dict[str, list[tuple[int, int]]] = {}
        self._needed: dict[int, int] = {}
        for i, required in enumerate(requirements):
            # The two most selective sets: checking more costs more than the regexes it saves.
            requirement = sorted(dict.fromkeys(required), key=lambda s: (-min(map(len, s)), len(s)))[:2]
            if not requirement:
                self._always.append(i)
                continue
            self._needed[i] = len(requirement)
            for j, one_of in enumerate(requirement):
                for literal in one_of:
                    if len(requirement) == 1:
                        alone.setdefault(literal, []).append(i)
                    else:
                        partly.setdefault(literal, []).append((i, j))
        words = list(dict.fromkeys([*alone, *partly]))
        self._alone = [tuple(alone.get(w, ())) for w in words]
        self._partly = [tuple(partly.get(w, ())) for w in words]
        self._automaton = ahocorasick.Automaton()
        for n, word in enumerate(words):
            self._automaton.add_word(word, n)
        if words:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that might match ``text`` (which must be lower-cased)."""
        chosen = set(self._always)
        if self._alone:
            satisfied: dict[int, set[int]] = {}
            for n in {n for _, n in self._automaton.iter(text)}:
                chosen.update(self._alone[n])
                for i, j in self._partly[n]:
                    satisfied.setdefault(i, set()).add(j)
            needed = self._needed
            chosen.update(i for i, sets in satisfied.items() if len(sets) == needed[i])
        return sorted(chosen)

    @property
    def always_run(self) -> int:
        """How many patterns have no derivable requirement."""
        return len(self._always)
