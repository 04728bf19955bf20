"""Which input columns play which role, and the columns screening adds to every row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backcheck.errors import BackcheckError, ErrorCode

Format = Literal["csv", "jsonl", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "parquet")

#: The columns added after the input's own, in this order (each behind ``Columns.prefix``).
ADDED: tuple[str, ...] = (
    "row_number",  # 1-based position of the row in the input, so rows can be matched without ids
    "triage",
    "red_flags",
    "flags",  # "crisis" (thoughts of suicide or self-harm: act first), "under_16" (not made for children)
    "causes",
    "text_language",
    "duplicate_of",  # row_number of the first row with the same id, when the id was seen before
    "error",  # the error code, when the row could not be screened
    "error_message",
    "warnings",  # values that were not understood and were ignored (the row was still screened)
    "raw",  # the row as read, when it could not be split into columns
    "kb_version",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Columns:
    """The input's column names for each role; only ``text`` is required.

    Example:
        >>> Columns(text="message", id="message_id", age="age").used()
        {'text': 'message', 'id': 'message_id', 'age': 'age'}
    """

    text: str = "text"
    id: str | None = None
    age: str | None = None
    sex: str | None = None
    language: str | None = None
    prefix: str = ""

    def used(self) -> dict[str, str]:
        """Role → input column, for the roles that are given."""
        roles = {
            "text": self.text,
            "id": self.id,
            "age": self.age,
            "sex": self.sex,
            "language": self.language,
        }
        return {role: name for role, name in roles.items() if name is not None}

    def added(self) -> tuple[str, ...]:
        """The added column names, prefixed."""
        return tuple(self.prefix + name for name in ADDED)


def check_columns(columns: Columns, fields: list[str]) -> None:
    """Refuse a role whose column is not in the input, or added columns that clash with input ones.

    Raises:
        BackcheckError: SC603 naming the missing column (and what there is), SC605 naming the clash.
    """
    present = set(fields)
    for role, name in columns.used().items():
        if name not in present:
            shown = ", ".join(repr(f) for f in fields[:20]) or "none"
            raise BackcheckError(
                ErrorCode.SC603,
                f"the {role} column {name!r} is not in the input; its columns are: {shown}",
            )
    clash = [name for name in columns.added() if name in present]
    if clash:
        raise BackcheckError(
            ErrorCode.SC605,
            f"the input already has column(s) {', '.join(map(repr, clash))}, which screening adds; "
            "give the added columns a prefix, e.g. --prefix screen_",
        )
