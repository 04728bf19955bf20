"""What is known about one person: the engine's input."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from backcheck.errors import ErrorCode, InputError

Lang = Literal["en", "ar", "zh"]
Sex = Literal["female", "male"]

#: A finding's answer: true/false for yes-no findings, a number or an option for the others.
#: ``None`` means unknown, exactly as if the finding were left out.
FindingValue = StrictBool | StrictInt | StrictFloat | StrictStr | None


def _whole(value: object) -> object:
    # JSON has one number type: 34.0 is the integer 34 (JSON Schema agrees). A boolean or a
    # string is still refused, and 34.5 still fails as not an integer.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Age in whole years, 0 to 120.
Age = Annotated[StrictInt, Field(ge=0, le=120), BeforeValidator(_whole)]


class Case(BaseModel):
    """One person's answers. Strict types: a boolean is not an age, a string is not a number.

    Example:
        >>> Case(age=34, sex="male", findings={"after_sex": True})
        Case(id=None, age=34, sex='male', findings={'after_sex': True}, text=None, locale=None)
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr | StrictInt | None = None
    age: Age | None = None
    sex: Sex | None = None
    findings: dict[StrictStr, FindingValue] = Field(default_factory=dict)
    text: Annotated[StrictStr, Field(max_length=100_000)] | None = None
    #: The person's country (ISO 3166 code such as "GB"), for crisis lines; optional.
    locale: Annotated[StrictStr, Field(pattern=r"^[A-Za-z]{2}$")] | None = None

    def has_information(self) -> bool:
        """Something to assess: a finding other than age and sex, or text. Age and sex alone say
        nothing about the pain, and assessing nothing would read as reassurance."""
        if self.text is not None and self.text.strip():
            return True
        return any(v is not None for k, v in self.findings.items() if k not in ("age", "sex"))


_PYDANTIC_CODES = {
    "extra_forbidden": ErrorCode.IN103,
    "missing": ErrorCode.IN107,
    "greater_than_equal": ErrorCode.IN106,
    "less_than_equal": ErrorCode.IN106,
    "string_too_long": ErrorCode.IN106,
    "string_pattern_mismatch": ErrorCode.IN105,
}


def parse_case(data: object) -> Case:
    """Validate a decoded JSON value as a :class:`Case`, or raise :class:`InputError` naming the field."""
    if not isinstance(data, dict):
        raise InputError(ErrorCode.IN102, f"expected a JSON object, got {type(data).__name__}")
    try:
        return Case.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = [str(p) for p in first["loc"]]
        # Drop pydantic's union-branch names (e.g. "bool", "int") from the location.
        field = ".".join(p for p in loc if p not in _UNION_BRANCHES) or None
        code = _PYDANTIC_CODES.get(first["type"], ErrorCode.IN105)
        if code is ErrorCode.IN103:
            message = f"unknown field {field!r}; expected one of {sorted(Case.model_fields)}"
        else:
            message = f"{field}: {first['msg']} (got {first.get('input')!r})"
        raise InputError(code, message, field=field) from err


_UNION_BRANCHES = {"bool", "int", "float", "str", "none", "literal['female','male']", "function-after"}
