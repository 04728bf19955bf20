"""Where interview sessions live: SQLite by default, PostgreSQL when configured (SQLAlchemy 2).

Only the interview state is stored (answers and what was read from the text), never logs of
it; ``delete`` removes a session for good.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    DateTime,
    String,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool

from backcheck.interview import InterviewState

DATABASE_URL_ENV = "BACKCHECK_DATABASE_URL"


class _Base(DeclarativeBase):
    pass


metadata = _Base.metadata


def migrate(engine: Engine, *, attempts: int = 5) -> None:
    """Bring the database schema up to date (Alembic, migrations shipped in the package).

    Server workers start together and each migrates: when two race on a new database, the
    loser's CREATE fails; it waits and tries again, and then finds the schema up to date.
    """
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    for attempt in range(attempts):
        try:
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            return
        except DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


class StoredSession(_Base):
    """One interview session."""

    __tablename__ = "interview_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    state: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def default_url() -> str:
    """``BACKCHECK_DATABASE_URL``, or SQLite in the user's data folder (nothing to install)."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    folder = Path(platformdirs.user_data_dir("backcheck"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'sessions.sqlite3'}"


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    # Write-ahead logging lets readers and a writer (and several server processes) work at
    # once; NORMAL sync is safe with WAL and avoids an fsync per answer.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class SessionStore:
    """Interview sessions in a SQL database."""

    def __init__(self, url: str) -> None:
        self.in_memory = url in ("sqlite://", "sqlite:///:memory:")
        if self.in_memory:
            # In memory ("keep nothing" once the server stops): one shared connection, or each
            # new connection would see an empty database.
            self.engine: Engine = create_engine(
                url, poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
        else:
            self.engine = create_engine(url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
        # The one in-memory connection must not be used by two request threads at once.
        self._lock: AbstractContextManager[object] = threading.Lock() if self.in_memory else nullcontext()
        migrate(self.engine)

    @contextmanager
    def _connection(self, *, write: bool = False) -> Iterator[Connection]:
        # Core statements, one per call: an UPDATE holds SQLite's write lock for one statement
        # instead of a read-then-write ORM round trip (which other server processes then
        # wait out in SQLite's busy-sleep steps: the tail of the interview load benchmark).
        with self._lock, self.engine.begin() if write else self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        """Close pooled connections. An in-memory database lives as long as this store, so
        its one connection stays open (closing it would drop every session)."""
        if not self.in_memory:
            self.engine.dispose()

    def create(self, state: InterviewState) -> str:
        sid = uuid.uuid4().hex
        now = datetime.now(UTC)
        row = {"id": sid, "state": state.model_dump_json(), "created_at": now, "updated_at": now}
        with self._connection(write=True) as db:
            db.execute(insert(StoredSession).values(**row))
        return sid

    def get(self, sid: str) -> InterviewState | None:
        with self._connection() as db:
            text = db.execute(select(StoredSession.state).where(StoredSession.id == sid)).scalar_one_or_none()
        return None if text is None else InterviewState.model_validate_json(text)

    def put(self, sid: str, state: InterviewState) -> bool:
        change = {"state": state.model_dump_json(), "updated_at": datetime.now(UTC)}
        with self._connection(write=True) as db:
            return (
                db.execute(update(StoredSession).where(StoredSession.id == sid).values(**change)).rowcount
                == 1
            )

    def delete(self, sid: str) -> bool:
        with self._connection(write=True) as db:
            return db.execute(delete(StoredSession).where(StoredSession.id == sid)).rowcount == 1
