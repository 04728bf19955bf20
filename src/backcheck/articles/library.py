"""Stored article reports (SQLite), beside the passage index in the same file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs


def default_path() -> Path:
    """The articles database in the user's data folder."""
    folder = Path(platformdirs.user_data_dir("backcheck"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "articles.sqlite3"


class Library:
    """Article reports by id (the file name), as the JSON ``articles check`` prints."""

    def __init__(self, path: str | Path) -> None:
        self._db = sqlite3.connect(str(path))
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS article_reports (id TEXT PRIMARY KEY, report TEXT NOT NULL)"
        )

    def put(self, report: dict[str, Any]) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO article_reports (id, report) VALUES (?, ?)",
                (report["id"], json.dumps(report, ensure_ascii=False)),
            )

    def get(self, article_id: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT report FROM article_reports WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM article_reports ORDER BY id")]

    def close(self) -> None:
        self._db.close()
