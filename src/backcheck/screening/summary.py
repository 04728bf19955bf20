"""Counting what a screening run found: rows per triage level, errors by code, rates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from backcheck.knowledge.schema import TriageLevel

#: Most urgent first, as the summary lists them.
LEVELS: tuple[TriageLevel, ...] = (
    "emergency_ambulance",
    "emergency",
    "consultation_24",
    "consultation",
    "self_care",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Tally:
    """Counts over some rows; tallies of parts add up to the run's."""

    rows: int = 0
    triage: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    red_flag_rows: int = 0
    warning_rows: int = 0
    duplicate_rows: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            rows=self.rows + other.rows,
            triage=dict(Counter(self.triage) + Counter(other.triage)),
            errors=dict(Counter(self.errors) + Counter(other.errors)),
            red_flag_rows=self.red_flag_rows + other.red_flag_rows,
            warning_rows=self.warning_rows + other.warning_rows,
            duplicate_rows=self.duplicate_rows + other.duplicate_rows,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, levels most urgent first and errors by code."""
        return {
            "rows": self.rows,
            "triage": {level: self.triage.get(level, 0) for level in LEVELS},
            "errors": dict(sorted(self.errors.items())),
            "red_flag_rows": self.red_flag_rows,
            "warning_rows": self.warning_rows,
            "duplicate_rows": self.duplicate_rows,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tally:
        """The inverse of :meth:`to_dict`."""
        return cls(
            rows=int(data["rows"]),
            triage={k: int(v) for k, v in data["triage"].items() if v},
            errors={k: int(v) for k, v in data["errors"].items()},
            red_flag_rows=int(data["red_flag_rows"]),
            warning_rows=int(data["warning_rows"]),
            duplicate_rows=int(data["duplicate_rows"]),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """A finished run: what was found, and how fast this run went."""

    output: str
    tally: Tally
    screened: int  # rows screened by this run (the others were finished by an interrupted one)
    resumed_chunks: int
    seconds: float
    engine: str
    workers: int

    @property
    def rows_per_second(self) -> float:
        """Rows screened by this run per second of its wall time."""
        return self.screened / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``backcheck screen --json``)."""
        return {
            "output": self.output,
            **self.tally.to_dict(),
            "screened_this_run": self.screened,
            "resumed_chunks": self.resumed_chunks,
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows_per_second, 1),
            "engine": self.engine,
            "workers": self.workers,
        }
