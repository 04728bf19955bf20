"""ConText-style scoping: which cues (negation, uncertainty, history...) apply to a mention."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backcheck.language.pack import LanguagePack

State = Literal["present", "absent", "uncertain", "historical", "family", "hypothetical"]

_CATEGORY_STATE: dict[str, State] = {
    "negated": "absent",
    "uncertain": "uncertain",
    "historical": "historical",
    "family": "family",
    "hypothetical": "hypothetical",
}


@dataclass(frozen=True)
class CueHit:
    """A cue found in the text."""

    category: str
    direction: str
    start: int
    end: int
    text: str


def clause_bounds(text: str, pack: LanguagePack) -> list[tuple[int, int]]:
    """Clauses as (start, end) offsets; cues never act across a clause break."""
    bounds = []
    start = 0
    for m in pack.clause_breaks.finditer(text):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def find_cues(
    text: str,
    pack: LanguagePack,
    mention_spans: list[tuple[int, int]],
    *,
    run: list[int],
    near: list[tuple[int, int]] | None = None,
) -> list[CueHit]:
    """Cues in the text, minus those inside a pseudo-cue or inside a mention's own words.

    ``run``: the indices of the cues worth trying, from ``pack.candidates``. ``near``: every
    mention's span; a cue further than the context window from all of them can change no
    state (state_of), so it is dropped before the costlier checks.
    """
    hits = [
        CueHit(cue.category, cue.direction, m.start(), m.end(), m.group(0))
        for cue, rx in (pack.cues[i] for i in run)
        for m in rx.finditer(text)
        if m.end() > m.start()
    ]
    pseudo = [(h.start, h.end) for h in hits if h.category == "pseudo"]
    blocked = pseudo + mention_spans

    def inside(h: CueHit) -> bool:
        return any(s <= h.start and h.end <= e for s, e in blocked)

    kept = [h for h in hits if h.category != "pseudo" and not inside(h)]
    if near is not None:
        window = pack.context.window
        kept = [h for h in kept if any(s - window <= h.end and h.start <= e + window for s, e in near)]
    # A termination term inside a mention's own words ("but" in a pattern) ends nothing.
    if pack.segmenter is None or not kept:
        return kept
    # Chinese: a cue must be a word of its own, or the head of a word whose rest is a mention
    # (不麻 = 不 + 麻). So 不 in 不适, 不停 or 不了 negates nothing.
    starts, ends = _word_edges(text, pack, kept)
    mention_starts = {s for s, _ in mention_spans}
    return [h for h in kept if h.start in starts and (h.end in ends or h.end in mention_starts)]


def _word_edges(text: str, pack: LanguagePack, cues: list[CueHit]) -> tuple[set[int], set[int]]:
    """Where words start and end around the cues. jieba cuts each run of Chinese characters
    (``jieba.re_han_default``) on its own, so only the runs holding a cue are cut: the same
    words as cutting the whole text, for a fraction of the work."""
    import jieba  # loaded already: the pack's segmenter is a jieba tokenizer

    assert pack.segmenter is not None
    starts: set[int] = set()
    ends: set[int] = set()
    runs = [m.span() for m in jieba.re_han_default.finditer(text)]
    done: set[int] = set()
    for cue in cues:
        run = next((r for r in runs if r[0] <= cue.start and cue.end <= r[1]), None)
        if run is None:  # a cue across runs (with a space or a sign): cut everything
            for _, s, e in pack.segmenter.tokenize(text):
                starts.add(s)
                ends.add(e)
            return starts, ends
        if run[0] in done:
            continue
        done.add(run[0])
        for _, s, e in pack.segmenter.tokenize(text[run[0] : run[1]]):
            starts.add(run[0] + s)
            ends.add(run[0] + e)
    return starts, ends


def state_of(
    start: int, end: int, cues: list[CueHit], clause: tuple[int, int], window: int
) -> tuple[State, list[str]]:
    """The mention's state from the cues in its clause, with the cue texts that set it."""
    applied: dict[str, list[str]] = {}
    stops = [c for c in cues if c.category == "terminate" and clause[0] <= c.start and c.end <= clause[1]]
    for cue in cues:
        if cue.category == "terminate" or not (clause[0] <= cue.start and cue.end <= clause[1]):
            continue
        forward = cue.end <= start and start - cue.end <= window
        backward = cue.start >= end and cue.start - end <= window
        # A termination term between the cue and the mention ends the cue's scope.
        if forward and any(cue.end <= t.start and t.end <= start for t in stops):
            forward = False
        if backward and any(end <= t.start and t.end <= cue.start for t in stops):
            backward = False
        if (
            (cue.direction == "forward" and forward)
            or (cue.direction == "backward" and backward)
            or (cue.direction == "both" and (forward or backward))
        ):
            applied.setdefault(cue.category, []).append(cue.text)
    # Precedence (docs/language.md): family > hypothetical > uncertain > negated > historical.
    for category in ("family", "hypothetical", "uncertain", "negated", "historical"):
        if category in applied:
            return _CATEGORY_STATE[category], applied[category]
    return "present", []
