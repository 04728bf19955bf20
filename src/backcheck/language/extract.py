"""Free text → findings with states, values and spans (pure given a compiled language pack)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from backcheck.language.context import State, clause_bounds, find_cues, state_of
from backcheck.language.normalise import Normalised, normalise
from backcheck.language.numbers import parse_number
from backcheck.language.pack import Candidates, LanguagePack

MAX_TEXT = 100_000


def celsius(value: float, *, fahrenheit: bool = False) -> float:
    """A body temperature in °C. A bare number that can only be Fahrenheit (93-113: no living
    person is at 93 °C) is converted, so "temp 101.8" reads as 38.8 °C."""
    if fahrenheit or 93 <= value <= 113:
        return round((value - 32) * 5 / 9, 1)
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Extracted:
    """One finding read from the text, with where it came from."""

    finding: str
    state: State | Literal["value"]
    value: float | str | None
    start: int
    end: int
    text: str
    cues: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything read from one text."""

    language: str
    mentions: list[Extracted]
    #: symptom-like words no finding took, as written (what backcheck did not take into account)
    unread: list[str] = field(default_factory=list)


def _longest_first(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    # Overlapping matches: the longest wins (ties: earliest), so "numb between my legs" is not
    # also read as plain leg numbness.
    kept: list[tuple[str, int, int]] = []
    for fid, start, end in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1], m[0])):
        if all(end <= s or start >= e for _, s, e in kept):
            kept.append((fid, start, end))
    return sorted(kept, key=lambda m: (m[1], m[0]))


def extract(text: str, pack: LanguagePack, *, only: frozenset[str] | None = None) -> Extraction:
    """Read findings, their states and values from ``text`` in the pack's language.

    ``only``: the findings and value keys wanted (the others are not returned). A text that
    names none of the wanted findings is left after their own patterns have run.
    """
    original = text[:MAX_TEXT]
    norm = normalise(original, pack.lang)
    if pack.speller is not None:
        norm = pack.speller.correct(norm)
    t = norm.text
    # Only the patterns whose required words occur in the text are run (see prefilter.py).
    run = pack.candidates(t)
    if only is None:
        mentions = _findings(norm, original=original, pack=pack, run=run, raw=_matches(t, pack, run.findings))
    else:
        mine = [i for i in run.findings if pack.findings.labels[i] in only]
        wanted = _matches(t, pack, mine)
        # Once a wanted finding is there, the others count too: a longer overlapping match
        # takes its words, and a mention's own words hide the cues inside them.
        rest = _matches(t, pack, sorted(set(run.findings) - set(mine))) if wanted else []
        found = _findings(norm, original=original, pack=pack, run=run, raw=wanted + rest)
        mentions = [m for m in found if m.finding in only]
    mentions += _values(norm, original=original, pack=pack, run=run, only=only)
    unread = _unread(norm, original=original, pack=pack, mentions=mentions) if only is None else []
    return Extraction(language=pack.lang, mentions=mentions, unread=unread)


def _unread(norm: Normalised, *, original: str, pack: LanguagePack, mentions: list[Extracted]) -> list[str]:
    """Symptom-like words outside every mention, each with the words around it, as written."""
    if pack.health is None:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out: list[str] = []
    for hit in pack.health.finditer(norm.text):
        start, end = norm.span(hit.start(), hit.end())
        if any(s <= start and end <= e for s, e in taken):
            continue
        # The word and the two after it ("burning when I walk"); a few characters in Chinese.
        stop = min(len(original), end + 3) if pack.lang == "zh" else end
        for _ in range(2 if pack.lang != "zh" else 0):
            nxt = original.find(" ", stop + 1)
            stop = len(original) if nxt == -1 else nxt
        phrase = original[start:stop].strip(" ,.;:!?，。；：！？、")
        if phrase and phrase not in out:
            out.append(phrase)
    return out[:20]


