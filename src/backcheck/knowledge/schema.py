"""Pydantic schemas for the knowledge-base YAML files.

Every model forbids unknown keys, so a typo in a reviewed YAML file is an error,
not a silently ignored field. Cross-file references (ids that must exist) are
checked separately in :mod:`backcheck.knowledge.check`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TriageLevel = Literal["emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"]

#: Most urgent first. The rank of a level is its index here (0 = most urgent).
TRIAGE_ORDER: tuple[TriageLevel, ...] = (
    "emergency_ambulance",
    "emergency",
    "consultation_24",
    "consultation",
    "self_care",
)

Grade = Literal["published", "derived", "expert_estimate"]
"""How a number was obtained: read from the cited source, computed from it
(e.g. an LR from sensitivity and specificity), or an expert estimate."""

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Probability = Annotated[float, Field(gt=0.0, lt=1.0)]
Ratio = Annotated[float, Field(gt=0.0, le=1000.0)]

_ICD10 = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


class Strict(BaseModel):
    """Base for every knowledge model: frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in every supported language."""

    en: str = Field(min_length=1)
    ar: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, falling back to English."""
        value: str = getattr(self, lang, self.en)
        return value


class Citation(Strict):
    """One entry of the bibliography."""

    id: Id
    kind: Literal[
        "guideline",
        "systematic_review",
        "primary_study",
        "textbook",
        "reference_summary",
        "seed_article",
        "expert_estimate",
    ]
    title: str = Field(min_length=3)
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: str | None = None
    file: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _seed_has_file(self) -> Citation:
        if self.kind == "seed_article" and not self.file:
            raise ValueError("a seed_article citation must name its file")
        return self


class Expr(Strict):
    """A rule over finding states: exactly one key is set.

    ``present``/``absent`` test one finding; ``all``/``any`` combine. There is
    deliberately no ``not``: negating ``present`` would let *unknown* act as
    *absent*, and the engine must never read unknown as either.
    """

    present: Id | None = None
    absent: Id | None = None
    all: list[Expr] | None = None
    any: list[Expr] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Expr:
        keys = [k for k in ("present", "absent", "all", "any") if getattr(self, k) is not None]
        if len(keys) != 1:
            raise ValueError(f"a rule needs exactly one of present/absent/all/any, got {keys}")
        combo = self.all if self.all is not None else self.any
        if combo is not None and not combo:
            raise ValueError("all/any needs at least one rule")
        return self

    def present_ids(self) -> list[str]:
        """The findings this rule reads as ``present``, in order (what can make it fire)."""
        if self.present is not None:
            return [self.present]
        return [f for sub in self.all or self.any or [] for f in sub.present_ids()]

    def finding_ids(self) -> set[str]:
        """Every finding id this rule reads."""
        if self.present is not None:
            return {self.present}
        if self.absent is not None:
            return {self.absent}
        out: set[str] = set()
        for sub in self.all or self.any or []:
            out |= sub.finding_ids()
        return out


class Derivation(Strict):
    """A boolean finding computed from a number or choice finding, or from a score.

    ``source`` names a finding, or a score of ``scores.yaml`` (NEWS2): then ``part`` says
    which of its numbers is tested, the total or the highest single parameter.
    """

    source: Id
    part: Literal["total", "highest"] | None = None
    at_least: float | None = None
    below: float | None = None
    equals: str | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Derivation:
        if sum(v is not None for v in (self.at_least, self.below, self.equals)) != 1:
            raise ValueError("a derivation needs exactly one of at_least/below/equals")
        return self


