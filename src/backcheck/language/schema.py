"""Schemas for the per-language lexicon and context files (see docs/language.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Pattern = Annotated[str, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    """Frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Durations(Strict):
    """How durations are written: unit words in days, patterns with {num} and {unit}, fixed phrases."""

    units: dict[str, float] = Field(min_length=1)
    patterns: list[Pattern] = Field(min_length=1)
    fixed: dict[str, float] = Field(default_factory=dict)

    @field_validator("patterns")
    @classmethod
    def _placeholders(cls, value: list[str]) -> list[str]:
        for p in value:
            if "{num}" not in p or "{unit}" not in p:
                raise ValueError(f"duration pattern {p!r} needs both {{num}} and {{unit}}")
        return value


#: Numbers read from text. ``temperature_f`` is converted to °C; ``blood_pressure`` patterns hold
#: {num} (systolic) and {num2} (diastolic); a ``temperature_c`` pattern may hold {num2} for the
#: tenths written after the unit (三十八度二 = 38.2).
ValueKey = Literal[
    "temperature_c",
    "temperature_f",
    "weeks_pregnant",
    "months_postpartum",
    "age",
    "heart_rate",
    "respiratory_rate",
    "oxygen_saturation",
    "blood_pressure",
    "pain_score",
]


def _check_values(value: dict[str, list[str]]) -> dict[str, list[str]]:
    for key, patterns in value.items():
        for p in patterns:
            if "{num}" not in p:
                raise ValueError(f"value pattern for {key} needs {{num}}: {p!r}")
            if key == "blood_pressure" and "{num2}" not in p:
                raise ValueError(f"blood_pressure pattern needs {{num2}} for the diastolic: {p!r}")
    return value


class Lexicon(Strict):
    """Words and patterns for one language."""

    language: Literal["en", "ar", "zh"]
    findings: dict[str, list[Pattern]] = Field(min_length=1)
    values: dict[ValueKey, list[Pattern]]
    sex: dict[Literal["female", "male"], list[Pattern]]
    durations: Durations
    numbers: dict[str, float] = Field(default_factory=dict)

    @field_validator("values")
    @classmethod
    def _num(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return _check_values(value)


class LexiconPart(Strict):
    """More patterns for one language, kept in a file of their own by topic
    (``lexicon_<topic>.yaml``: danger signs, vital signs, mimics...). Merged into the lexicon:
    a finding or value key named in both gets the patterns of both."""

    language: Literal["en", "ar", "zh"]
    topic: str = Field(min_length=3)
    findings: dict[str, list[Pattern]] = Field(default_factory=dict)
    values: dict[ValueKey, list[Pattern]] = Field(default_factory=dict)
    #: Findings whose matches never take words from another finding's match (the complaint
    #: "back pain" must not hide "pain in my tailbone after a fall").
    non_exclusive: list[str] = Field(default_factory=list)
    #: Symptom-like words: those no finding took are reported as not understood (``unread``).
    health_words: list[Pattern] = Field(default_factory=list)

    @field_validator("values")
    @classmethod
    def _num(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return _check_values(value)


class Cue(Strict):
    """A context cue: a pattern that changes the state of nearby mentions."""

    pattern: Pattern
    #: ``terminate`` ends the scope of every other cue ("but", "however", "now"): a cue never
    #: reaches a mention across one (ConText's termination terms).
    category: Literal["negated", "uncertain", "historical", "family", "hypothetical", "pseudo", "terminate"]
    direction: Literal["forward", "backward", "both"] = "forward"


class Context(Strict):
    """ConText-style rules for one language."""

    language: Literal["en", "ar", "zh"]
    clause_breaks: list[Pattern] = Field(min_length=1)
    window: int = Field(ge=1, le=200)
    cues: list[Cue] = Field(min_length=5)
