"""Option checks every command shares, so each answers a bad value the same way."""

from __future__ import annotations

import typer
from rich.console import Console

from backcheck.engine.case import Lang
from backcheck.language.pack import LANGUAGES


def checked_lang(value: str | None) -> Lang | None:
    """``--lang`` as a language code (None when not given), or exit 2 naming what it takes."""
    if value is None:
        return None
    for code in LANGUAGES:
        if code == value:
            return code
    Console(stderr=True).print(f"[red]error[/] --lang must be en, ar or zh, not {value!r}")
    raise typer.Exit(2)
