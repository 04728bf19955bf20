"""The pure function screening runs on every row: text (and age, sex, language) → triage, red flags,
top causes. The same function runs in worker processes and on Dask workers.

:func:`screen_reading` computes only what screening reports, from the engine's own steps
(evidence → differential → rules → triage floor → red-flag suspects first), skipping the plan,
names, trace and citations that make the full assessment about twice as slow; a test checks that
its triage, red flags and top causes equal :func:`backcheck.pipeline.run_case`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from backcheck.engine.case import Case, Lang, Sex
from backcheck.engine.outcome import outcome
from backcheck.errors import BackcheckError, ErrorCode
from backcheck.knowledge.load import load_knowledge_base
from backcheck.knowledge.schema import TriageLevel
from backcheck.language.extract import MAX_TEXT
from backcheck.language.reading import INTERVIEW_HINT, Reading, merge, read_text, require_something
from backcheck.pipeline import Context
from backcheck.screening.cells import Ignored, read_age, read_language, read_message, read_sex
from backcheck.screening.columns import Columns, Format
from backcheck.screening.summary import Tally
from backcheck.screening.table import Chunk, Problem, SourceRow

_T = TypeVar("_T")

#: How many ranked causes a screened row reports.
TOP_CAUSES = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Cause:
    """A likely cause: knowledge-base id, ICD-10 code and probability (4 decimals)."""

    id: str
    icd10: str
    probability: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Screening:
    """What screening reports for one text."""

    triage: TriageLevel
    red_flags: tuple[str, ...]
    causes: tuple[Cause, ...]
    language: Lang
    #: rows that need a person before anything else: "crisis", "under_16"
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Job:
    """Everything a worker needs to turn a chunk into a part; sent with every chunk."""

    columns: Columns
    output: Format
    fields: tuple[str, ...]
    schema: Any = None  # the pyarrow schema of a Parquet input, kept for a Parquet output
    kb_dir: str | None = None
    kb_version: str | None = None  # the command's; a worker with another knowledge base refuses
    max_text: int = MAX_TEXT


@dataclass(frozen=True, slots=True, kw_only=True)
class Screened:
    """One output row: the input row and what screening found, or why it could not."""

    source: SourceRow
    screening: Screening | None
    language: str | None
    error: Problem | None
    warnings: tuple[str, ...]
    kb_version: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """A finished chunk: its rows encoded in the output format, and their counts."""

    index: int
    data: bytes
    tally: Tally


def screen_reading(
    reading: Reading, ctx: Context, *, age: int | None = None, sex: Sex | None = None
) -> Screening:
    """Triage, red flags and top causes for what was read from a text (plus age and sex, which win).

    Unlike a one-shot assessment, a text from which nothing is recognised is refused even when age
    or sex is known: a level from age and sex alone would look like a reading of the message.

    Raises:
        InputError: IN108 when nothing in the text was recognised.
    """
    require_something(reading, Case())
    decided = outcome(merge(Case(age=age, sex=sex), reading), ctx.kb)
    causes = tuple(
        Cause(id=p.condition.id, icd10=p.condition.icd10, probability=round(p.probability, 4))
        for p in decided.ordered[:TOP_CAUSES]
    )
    flags: tuple[str, ...] = ("crisis",) if any(f.rule.kind == "crisis" for f in decided.red_flags) else ()
    if decided.under_age:
        flags += ("under_16",)
    return Screening(
        triage=decided.decision.level,
        red_flags=tuple(f.rule.id for f in decided.red_flags),
        causes=causes,
        language=reading.language,
        flags=flags,
    )


def screen_text(
    text: str, ctx: Context, *, age: int | None = None, sex: Sex | None = None, lang: Lang | None = None
) -> Screening:
    """Read ``text`` (in ``lang``, or detected) and screen it.

    Raises:
        InputError: IN108 nothing recognised, IN109 a language backcheck does not read.

    Example:
        >>> screen_text("45F, my back is killing me since yesterday and I can't pee", ctx).triage
        'emergency'
    """
    reading = read_text(text, kb=ctx.kb, packs=ctx.packs, lang=lang, flags=ctx.flags)
    return screen_reading(reading, ctx, age=age, sex=sex)


@lru_cache(maxsize=2)
def context(kb_dir: str | None = None) -> Context:
    """One knowledge base and set of language packs per process, loaded on its first chunk."""
    return Context.create(load_knowledge_base(Path(kb_dir) if kb_dir else None))


def screen_row(row: SourceRow, job: Job, ctx: Context) -> Screened:
    """Screen one row; never raises: whatever goes wrong is the row's error and the batch goes on."""
    kb_version = ctx.kb.version
    if row.problem is not None or row.values is None:
        return Screened(
            source=row, screening=None, language=None, error=row.problem, warnings=(), kb_version=kb_version
        )
    columns, values = job.columns, row.values
    warnings: list[str] = []
    language: str | None = None
    screening: Screening | None = None
    problem: Problem | None = None
    try:
        age: int | None = _known(read_age(values.get(columns.age)), warnings) if columns.age else None
        sex: Sex | None = _known(read_sex(values.get(columns.sex)), warnings) if columns.sex else None
        lang: Lang | None = (
            _known(read_language(values.get(columns.language)), warnings) if columns.language else None
        )
        text = read_message(values.get(columns.text), limit=job.max_text)
        reading = read_text(text, kb=ctx.kb, packs=ctx.packs, lang=lang, flags=ctx.flags)
        language = reading.language
        screening = screen_reading(reading, ctx, age=age, sex=sex)
    except BackcheckError as error:
        # The one-shot hint ("try the interview instead") speaks to a person, not to a table.
        problem = Problem(error.code, error.message.removesuffix(f" {INTERVIEW_HINT}"))
    except Exception as error:  # a bug on one row must not stop a batch of millions
        problem = Problem(ErrorCode.SC612, f"{type(error).__name__}: {error} (a bug; please report it)")
    return Screened(
        source=row,
        screening=screening,
        language=language,
        error=problem,
        warnings=tuple(warnings),
        kb_version=kb_version,
    )


