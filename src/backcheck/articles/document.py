"""An article file as text: txt, html or markdown, decoded and checked, never a traceback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from backcheck.errors import BackcheckError, ErrorCode

MAX_BYTES = 2_000_000  # a long article is 50 kB; anything near this is not an article
SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")


class ArticleError(BackcheckError):
    """A file that cannot be read as an article (reported, skipped; the rest go on)."""


@dataclass(frozen=True, slots=True)
class Document:
    """An article's name (its file name) and plain text."""

    name: str
    text: str


def decode(raw: bytes, *, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises:
        ArticleError: AR501 for binary data, AR502 for nothing but white space, AR503 for a
            file over MAX_BYTES, AR504 for another encoding.
    """
    if len(raw) > MAX_BYTES:
        raise ArticleError(ErrorCode.AR503, f"{name}: {len(raw):,} bytes (at most {MAX_BYTES:,})")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        if b"\x00" in raw[:4096]:
            raise ArticleError(ErrorCode.AR501, f"{name}: binary data, not text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ArticleError(
                ErrorCode.AR504, f"{name}: not UTF-8 (byte {err.start}); save it as UTF-8 and add it again"
            ) from err
    if not text.strip():
        raise ArticleError(ErrorCode.AR502, f"{name}: empty")
    return text


_SKIP = frozenset(
    {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button"}
)
_BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"})


class _TextOf(HTMLParser):
    """Visible text of an HTML page, one line per block; scripts, styles and navigation dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skipping:
            self._skipping -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The readable text of an HTML page."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)|[*_`]{1,3}", re.MULTILINE)


def markdown_text(md: str) -> str:
    """Markdown without its markup (headings stay as lines of their own)."""
    return _MD_MARKS.sub("", _MD_LINK.sub(r"\1", md))


def to_text(raw: bytes, *, name: str) -> Document:
    """Decode and, for HTML or markdown, strip the markup (pure: bytes in, text out)."""
    text = decode(raw, name=name).replace("\r\n", "\n").replace("\r", "\n")
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm") or re.match(r"\s*<(?:!doctype|html)", text, re.IGNORECASE):
        text = html_text(text)
    elif suffix in (".md", ".markdown"):
        text = markdown_text(text)
    return Document(name=name, text=text)


def find_files(paths: list[Path]) -> list[Path]:
    """The article files named, folders searched recursively, in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            out.append(path)
    return out
