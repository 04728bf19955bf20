"""Reading many articles: worker processes on this machine, or Dask beyond it.

Both run the same pure function (:func:`read_one`) over file paths and return results in the
paths' order, so the two engines give identical output.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from backcheck.articles.report import Readers, read_article, report_to_dict
from backcheck.errors import BackcheckError
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context

Engine = Literal["local", "dask"]


@lru_cache(maxsize=1)
def _readers() -> Readers:
    # One knowledge base and set of packs per worker process, loaded on its first article.
    return Readers(Context.create(load_knowledge_base()))


def read_one(path: str) -> dict[str, Any]:
    """One file to ``{"id", "report"}`` or ``{"id", "error": {"code", "message"}}``; never raises
    for a bad file (a batch reports it and goes on)."""
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
        report = read_article(raw, name=name, readers=_readers())
    except BackcheckError as error:
        return {"id": name, "path": path, "error": {"code": error.code.name, "message": str(error)}}
    except OSError as error:
        return {"id": name, "path": path, "error": {"code": "AR501", "message": f"{name}: {error.strerror}"}}
    return {"id": name, "path": path, "report": report_to_dict(report), "passages": _passages(report)}


def _passages(report: Any) -> list[dict[str, Any]]:
    return [
        {"id": p.id, "source": p.source, "lang": p.lang, "title": p.title, "text": p.text}
        for p in report.passages()
    ]


def read_many(
    paths: list[Path], *, workers: int = 1, engine: Engine = "local", scheduler: str | None = None
) -> list[dict[str, Any]]:
    """Read every file, in order. ``workers`` processes locally; ``engine="dask"`` uses the
    cluster at ``scheduler`` or starts a local one with ``workers`` workers."""
    names = [str(p) for p in paths]
    if engine == "dask":
        return _with_dask(names, workers=workers, scheduler=scheduler)
    if workers <= 1:
        return [read_one(n) for n in names]
    # About 16 chunks per worker (15 seed-sized articles each, 0.15 s): a worker that is done
    # early takes the next, so the workers finish together even when one is slowed down.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(read_one, names, chunksize=max(1, len(names) // (workers * 16))))


def _with_dask(names: list[str], *, workers: int, scheduler: str | None) -> list[dict[str, Any]]:
    # dask and distributed ship no type hints; the calls below are their documented API.
    import dask.bag as db
    from distributed import Client, LocalCluster

    def run(client: Any) -> list[dict[str, Any]]:
        bag = db.from_sequence(names, npartitions=max(1, workers))  # type: ignore[no-untyped-call]
        return list(client.compute(bag.map(read_one)).result())

    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            return run(client)
    options = {"n_workers": max(1, workers), "threads_per_worker": 1, "processes": True}
    with (
        LocalCluster(**options, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        return run(client)
