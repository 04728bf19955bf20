"""The literal prefilter is an optimisation only: it never changes what the patterns find."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck.evaluation.corpus import load_corpus
from backcheck.language.context import CueHit, _word_edges
from backcheck.language.normalise import normalise
from backcheck.language.pack import load_pack
from backcheck.language.prefilter import Prefilter, required_literals

CORPUS = Path(__file__).parent / "corpus"


def _all_matches(patterns: list[re.Pattern[str]], indices: list[int], text: str) -> set[tuple[int, int, int]]:
    return {(i, *m.span()) for i in indices for m in patterns[i].finditer(text)}


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_prefilter_finds_the_same_as_running_everything(lang: str) -> None:
    pack = load_pack(lang)  # type: ignore[arg-type]
    patterns = [rx for _, rx in pack.findings]
    everything = list(range(len(patterns)))
    for sentence in load_corpus(CORPUS / f"{lang}.yaml").sentences:
        text = normalise(sentence.text, lang).text
        assert _all_matches(patterns, pack.candidates(text).findings, text) == _all_matches(
            patterns, everything, text
        )


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_one_scan_serves_every_kind_of_pattern(lang: str) -> None:
    pack = load_pack(lang)  # type: ignore[arg-type]
    kinds = {
        "cues": [rx for _, rx in pack.cues],
        "values": [rx for _, rx in pack.values],
        "sex": [rx for _, rx in pack.sex],
        "durations": [rx for _, rx in pack.durations],
        "fixed": [rx for _, rx in pack.fixed_durations],
    }
    for sentence in load_corpus(CORPUS / f"{lang}.yaml").sentences:
        text = normalise(sentence.text, lang).text
        run = pack.candidates(text)
        for kind, patterns in kinds.items():
            everything = list(range(len(patterns)))
            assert _all_matches(patterns, getattr(run, kind), text) == _all_matches(
                patterns, everything, text
            )


def test_required_literals_examples() -> None:
    assert required_literals(re.compile("back pain")) == [frozenset({"back pain"})]
    # Few alternatives multiply out into whole phrases, each selective on its own.
    assert required_literals(re.compile("(?:numb|tingl)ing (?:in|down) my legs?")) == [
        frozenset(
            f"{a}ing {b} my leg{s}" for a in ("numb", "tingl") for b in ("in", "down") for s in ("", "s")
        )
    ]
    # "9/10", "ten out of 10": no single word is required, but each whole form is.
    assert required_literals(re.compile("(?:10|9) ?(?:/|out of) ?10")) == [
        frozenset(
            f"{a}{s1}{b}{s2}10"
            for a in ("10", "9")
            for s1 in ("", " ")
            for b in ("/", "out of")
            for s2 in ("", " ")
        )
    ]
    # A look-ahead's words are in the text too; a negative one requires nothing.
    assert required_literals(re.compile(r"\bto(?= my (?:calf|foot))(?! was)")) == [
        frozenset({" my calf", " my foot"})
    ]
    # One Arabic letter is as common as one Latin letter; one Chinese character or sign is not.
    assert required_literals(re.compile("و")) == []
    assert required_literals(re.compile("腰")) == [frozenset({"腰"})]
    assert required_literals(re.compile("℃")) == [frozenset({"℃"})]
    assert required_literals(re.compile("(?:fever)?x")) == []  # optional: nothing is required


PIECES = [
    "back",
    "pain",
    "numb",
    "fever",
    "legs",
    " ",
    "no ",
    "can't pee",
    "between my legs",
    "腰",
    "疼",
    "ظهر",
]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(PIECES), max_size=12))
def test_prefilter_is_exact_on_generated_text(parts: list[str]) -> None:
    patterns = [
        re.compile(p)
        for p in [
            "back pain",
            "(?:numb|tingl)ing",
            "no fever|fever",
            "between (?:my|the) legs",
            "腰.{0,3}疼",
            "a?",
        ]
    ]
    text = "".join(parts)
    prefilter = Prefilter([required_literals(rx) for rx in patterns])
    assert _all_matches(patterns, prefilter.candidates(text), text) == _all_matches(
        patterns, list(range(len(patterns))), text
    )


def _dev_texts(lang: str) -> list[str]:
    path = Path(__file__).parent / "dev" / f"{lang}.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_alternation_of_candidates_finds_what_all_patterns_find(lang: str) -> None:
    # A non-exclusive finding runs only its candidate patterns as one alternation
    # (extract._matches); that must find exactly what the alternation of all of them finds.
    pack = load_pack(lang)  # type: ignore[arg-type]
    table = pack.findings
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(table.labels):
        if label in pack.non_exclusive:
            groups.setdefault(label, []).append(i)
    assert groups, "no non-exclusive finding: nothing to check"
    whole = {fid: re.compile("|".join(f"(?:{table.sources[i]})" for i in idx)) for fid, idx in groups.items()}
    compared = 0
    for raw in _dev_texts(lang):
        text = normalise(raw, lang).text
        run = set(pack.candidates(text).findings)
        for fid, idx in groups.items():
            picked = tuple(i for i in idx if i in run)
            expected = [m.span() for m in whole[fid].finditer(text) if m.end() > m.start()]
            got = [m.span() for m in table.alternation(picked).finditer(text)] if picked else []
            assert [s for s in got if s[1] > s[0]] == expected, (fid, raw[:40])
            compared += bool(expected)
    assert compared > 10  # the check met real matches


def test_cutting_only_the_runs_with_a_cue_gives_the_same_word_edges() -> None:
    pack = load_pack("zh")
    assert pack.segmenter is not None
    checked = 0
    for raw in _dev_texts("zh"):
        text = normalise(raw, "zh").text
        cues = [
            CueHit(cue.category, cue.direction, m.start(), m.end(), m.group(0))
            for cue, rx in pack.cues
            for m in rx.finditer(text)
            if m.end() > m.start()
        ]
        if not cues:
            continue
        starts = {s for _, s, _ in pack.segmenter.tokenize(text)}
        ends = {e for _, _, e in pack.segmenter.tokenize(text)}
        got_starts, got_ends = _word_edges(text, pack, cues)
        for cue in cues:
            assert (cue.start in got_starts) == (cue.start in starts)
            assert (cue.end in got_ends) == (cue.end in ends)
            checked += 1
    assert checked > 50
