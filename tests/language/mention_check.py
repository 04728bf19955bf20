"""The check the per-language reading tables share: one row is (text, finding, expected), where
expected is a state, a value, a sex, ``NOT`` (must not be read as present), or None (not read)."""

from __future__ import annotations

import pytest

from backcheck.language.extract import Extracted

NOT = "not present"
STATES = {"present", "absent", "uncertain", "historical", "family", "hypothetical", NOT}
SEXES = {"female", "male"}


def check_mention(mentions: list[Extracted], finding: str, expected: str | float | None) -> None:
    """Assert that ``finding`` was read from ``mentions`` as ``expected`` says."""
    got = [m for m in mentions if m.finding == finding]
    seen = [(m.finding, m.state, m.value, m.text, m.cues) for m in mentions]
    if expected is None:
        assert not got, seen
    elif isinstance(expected, float | int):
        assert got, seen
        assert got[0].value == pytest.approx(expected, abs=0.05), seen
    elif expected == NOT:
        assert not [m for m in got if m.state in ("present", "uncertain")], seen
    elif expected in SEXES:
        assert expected in {m.value for m in got}, seen
    else:
        assert expected in {m.state for m in got}, seen
