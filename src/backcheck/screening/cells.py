"""Reading one cell of a message table: the text, an age, a sex, a language.

A cell that cannot be understood is not a reason to leave a message unread: an odd age, sex or
language is ignored with a warning (SC611) and the text is still screened; only the text itself
can make a row fail.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from backcheck.engine.case import Lang, Sex
from backcheck.errors import BackcheckError, ErrorCode

#: Cells that mean "not known" in exported tables; they are read as missing, without a warning.
_UNKNOWN = frozenset(
    [
        "",
        "na",
        "n/a",
        "nan",
        "null",
        "none",
        "unknown",
        "not known",
        "not stated",
        "-",
        "?",
        "غير معروف",
        "不详",
    ]
)
_SEX: dict[str, Sex | None] = {
    **dict.fromkeys(["f", "female", "woman", "w", "girl", "أنثى", "انثى", "امرأة", "女", "女性"], "female"),
    **dict.fromkeys(["m", "male", "man", "boy", "ذكر", "رجل", "男", "男性"], "male"),
    # Stated, but not one the engine's priors distinguish: unknown, without a warning.
    **dict.fromkeys(["other", "x", "u", "diverse", "non-binary", "nonbinary", "prefer not to say"], None),
}
_LANG: dict[str, Lang] = {
    **dict.fromkeys(["en", "eng", "english", "الإنجليزية", "英语", "英文"], "en"),
    **dict.fromkeys(["ar", "ara", "arabic", "العربية", "عربي", "阿拉伯语"], "ar"),
    **dict.fromkeys(["zh", "zho", "chi", "chinese", "mandarin", "الصينية", "中文", "汉语", "普通话"], "zh"),
}
_WHOLE = re.compile(r"[0-9]{1,3}(?:\.0*)?")


@dataclass(frozen=True, slots=True)
class Ignored:
    """A value that was not understood, said as a warning."""

    code: ErrorCode
    message: str

    def __str__(self) -> str:
        return f"[{self.code.name}] {self.message}"


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text[:40] + "…" if len(text) > 40 else text)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in _UNKNOWN


def read_age(value: object) -> int | Ignored | None:
    """A whole number of years 0–120 (``45``, ``"45"``, ``"45.0"``); None when blank."""
    if _blank(value):
        return None
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        number = float(value.strip())
    if number is not None and number.is_integer() and 0 <= number <= 120:
        return int(number)
    return Ignored(ErrorCode.SC611, f"age {_shown(value)} is not a whole number of years 0-120, ignored")


def read_sex(value: object) -> Sex | Ignored | None:
    """female or male (also f/m, woman/man and the Arabic and Chinese words); None when blank."""
    if _blank(value):
        return None
    if isinstance(value, str):
        key = value.strip().lower()
        if key in _SEX:
            return _SEX[key]
    return Ignored(ErrorCode.SC611, f"sex {_shown(value)} is not female or male, ignored")


def read_language(value: object) -> Lang | Ignored | None:
    """en, ar or zh (also en-GB, zh_Hans, English, العربية, 中文...); None when blank (detected)."""
    if _blank(value):
        return None
    if isinstance(value, str):
        key = value.strip().lower()
        lang = _LANG.get(key) or _LANG.get(re.split(r"[-_]", key, maxsplit=1)[0])
        if lang is not None:
            return lang
    return Ignored(
        ErrorCode.SC611,
        f"language {_shown(value)} is not en, ar or zh, ignored (the language is detected)",
    )


def read_message(value: object, *, limit: int) -> str:
    """The text to screen.

    Raises:
        BackcheckError: SC609 when blank, SC610 when longer than ``limit`` characters, SC607 when
            the cell holds something other than text, SC608 when its bytes are not UTF-8.
    """
    if isinstance(value, bytes):  # a Parquet binary column
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BackcheckError(
                ErrorCode.SC608, f"the text's bytes are not UTF-8 (byte {error.start}: {error.reason})"
            ) from error
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise BackcheckError(ErrorCode.SC609, "the text is empty")
    if not isinstance(value, str):
        shown = json.dumps(value, default=str, ensure_ascii=False)[:60]
        raise BackcheckError(ErrorCode.SC607, f"the text cell holds {type(value).__name__} {shown}, not text")
    if not value.strip():
        raise BackcheckError(ErrorCode.SC609, "the text is empty")
    if len(value) > limit:
        raise BackcheckError(
            ErrorCode.SC610, f"the text has {len(value):,} characters; at most {limit:,} are read"
        )
    return value


def id_key(value: Any) -> str | None:
    """The id as text, for spotting duplicates: ``5`` and ``"5"`` are the same id; blank is none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return value.strip()
    return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
