"""Aggregate scores over findings (NEWS2): pure arithmetic over the bands in ``scores.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backcheck.knowledge.schema import Score, ScoreParameter


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """A score over what is known. ``complete`` is False while a parameter is unknown: the total
    is then a lower bound (unknown adds nothing), good for a floor and never for reassurance."""

    score: str
    total: int
    highest: int
    points: dict[str, int]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Every parameter was known."""
        return not self.missing


def _points(parameter: ScoreParameter, known: bool | float) -> int:
    if parameter.present is not None:
        return parameter.present if known is True else 0
    for band in parameter.bands or []:
        if band.at_most is None or known <= band.at_most:
            return band.points
    return 0  # unreachable: schema makes the last band open


def compute_score(score: Score, known: Mapping[str, bool | float]) -> ScoreResult | None:
    """The score from known findings (``present`` for yes/no, the value for numbers).

    Returns None when no parameter is known: no score at all, rather than a reassuring 0.
    """
    points: dict[str, int] = {}
    missing: list[str] = []
    for parameter in score.parameters:
        value = known.get(parameter.finding)
        if value is None:
            missing.append(parameter.finding)
        else:
            points[parameter.finding] = _points(parameter, value)
    if not points:
        return None
    # A group is one parameter: it counts once, with its highest points, and is known as soon as
    # one member scores (new confusion settles ACVPU without asking about responsiveness).
    total = sum(points.values())
    for group in score.groups:
        scored = [points[f] for f in group if f in points]
        if scored:
            total -= sum(scored) - max(scored)
            if max(scored) > 0:
                missing = [f for f in missing if f not in group]
    return ScoreResult(
        score=score.id,
        total=total,
        highest=max(points.values()),
        points=points,
        missing=tuple(missing),
    )
