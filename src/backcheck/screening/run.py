"""Running a screening: the table read in chunks, the pure chunk function run by worker processes
on this machine or on a Dask cluster, finished chunks kept for resuming, the output joined in order.

Memory stays flat: the input is read one chunk at a time, at most ``2 × workers`` chunks are in
flight, finished chunks go straight to disk, and duplicate ids are looked up in SQLite.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from backcheck.__about__ import __version__
from backcheck.errors import BackcheckError, ErrorCode
from backcheck.knowledge.load import load_knowledge_base
from backcheck.screening.columns import Columns, check_columns
from backcheck.screening.duplicates import IdRegister
from backcheck.screening.output import assemble
from backcheck.screening.resume import WorkFolder, exclusive, input_identity
from backcheck.screening.row import Job, Part, screen_chunk
from backcheck.screening.summary import Summary, Tally
from backcheck.screening.table import Chunk, ParquetReader, TableReader, chunks, format_of, open_table

Engine = Literal["local", "dask"]

#: Rows per chunk: the unit of work, of resuming and of progress (about a second of one core).
CHUNK_ROWS = 1000


@dataclass(frozen=True, kw_only=True)
class ScreenOptions:
    """One screening run. ``workers`` is worker processes (local) or the local cluster's size (dask)."""

    input: Path
    output: Path
    columns: Columns = field(default_factory=Columns)
    input_format: str | None = None
    output_format: str | None = None
    encoding: str = "utf-8"
    chunk_rows: int = CHUNK_ROWS
    engine: Engine = "local"
    workers: int = 1
    scheduler: str | None = None
    restart: bool = False
    kb_dir: Path | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run is: ``done`` of ``total`` (bytes for CSV and JSONL, rows for Parquet), ``rows``
    so far, of which ``screened`` by this run (the others were finished by an interrupted one)."""

    done: int
    total: int
    rows: int
    screened: int


class _Engine(Protocol):
    def submit(self, chunk: Chunk, job: Job) -> Any: ...

    def finished(self, pending: list[Any]) -> tuple[list[Part], list[Any]]: ...

    @property
    def slots(self) -> int: ...


class _InProcess:
    """One worker: the chunk is screened right here (no process to start, nothing to pickle)."""

    slots = 1

    def submit(self, chunk: Chunk, job: Job) -> Part:
        return screen_chunk(chunk, job)

    def finished(self, pending: list[Any]) -> tuple[list[Part], list[Any]]:
        return list(pending), []


class _Processes:
    """Worker processes on this machine, each with its own knowledge base and language packs."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self._pool = pool
        self.slots = 2 * workers  # one running and one waiting per worker

    def submit(self, chunk: Chunk, job: Job) -> Future[Part]:
        return self._pool.submit(screen_chunk, chunk, job)

    def finished(self, pending: list[Any]) -> tuple[list[Part], list[Any]]:
        done, rest = wait(pending, return_when=FIRST_COMPLETED)
        return [f.result() for f in done], [f for f in pending if f in rest]


class _Dask:
    """Chunks as Dask tasks. A chunk is scattered to the cluster rather than written into the task:
    distributed keeps the last 1,000 messages of every stream for debugging, and a chunk inside a
    task message would stay in that log, so the scheduler's memory would grow with the rows."""

    # dask and distributed ship no type hints; the calls below are their documented API.
    def __init__(self, client: Any) -> None:
        self._client = client
        self._run = uuid.uuid4().hex  # keys unique to this run: a shared cluster may run others
        self._scattered: dict[str, Any] = {}
        self.slots = 2 * max(1, sum(client.nthreads().values()))

    def submit(self, chunk: Chunk, job: Job) -> Any:
        data = self._client.scatter(chunk, hash=False)
        future = self._client.submit(
            screen_chunk, data, job, key=f"screen-{self._run}-{chunk.index}", pure=False
        )
        self._scattered[future.key] = data
        return future

    def finished(self, pending: list[Any]) -> tuple[list[Part], list[Any]]:
        from distributed import wait as dask_wait

        done, rest = dask_wait(list(pending), return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]
        parts = [f.result() for f in done]
        for future in done:
            del self._scattered[future.key]  # the chunk can go
        return parts, [f for f in pending if f in rest]


def _engine(options: ScreenOptions, stack: ExitStack) -> _Engine:
    if options.engine == "dask":
        import dask.config
        from distributed import Client, LocalCluster

        # This process's streams (and a local scheduler's) need not keep 1,000 messages each.
        stack.enter_context(dask.config.set({"distributed.admin.low-level-log-length": 10}))

        if options.scheduler is not None:
            try:
                client = stack.enter_context(Client(options.scheduler))  # type: ignore[no-untyped-call]
            except OSError as error:  # distributed's connection timeout, refused, unknown host...
                raise BackcheckError(
                    ErrorCode.SC615, f"cannot reach the Dask scheduler at {options.scheduler} ({error})"
                ) from error
        else:
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            )
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        return _Dask(client)
    if options.workers <= 1:
        return _InProcess()
    pool: AbstractContextManager[ProcessPoolExecutor] = ProcessPoolExecutor(
        max_workers=options.workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
    )
    return _Processes(stack.enter_context(pool), options.workers)


