"""A full-text index of passages (articles' sections and knowledge-base entries) in SQLite FTS5.

Standard library only: one SQLite file holds the passages and, per language, an FTS5 table of
their search terms (:func:`backcheck.articles.tokens.index_terms`), ranked with BM25. One table
per language keeps each language's term statistics its own and makes "search in Arabic" a
table choice rather than a filter.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from backcheck.articles.passage import Passage
from backcheck.articles.tokens import index_terms
from backcheck.engine.case import Lang
from backcheck.knowledge.base import KnowledgeBase

LANGS: tuple[Lang, ...] = ("en", "ar", "zh")
KB_SOURCE = "kb"
#: A question's first this many distinct terms are searched: enough for any real question, and a
#: pasted page cannot turn one search into thousands of lookups.
MAX_QUERY_TERMS = 64
# BM25 weights per FTS column (kind, title, text): a word of the heading counts twice; the
# kind column only filters, so it scores nothing.
_BM25 = "bm25({table}, 0.0, 2.0, 1.0)"

Sources = Literal["all", "kb", "articles"]
_COLON: dict[Lang, str] = {"en": ": ", "ar": ": ", "zh": "："}


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage found by a search: ``score`` is BM25 (higher is better), ``matched`` the
    question's terms the passage holds, in the question's order, and ``in_title`` those of them
    in its title."""

    passage: Passage
    score: float
    matched: tuple[str, ...]
    in_title: tuple[str, ...] = ()


def _phrase(term: str) -> str:
    """An FTS5 string literal: whatever the term holds, it is searched for, never parsed."""
    return '"' + term.replace('"', '""') + '"'


def _table(lang: str) -> str:
    if lang not in LANGS:  # also keeps the name safe to put into SQL
        raise ValueError(f"no passages in language {lang!r}; use one of {', '.join(LANGS)}")
    return f"terms_{lang}"


