"""Which warning signs a result has an answer for, and which are still unknown.

A result from a short text knows little; saying which signs were never asked about keeps "no
information" from reading as "no warning signs" (issue 13).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backcheck.knowledge.base import KnowledgeBase


@dataclass(frozen=True, slots=True, kw_only=True)
class Screened:
    """Warning signs by what is known of them, most urgent first."""

    present: list[str]
    absent: list[str]
    unknown: list[str]


def warning_signs(kb: KnowledgeBase, known: Mapping[str, bool]) -> Screened:
    """Split the knowledge base's warning signs (``kb.warning_signs``: every finding a danger
    sign, crisis or red flag reads, most urgent first) into present, absent and unknown given
    ``known`` (finding -> present). Signs that cannot apply (pregnancy signs for a man) are
    still listed: the engine does not guess which apply; the interview does."""
    present: list[str] = []
    absent: list[str] = []
    unknown: list[str] = []
    for fid in kb.warning_signs:
        state = known.get(fid)
        (unknown if state is None else present if state else absent).append(fid)
    return Screened(present=present, absent=absent, unknown=unknown)
