"""``backcheck screen INPUT OUTPUT``: screen every message in a table, with a progress bar and a summary."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from backcheck.errors import BackcheckError, ErrorCode
from backcheck.interfaces.cli.kb import KbDir
from backcheck.screening.columns import Columns
from backcheck.screening.run import CHUNK_ROWS, ScreenOptions, screen_table
from backcheck.screening.run import Progress as RunProgress
from backcheck.screening.summary import LEVELS, Summary

console = Console()
err = Console(stderr=True)


#: Memory one worker needs (the language layer is most of it; see docs/benchmarks.md).
WORKER_MEMORY = 512 * 2**20


def default_workers() -> int:
    """One worker per core this process may use, but no more than the available memory holds."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        with open("/proc/meminfo") as meminfo:
            available = next(
                int(line.split()[1]) * 1024 for line in meminfo if line.startswith("MemAvailable:")
            )
    except (OSError, StopIteration, ValueError):
        return cores
    return max(1, min(cores, available // WORKER_MEMORY))


def screen_command(
    input_file: Annotated[
        Path, typer.Argument(metavar="INPUT", help="CSV, JSONL or Parquet table of messages.")
    ],
    output_file: Annotated[
        Path,
        typer.Argument(metavar="OUTPUT", help="Where to write the screened rows (.csv, .jsonl, .parquet)."),
    ],
    text_column: Annotated[str, typer.Option("--text-column", help="Column holding the message.")] = "text",
    id_column: Annotated[
        str | None, typer.Option("--id-column", help="Column holding an id (duplicates are flagged).")
    ] = None,
    age_column: Annotated[
        str | None, typer.Option("--age-column", help="Column holding the age in years.")
    ] = None,
    sex_column: Annotated[
        str | None, typer.Option("--sex-column", help="Column holding female/male.")
    ] = None,
    language_column: Annotated[
        str | None, typer.Option("--language-column", help="Column holding en/ar/zh (blank: detected).")
    ] = None,
    prefix: Annotated[str, typer.Option("--prefix", help="Prefix for the added columns' names.")] = "",
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help="csv, jsonl or parquet (default: from INPUT's suffix)."),
    ] = None,
    output_format: Annotated[
        str | None, typer.Option("--format", help="csv, jsonl or parquet (default: from OUTPUT's suffix).")
    ] = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of a CSV input.")] = "utf-8",
    engine: Annotated[str, typer.Option("--engine", help="local (worker processes) or dask.")] = "local",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=256,
            help="Worker processes or local Dask workers (default: one per core, as memory allows).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    chunk_rows: Annotated[
        int, typer.Option("--chunk-rows", min=1, max=1_000_000, help="Rows per chunk (the unit of resuming).")
    ] = CHUNK_ROWS,
    restart: Annotated[
        bool,
        typer.Option("--restart", help="Discard an unfinished run's work folder instead of resuming it."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    kb_dir: KbDir = None,
) -> None:
    """Screen every message in a table: triage level, red flags, top causes with ICD-10 codes, language.

    Every input row is written once, in order; a row that cannot be screened gets an error code and
    the batch goes on. An interrupted run resumes when the same command is given again.
    """
    chosen: Literal["local", "dask"]
    if engine == "local":
        chosen = "local"
    elif engine == "dask":
        chosen = "dask"
    else:
        err.print(f"[red]error[/] --engine takes local or dask, not {engine!r}")
        raise typer.Exit(2)
    if scheduler is not None and chosen != "dask":
        err.print("[red]error[/] --scheduler needs --engine dask")
        raise typer.Exit(2)
    options = ScreenOptions(
        input=input_file,
        output=output_file,
        columns=Columns(
            text=text_column,
            id=id_column,
            age=age_column,
            sex=sex_column,
            language=language_column,
            prefix=prefix,
        ),
        input_format=input_format,
        output_format=output_format,
        encoding=encoding,
        chunk_rows=chunk_rows,
        engine=chosen,
        workers=workers or default_workers(),
        scheduler=scheduler,
        restart=restart,
        kb_dir=kb_dir,
    )
    try:
        summary = _run(options, show=not quiet and err.is_terminal)
    except BackcheckError as error:
        err.print(f"[red]error[/] {error}")
        raise typer.Exit(1) from error
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]: finished chunks are kept; give the same command again to resume")
        raise typer.Exit(130) from None
    if as_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    elif not quiet:
        _print_summary(summary)


def _run(options: ScreenOptions, *, show: bool) -> Summary:
    columns = [
        TextColumn("screening"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rows]:>10,} rows"),
        TextColumn("{task.fields[rate]:>7,.0f} rows/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=err, disable=not show, transient=True) as bar:
        task = bar.add_task("screening", total=None, rows=0, rate=0.0)
        started = time.perf_counter()

        def on_progress(p: RunProgress) -> None:
            rate = p.screened / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=p.done, total=p.total, rows=p.rows, rate=rate)

        return screen_table(options, on_progress=on_progress)


def _print_summary(summary: Summary) -> None:
    tally = summary.tally
    table = Table(title=f"{tally.rows:,} rows screened into {summary.output}", title_justify="left")
    table.add_column("triage level / error")
    table.add_column("rows", justify="right")
    for level in LEVELS:
        table.add_row(level, f"{tally.triage.get(level, 0):,}")
    for code, count in sorted(tally.errors.items()):
        table.add_row(
            f"[red]{code}[/] {ErrorCode[code].value}" if code in ErrorCode.__members__ else code, f"{count:,}"
        )
    console.print(table)
    rate = f"{summary.rows_per_second:,.0f} rows/s"
    where = f"{summary.engine}, {summary.workers} worker{'s' if summary.workers != 1 else ''}"
    console.print(
        f"rows with a red flag: {tally.red_flag_rows:,}; errors: {sum(tally.errors.values()):,}; "
        f"rows with warnings: {tally.warning_rows:,}; duplicate ids: {tally.duplicate_rows:,}"
    )
    resumed = (
        f"; {summary.resumed_chunks} chunks were finished by an earlier run" if summary.resumed_chunks else ""
    )
    console.print(f"{summary.screened:,} rows in {summary.seconds:.1f} s: {rate} ({where}){resumed}")
