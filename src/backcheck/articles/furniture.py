"""Page furniture: the parts of a saved web page that are not the article.

Hotline and booking adverts, "Share on Pinterest", comment boxes, search-box text and lists of
related articles are dropped before claims are read, so an advert's "call now" is never taken
for medical advice. What was dropped is kept in the report (nothing silently lost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backcheck.articles.terms import CompiledTerms

# Persian (Solar Hijri) calendar dates glued to search-result snippets: "... weight …Aban 22, 1399 AP".
PERSIAN_DATE = re.compile(
    r"(?:Farvardin|Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand)"
    r" \d{1,2}, \d{4} AP"
)
_PIECE = re.compile(r"[^.!?。！？؟]*(?:[.!?。！？؟]+|$)")
_TEASER = re.compile(r"(?:\.\.\.|…)\s*$")


@dataclass(frozen=True, slots=True)
class Stripped:
    """The article's lines with what was removed, and the dates found."""

    text: str
    removed: list[str]
    dates: list[str]


def strip_furniture(text: str, terms: CompiledTerms) -> Stripped:
    """Drop furniture lines and related-article teasers; lift out Persian-calendar dates."""
    dates = PERSIAN_DATE.findall(text)
    text = PERSIAN_DATE.sub("\n", text)
    lines = text.split("\n")
    removed: list[str] = []
    kept: list[str] = []
    for i, line in enumerate(lines):
        low = line.strip().lower()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if terms.furniture.search(low):
            # Drop the sentences that are furniture and keep the rest of the line
            # ("2. Knee-to-chest stretches. Share on Pinterest." keeps the exercise).
            keep = [s for s in _PIECE.findall(line) if not terms.furniture.search(s.strip().lower())]
            removed.append(line)
            rest = "".join(keep)
            if sum(ch.isalnum() for ch in rest) > 3 and not all(
                ch.isdigit() or not ch.isalnum() for ch in rest
            ):
                kept.append(rest)
        elif low and len(low) < 120 and _TEASER.search(low) and _after_article(lines, i):
            removed.append(line)  # "Women have their menstrual period for a few days ..."
        elif low and _TEASER.search(following) and len(following) < 120 and _after_article(lines, i + 1):
            removed.append(line)  # the teaser's title line
        else:
            kept.append(line)
    return Stripped(text="\n".join(kept), removed=[r for r in removed if r.strip()], dates=dates)


def _after_article(lines: list[str], i: int) -> bool:
    # Teaser lists come after the article: at least two teasers in the lines from here on.
    return sum(1 for line in lines[i:] if _TEASER.search(line.strip()) and len(line.strip()) < 120) >= 2
