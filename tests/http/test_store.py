"""The session store on its own: server workers starting together on one new database."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from backcheck.interfaces.http.store import SessionStore
from backcheck.interview import start
from backcheck.knowledge.load import load_knowledge_base


def _open(url: str) -> None:
    SessionStore(url).close()


def test_workers_starting_together_all_migrate(tmp_path: Path) -> None:
    # Each `serve --workers N` process migrates at start-up; on a new SQLite file they race
    # to create the schema. Before the retry, about one process in seven died here.
    spawn = multiprocessing.get_context("spawn")
    for round_ in range(2):
        url = f"sqlite:///{tmp_path}/race{round_}.sqlite3"
        workers = [spawn.Process(target=_open, args=(url,)) for _ in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=60)
        assert [w.exitcode for w in workers] == [0, 0, 0, 0]
        store = SessionStore(url)
        sid = store.create(start(load_knowledge_base(), age=40))
        assert store.get(sid) is not None
        store.close()


def test_put_and_delete_report_unknown_sessions(tmp_path: Path) -> None:
    store = SessionStore(f"sqlite:///{tmp_path}/s.sqlite3")
    state = start(load_knowledge_base(), age=40)
    assert store.put("nope", state) is False
    assert store.delete("nope") is False
    sid = store.create(state)
    assert store.put(sid, state) is True
    assert store.delete(sid) is True
    assert store.get(sid) is None
    store.close()