class PassageIndex:
    """Passages and their FTS5 index in one SQLite database (a file, or memory by default).

    Example:
        >>> index = PassageIndex()
        >>> index.add([Passage(id="a#1", source="a", lang="en", title="Rest", text="Stay active.")])
        1
        >>> [h.passage.id for h in index.search("should I stay in bed?", lang="en")]
        ['a#1']
    """

    def __init__(self, path: str | Path = ":memory:") -> None:
        self._db = sqlite3.connect(str(path))
        self._counts: dict[str, int] = {}
        try:
            self._create()
        except sqlite3.Error:
            self._db.close()  # e.g. "file is not a database": do not leave it open
            raise

    def _create(self) -> None:
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS passages (id TEXT PRIMARY KEY, source TEXT NOT NULL,"
                " lang TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, citations TEXT NOT NULL)"
            )
            self._db.execute("CREATE INDEX IF NOT EXISTS passages_source ON passages (source, lang)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS passage_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            for lang in LANGS:
                # rowid = the passage's rowid; kind is "kb" or "article", so a search can keep to one.
                self._db.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS terms_{lang} USING fts5(kind, title, text,"
                    " tokenize='unicode61 remove_diacritics 2')"
                )
                self._db.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS vocab_{lang} USING fts5vocab(terms_{lang}, 'row')"
                )

    # ------------------------------------------------------------------------------------ writing
    def add(self, passages: Iterable[Passage]) -> int:
        """Add or replace (by id) passages in one transaction; return how many were written."""
        written = 0
        with self._db:
            for passage in passages:
                self._put(passage)
                written += 1
        self._counts.clear()
        return written

    def _put(self, p: Passage) -> None:
        table = _table(p.lang)
        row = (p.source, p.lang, p.title, p.text, json.dumps(list(p.citations)))
        old = self._db.execute("SELECT rowid, lang FROM passages WHERE id = ?", (p.id,)).fetchone()
        if old is None:
            cursor = self._db.execute(
                "INSERT INTO passages (source, lang, title, text, citations, id) VALUES (?, ?, ?, ?, ?, ?)",
                (*row, p.id),
            )
            rowid = cursor.lastrowid
        else:
            rowid = old[0]
            self._db.execute(f"DELETE FROM {_table(old[1])} WHERE rowid = ?", (rowid,))
            self._db.execute(
                "UPDATE passages SET source = ?, lang = ?, title = ?, text = ?, citations = ?"
                " WHERE rowid = ?",
                (*row, rowid),
            )
        kind = "kb" if p.source == KB_SOURCE else "article"
        self._db.execute(
            f"INSERT INTO {table} (rowid, kind, title, text) VALUES (?, ?, ?, ?)",
            (rowid, kind, index_terms(p.title, p.lang), index_terms(p.text, p.lang)),
        )

    def add_knowledge(self, kb: KnowledgeBase) -> int:
        """Replace the knowledge-base passages with ``kb``'s, one per item and language.

        Removing the old ones first means an item dropped from the knowledge base is no longer
        found; the knowledge base's digest is kept (:attr:`knowledge_digest`) to tell when to redo it.
        """
        passages = list(knowledge_passages(kb))
        with self._db:
            for (lang,) in self._db.execute(
                "SELECT DISTINCT lang FROM passages WHERE source = ?", (KB_SOURCE,)
            ):
                self._db.execute(
                    f"DELETE FROM {_table(lang)}"
                    " WHERE rowid IN (SELECT rowid FROM passages WHERE source = ?)",
                    (KB_SOURCE,),
                )
            self._db.execute("DELETE FROM passages WHERE source = ?", (KB_SOURCE,))
            for passage in passages:
                self._put(passage)
            self._db.execute(
                "INSERT INTO passage_meta (key, value) VALUES ('kb_digest', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (kb.digest,),
            )
        self._counts.clear()
        return len(passages)

    # ------------------------------------------------------------------------------------ reading
    @property
    def knowledge_digest(self) -> str | None:
        """Digest of the knowledge base whose passages the index holds (None: none added yet)."""
        row = self._db.execute("SELECT value FROM passage_meta WHERE key = 'kb_digest'").fetchone()
        return None if row is None else str(row[0])

    def count(self, *, lang: Lang | None = None, source: str | None = None) -> int:
        """How many passages the index holds, optionally of one language and/or one source."""
        sql = "SELECT count(*) FROM passages WHERE (? IS NULL OR lang = ?) AND (? IS NULL OR source = ?)"
        (n,) = self._db.execute(sql, (lang, lang, source, source)).fetchone()
        return int(n)

    def search(self, query: str, *, lang: Lang, limit: int = 5, sources: Sources = "all") -> list[Hit]:
        """The passages in ``lang`` that best match ``query`` (any text: it is never parsed as
        FTS5 syntax), best first. A passage matches when it holds any of the query's terms."""
        table = _table(lang)
        terms = list(dict.fromkeys(index_terms(query, lang).split()))[:MAX_QUERY_TERMS]
        if not terms or limit <= 0:
            return []
        # Words are looked for in the title and text only: "article" must not match the kind column.
        match = "{title text} : (" + " OR ".join(_phrase(t) for t in terms) + ")"
        if sources != "all":
            match = f"kind : {_phrase('kb' if sources == 'kb' else 'article')} AND {match}"
        rows = self._db.execute(
            f"SELECT p.id, p.source, p.lang, p.title, p.text, p.citations, t.title, t.text,"
            f" {_BM25.format(table=table)} AS score"
            f" FROM {table} AS t JOIN passages AS p ON p.rowid = t.rowid"
            f" WHERE {table} MATCH ? ORDER BY score LIMIT ?",
            (match, limit),
        ).fetchall()
        hits = []
        for pid, source, plang, title, text, citations, title_terms, text_terms, score in rows:
            heading = set(title_terms.split())
            held = heading | set(text_terms.split())
            passage = _passage(pid, source, plang, title, text, citations)
            matched = tuple(t for t in terms if t in held)
            hits.append(
                Hit(
                    passage=passage,
                    score=-float(score),
                    matched=matched,
                    in_title=tuple(t for t in matched if t in heading),
                )
            )
        return hits

    def document_frequency(self, terms: Iterable[str], *, lang: Lang) -> dict[str, int]:
        """How many of ``lang``'s passages hold each term (0 for a term none holds)."""
        _table(lang)  # checks the language before it names a table
        sql = f"SELECT doc FROM vocab_{lang} WHERE term = ?"
        out = {}
        for term in dict.fromkeys(terms):
            row = self._db.execute(sql, (term,)).fetchone()
            out[term] = int(row[0]) if row else 0
        return out

    def term_weights(self, terms: Iterable[str], *, lang: Lang) -> dict[str, float]:
        """BM25's inverse document frequency of each term among ``lang``'s passages: rare terms
        weigh more, and a term no passage holds weighs most."""
        n = self._count_terms(lang)
        return {
            term: math.log(1.0 + (n - min(df, n) + 0.5) / (min(df, n) + 0.5))
            for term, df in self.document_frequency(terms, lang=lang).items()
        }

    def _count_terms(self, lang: Lang) -> int:
        if lang not in self._counts:
            self._counts[lang] = self.count(lang=lang)
        return self._counts[lang]

    def __iter__(self) -> Iterator[Passage]:
        """Every passage, in the order added."""
        for row in self._db.execute(
            "SELECT id, source, lang, title, text, citations FROM passages ORDER BY rowid"
        ):
            yield _passage(*row)

    # ---------------------------------------------------------------------------------- lifecycle
    def close(self) -> None:
        """Close the database (a file index keeps what was added)."""
        self._db.close()

    def __enter__(self) -> PassageIndex:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def knowledge_passages(kb: KnowledgeBase) -> Iterator[Passage]:
    """One passage per advice item, condition and conflict, per language, citing its sources.

    A conflict's heading says plainly that backcheck does not follow the claim, and its text is
    backcheck's position, so quoting a conflict's first sentence never repeats the claim as advice.
    """
    not_followed = kb.phrases.labels.get("not_recommended")
    for lang in LANGS:
        for advice in kb.advice.values():
            steps = " ".join(step.get(lang) for step in advice.steps)
            yield Passage(
                id=f"kb:advice:{advice.id}:{lang}",
                source=KB_SOURCE,
                lang=lang,
                title=advice.names.get(lang),
                text=f"{advice.text.get(lang)} {steps}".strip(),
                citations=tuple(advice.citations),
            )
        for condition in kb.conditions.values():
            yield Passage(
                id=f"kb:condition:{condition.id}:{lang}",
                source=KB_SOURCE,
                lang=lang,
                title=condition.names.get(lang),
                text=f"{condition.course.get(lang)} {condition.referral.get(lang)}",
                citations=tuple(condition.citations),
            )
        for conflict in kb.conflicts.values():
            claim = conflict.claim.get(lang)
            yield Passage(
                id=f"kb:conflict:{conflict.id}:{lang}",
                source=KB_SOURCE,
                lang=lang,
                title=f"{not_followed.get(lang)}{_COLON[lang]}{claim}" if not_followed else claim,
                text=conflict.position.get(lang),
                citations=tuple(conflict.citations),
            )


def _passage(pid: str, source: str, lang: Lang, title: str, text: str, citations: str) -> Passage:
    """A passage from its stored row (citations are kept as a JSON list)."""
    return Passage(
        id=pid, source=source, lang=lang, title=title, text=text, citations=tuple(json.loads(citations))
    )
