"""Shared by the benchmark scripts: wall time of a fresh `backcheck` process."""

from __future__ import annotations

import subprocess
import sys
import time


def time_backcheck(args: list[str], *, stdin: str, runs: int) -> list[float]:
    """Seconds taken by ``python -m backcheck ARGS`` reading ``stdin``, one new process per run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "backcheck", *args],
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(time.perf_counter() - start)
    return times
