"""The writing system each supported language must show, used to catch untranslated text."""

from __future__ import annotations

import re

SCRIPT = {
    "en": re.compile(r"[A-Za-z]"),
    "ar": re.compile(r"[\u0600-\u06FF]"),
    "zh": re.compile(r"[\u4E00-\u9FFF]"),
}


def in_script(text: str, lang: str) -> bool:
    """True when ``text`` contains at least one character of ``lang``'s script."""
    return SCRIPT[lang].search(text) is not None
