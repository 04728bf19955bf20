"""Prefilter literals kept between runs, so a worker starts without parsing every pattern.

Deriving a pattern's required literals means parsing it with ``re``'s own parser, which is
pure Python: about half of a language pack's load, paid again by every worker process. The
result depends only on the pattern sources, the prefilter's code and the Python version, so
it is kept in the user's cache folder under a hash of all three. A cache that is missing,
unreadable or not writable only costs time; it never changes what is found.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from backcheck.cachefolder import cache_dir
from backcheck.language import prefilter
from backcheck.language.prefilter import Requirement


def _key(sources: Sequence[str]) -> str:
    sha = hashlib.sha256(sys.version.encode())
    sha.update(Path(prefilter.__file__).read_bytes())  # a change to the derivation is a new key
    for source in sources:
        sha.update(b"\0" + source.encode())
    return sha.hexdigest()[:24]


def _read(path: Path, count: int) -> list[Requirement] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # Exactly the shape _write writes, or nothing: a wrong literal would hide a match.
    if not (isinstance(data, list) and len(data) == count and all(map(_is_requirement, data))):
        return None
    return [[frozenset(one_of) for one_of in requirement] for requirement in data]


def _is_requirement(data: object) -> bool:
    return isinstance(data, list) and all(
        isinstance(one_of, list) and one_of and all(isinstance(w, str) and w for w in one_of)
        for one_of in data
    )


def _write(path: Path, requirements: list[Requirement]) -> None:
    data = [[sorted(one_of) for one_of in requirement] for requirement in requirements]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: workers starting together never read half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(out.name, path)
    except OSError:
        pass  # a read-only home: derive again next time


def cached_requirements(sources: Sequence[str], derive: Callable[[], list[Requirement]]) -> list[Requirement]:
    """The requirement of each source, as kept from an earlier run or from ``derive()``.

    ``derive`` is only called on a miss; it should also compile every pattern, so that a kept
    list only ever stands for patterns that compiled.
    """
    folder = cache_dir()
    path = folder / f"prefilter-{_key(sources)}.json" if folder is not None else None
    kept = _read(path, len(sources)) if path is not None else None
    if kept is not None:
        return kept
    requirements = derive()
    if path is not None:
        _write(path, requirements)
    return requirements