def _matches(t: str, pack: LanguagePack, indices: list[int]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    shared: dict[str, list[int]] = {}
    labels = pack.findings.labels
    for i in indices:
        if labels[i] in pack.non_exclusive:
            shared.setdefault(labels[i], []).append(i)
            continue
        fid, rx = pack.findings[i]
        out.extend((fid, m.start(), m.end()) for m in rx.finditer(t) if m.end() > m.start())
    # A non-exclusive finding's candidate patterns run as one alternation (see pack.py).
    for fid, group in shared.items():
        rx = pack.findings.alternation(tuple(group))
        out.extend((fid, m.start(), m.end()) for m in rx.finditer(t) if m.end() > m.start())
    return out


def _findings(
    norm: Normalised, *, original: str, pack: LanguagePack, run: Candidates, raw: list[tuple[str, int, int]]
) -> list[Extracted]:
    """The finding mentions of ``raw`` matches, with their states (order of ``raw`` is free)."""
    if not raw:
        return []
    t = norm.text
    shared = [m for m in raw if m[0] in pack.non_exclusive]
    matches = _longest_first([m for m in raw if m[0] not in pack.non_exclusive])
    owned = [(s, e) for _, s, e in matches]
    matches = sorted(matches + _longest_first(shared), key=lambda m: (m[1], m[0]))
    clauses = clause_bounds(t, pack)
    cues = find_cues(t, pack, owned, run=run.cues, near=[(s, e) for _, s, e in matches])
    window = pack.context.window

    def clause_of(pos: int) -> tuple[int, int]:
        for c in clauses:
            if c[0] <= pos < c[1]:
                return c
        return (pos, pos)

    mentions: list[Extracted] = []
    for fid, start, end in matches:
        state, cue_texts = state_of(start, end, cues, clause_of(start), window)
        o_start, o_end = norm.span(start, end)
        mentions.append(
            Extracted(
                finding=fid,
                state=state,
                value=None,
                start=o_start,
                end=o_end,
                text=original[o_start:o_end],
                cues=cue_texts,
            )
        )
    return mentions


def _values(
    norm: Normalised, *, original: str, pack: LanguagePack, run: Candidates, only: frozenset[str] | None
) -> list[Extracted]:
    """Numbers (temperature, weeks pregnant, months after birth, age), sex and duration."""
    t = norm.text
    out: list[Extracted] = []
    seen: set[str] = set()
    words = pack.lexicon.numbers
    if only is not None:  # each key keeps its first mention, whatever the other keys find
        run = Candidates(
            findings=[],
            cues=[],
            values=[i for i in run.values if pack.values.labels[i] in only],
            sex=run.sex if "sex" in only else [],
            durations=run.durations if "duration_days" in only else [],
            fixed=run.fixed if "duration_days" in only else [],
        )

    def add(key: str, value: float | str, start: int, end: int) -> None:
        if key in seen:
            return  # first mention wins
        seen.add(key)
        s, e = norm.span(start, end)
        out.append(Extracted(finding=key, state="value", value=value, start=s, end=e, text=original[s:e]))

    for key, rx in (pack.values[i] for i in run.values):
        for hit in rx.finditer(t):
            number = parse_number(hit.group("num"), words)
            second = hit.groupdict().get("num2")
            extra = parse_number(second, words) if second else None
            if number is None:
                continue
            if key == "blood_pressure":
                if extra is None:
                    continue
                add("systolic_bp", number, hit.start(), hit.end())
                add("diastolic_bp", extra, hit.start(), hit.end())
            elif key in ("temperature_c", "temperature_f"):
                if key == "temperature_c" and extra is not None and second and extra == int(extra):
                    # 三十八度二, 38度5: the digits after the unit are tenths (38.2, 38.5).
                    number += extra / 10 ** len(str(int(extra)))
                add(
                    "temperature_c",
                    celsius(number, fahrenheit=key == "temperature_f"),
                    hit.start(),
                    hit.end(),
                )
            else:
                add(key, number, hit.start(), hit.end())
            break
    for key, rx in (pack.sex[i] for i in run.sex):
        if sex := rx.search(t):
            add("sex", key, sex.start(), sex.end())
    for _, rx in (pack.durations[i] for i in run.durations):
        if spell := rx.search(t):
            number = parse_number(spell.group("num"), words)
            unit = pack.lexicon.durations.units.get(spell.group("unit").lower())
            if number is not None and unit is not None:
                add("duration_days", round(number * unit, 2), spell.start(), spell.end())
    for days, rx in (pack.fixed_durations[i] for i in run.fixed):
        if phrase := rx.search(t):
            add("duration_days", days, phrase.start(), phrase.end())
    return out
