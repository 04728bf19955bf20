"""Where interview sessions live: SQLite by default, PostgreSQL when configured (SQLAlchemy 2).

Only the interview state is stored (answers and what was read from the text), never logs of
it; ``delete`` removes a session for good.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import DateTime, String, Text, create_engine, delete, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool

from backcheck.interview import InterviewState

DATABASE_URL_ENV = "BACKCHECK_DATABASE_URL"


class _Base(DeclarativeBase):
    pass


metadata = _Base.metadata


def migrate(engine: Engine) -> None:
    """Bring the database schema up to date (Alembic, migrations shipped in the package)."""
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


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
    def _session(self, *, write: bool = False) -> Iterator[Session]:
        with self._lock, Session(self.engine) as db:
            if write:
                with db.begin():
                    yield db
            else:
                yield db

    def close(self) -> None:
        """Close pooled connections. An in-memory database lives as long as this store, so
        its one connection stays open (closing it would drop every session)."""
        if not self.in_memory:
            self.engine.dispose()

    def create(self, state: InterviewState) -> str:
        sid = uuid.uuid4().hex
        now = datetime.now(UTC)
        with self._session(write=True) as db:
            db.add(StoredSession(id=sid, state=state.model_dump_json(), created_at=now, updated_at=now))
        return sid

    def get(self, sid: str) -> InterviewState | None:
        with self._session() as db:
            row = db.get(StoredSession, sid)
            return None if row is None else InterviewState.model_validate_json(row.state)

    def put(self, sid: str, state: InterviewState) -> bool:
        with self._session(write=True) as db:
            row = db.get(StoredSession, sid)
            if row is None:
                return False
            row.state = state.model_dump_json()
            row.updated_at = datetime.now(UTC)
            return True

    def delete(self, sid: str) -> bool:
        with self._session(write=True) as db:
            if db.get(StoredSession, sid) is None:
                return False
            db.execute(delete(StoredSession).where(StoredSession.id == sid))
            return True
