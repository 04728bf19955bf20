"""The Chinese word segmenter: jieba, with its dictionary read on demand instead of all at once.

jieba loads its whole prefix dictionary (half a million entries) before the first cut: 0.9 s and
about 60 MB in every process, while a text only ever looks up a few hundred strings. So the
dictionary jieba would build is written once into an SQLite file in the user's cache folder
(cache.py's), and each process looks strings up there as jieba asks for them, remembering what
it has seen. The entries and the total are jieba's own (``Tokenizer.gen_pfdict``), so the words
cut are the same. Without a writable cache folder, jieba loads its dictionary as usual.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator, MutableMapping
from pathlib import Path

import jieba

from backcheck.cachefolder import cache_dir

#: Looked-up strings kept in memory per process before the memory is emptied and refilled.
_REMEMBERED = 200_000


class _Frequencies(MutableMapping[str, int]):
    """jieba's prefix dictionary (word -> frequency, 0 for a prefix only), read from SQLite."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._seen: dict[str, int | None] = {}
        self._added: dict[str, int] = {}  # user words: kept for the life of the tokenizer

    def _connection(self) -> sqlite3.Connection:
        # One connection per process: a worker forked from a parent opens its own.
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def _lookup(self, key: str) -> int | None:
        if key in self._added:
            return self._added[key]
        try:
            return self._seen[key]
        except KeyError:
            pass
        row = self._connection().execute("SELECT v FROM f WHERE k = ?", (key,)).fetchone()
        if len(self._seen) >= _REMEMBERED:
            self._seen.clear()
        value = self._seen[key] = None if row is None else int(row[0])
        return value

    def __getitem__(self, key: str) -> int:
        value = self._lookup(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        value = self._lookup(key)
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __setitem__(self, key: str, value: int) -> None:
        self._added[key] = value

    def __delitem__(self, key: str) -> None:
        raise TypeError("jieba's dictionary is read-only here")

    def __iter__(self) -> Iterator[str]:
        yield from self._added
        for (key,) in self._connection().execute("SELECT k FROM f"):
            if key not in self._added:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)


def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of its own, its dictionary read on demand when a cache folder allows."""
    tk = jieba.Tokenizer()
    path = _dictionary_file(tk)
    if path is None:
        return tk  # jieba loads its dictionary itself, on the first cut
    total = _stored_total(path)
    if total is None:
        return tk
    tk.FREQ = _Frequencies(path)
    tk.total = total
    tk.initialized = True
    return tk


def _dictionary_file(tk: jieba.Tokenizer) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    with tk.get_dict_file() as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:20]
    path = folder / f"jieba-{jieba.__version__}-{digest}.sqlite"
    if not path.is_file():
        _write(tk, path)
    return path if path.is_file() else None


def _write(tk: jieba.Tokenizer, path: Path) -> None:
    freq, total = tk.gen_pfdict(tk.get_dict_file())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: processes starting together never read half a file.
        fd, aside = tempfile.mkstemp(dir=path.parent, suffix=".sqlite")
        os.close(fd)
        with sqlite3.connect(aside) as db:
            db.execute("CREATE TABLE f (k TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID")
            db.execute("CREATE TABLE total (v INTEGER NOT NULL)")
            db.executemany("INSERT INTO f VALUES (?, ?)", freq.items())
            db.execute("INSERT INTO total VALUES (?)", (total,))
        db.close()
        os.replace(aside, path)
    except (OSError, sqlite3.Error):
        pass  # a read-only home: jieba loads its own dictionary instead


def _stored_total(path: Path) -> int | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT v FROM total").fetchone()
        db.close()
    except sqlite3.Error:
        return None
    return None if row is None else int(row[0])
