"""Spotting duplicate ids across a whole table without holding the ids in memory.

Ids live in a small SQLite file in the work folder (bounded page cache), so memory stays flat
however many rows there are. Each row learns the row number of the first row with its id; the
table is read in order on every run, so the answer is the same after a resume.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from backcheck.screening.cells import id_key
from backcheck.screening.table import SourceRow

_BATCH = 500  # ids per SELECT (well under SQLite's limit on bound parameters)


class IdRegister:
    """Ids seen so far and the first row that had each."""

    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)  # rebuilt on every run from the rows in input order
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4096;"
            "CREATE TABLE ids (id TEXT PRIMARY KEY, first INTEGER NOT NULL) WITHOUT ROWID;"
        )

    def mark(self, rows: tuple[SourceRow, ...], column: str) -> tuple[SourceRow, ...]:
        """The rows, each with ``duplicate_of`` set when an earlier row (in this or a previous call)
        had the same id."""
        keyed = [(row, id_key(row.values.get(column)) if row.values is not None else None) for row in rows]
        pairs = [(key, row.number) for row, key in keyed if key is not None]
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR IGNORE INTO ids VALUES (?, ?)", pairs)
        self._db.execute("COMMIT")
        first: dict[str, int] = {}
        keys = list(dict.fromkeys(key for key, _ in pairs))
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            first.update(
                self._db.execute(f"SELECT id, first FROM ids WHERE id IN ({marks})", batch).fetchall()
            )
        return tuple(
            replace(row, duplicate_of=first[key]) if key is not None and first[key] != row.number else row
            for row, key in keyed
        )

    def close(self) -> None:
        """Close the database (the work folder removes its file)."""
        self._db.close()