class Finding(Strict):
    """Something that can be known about a person: a symptom, sign, context or history."""

    id: Id
    names: Text
    category: Literal[
        "demographic",
        "context",
        "pain",
        "neurological",
        "systemic",
        "urinary",
        "gynaecological",
        "obstetric",
        "history",
        "examination",
        "danger_sign",
        "vital_sign",
        "trauma",
        "mental_health",
    ]
    kind: Literal["boolean", "number", "choice"] = "boolean"
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    options: list[str] | None = None
    derived_from: Derivation | None = None
    #: Findings that are present whenever this one is (a fall from a roof is significant
    #: trauma; fainting is feeling faint), so rules need not list every specific form.
    implies: list[Id] = Field(default_factory=list)
    #: What a mention in the past tense means ("had cancer 10 years ago", "I used to inject"):
    #: a history item is present; a current exposure that is over is not known to be
    #: current, so unknown. Default: present for category history, unknown otherwise.
    when_historical: Literal["present", "unknown"] | None = None
    #: Found only by a clinician's examination (a positive straight-leg raise): read from notes,
    #: the API and CDS Hooks, never asked in the interview.
    clinician_only: bool = False
    snomed: str | None = Field(default=None, pattern=r"^[0-9]{6,18}$")
    citations: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _kind_fields(self) -> Finding:
        if self.kind == "number" and (self.minimum is None or self.maximum is None or not self.unit):
            raise ValueError("a number finding needs unit, minimum and maximum")
        if self.kind == "choice" and not self.options:
            raise ValueError("a choice finding needs options")
        if self.kind != "boolean" and self.derived_from is not None:
            raise ValueError("only boolean findings can be derived")
        if self.kind != "boolean" and self.implies:
            raise ValueError("only boolean findings can imply others")
        return self

    @property
    def historical_state(self) -> Literal["present", "unknown"]:
        """What a past-tense mention of this finding means (see ``when_historical``)."""
        if self.when_historical is not None:
            return self.when_historical
        return "present" if self.category == "history" else "unknown"


class Prior(Strict):
    """Probability of a condition among people with low back pain in a context.

    ``when`` lists findings that must all be present for this prior to apply;
    the most specific matching prior wins and its findings are not counted
    again as likelihood ratios.
    """

    when: list[Id] = Field(default_factory=list)
    value: Probability
    citation: Id
    grade: Grade
    note: str | None = None


class LikelihoodRatio(Strict):
    """How much a finding's presence or absence changes the odds of a condition."""

    finding: Id
    lr_present: Ratio | None = None
    lr_absent: Ratio | None = None
    citation: Id
    grade: Grade
    note: str | None = None

    @model_validator(mode="after")
    def _has_ratio(self) -> LikelihoodRatio:
        if self.lr_present is None and self.lr_absent is None:
            raise ValueError("give lr_present, lr_absent or both")
        return self


class Condition(Strict):
    """A possible cause of the back pain."""

    id: Id
    names: Text
    icd10: str
    icd10_system: Literal["ICD-10", "ICD-10-CM"]
    snomed: str | None = Field(default=None, pattern=r"^[0-9]{6,18}$")
    category: Literal[
        "mechanical",
        "radicular",
        "degenerative",
        "inflammatory",
        "urinary",
        "renal",
        "gynaecological",
        "obstetric",
        "serious_spinal",
        "vascular",
        "traditional_concept",
        "abdominal",
        "haematological",
        "skin",
        "mental_health",
    ]
    evidence: Literal["strong", "moderate", "weak"]
    triage: TriageLevel
    course: Text
    referral: Text
    priors: list[Prior] = Field(min_length=1)
    likelihoods: list[LikelihoodRatio] = Field(default_factory=list)
    excluded_when: list[Expr] = Field(default_factory=list)
    maps_to: Id | None = None
    mention_when: Expr | None = None
    citations: list[Id] = Field(min_length=1)

    @field_validator("icd10")
    @classmethod
    def _icd10_shape(cls, value: str) -> str:
        if not _ICD10.match(value):
            raise ValueError(f"{value!r} is not an ICD-10 code")
        return value

    @model_validator(mode="after")
    def _one_default_prior(self) -> Condition:
        defaults = [p for p in self.priors if not p.when]
        if len(defaults) != 1:
            raise ValueError("exactly one prior must have an empty 'when' (the default)")
        seen = [lr.finding for lr in self.likelihoods]
        dupes = {f for f in seen if seen.count(f) > 1}
        if dupes:
            raise ValueError(f"likelihood ratio given twice for {sorted(dupes)}")
        if self.category == "traditional_concept" and self.maps_to is None:
            raise ValueError("a traditional_concept must say what it maps_to")
        return self


RuleKind = Literal["danger_sign", "crisis", "red_flag", "tuple", "care_rule"]


class TriageRule(Strict):
    """A general danger sign, a crisis, a back-pain red flag, a combination that escalates
    together (tuple), or a care rule.

    Each sets a floor on the triage level when its rule matches. Danger signs and crises hold
    whatever the complaint (docs/decision-process.md); the others are about back pain.
    """

    id: Id
    kind: RuleKind
    names: Text
    when: Expr
    level: TriageLevel
    suspects: list[Id] = Field(default_factory=list)
    reason: Text
    citations: list[Id] = Field(min_length=1)
    grade: Grade


class Level(Strict):
    """What a triage level means and what to tell the person."""

    id: TriageLevel
    names: Text
    action: Text
    safety_net: Text
    escalate_at: Probability
    citations: list[Id] = Field(min_length=1)


