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
_IN = sre_parse.IN
_AT = sre_parse.AT
_ASSERT = sre_parse.ASSERT
_ASSERT_NOT = sre_parse.ASSERT_NOT
_SUBPATTERN = sre_parse.SUBPATTERN
_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None))


def _useful(literal: str) -> bool:
    # One Chinese character or sign (°, ℃) is selective enough; one Latin or Arabic letter is not.
    return len(literal) >= 3 or (len(literal) == 2 and not literal.isascii()) or _rare(literal)


def _rare(literal: str) -> bool:
    return len(literal) == 1 and not literal.isascii() and not "\u0600" <= literal <= "\u06ff"


def _best(requirement: Requirement) -> Literals:
    """The single most selective set of a requirement (longest shortest literal)."""
    if not requirement:
        return None
    return max(requirement, key=lambda s: (min(map(len, s)), -len(s)))


#: Most strings an exact set may hold before it is given up ("(?:9|10) ?(?:/|out of) ?10" is 8).
_EXACT_LIMIT = 64
#: A character class of at most this many characters is kept as its characters ([sz], [12]).
_CLASS_LIMIT = 6

Exact = frozenset[str] | None  # every string a piece can match, when there are few of them


def _as_set(exact: Exact) -> Literals:
    """An exact set as a requirement set, when each of its strings is selective enough."""
    if exact is None or not exact or not all(map(_useful, exact)):
        return None
    return exact


def _class(items: Any) -> Exact:
    chars: list[str] = []
    for op, arg in items:
        if op is not _LITERAL:
            return None  # ranges, categories, negation: too many strings
        chars.append(chr(arg).lower())
    return frozenset(chars) if len(chars) <= _CLASS_LIMIT else None


def _piece(op: Any, arg: Any) -> tuple[Exact, Requirement]:
    """What one parsed piece can match: its exact strings (or None) and what it requires."""
    if op is _LITERAL:
        return frozenset([chr(arg).lower()]), []
    if op is _IN:
        return _class(arg), []
    if op is _SUBPATTERN:
        return _sequence(arg[-1])
    if op is _BRANCH:
        alternatives = [_sequence(alt) for alt in arg[1]]
        union: set[str] | None = set()
        for exact, _ in alternatives:
            if exact is None or union is None or len(union) > _EXACT_LIMIT:
                union = None
                break
            union.update(exact)
        if union is not None and len(union) > _EXACT_LIMIT:
            union = None
        # An alternation needs one alternative: the union of each one's best set (a run of
        # look-behinds, "(?<=no )|(?<=not )", matches only "" but needs one of its words).
        bests = [_as_set(exact) or _best(needs) for exact, needs in alternatives]
        needs_one = [frozenset().union(*(b for b in bests if b is not None))] if all(bests) else []
        if union is not None and "" not in union:
            return frozenset(union), []  # the strings themselves say more
        return (frozenset(union) if union is not None else None), needs_one
    if op in _REPEATS and op is not None:
        low, high, inner = arg
        exact, needs = _sequence(inner)
        if low == 0:
            return (frozenset({"", *exact}) if exact is not None and high == 1 else None), []
        if low == high == 1:
            return exact, needs
        found = _as_set(exact)
        return None, needs + ([found] if found is not None else [])
    if op is _AT or op is _ASSERT_NOT:
        return frozenset([""]), []
    if op is _ASSERT:
        # A positive look-ahead or look-behind must match too: its literals are in the text.
        exact, needs = _sequence(arg[1])
        found = _as_set(exact)
        return frozenset([""]), needs + ([found] if found is not None else [])
    return None, []  # any character, categories and the rest: anything


def _sequence(items: Any) -> tuple[Exact, Requirement]:
    """A sequence: adjacent exact pieces multiply out into longer strings, while they are few."""
    needs: Requirement = []
    current: Exact = frozenset([""])
    whole = True  # the sequence is still exact from its start

    def flush() -> None:
        found = _as_set(current)
        if found is not None:
            needs.append(found)

    for op, arg in items:
        exact, inner = _piece(op, arg)
        needs.extend(inner)
        if exact is not None and current is not None and len(current) * len(exact) <= _EXACT_LIMIT:
            current = frozenset(a + b for a in current for b in exact)
            continue
        flush()  # the strings so far stand as one requirement; the sequence is no longer exact
        whole = False
        current = exact if exact is not None else frozenset([""])
    if whole:
        return current, needs
    flush()
    return None, needs


def _required(items: Any) -> Requirement:
    exact, needs = _sequence(items)
    found = _as_set(exact)
    return needs + ([found] if found is not None else [])


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
        # Each distinct requirement set is one bit. A text satisfies the sets whose bits its
        # literals set; a pattern is worth running when every bit of its requirement is set.
        bits: dict[frozenset[str], int] = {}
        masks: dict[str, int] = {}  # literal -> the bits of the sets it satisfies
        primary: dict[str, list[int]] = {}  # literal -> patterns whose most selective set holds it
        self._need: dict[int, int] = {}
        for i, required in enumerate(requirements):
            requirement = sorted(dict.fromkeys(required), key=lambda s: (-min(map(len, s)), len(s)))
            if not requirement:
                self._always.append(i)
                continue
            need = 0
            for one_of in requirement:
                bit = bits.setdefault(one_of, 1 << len(bits))
                need |= bit
                for literal in one_of:
                    masks[literal] = masks.get(literal, 0) | bit
            self._need[i] = need
            for literal in requirement[0]:
                primary.setdefault(literal, []).append(i)
        words = list(masks)
        self._masks = [masks[w] for w in words]
        self._primary = [tuple(primary.get(w, ())) for w in words]
        self._automaton = ahocorasick.Automaton()
        for n, word in enumerate(words):
            self._automaton.add_word(word, n)
        if words:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that might match ``text`` (which must be lower-cased)."""
        if not self._masks:
            return list(self._always)
        seen = 0
        maybe: set[int] = set()
        masks, primary = self._masks, self._primary
        for n in {n for _, n in self._automaton.iter(text)}:
            seen |= masks[n]
            maybe.update(primary[n])
        need = self._need
        return sorted([*self._always, *(i for i in maybe if need[i] & seen == need[i])])

    @property
    def always_run(self) -> int:
        """How many patterns have no derivable requirement."""
        return len(self._always)
