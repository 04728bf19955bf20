"""Writing screened rows: each chunk encoded in the output format, then the parts joined in order.

CSV cells are text: lists are joined with ``;`` and a cause is ``id:icd10:probability``. JSONL keeps
lists and objects. Parquet keeps the types of a Parquet input's columns (other inputs' columns are
strings) and adds typed columns (lists, a list of structs for causes). Parts of a Parquet output
are Arrow IPC streams, joined into one Parquet file at the end.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import decimal
import io
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backcheck.screening.row import Job, Screened


def _jsonable(value: Any) -> Any:
    # Values a Parquet input may hold that JSON has no type for.
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return "base64:" + base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_jsonable)


def as_text(value: Any) -> str | None:
    """A cell as text (None stays None): strings as they are, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes | dt.date | dt.time | decimal.Decimal):
        result: str = _jsonable(value)
        return result
    return _json(value)


def added(s: Screened) -> list[Any]:
    """The added columns' values, in :data:`backcheck.screening.columns.ADDED` order."""
    found = s.screening
    return [
        s.source.number,
        found.triage if found else None,
        list(found.red_flags) if found else None,
        list(found.flags) if found else None,
        [{"id": c.id, "icd10": c.icd10, "probability": c.probability} for c in found.causes]
        if found
        else None,
        s.language,
        s.source.duplicate_of,
        s.error.code.name if s.error else None,
        s.error.message if s.error else None,
        list(s.warnings),
        s.source.raw,
        s.kb_version,
    ]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(
            f"{v['id']}:{v['icd10']}:{v['probability']}" if isinstance(v, dict) else str(v) for v in value
        )
    return str(value)


def encode(rows: list[Screened], job: Job) -> bytes:
    """The rows in the output format: CSV lines (no header), JSON lines, or an Arrow IPC stream."""
    names = job.columns.added()
    if job.output == "jsonl":
        lines = []
        for s in rows:
            values = s.source.values if s.source.values is not None else dict.fromkeys(job.fields)
            lines.append(_json({**values, **dict(zip(names, added(s), strict=True))}) + "\n")
        return "".join(lines).encode("utf-8")
    if job.output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for s in rows:
            values = s.source.values or {}
            writer.writerow(
                [as_text(values.get(f)) or "" for f in job.fields] + [_csv_cell(v) for v in added(s)]
            )
        return buffer.getvalue().encode("utf-8")
    return _arrow_part(rows, job)


def _schema(job: Job) -> Any:
    import pyarrow as pa

    cause = pa.struct([("id", pa.string()), ("icd10", pa.string()), ("probability", pa.float64())])
    types = [
        pa.int64(), pa.string(), pa.list_(pa.string()), pa.list_(pa.string()), pa.list_(cause),
        pa.string(), pa.int64(),
        pa.string(), pa.string(), pa.list_(pa.string()), pa.string(), pa.string(),
    ]  # fmt: skip
    base = job.schema if job.schema is not None else pa.schema([(f, pa.string()) for f in job.fields])
    return pa.schema([*base, *(pa.field(n, t) for n, t in zip(job.columns.added(), types, strict=True))])


def _arrow_part(rows: list[Screened], job: Job) -> bytes:
    import pyarrow as pa

    schema = _schema(job)
    typed = job.schema is not None
    records = []
    for s in rows:
        values = s.source.values or {}
        record = {f: values.get(f) if typed else as_text(values.get(f)) for f in job.fields}
        record.update(zip(job.columns.added(), added(s), strict=True))
        records.append(record)
    table = pa.Table.from_pylist(records, schema=schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_table(table)
    data: bytes = sink.getvalue().to_pybytes()
    return data


def header(job: Job) -> bytes:
    """The CSV header line."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([*job.fields, *job.columns.added()])
    return buffer.getvalue().encode("utf-8")


def assemble(parts: Iterable[Path], output: Path, job: Job) -> None:
    """Join the parts, in the order given, into ``output`` (written aside, then renamed into place)."""
    partial = output.with_name(output.name + ".partial")
    if job.output == "parquet":
        _assemble_parquet(parts, partial, job)
    else:
        with partial.open("wb") as out:
            if job.output == "csv":
                out.write(header(job))
            for part in parts:
                with part.open("rb") as data:
                    shutil.copyfileobj(data, out)
    os.replace(partial, output)


def _assemble_parquet(parts: Iterable[Path], partial: Path, job: Job) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema(job)
    with pq.ParquetWriter(partial, schema) as writer:
        for part in parts:
            with pa.OSFile(str(part), "rb") as source, pa.ipc.open_stream(source) as reader:
                writer.write_table(reader.read_all())