class Triage(Strict):
    """Triage settings: the levels and the probability thresholds that escalate."""

    levels: list[Level] = Field(min_length=5, max_length=5)
    suspect_at: Probability
    safety_net_signs: list[Id] = Field(default_factory=list)
    #: the complaint itself (back pain): read by rules, never a warning sign of its own
    complaint: Id | None = None
    citations: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _all_levels(self) -> Triage:
        if tuple(level.id for level in self.levels) != TRIAGE_ORDER:
            raise ValueError(f"levels must be listed once each, in the order {TRIAGE_ORDER}")
        return self


class Advice(Strict):
    """One piece of the plan: a self-care step, an exercise, something to avoid, or when to seek care."""

    id: Id
    kind: Literal[
        "self_care",
        "exercise",
        "avoid",
        "sleep_position",
        "sex_position",
        "pain_relief",
        "seek_care",
        "education",
    ]
    names: Text
    text: Text
    steps: list[Text] = Field(default_factory=list)
    for_conditions: list[Id] = Field(default_factory=list)
    max_level: TriageLevel = "self_care"
    offer_with_red_flag: bool = False
    not_when: list[Expr] = Field(default_factory=list)
    not_if_suspected: list[Id] = Field(default_factory=list)
    citations: list[Id] = Field(min_length=1)


class Conflict(Strict):
    """Where a seed article's advice disagrees with guidelines; backcheck follows the guideline."""

    id: Id
    topic: Literal["bed_rest", "antibiotics", "sex_limit", "unproven_remedy", "other"]
    claim: Text
    claim_source: Id
    position: Text
    citations: list[Id] = Field(min_length=1)
    advice_instead: list[Id] = Field(default_factory=list)


class Manifest(Strict):
    """The knowledge base's version and provenance header."""

    kb_version: str = Field(pattern=r"^\d{4}\.\d{2}\.\d+$")
    released: str
    languages: list[Literal["en", "ar", "zh"]]
    reviewers: list[str] = Field(min_length=1)
    note: str


class Phrases(Strict):
    """Fixed sentences the engine and interfaces need, in every language."""

    disclaimer: Text
    no_red_flags: Text
    condition_possible: Text
    red_flag_found: Text
    text_not_read: Text
    traditional_concept: Text
    conflict_note: Text
    #: {names}: warning signs nobody has asked about yet, for the safety-netting
    not_yet_screened: Text
    #: {name}: the leading cause is not a problem of the back itself
    not_back_problem: Text
    labels: dict[str, Text] = Field(default_factory=dict)


class Applies(Strict):
    """When a question, or one item of a checklist, is asked at all.

    Unknown age or sex never hides a question (safety first); ``when`` must match what
    is known (an unknown finding does not match).
    """

    sex: Literal["female", "male"] | None = None
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    when: Expr | None = None


class Option(Strict):
    """One answer of a choice question and the findings it sets."""

    id: Id
    text: Text
    sets: dict[Id, bool | float | str] = Field(min_length=1)
    #: For a number finding in ``sets``: the values [low, high) this option stands for, so a
    #: known value (from a case or a text) picks the option.
    covers: tuple[float, float] | None = None


class Member(Strict):
    """One item of a checklist question; shown with its finding's name."""

    finding: Id
    applies: Applies | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        # In YAML a plain finding id is enough: "- saddle_anaesthesia".
        return {"finding": data} if isinstance(data, str) else data


class Question(Strict):
    """A question of the adaptive interview.

    ``yes_no`` and ``number`` set one finding; ``choice`` sets the findings of the chosen
    option; ``checklist`` ("Do you have any of these?") sets each listed finding. "Don't
    know" is always possible and sets nothing.
    """

    id: Id
    kind: Literal["yes_no", "number", "choice", "checklist"]
    text: Text
    finding: Id | None = None
    options: list[Option] | None = None
    members: list[Member] | None = None
    applies: Applies = Field(default_factory=Applies)
    #: Age and sex: asked before anything else when not known, since they decide what applies.
    profile: bool = False
    citations: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _kind_fields(self) -> Question:
        wants = {"yes_no": "finding", "number": "finding", "choice": "options", "checklist": "members"}[
            self.kind
        ]
        for name in ("finding", "options", "members"):
            given = getattr(self, name) is not None
            if given != (name == wants):
                raise ValueError(f"a {self.kind} question {'needs' if name == wants else 'takes no'} {name}")
        return self

    def finding_ids(self) -> list[str]:
        """Every finding an answer to this question can set."""
        if self.finding is not None:
            return [self.finding]
        if self.options is not None:
            return list(dict.fromkeys(f for o in self.options for f in o.sets))
        return [m.finding for m in self.members or []]