def _known(value: _T | Ignored | None, warnings: list[str]) -> _T | None:
    if isinstance(value, Ignored):
        warnings.append(str(value))
        return None
    return value


def tally_of(rows: list[Screened]) -> Tally:
    """The counts over screened rows."""
    triage: dict[str, int] = {}
    errors: dict[str, int] = {}
    for s in rows:
        if s.screening is not None:
            triage[s.screening.triage] = triage.get(s.screening.triage, 0) + 1
        if s.error is not None:
            errors[s.error.code.name] = errors.get(s.error.code.name, 0) + 1
    return Tally(
        rows=len(rows),
        triage=triage,
        errors=errors,
        red_flag_rows=sum(1 for s in rows if s.screening is not None and s.screening.red_flags),
        warning_rows=sum(1 for s in rows if s.warnings),
        duplicate_rows=sum(1 for s in rows if s.source.duplicate_of is not None),
    )


def screen_chunk(chunk: Chunk, job: Job) -> Part:
    """The pure per-chunk function: every row screened and encoded in the output format, in order.

    Raises:
        BackcheckError: SC613 when this process's knowledge base is not the command's: rows
            screened with two knowledge bases must not be mixed in one output.
    """
    from backcheck.screening.output import encode  # pyarrow is imported there only for Parquet

    ctx = context(job.kb_dir)
    if job.kb_version is not None and ctx.kb.version != job.kb_version:
        raise BackcheckError(
            ErrorCode.SC613,
            f"a worker screens with knowledge base {ctx.kb.version}, the command with {job.kb_version}; "
            "install the same backcheck version on every worker",
        )
    screened = [screen_row(row, job, ctx) for row in chunk.rows]
    return Part(index=chunk.index, data=encode(screened, job), tally=tally_of(screened))
