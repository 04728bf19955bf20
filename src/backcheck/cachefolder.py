"""The user's cache folder, for work kept between runs (never for anything a person entered)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/backcheck`` (``~/.cache/backcheck`` by default); None without a home."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.environ.get("HOME")
        if not home:
            return None
        base = str(Path(home) / ".cache")
    return Path(base) / "backcheck"
