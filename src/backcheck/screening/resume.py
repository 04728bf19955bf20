"""The work folder next to the output: finished chunks, so an interrupted run resumes.

``OUTPUT.parts/`` holds ``manifest.json`` (the input's identity and every option that changes the
output) and, per finished chunk, its rows (``chunk-000012.csv``) and then a marker with its counts
(``chunk-000012.done``). Both are written to a temporary name, flushed to disk and renamed, so a
kill at any moment leaves either a finished chunk or none: a chunk counts as finished only when
its marker exists and its rows have the size the marker records. A rerun with the same manifest
skips finished chunks; chunk numbering is deterministic, so nothing is lost or written twice.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backcheck.errors import BackcheckError, ErrorCode
from backcheck.screening.summary import Tally

_HEAD = 1 << 20  # the input's first MiB is hashed: with size and mtime, enough to tell files apart


def input_identity(path: Path) -> dict[str, Any]:
    """What makes an input file the same file on a rerun."""
    stat = path.stat()
    with path.open("rb") as stream:
        head = hashlib.sha256(stream.read(_HEAD)).hexdigest()
    return {
        "path": str(path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "head_sha256": head,
    }


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


@contextmanager
def exclusive(output: Path) -> Iterator[None]:
    """Hold ``OUTPUT.lock`` while a run writes ``output``, so two runs (an overlapping cron job,
    say) never write the same work folder. The kernel drops the lock if the process is killed.

    A POSIX record lock (``lockf``), not ``flock``: worker processes forked from this one must not
    share it, or a killed run's orphaned workers would hold it for a moment after the kill.

    Raises:
        BackcheckError: SC614 when another run holds it.
    """
    path = output.with_name(output.name + ".lock")
    with path.open("a") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BackcheckError(
                ErrorCode.SC614, f"another run is writing {output} (it holds {path}); wait for it to finish"
            ) from None
        try:
            yield
        finally:
            path.unlink(missing_ok=True)


class WorkFolder:
    """``OUTPUT.parts/``: the manifest, finished chunks and the duplicate-id register."""

    def __init__(self, output: Path, *, suffix: str) -> None:
        self.path = output.with_name(output.name + ".parts")
        self._suffix = suffix

    @property
    def ids(self) -> Path:
        """The duplicate-id register's database."""
        return self.path / "ids.sqlite"

    def open(self, manifest: dict[str, Any], *, restart: bool) -> dict[int, Tally]:
        """Start or resume: the finished chunks by index, with their counts.

        Raises:
            BackcheckError: SC606 when the folder holds a run with another input or other options
                (and ``restart`` is not set).
        """
        saved = self.path / "manifest.json"
        if restart and self.path.exists():
            shutil.rmtree(self.path)
        if saved.is_file():
            previous = json.loads(saved.read_text(encoding="utf-8"))
            if previous != manifest:
                changed = _differences(previous, manifest)
                raise BackcheckError(
                    ErrorCode.SC606,
                    f"{self.path} holds an unfinished run with a different {', '.join(changed)}; "
                    "rerun with --restart to discard it, or use the same input and options to resume it",
                )
            return dict(self._finished())
        if self.path.exists():
            shutil.rmtree(self.path)  # a folder without a manifest holds no finished chunk
        self.path.mkdir(parents=True)
        _write_atomically(saved, json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8"))
        return {}

    def part(self, index: int) -> Path:
        """Where chunk ``index``'s rows are kept."""
        return self.path / f"chunk-{index:06d}.{self._suffix}"

    def _marker(self, index: int) -> Path:
        return self.path / f"chunk-{index:06d}.done"

    def save(self, index: int, data: bytes, tally: Tally) -> None:
        """Keep a finished chunk: its rows first, then the marker that says it is finished."""
        _write_atomically(self.part(index), data)
        marker = {"bytes": len(data), "tally": tally.to_dict()}
        _write_atomically(self._marker(index), json.dumps(marker).encode("utf-8"))

    def _finished(self) -> Iterator[tuple[int, Tally]]:
        for marker in sorted(self.path.glob("chunk-*.done")):
            index = int(marker.stem.removeprefix("chunk-"))
            saved = json.loads(marker.read_text(encoding="utf-8"))
            part = self.part(index)
            if part.is_file() and part.stat().st_size == saved["bytes"]:
                yield index, Tally.from_dict(saved["tally"])

    def remove(self) -> None:
        """Delete the folder once the output is complete."""
        shutil.rmtree(self.path, ignore_errors=True)


def _differences(previous: dict[str, Any], current: dict[str, Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for key in sorted(set(previous) | set(current)):
        old, new = previous.get(key), current.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            out += _differences(old, new, f"{prefix}{key}.")
        elif old != new:
            out.append(f"{prefix}{key}")
    return out
