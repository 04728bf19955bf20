"""An article's sections and question-and-answer blocks.

Saved pages mark structure only by line: a heading is a short line without a full stop
("1. Overview", "Muscle strain", "التشنّجات العضليّة"); a line ending in a question mark opens a
question-and-answer block (search-result pages are lists of them). A title repeated on the
next line (common in saved pages) is read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_QUESTION_END = re.compile(r"[?？؟]\s*$")
_SENTENCE_END = re.compile(r"[.。!！:：;；,，、]\s*$")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.、)]\s*\S")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the text under it; ``start`` is the text's offset in the article."""

    title: str
    text: str
    start: int
    kind: Literal["section", "qa"]
    title_start: int = -1  # -1: no heading (text before the first one)


def _is_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 90:
        return False
    if _QUESTION_END.search(s):
        return True
    if _SENTENCE_END.search(s):
        return False
    return bool(_NUMBERED.match(s)) or len(s.split()) <= 8 or len(s) <= 24


def split_sections(text: str) -> list[Section]:
    """Sections in order; text before the first heading is a section with an empty title."""
    sections: list[Section] = []
    title, kind, title_start = "", "section", -1
    body: list[tuple[int, str]] = []
    offset = 0
    previous_heading = ""

    def flush() -> None:
        if body:
            start = body[0][0]
            joined = "\n".join(line for _, line in body)
            sections.append(
                Section(title=title, text=joined, start=start, kind=kind, title_start=title_start)  # type: ignore[arg-type]
            )

    for line in text.split("\n"):
        here = offset
        offset += len(line) + 1
        s = line.strip()
        if not s:
            continue
        # A numbered line that runs on into a sentence ("1. Daily life: 1. Pay attention...") is text.
        if _is_heading(s) and not (len(s) > 60 and not _QUESTION_END.search(s)):
            if s == previous_heading and not body:
                continue  # the page repeated its title
            if title and not body:  # a heading with nothing under it still says something
                sections.append(Section(title=title, text="", start=here, kind=kind, title_start=title_start))  # type: ignore[arg-type]
            flush()
            title, kind, body = s, ("qa" if _QUESTION_END.search(s) else "section"), []
            title_start = here + (len(line) - len(line.lstrip()))
            previous_heading = s
            continue
        body.append((here, line))
    flush()
    return sections


_SENTENCE = re.compile(r"[^.!?。！？؟\n]+(?:[.!?。！？؟]+|$)")


def sentences(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, sentence) in article offsets; decimals like 38.5 stay whole."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    pending = 0
    for m in _SENTENCE.finditer(text):
        # "38.5" or "2.000": a full stop between digits does not end the sentence
        if m.end() < len(text) and text[m.end() - 1] == "." and text[m.end() : m.end() + 1].isdigit():
            continue
        chunk = text[pending : m.end()]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + pending + lead, start + m.end(), chunk.strip()))
        pending = m.end()
        pos = m.end()
    if pos < len(text) and text[pending:].strip():
        chunk = text[pending:]
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + pending + lead, start + len(text), chunk.strip()))
    return out
