"""Reading message tables as a stream of rows, in fixed-size chunks: CSV, JSONL and Parquet.

Nothing here holds more than one chunk. A row that cannot be read becomes a row with a problem
(its raw line kept), never a reason to stop: in a CSV file a bad byte, a stray quote or a wrong
number of cells spoils only its own row.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from backcheck.errors import BackcheckError, ErrorCode
from backcheck.screening.columns import FORMATS, Format

#: Longest CSV cell read as a cell (characters); a longer one makes its row malformed. Far above
#: the longest text that is read (100,000 characters), so huge texts are kept and reported.
CSV_CELL_LIMIT = 4_000_000

_SUFFIXES: dict[str, Format] = {
    ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a row could not be screened (an exception would not cross process boundaries as well)."""

    code: ErrorCode
    message: str

    @classmethod
    def of(cls, error: BackcheckError) -> Problem:
        """The problem an error states."""
        return cls(error.code, error.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    """One input row as read.

    ``values`` holds the row's cells by column (None when the row could not be split into cells,
    and then ``raw`` holds its text); ``problem`` is what went wrong while reading it.
    """

    number: int
    values: dict[str, Any] | None
    raw: str | None = None
    problem: Problem | None = None
    duplicate_of: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Chunk:
    """Rows ``first``..``first + len(rows) - 1`` of the input; ``span`` is the progress they cover."""

    index: int
    rows: tuple[SourceRow, ...]
    span: int


class TableReader(Protocol):
    """A table's columns and a single pass over its rows."""

    @property
    def fields(self) -> list[str]:
        """The input's columns, in order."""
        ...

    @property
    def total(self) -> int:
        """The progress total: bytes for CSV and JSONL, rows for Parquet."""
        ...

    def rows(self) -> Iterator[tuple[SourceRow, int]]:
        """Every row with the progress position after it."""
        ...


def format_of(path: Path, given: str | None) -> Format:
    """The table format: ``given`` (csv, jsonl, parquet) or from the file name's suffix.

    Raises:
        BackcheckError: SC602 when neither names a format backcheck reads or writes.
    """
    name = given if given is not None else _SUFFIXES.get(path.suffix.lower())
    for known in FORMATS:
        if name == known:
            return known
    said = f"--format {given!r}" if given is not None else f"the suffix {path.suffix or '(none)'!r} of {path}"
    raise BackcheckError(
        ErrorCode.SC602,
        f"{said} names no table format; use .csv, .jsonl (.ndjson) or .parquet (.pq), or name one with "
        "--input-format / --format",
    )


def open_table(path: Path, fmt: Format, *, encoding: str = "utf-8") -> TableReader:
    """A reader for ``path``; the header (or schema) is read and checked now.

    Raises:
        BackcheckError: SC601 missing or unreadable file, SC604 unusable header.
    """
    if not path.is_file():
        raise BackcheckError(ErrorCode.SC601, f"no such file: {path}")
    if not os.access(path, os.R_OK):
        raise BackcheckError(ErrorCode.SC601, f"cannot read {path}: permission denied")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise BackcheckError(ErrorCode.SC601, f"cannot read {path}: unknown encoding {encoding!r}") from None
    if fmt == "csv":
        return CsvReader(path, encoding=encoding)
    if fmt == "jsonl":
        return JsonlReader(path)
    return ParquetReader(path)


def chunks(reader: TableReader, size: int) -> Iterator[Chunk]:
    """The reader's rows in chunks of ``size`` (the last may be shorter); numbering is deterministic."""
    rows: list[SourceRow] = []
    index = start = position = 0
    for row, position in reader.rows():
        rows.append(row)
        if len(rows) == size:
            yield Chunk(index=index, rows=tuple(rows), span=position - start)
            index, start, rows = index + 1, position, []
    if rows:
        yield Chunk(index=index, rows=tuple(rows), span=position - start)


def repaired(text: str, encoding: str) -> str:
    """Text decoded with ``surrogateescape``, its undecodable bytes shown as ``\\xNN``."""
    return text.encode(encoding, "surrogateescape").decode(encoding, "backslashreplace")


def _has_bad_bytes(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _check_fields(fields: list[str], path: Path) -> list[str]:
    twice = sorted(name for name, count in Counter(fields).items() if count > 1)
    if twice:
        raise BackcheckError(
            ErrorCode.SC604, f"{path}: column name(s) {', '.join(map(repr, twice))} appear more than once"
        )
    return fields


@dataclass(slots=True)
class _Line:
    text: str
    bad: bool  # held bytes that are not in the encoding (kept as surrogates)
    size: int
    number: int


class _Lines:
    """Physical lines of a byte stream, decoded one at a time; lines can be given back.

    The CSV reader pulls from here; ``take`` returns the lines it used for the last record.
    """

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._stream = stream
        self._encoding = encoding
        self._pending: deque[_Line] = deque()
        self._taken: list[_Line] = []
        self._count = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pending:
            line = self._pending.popleft()
        else:
            data = self._stream.readline()
            if not data:
                raise StopIteration
            self._count += 1
            if self._count == 1:
                data = _without_bom(data)
            try:
                line = _Line(data.decode(self._encoding), False, len(data), self._count)
            except UnicodeDecodeError:
                line = _Line(data.decode(self._encoding, "surrogateescape"), True, len(data), self._count)
        self._taken.append(line)
        return line.text

    def take(self) -> list[_Line]:
        taken, self._taken = self._taken, []
        return taken

    def give_back(self, lines: list[_Line]) -> None:
        self._pending.extendleft(reversed(lines))


def _without_bom(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BackcheckError(ErrorCode.SC601, "the file is UTF-16; save it as UTF-8 and try again")
    return data.removeprefix(b"\xef\xbb\xbf")


class CsvReader:
    """A CSV file with a header row, read line by line and decoded per line.

    A record that the csv module refuses (a stray quote) or that has the wrong number of cells is
    a malformed row holding its first physical line; the lines after it are read again, so an
    unterminated quote swallows no other rows. Undecodable bytes spoil only their own row (SC608).
    """

    def __init__(self, path: Path, *, encoding: str) -> None:
        self._path = path
        self._encoding = encoding
        self._size = path.stat().st_size
        self._header_bytes = 0
        with path.open("rb") as stream:
            lines = _Lines(stream, encoding)
            reader = self._reader(lines)
            try:
                header = next(reader)
            except StopIteration:
                raise BackcheckError(
                    ErrorCode.SC604, f"{path} is empty: a CSV table needs a header row"
                ) from None
            except csv.Error as error:
                raise BackcheckError(
                    ErrorCode.SC604, f"{path}: the header row is malformed ({error})"
                ) from error
            taken = lines.take()
            if any(line.bad for line in taken):
                raise BackcheckError(
                    ErrorCode.SC601,
                    f"{path}: the header row is not {encoding}; name the encoding with --encoding",
                )
            self._header_bytes = sum(line.size for line in taken)
        self._fields = _check_fields(header, path)

    @staticmethod
    def _reader(lines: _Lines) -> Iterator[list[str]]:
        csv.field_size_limit(CSV_CELL_LIMIT)
        return csv.reader(lines, strict=True)

    @property
    def fields(self) -> list[str]:
        return self._fields

    @property
    def total(self) -> int:
        return self._size

    def rows(self) -> Iterator[tuple[SourceRow, int]]:
        with self._path.open("rb") as stream:
            lines = _Lines(stream, self._encoding)
            reader = self._reader(lines)
            next(reader)  # the header, checked in __init__
            lines.take()
            position = self._header_bytes
            number = 0
            while True:
                problem: str | None = None
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    cells, problem = [], str(error)
                taken = lines.take()
                if problem is None and not cells:
                    position += sum(line.size for line in taken)
                    continue  # a blank line is not a row
                if problem is None and len(cells) != len(self._fields):
                    problem = f"{len(cells)} cells where the header has {len(self._fields)}"
                if problem is not None and len(taken) > 1:
                    lines.give_back(taken[1:])  # read again: they may be rows of their own
                    taken = taken[:1]
                position += sum(line.size for line in taken)
                number += 1
                yield self._row(number, cells, taken, problem), position

    def _row(self, number: int, cells: list[str], taken: list[_Line], problem: str | None) -> SourceRow:
        first = taken[0].number
        bad = any(line.bad for line in taken)
        if problem is not None:
            raw = "".join(line.text for line in taken).rstrip("\r\n")
            error = Problem(ErrorCode.SC607, f"line {first}: {problem}")
            return SourceRow(number=number, values=None, raw=repaired(raw, self._encoding), problem=error)
        if bad:
            values = {
                f: repaired(c, self._encoding) if _has_bad_bytes(c) else c
                for f, c in zip(self._fields, cells, strict=True)
            }
            error = Problem(
                ErrorCode.SC608, f"line {first}: bytes that are not {self._encoding} (shown as \\xNN)"
            )
            return SourceRow(number=number, values=values, problem=error)
        return SourceRow(number=number, values=dict(zip(self._fields, cells, strict=True)))


class JsonlReader:
    """One JSON object per line; blank lines are skipped. The columns are every key, in first-seen
    order, found by a first pass over the file (keys only, so memory stays flat)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._size = path.stat().st_size
        keys: dict[str, None] = {}
        for _, _, value, _ in self._lines():
            if isinstance(value, dict):
                keys.update(dict.fromkeys(value))
        self._fields = list(keys)

    @property
    def fields(self) -> list[str]:
        return self._fields

    @property
    def total(self) -> int:
        return self._size

    def _lines(self) -> Iterator[tuple[int, bytes, Any, Problem | None]]:
        """(size, bytes, the object or None, the problem) per line; a blank line has no bytes.

        Bytes that are not UTF-8 spoil only their own line: it is read with them kept as
        ``\\xNN`` in its strings, and marked SC608.
        """
        with self._path.open("rb") as stream:
            for index, data in enumerate(stream):
                if index == 0:
                    data = _without_bom(data)
                if not data.strip():
                    yield len(data), b"", None, None
                    continue
                try:
                    text, bad = data.decode("utf-8"), False
                except UnicodeDecodeError:
                    text, bad = data.decode("utf-8", "surrogateescape"), True
                try:
                    value: Any = json.loads(text)
                except ValueError as error:
                    yield (
                        len(data),
                        data,
                        None,
                        Problem(ErrorCode.SC607, f"line {index + 1}: not valid JSON ({error})"),
                    )
                    continue
                if not isinstance(value, dict):
                    kind = type(value).__name__
                    yield (
                        len(data),
                        data,
                        None,
                        Problem(ErrorCode.SC607, f"line {index + 1}: a JSON {kind}, not an object"),
                    )
                elif bad:
                    problem = Problem(
                        ErrorCode.SC608, f"line {index + 1}: bytes that are not UTF-8 (shown as \\xNN)"
                    )
                    yield len(data), data, _repaired_json(value), problem
                else:
                    yield len(data), data, value, None

    def rows(self) -> Iterator[tuple[SourceRow, int]]:
        position = number = 0
        for size, data, value, problem in self._lines():
            position += size
            if not data:
                continue
            number += 1
            if value is None:
                raw = data.decode("utf-8", "backslashreplace").rstrip("\r\n")
                yield SourceRow(number=number, values=None, raw=raw, problem=problem), position
            else:
                yield SourceRow(number=number, values=value, problem=problem), position


def _repaired_json(value: Any) -> Any:
    if isinstance(value, str):
        return repaired(value, "utf-8") if _has_bad_bytes(value) else value
    if isinstance(value, list):
        return [_repaired_json(v) for v in value]
    if isinstance(value, dict):
        return {_repaired_json(k): _repaired_json(v) for k, v in value.items()}
    return value


class ParquetReader:
    """A Parquet file read in record batches (pyarrow ``iter_batches``), with a small read buffer."""

    BATCH = 1024

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq  # pyarrow loads in about 0.2 s; only Parquet needs it

        self._path = path
        try:
            self._file = pq.ParquetFile(path, buffer_size=1 << 20)
        except Exception as error:  # pyarrow raises ArrowInvalid, OSError...; any of them is unreadable
            raise BackcheckError(
                ErrorCode.SC601, f"{path} is not a readable Parquet file ({error})"
            ) from error
        self.schema = self._file.schema_arrow.remove_metadata()
        self._fields = _check_fields([str(name) for name in self.schema.names], path)

    @property
    def fields(self) -> list[str]:
        return self._fields

    @property
    def total(self) -> int:
        return int(self._file.metadata.num_rows)

    def rows(self) -> Iterator[tuple[SourceRow, int]]:
        number = 0
        for batch in self._file.iter_batches(batch_size=self.BATCH):
            for values in batch.to_pylist():
                number += 1
                yield SourceRow(number=number, values=values), number