def _exit_with_parent(parent: int) -> None:
    """In a worker process: exit when the command that started it is gone (killed, say), instead
    of waiting forever for chunks that will never come."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def prepare(options: ScreenOptions) -> tuple[TableReader, Job, dict[str, Any]]:
    """Open and check the input; the reader, the job for the workers and the run's manifest.

    Raises:
        BackcheckError: SC601-SC605 for a table that cannot be screened as asked.
    """
    in_format = format_of(options.input, options.input_format)
    out_format = format_of(options.output, options.output_format)
    if options.output.resolve() == options.input.resolve():
        raise BackcheckError(ErrorCode.SC601, f"the output {options.output} would overwrite the input")
    reader = open_table(options.input, in_format, encoding=options.encoding)
    check_columns(options.columns, reader.fields)
    kb = load_knowledge_base(options.kb_dir)
    schema = reader.schema if isinstance(reader, ParquetReader) and out_format == "parquet" else None
    job = Job(
        columns=options.columns,
        output=out_format,
        fields=tuple(reader.fields),
        schema=schema,
        kb_dir=str(options.kb_dir.resolve()) if options.kb_dir else None,
        kb_version=kb.version,
    )
    manifest = {
        "work_folder_version": 1,
        "input": input_identity(options.input),
        "options": {
            "input_format": in_format,
            "output_format": out_format,
            "encoding": options.encoding,
            "chunk_rows": options.chunk_rows,
            "columns": options.columns.used() | {"prefix": options.columns.prefix},
            "added": list(options.columns.added()),
            "kb_version": kb.version,
            "kb_dir": job.kb_dir,
            "backcheck": __version__,
        },
    }
    return reader, job, json.loads(json.dumps(manifest))


def screen_table(options: ScreenOptions, *, on_progress: Callable[[Progress], None] | None = None) -> Summary:
    """Screen every row of ``options.input`` into ``options.output``; resumes an interrupted run.

    Raises:
        BackcheckError: SC601-SC606 when the input cannot be screened as asked (nothing is written);
            SC613 from a worker with another knowledge base (finished chunks are kept); SC614 when
            another run is writing the same output; SC615 when the Dask scheduler cannot be reached.

    Example:
        >>> screen_table(ScreenOptions(input=Path("inbox.csv"), output=Path("screened.csv"))).tally.rows
        1000
    """
    started = time.perf_counter()
    reader, job, manifest = prepare(options)
    with exclusive(options.output):
        return _screen(options, reader, job, manifest, started=started, on_progress=on_progress)


def _screen(
    options: ScreenOptions,
    reader: TableReader,
    job: Job,
    manifest: dict[str, Any],
    *,
    started: float,
    on_progress: Callable[[Progress], None] | None,
) -> Summary:
    folder = WorkFolder(
        options.output, suffix={"csv": "csv", "jsonl": "jsonl", "parquet": "arrows"}[job.output]
    )
    finished = folder.open(manifest, restart=options.restart)
    run = _Run(folder=folder, total=reader.total, on_progress=on_progress)
    count = 0
    with ExitStack() as stack:
        ids = IdRegister(folder.ids) if options.columns.id is not None else None
        if ids is not None:
            stack.callback(ids.close)
        engine: _Engine | None = None  # started on the first chunk to screen: a resumed run may need none
        pending: list[Any] = []
        for chunk in _marked(chunks(reader, options.chunk_rows), ids, options.columns):
            count = chunk.index + 1
            if chunk.index in finished:
                run.skip(finished[chunk.index], chunk.span)
                continue
            engine = engine or _engine(options, stack)
            run.spans[chunk.index] = chunk.span
            pending.append(engine.submit(chunk, job))
            while len(pending) >= engine.slots:
                pending = run.collect(engine, pending)
        while engine is not None and pending:
            pending = run.collect(engine, pending)
    assemble((folder.part(i) for i in range(count)), options.output, job)
    folder.remove()
    return Summary(
        output=str(options.output),
        tally=run.tally,
        screened=run.screened,
        resumed_chunks=len(finished),
        seconds=time.perf_counter() - started,
        engine=options.engine,
        workers=options.workers,
    )


@dataclass(kw_only=True)
class _Run:
    """A run's running counts; finished parts are saved as they arrive (in any order)."""

    folder: WorkFolder
    total: int
    on_progress: Callable[[Progress], None] | None
    tally: Tally = field(default_factory=Tally)
    screened: int = 0
    done: int = 0
    spans: dict[int, int] = field(default_factory=dict)

    def skip(self, tally: Tally, span: int) -> None:
        """A chunk an earlier run finished."""
        self.tally += tally
        self._report(span)

    def collect(self, engine: _Engine, pending: list[Any]) -> list[Any]:
        """Wait for at least one chunk, save what finished; the chunks still pending."""
        parts, rest = engine.finished(pending)
        for part in parts:
            self.folder.save(part.index, part.data, part.tally)
            self.tally += part.tally
            self.screened += part.tally.rows
            self._report(self.spans.pop(part.index))
        return rest

    def _report(self, span: int) -> None:
        self.done += span
        if self.on_progress is not None:
            self.on_progress(
                Progress(done=self.done, total=self.total, rows=self.tally.rows, screened=self.screened)
            )


def _marked(stream: Iterator[Chunk], ids: IdRegister | None, columns: Columns) -> Iterator[Chunk]:
    for chunk in stream:
        if ids is not None and columns.id is not None:
            chunk = Chunk(index=chunk.index, rows=ids.mark(chunk.rows, columns.id), span=chunk.span)
        yield chunk
