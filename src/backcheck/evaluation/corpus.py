"""Score the extractor on an annotated corpus: precision and recall per state, red-flag safety."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from backcheck.engine.case import Lang
from backcheck.knowledge.base import KnowledgeBase
from backcheck.language.pack import LanguagePack
from backcheck.language.reading import read_text

Expected = Literal["present", "absent", "uncertain", "historical", "family", "hypothetical"] | float | str


class Sentence(BaseModel):
    """One annotated sentence."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    expect: dict[str, Expected]


class CorpusFile(BaseModel):
    """A corpus file for one language."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    language: Lang
    #: Findings added after the corpus was annotated (the complaint itself, back_pain): a reading
    #: of them is neither counted nor missed. Each corpus says which.
    not_annotated: list[str] = []
    sentences: list[Sentence]


STATES = ("present", "absent", "uncertain", "historical", "family", "hypothetical")


def load_corpus(path: Path) -> CorpusFile:
    """Read and validate a corpus file."""
    return CorpusFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass
class CorpusScore:
    """Counts per state, value accuracy, and every error for review."""

    sentences: int = 0
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    values_right: int = 0
    values_total: int = 0
    red_flag_violations: int = 0
    errors: list[str] = field(default_factory=list)

    def precision(self, state: str) -> float:
        got = self.tp[state] + self.fp[state]
        return self.tp[state] / got if got else 1.0

    def recall(self, state: str) -> float:
        want = self.tp[state] + self.fn[state]
        return self.tp[state] / want if want else 1.0


def _same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 0.01
    return a == b


def score_corpus(
    corpus: CorpusFile, *, kb: KnowledgeBase, pack: LanguagePack, red: frozenset[str]
) -> CorpusScore:
    """Compare what the extractor reads with the annotation, sentence by sentence."""
    s = CorpusScore()
    packs = {corpus.language: pack}
    for sentence in corpus.sentences:
        s.sentences += 1
        reading = read_text(sentence.text, kb=kb, packs=packs, lang=corpus.language, flags=red)
        got_states: dict[str, set[str]] = {}
        got_values: dict[str, float | str] = {}
        for m in reading.mentions:
            if m.state == "value":
                if m.value is not None:
                    got_values[m.finding] = m.value
            else:
                got_states.setdefault(m.finding, set()).add(m.state)
        if reading.age is not None:
            got_values["age"] = reading.age
        expected_states = {k: v for k, v in sentence.expect.items() if isinstance(v, str) and v in STATES}
        expected_values = {k: v for k, v in sentence.expect.items() if k not in expected_states}
        for fid, state in expected_states.items():
            if state in got_states.get(fid, set()):
                s.tp[state] += 1
            else:
                s.fn[state] += 1
                s.errors.append(f"MISS {fid}={state} got {sorted(got_states.get(fid, []))}: {sentence.text}")
        for fid, states in got_states.items():
            if fid in corpus.not_annotated:
                continue
            for state in states:
                if expected_states.get(fid) != state:
                    s.fp[state] += 1
                    s.errors.append(f"EXTRA {fid}={state}: {sentence.text}")
        for key, want in expected_values.items():
            s.values_total += 1
            if _same(got_values.get(key), want):
                s.values_right += 1
            else:
                s.errors.append(f"VALUE {key} want {want!r} got {got_values.get(key)!r}: {sentence.text}")
        for fid, state in expected_states.items():
            if (
                fid in red
                and state in ("absent", "family", "hypothetical")
                and reading.findings.get(fid) is True
            ):
                s.red_flag_violations += 1
                s.errors.append(f"RED FLAG {fid} raised from a {state} mention: {sentence.text}")
    return s
