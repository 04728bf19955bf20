"""Numbers in digits, words and Chinese numerals."""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100}
CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?|半"
DIGITS = r"\d+(?:\.\d+)?"


def parse_chinese(text: str) -> float | None:
    """Value of a Chinese numeral such as 三十九, 十二, 两, 一百零五, 三十八点五 or 半."""
    if text == "半":
        return 0.5
    whole, _, frac = text.partition("点")
    total = 0
    current = 0
    for ch in whole:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    value = float(total + current)
    if frac:
        digits = "".join(str(_DIGITS[c]) for c in frac if c in _DIGITS)
        value += float("0." + digits) if digits else 0.0
    return value


def number_pattern(words: dict[str, float], *, name: str = "num") -> str:
    """A regex group named ``name`` for digits, the given number words and Chinese numerals."""
    alternatives = [DIGITS, CHINESE_NUMERAL]
    alternatives += [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    return f"(?P<{name}>" + "|".join(alternatives) + ")"


def parse_number(text: str, words: dict[str, float]) -> float | None:
    """Value of a matched ``num`` group."""
    if re.fullmatch(DIGITS, text):
        return float(text)
    if text in words:
        return words[text]
    return parse_chinese(text)
