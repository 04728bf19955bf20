"""Skip patterns that cannot match: a necessary-literal prefilter for large lexicons.

For each regular expression we derive a set of literal strings of which at least one must
occur in any match (as code-search trigram indexes do). A text that contains none of them
cannot match, so the pattern is not run. Deriving is conservative: when in doubt a pattern
gets no requirement and always runs, so the prefilter never changes what is found.
"""

from __future__ import annotations

import re
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# re._parser is the standard library's own regex parser (sre_parse); private but stable in 3.11+.
import ahocorasick

Literals = frozenset[str] | None

_BRANCH = sre_parse.BRANCH
_LITERAL = sre_parse.LITERAL
_SUBPATTERN = sre_parse.SUBPATTERN
_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None))
_ZERO_WIDTH = (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT)


def _useful(literal: str) -> bool:
    # One CJK or Arabic character is selective enough; one Latin letter is not.
    return len(literal) >= 3 or (len(literal) >= 1 and not literal.isascii())


def _better(a: Literals, b: Literals) -> Literals:
    if a is None:
        return b
    if b is None:
        return a
    return a if min(map(len, a)) >= min(map(len, b)) else b


def _required(items: Any) -> Literals:
    best: Literals = None
    run: list[str] = []

    def flush() -> None:
        nonlocal best
        if run:
            literal = "".join(run)
            if _useful(literal):
                best = _better(best, frozenset([literal]))
            run.clear()

    for op, arg in items:
        if op is _LITERAL:
            run.append(chr(arg).lower())
            continue
        flush()
        if op is _SUBPATTERN:
            best = _better(best, _required(arg[-1]))
        elif op is _BRANCH:
            alternatives = [_required(alt) for alt in arg[1]]
            if all(a is not None for a in alternatives):
                union = frozenset().union(*(a for a in alternatives if a is not None))
                best = _better(best, union)
        elif op in _REPEATS and op is not None:
            low, _high, inner = arg
            if low >= 1:
                best = _better(best, _required(inner))
        elif op in _ZERO_WIDTH:
            continue
    flush()
    return best


def required_literals(pattern: re.Pattern[str]) -> Literals:
    """Literals one of which every match contains, or None if none can be derived."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, OverflowError):
        return None
    return _required(parsed)


class Prefilter:
    """Which of a list of patterns are worth running on a text.

    All required literals go into one Aho-Corasick automaton, so a text is scanned once
    whatever the number of patterns.
    """

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self._always: list[int] = []
        owners: dict[str, list[int]] = {}
        for i, rx in enumerate(patterns):
            literals = required_literals(rx)
            if literals is None:
                self._always.append(i)
            else:
                for literal in literals:
                    owners.setdefault(literal, []).append(i)
        self._owners = [tuple(v) for v in owners.values()]
        self._automaton = ahocorasick.Automaton()
        for n, literal in enumerate(owners):
            self._automaton.add_word(literal, n)
        if owners:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that might match ``text`` (which must be lower-cased)."""
        chosen = set(self._always)
        if self._owners:
            for n in {n for _, n in self._automaton.iter(text)}:
                chosen.update(self._owners[n])
        return sorted(chosen)

    @property
    def always_run(self) -> int:
        """How many patterns have no derivable requirement."""
        return len(self._always)