class BaseRate(Strict):
    """How common a finding is among people with low back pain who have none of the causes
    that change it (the interview's model of what an answer is likely to be)."""

    finding: Id
    value: Probability
    citation: Id
    grade: Grade
    note: str | None = None


class InterviewSettings(Strict):
    """The numbers that steer the interview (see docs/interview.md)."""

    base_rate_default: Probability
    base_rate_warning_sign: Probability
    base_rates: list[BaseRate] = Field(default_factory=list)
    #: Cost of missing each level (self-care costs nothing): missing L while at L0 costs
    #: cost[L] - cost[L0]. Set so one missed emergency outweighs many cautious referrals.
    miss_cost: dict[TriageLevel, float]
    #: A question whose expected triage value is below this is not worth asking.
    triage_threshold: float = Field(gt=0.0)
    #: ...and the same for how much it would move the ranked causes.
    differential_threshold: float = Field(gt=0.0)
    differential_weight: float = Field(gt=0.0)
    max_questions: int = Field(ge=1)
    citation: Id
    grade: Grade


class Band(Strict):
    """One band of a score parameter: values up to ``at_most`` (inclusive) score ``points``.

    Bands are listed in ascending order; the last has no ``at_most`` and takes the rest.
    """

    at_most: float | None = None
    points: int = Field(ge=0, le=10)


class ScoreParameter(Strict):
    """One parameter of a score: a number finding scored by bands, or a yes/no finding that
    scores ``present`` points when present."""

    finding: Id
    bands: list[Band] | None = None
    present: int | None = Field(default=None, ge=0, le=10)

    @model_validator(mode="after")
    def _one_way(self) -> ScoreParameter:
        if (self.bands is None) == (self.present is None):
            raise ValueError("a score parameter needs bands (number) or present (yes/no), not both")
        if self.bands is not None:
            limits = [b.at_most for b in self.bands]
            if not limits or limits[-1] is not None or any(x is None for x in limits[:-1]):
                raise ValueError("bands need at_most on all but the last")
            bounded = [x for x in limits if x is not None]
            if bounded != sorted(bounded):
                raise ValueError("bands must be in ascending order")
        return self


class Score(Strict):
    """An aggregate score over findings (NEWS2). Parameters scoring the same finding group
    (``group``) count once, with the highest points (consciousness: new confusion or less)."""

    id: Id
    names: Text
    parameters: list[ScoreParameter] = Field(min_length=1)
    #: Parameters that are one parameter of the score, written as several findings.
    groups: list[list[Id]] = Field(default_factory=list)
    citations: list[Id] = Field(min_length=1)
    grade: Grade


class HelpLine(Strict):
    """Somewhere to get help now: a name and how to reach it."""

    name: Text
    contact: str = Field(min_length=1)


class CrisisLocale(Strict):
    """The crisis lines of one place."""

    locale: str = Field(pattern=r"^([A-Z]{2}|default)$")
    emergency_number: str | None = None
    lines: list[HelpLine] = Field(default_factory=list)
    citations: list[Id] = Field(min_length=1)


class Crisis(Strict):
    """What a person in crisis is told first, and the lines per locale.

    ``default_locale`` is the locale used for each language when the caller gives none
    (docs/decision-process.md says how to configure it).
    """

    message: Text
    no_locale: Text
    default_locale: dict[Literal["en", "ar", "zh"], str]
    locales: list[CrisisLocale] = Field(min_length=1)
    citations: list[Id] = Field(min_length=1)


class Scope(Strict):
    """Who backcheck is for. A younger person gets ``message`` and at least ``level``,
    never an adult self-care plan; general danger signs still apply."""

    min_age: int = Field(ge=0, le=120)
    level: TriageLevel
    names: Text
    message: Text
    citations: list[Id] = Field(min_length=1)


class ScoresFile(Strict):
    scores: list[Score]


# File-level wrappers: each YAML file is one mapping with a single list key.
class CitationsFile(Strict):
    citations: list[Citation]


class FindingsFile(Strict):
    findings: list[Finding]


class ConditionsFile(Strict):
    conditions: list[Condition]


class TriageRulesFile(Strict):
    rules: list[TriageRule]


class AdviceFile(Strict):
    advice: list[Advice]


class ConflictsFile(Strict):
    conflicts: list[Conflict]


class QuestionsFile(Strict):
    settings: InterviewSettings
    questions: list[Question]
