"""Screening whole tables: every row once and in order, in every format, locally and on Dask, resumable."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backcheck.errors import BackcheckError, ErrorCode
from backcheck.interfaces.cli.app import app
from backcheck.screening.columns import Columns
from backcheck.screening.generate import Message, messages, write_table
from backcheck.screening.run import ScreenOptions, screen_table

COLUMNS = Columns(id="id", age="age", sex="sex", language="language")
ROWS = 700
EXPECTED_ERROR: dict[str, dict[str, str | None]] = {
    # fault → error code, per input format (None: the row is screened as usual)
    "csv": {"unterminated_quote": "SC607", "stray_quote": "SC607", "few_cells": "SC607",
            "other_encoding": "SC608", "empty": "SC609", "huge": "SC610", "not_text": None},
    "jsonl": {"unterminated_quote": "SC607", "stray_quote": "SC607", "few_cells": "SC607",
              "other_encoding": "SC608", "empty": "SC609", "huge": "SC610", "not_text": "SC607"},
    "parquet": {"unterminated_quote": "SC609", "stray_quote": "SC609", "few_cells": "SC609",
                "other_encoding": "SC608", "empty": "SC609", "huge": "SC610", "not_text": "SC609"},
}  # fmt: skip
runner = CliRunner()


def _options(source: Path, output: Path, **changes: Any) -> ScreenOptions:
    return ScreenOptions(input=source, output=output, **({"columns": COLUMNS, "chunk_rows": 100} | changes))


def read_output(path: Path) -> list[dict[str, Any]]:
    """The screened rows, as dicts, whatever the format."""
    if path.suffix == ".parquet":
        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        return rows
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as stream:
            return list(csv.DictReader(stream))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tables")
    out = {}
    for fmt in ("csv", "jsonl", "parquet"):
        out[fmt] = folder / f"messages.{fmt}"
        write_table(out[fmt], ROWS, seed=11, faults=True)
    return out


def _check_every_row(rows: list[dict[str, Any]], fmt: str, generated: list[Message]) -> None:
    assert [int(r["row_number"]) for r in rows] == list(range(1, ROWS + 1))  # once each, in order
    first: dict[str, int] = {}
    for m, r in zip(generated, rows, strict=True):
        expected = EXPECTED_ERROR[fmt][m.fault] if m.fault else None
        assert (r["error"] or None) == expected, (m, r)
        if m.fault in ("unterminated_quote", "stray_quote", "few_cells") and fmt != "parquet":
            assert r["raw"], r  # what could not be split into columns is kept as it was
            continue
        assert r["id"] == m.id
        if r["error"]:
            assert r["error_message"] and not r["triage"]
        else:
            assert r["triage"] and r["kb_version"] and r["text_language"] == m.lang
        if m.urgent:
            assert r["triage"] in ("emergency", "emergency_ambulance"), (m.text, r)
        duplicate = int(r["duplicate_of"]) if r["duplicate_of"] not in (None, "") else None
        assert duplicate == first.get(m.id), (m, r)
        first.setdefault(m.id, m.number)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_input_row_appears_once_with_its_result(
    tables: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    generated = list(messages(ROWS, seed=11, faults=True))
    assert {m.fault for m in generated} >= set(EXPECTED_ERROR["csv"])  # the table holds every fault
    assert len({m.id for m in generated}) < ROWS  # and duplicate ids
    output = tmp_path / f"out.{fmt}"
    summary = screen_table(_options(tables[fmt], output))
    rows = read_output(output)
    _check_every_row(rows, fmt, generated)
    assert summary.tally.rows == ROWS
    assert sum(summary.tally.errors.values()) == sum(1 for r in rows if r["error"])
    assert sum(summary.tally.triage.values()) + sum(summary.tally.errors.values()) == ROWS
    assert not output.with_name(output.name + ".parts").exists()  # the work folder is removed


def test_the_same_rows_whatever_the_output_format(tables: dict[str, Path], tmp_path: Path) -> None:
    screened = {}
    for fmt in ("csv", "jsonl", "parquet"):
        screen_table(_options(tables["csv"], tmp_path / f"out.{fmt}"))
        screened[fmt] = read_output(tmp_path / f"out.{fmt}")
    as_csv = screened["csv"]
    for rows in (screened["jsonl"], screened["parquet"]):
        for text_row, typed in zip(as_csv, rows, strict=True):
            assert text_row["triage"] == (typed["triage"] or "")
            assert text_row["red_flags"] == ";".join(typed["red_flags"] or [])
            causes = typed["causes"] or []
            assert text_row["causes"] == ";".join(
                f"{c['id']}:{c['icd10']}:{c['probability']}" for c in causes
            )
            assert text_row["text"] == (typed["text"] or "")


def test_a_parquet_input_keeps_its_column_types(tmp_path: Path) -> None:
    source = tmp_path / "typed.parquet"
    table = pa.table(
        {
            "id": pa.array([7, 8], pa.int32()),
            "text": ["can't pee since yesterday and numb between the legs", "back ache after gardening"],
            "age": pa.array([71.0, None], pa.float64()),
            "seen": pa.array([dt.datetime(2026, 11, 1, 9, 30), None], pa.timestamp("s")),
            "fee": pa.array([decimal.Decimal("12.50"), None], pa.decimal128(5, 2)),
            "tags": pa.array([["a", "b"], []], pa.list_(pa.string())),
        }
    )
    pq.write_table(table, source)
    screen_table(
        ScreenOptions(input=source, output=tmp_path / "out.parquet", columns=Columns(id="id", age="age"))
    )
    out = pq.read_table(tmp_path / "out.parquet")
    given = pq.read_schema(source).remove_metadata()
    assert pa.schema(list(out.schema)[: len(given)]) == given  # every input column keeps its type
    assert out.column("fee").to_pylist() == [decimal.Decimal("12.50"), None]
    assert out.column("triage").to_pylist() == ["emergency", "self_care"]
    screen_table(ScreenOptions(input=source, output=tmp_path / "out.jsonl"))
    first = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    assert first["seen"] == "2026-11-01T09:30:00" and first["fee"] == "12.50" and first["tags"] == ["a", "b"]


def test_duplicate_ids_are_kept_and_point_to_the_first(tmp_path: Path) -> None:
    source = tmp_path / "d.csv"
    source.write_text(
        "id,text\na,back pain\nb,back pain\na,back pain\n,back pain\nb,back pain\na,back pain\n"
    )
    screen_table(
        ScreenOptions(input=source, output=tmp_path / "d.jsonl", columns=Columns(id="id"), chunk_rows=2)
    )
    rows = read_output(tmp_path / "d.jsonl")
    assert [r["duplicate_of"] for r in rows] == [None, None, 1, None, 2, 1]


def test_dask_gives_the_same_bytes_as_worker_processes(tables: dict[str, Path], tmp_path: Path) -> None:
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    screen_table(_options(tables["csv"], local))  # in this process
    screen_table(_options(tables["csv"], dask, workers=2, engine="dask"))  # a LocalCluster of 2 processes
    assert local.read_bytes() == dask.read_bytes()


def test_dask_on_a_given_scheduler_gives_the_same_parquet(tables: dict[str, Path], tmp_path: Path) -> None:
    from distributed import LocalCluster

    local, dask = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    screen_table(_options(tables["jsonl"], local))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        screen_table(_options(tables["jsonl"], dask, engine="dask", scheduler=cluster.scheduler_address))
    assert local.read_bytes() == dask.read_bytes()


class _StopRunError(Exception):
    pass


def test_an_interrupted_run_resumes_without_loss_or_duplication(
    tables: dict[str, Path], tmp_path: Path
) -> None:
    whole, resumed = tmp_path / "whole.jsonl", tmp_path / "resumed.jsonl"
    screen_table(_options(tables["csv"], whole))

    def stop_after_three(progress: Any) -> None:
        if progress.rows >= 300:
            raise _StopRunError

    with pytest.raises(_StopRunError):
        screen_table(_options(tables["csv"], resumed), on_progress=stop_after_three)
    assert not resumed.exists() and len(list(tmp_path.glob("resumed.jsonl.parts/chunk-*.done"))) == 3
    with pytest.raises(BackcheckError) as raised:  # other options: refused, the work kept
        screen_table(_options(tables["csv"], resumed, columns=Columns(id="id")))
    assert raised.value.code is ErrorCode.SC606 and "columns" in raised.value.message
    summary = screen_table(_options(tables["csv"], resumed))
    assert summary.resumed_chunks == 3 and summary.screened == ROWS - 300 and summary.tally.rows == ROWS
    assert resumed.read_bytes() == whole.read_bytes()


def test_restart_discards_an_unfinished_run(tables: dict[str, Path], tmp_path: Path) -> None:
    output = tmp_path / "out.csv"

    def stop(progress: Any) -> None:
        raise _StopRunError

    with pytest.raises(_StopRunError):
        screen_table(_options(tables["csv"], output), on_progress=stop)
    summary = screen_table(_options(tables["csv"], output, chunk_rows=350, restart=True))
    assert summary.resumed_chunks == 0 and summary.screened == ROWS


def test_a_run_killed_part_way_and_resumed_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    source, output, whole = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "whole.csv"
    write_table(source, 3000, seed=5, faults=True)
    args = [
        "--id-column",
        "id",
        "--age-column",
        "age",
        "--sex-column",
        "sex",
        "--language-column",
        "language",
    ]
    args += ["--chunk-rows", "50", "--quiet"]
    command = [sys.executable, "-m", "backcheck", "screen", str(source), str(output), *args, "--workers", "2"]
    process = subprocess.Popen(command)
    parts = output.with_name(output.name + ".parts")
    deadline = time.monotonic() + 120
    while (
        len(list(parts.glob("chunk-*.done"))) < 4 and process.poll() is None and time.monotonic() < deadline
    ):
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL and not output.exists()
    done = len(list(parts.glob("chunk-*.done")))
    assert 4 <= done < 60, done  # killed part-way (60 chunks in all)

    # The number of workers does not change the output, so the resumed run may use another.
    resumed = runner.invoke(app, ["screen", str(source), str(output), *args, "--workers", "1", "--json"])
    assert resumed.exit_code == 0, resumed.output
    summary = json.loads(resumed.stdout)
    assert summary["resumed_chunks"] >= done and summary["rows"] == 3000
    assert runner.invoke(app, ["screen", str(source), str(whole), *args, "--workers", "1"]).exit_code == 0
    assert output.read_bytes() == whole.read_bytes()
    numbers = [int(r["row_number"]) for r in read_output(output)]
    assert numbers == list(range(1, 3001))


def test_the_cli_summary(tables: dict[str, Path], tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["screen", str(tables["csv"]), str(output), "--id-column", "id", "--workers", "1", "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["rows"] == ROWS and summary["errors"]["SC607"] > 0 and summary["triage"]["emergency"] > 0
    assert summary["duplicate_rows"] > 0 and summary["rows_per_second"] > 0
    table = runner.invoke(app, ["screen", str(tables["csv"]), str(output), "--workers", "1"])
    assert table.exit_code == 0 and "emergency" in table.stdout and "SC607" in table.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["/no/such.csv", "out.csv"], "SC601"),
        (["{csv}", "out.xlsx"], "SC602"),
        (["{csv}", "out.csv", "--text-column", "message"], "SC603"),
        (["{csv}", "out.csv", "--age-column", "years"], "SC603"),
        (["{clash}", "out.csv"], "SC605"),
        (["{csv}", "{csv}"], "SC601"),
        (["{csv}", "out.csv", "--input-format", "xml"], "SC602"),
        (["{notparquet}", "out.csv"], "SC601"),
        (["{csv}", "out.csv", "--encoding", "utf-9"], "SC601"),
    ],
)
def test_bad_input_is_a_numbered_message_not_a_traceback(
    tables: dict[str, Path], tmp_path: Path, args: list[str], code: str
) -> None:
    clash = tmp_path / "clash.csv"
    clash.write_text("text,triage\nback pain,self_care\n")
    notparquet = tmp_path / "x.parquet"
    notparquet.write_text("not parquet")
    paths = {"csv": tables["csv"], "clash": clash, "notparquet": notparquet}
    argv = [a.format(**paths) if a.startswith("{") else a for a in args]
    argv = [str(tmp_path / a) if a.startswith("out.") else a for a in argv]
    result = runner.invoke(app, ["screen", *argv])
    assert result.exit_code == 1, result.output
    assert code in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out.csv").exists()


def test_a_prefix_resolves_a_column_clash(tmp_path: Path) -> None:
    source = tmp_path / "clash.csv"
    source.write_text("text,triage\ncan't pee since yesterday,self_care\n")
    result = runner.invoke(
        app, ["screen", str(source), str(tmp_path / "o.csv"), "--prefix", "bc_", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    row = read_output(tmp_path / "o.csv")[0]
    assert row["triage"] == "self_care" and row["bc_triage"] == "emergency"  # the input's own value kept


def test_usage_errors_exit_2(tables: dict[str, Path], tmp_path: Path) -> None:
    out = str(tmp_path / "o.csv")
    assert runner.invoke(app, ["screen", str(tables["csv"]), out, "--engine", "spark"]).exit_code == 2
    assert runner.invoke(app, ["screen", str(tables["csv"]), out, "--scheduler", "tcp://x:1"]).exit_code == 2


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_table_without_rows_gives_an_output_without_rows(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("id,text\n")
    summary = screen_table(
        ScreenOptions(input=source, output=tmp_path / f"out.{fmt}", columns=Columns(id="id"))
    )
    assert summary.tally.rows == 0 and read_output(tmp_path / f"out.{fmt}") == []
    if fmt == "csv":
        assert (tmp_path / "out.csv").read_text().startswith("id,text,row_number,triage,")


@settings(max_examples=25, deadline=None)
@given(cell=st.binary(max_size=80), position=st.integers(min_value=0, max_value=3))
def test_any_bytes_in_a_text_cell_never_stop_the_batch(
    tmp_path_factory: pytest.TempPathFactory, cell: bytes, position: int
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    lines = [b"id,text\n"] + [f"r{i},can't pee since yesterday\n".encode() for i in range(4)]
    lines[position + 1] = f"r{position},".encode() + cell.replace(b"\n", b" ") + b"\n"
    (folder / "in.csv").write_bytes(b"".join(lines))
    summary = screen_table(
        ScreenOptions(input=folder / "in.csv", output=folder / "out.jsonl", columns=Columns(id="id"))
    )
    rows = read_output(folder / "out.jsonl")
    assert [r["row_number"] for r in rows] == [1, 2, 3, 4] and summary.tally.rows == 4
    for r in rows:
        if r["row_number"] != position + 1:
            assert r["id"] == f"r{r['row_number'] - 1}" and r["triage"] == "emergency"
        else:
            assert r["triage"] or r["error"]  # screened, or a coded error


def test_a_changed_input_is_not_mixed_with_an_unfinished_run(tables: dict[str, Path], tmp_path: Path) -> None:
    source, output = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(tables["csv"].read_bytes())

    def stop(progress: Any) -> None:
        raise _StopRunError

    with pytest.raises(_StopRunError):
        screen_table(_options(source, output), on_progress=stop)
    with source.open("a") as stream:
        stream.write("m9999999,can't pee since yesterday,50,F,en\n")
    with pytest.raises(BackcheckError) as raised:
        screen_table(_options(source, output))
    assert raised.value.code is ErrorCode.SC606 and "input.size" in raised.value.message
    result = runner.invoke(app, ["screen", str(source), str(output), "--id-column", "id", "--workers", "1"])
    assert result.exit_code == 1 and "SC606" in result.output and "--restart" in result.output
    summary = screen_table(_options(source, output, restart=True))
    assert summary.tally.rows == ROWS + 1 and summary.resumed_chunks == 0


def test_two_runs_never_write_the_same_output(tables: dict[str, Path], tmp_path: Path) -> None:
    output, lock = tmp_path / "out.csv", tmp_path / "out.csv.lock"
    holder = (  # another run, as far as the lock goes
        "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.lockf(f, fcntl.LOCK_EX); "
        "print(1, flush=True); time.sleep(60)"
    )
    with subprocess.Popen([sys.executable, "-c", holder, str(lock)], stdout=subprocess.PIPE) as other:
        try:
            assert other.stdout is not None and other.stdout.readline()  # it holds the lock now
            with pytest.raises(BackcheckError) as raised:
                screen_table(_options(tables["csv"], output))
            assert raised.value.code is ErrorCode.SC614 and not output.exists()
        finally:
            other.kill()
    screen_table(_options(tables["csv"], output))
    assert output.exists() and not lock.exists()


def test_an_unreachable_scheduler_is_a_numbered_error(tables: dict[str, Path], tmp_path: Path) -> None:
    import dask.config

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(BackcheckError) as raised,
    ):
        screen_table(
            _options(tables["csv"], tmp_path / "o.csv", engine="dask", scheduler="tcp://127.0.0.1:9")
        )
    assert raised.value.code is ErrorCode.SC615 and "127.0.0.1:9" in raised.value.message
