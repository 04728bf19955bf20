"""Reading message tables: one bad row spoils only itself, and every row is counted once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck.errors import BackcheckError, ErrorCode
from backcheck.screening.cells import id_key, read_age, read_language, read_message, read_sex
from backcheck.screening.table import SourceRow, chunks, format_of, open_table


def _rows(path: Path, fmt: str = "csv") -> list[SourceRow]:
    reader = open_table(path, format_of(path, fmt))
    return [row for row, _ in reader.rows()]


def _write(tmp_path: Path, data: bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_unterminated_quote_swallows_no_other_row(tmp_path: Path) -> None:
    data = b'id,text\n1,fine\n2,"never closed\n3,fine too\n4,"quoted, with comma"\n5,last\n'
    rows = _rows(_write(tmp_path, data))
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert rows[1].problem is not None and rows[1].problem.code is ErrorCode.SC607
    assert rows[1].raw == '2,"never closed'
    assert [r.values["id"] for r in rows if r.values] == ["1", "3", "4", "5"]
    assert rows[3].values == {"id": "4", "text": "quoted, with comma"}


def test_wrong_cell_counts_and_stray_quotes_are_malformed_rows(tmp_path: Path) -> None:
    data = b'id,text,age\n1,only two\n2,"a"b,3\n3,ok,40\n4,too,many,cells\n'
    rows = _rows(_write(tmp_path, data))
    assert [(r.number, r.problem.code if r.problem else None) for r in rows] == [
        (1, ErrorCode.SC607), (2, ErrorCode.SC607), (3, None), (4, ErrorCode.SC607),
    ]  # fmt: skip
    assert rows[0].raw == "1,only two" and rows[3].raw == "4,too,many,cells"
    assert "line 2" in rows[0].problem.message  # type: ignore[union-attr]


def test_a_quoted_text_over_several_lines_is_one_row(tmp_path: Path) -> None:
    data = b'id,text\n1,"first line\nsecond line"\n2,next\n'
    rows = _rows(_write(tmp_path, data))
    assert [r.values for r in rows] == [
        {"id": "1", "text": "first line\nsecond line"},
        {"id": "2", "text": "next"},
    ]


def test_bytes_in_another_encoding_spoil_only_their_row(tmp_path: Path) -> None:
    data = b"id,text\n1,caf\xe9 back pain\n2,fine\n"
    rows = _rows(_write(tmp_path, data))
    assert rows[0].problem is not None and rows[0].problem.code is ErrorCode.SC608
    assert rows[0].values == {"id": "1", "text": "caf\\xe9 back pain"}  # kept, the byte shown
    assert rows[1].problem is None


def test_bom_blank_lines_and_crlf(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfid,text\r\n1,a\r\n\r\n2,b\r\n"
    path = _write(tmp_path, data)
    assert open_table(path, "csv").fields == ["id", "text"]
    assert [r.values for r in _rows(path)] == [{"id": "1", "text": "a"}, {"id": "2", "text": "b"}]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ErrorCode.SC604),
        (b"id,text,id\n1,a,2\n", ErrorCode.SC604),
        (b"\xff\xfei\x00d\x00\n\x00", ErrorCode.SC601),
    ],
)
def test_unusable_files_are_refused_with_a_code(tmp_path: Path, data: bytes, code: ErrorCode) -> None:
    with pytest.raises(BackcheckError) as raised:
        open_table(_write(tmp_path, data), "csv")
    assert raised.value.code is code


def test_jsonl_rows_and_their_problems(tmp_path: Path) -> None:
    lines = [
        b'{"id": 1, "text": "a"}',
        b"",
        b'{"id": 2, "text": ',
        b"[1, 2]",
        b'{"id": 3, "note": "\xff"}',
        b'{"x": 1}',
    ]
    path = _write(tmp_path, b"\n".join(lines) + b"\n", "t.jsonl")
    reader = open_table(path, "jsonl")
    assert reader.fields == ["id", "text", "note", "x"]  # every key, first seen first
    rows = [row for row, _ in reader.rows()]
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]  # the blank line is not a row
    assert [r.problem.code if r.problem else None for r in rows] == [
        None, ErrorCode.SC607, ErrorCode.SC607, ErrorCode.SC608, None,
    ]  # fmt: skip
    assert rows[1].raw == '{"id": 2, "text": '
    assert rows[3].values == {"id": 3, "note": "\\xff"}  # the bad byte spoils the row, its cells are kept


def test_chunks_are_numbered_and_cover_every_row(tmp_path: Path) -> None:
    path = _write(tmp_path, b"id,text\n" + b"".join(f"{i},t{i}\n".encode() for i in range(1, 24)))
    reader = open_table(path, "csv")
    parts = list(chunks(reader, 10))
    assert [c.index for c in parts] == [0, 1, 2]
    assert [len(c.rows) for c in parts] == [10, 10, 3]
    assert sum(c.span for c in parts) == path.stat().st_size  # the bar ends at 100 %
    assert [r.number for c in parts for r in c.rows] == list(range(1, 24))


def test_format_from_suffix_or_name(tmp_path: Path) -> None:
    assert format_of(Path("a.NDJSON"), None) == "jsonl"
    assert format_of(Path("a.txt"), "parquet") == "parquet"
    with pytest.raises(BackcheckError) as raised:
        format_of(Path("a.xlsx"), None)
    assert raised.value.code is ErrorCode.SC602


@settings(max_examples=60, deadline=None)
@given(cell=st.binary(max_size=60), row=st.integers(min_value=0, max_value=3))
def test_any_bytes_in_a_cell_never_lose_or_add_a_row(
    tmp_path_factory: pytest.TempPathFactory, cell: bytes, row: int
) -> None:
    # Arbitrary bytes (quotes, newlines, invalid UTF-8) in one cell: the rows after the spoiled
    # one are still read as themselves, with their own numbers.
    lines = [b"id,text\n"] + [f"{i},message {i}\n".encode() for i in range(4)]
    lines[row + 1] = f"{row},".encode() + cell.replace(b"\n", b" ") + b"\n"  # a newline would start a row
    path = tmp_path_factory.mktemp("h") / "t.csv"
    path.write_bytes(b"".join(lines))
    rows = _rows(path)
    assert [r.number for r in rows] == [1, 2, 3, 4]
    for r in rows:
        if r.number != row + 1:
            assert r.values == {"id": str(r.number - 1), "text": f"message {r.number - 1}"}


def test_cells() -> None:
    assert [read_age(v) for v in (45, "45", " 45.0 ", 0, "", None, "N/A")] == [
        45,
        45,
        45,
        0,
        None,
        None,
        None,
    ]
    for odd in ("forty", -3, 200, "45y", 30.5, True):
        assert str(read_age(odd)).startswith("[SC611]")
    assert [read_sex(v) for v in ("F", "male", " Woman ", "女", "ذكر", "other", "")] == [
        "female", "male", "female", "female", "male", None, None,
    ]  # fmt: skip
    assert str(read_sex("q")).startswith("[SC611]")
    assert [read_language(v) for v in ("EN", "en-GB", "zh_Hans", "Arabic", "中文", "")] == [
        "en", "en", "zh", "ar", "zh", None,
    ]  # fmt: skip
    assert str(read_language("klingon")).startswith("[SC611]")
    assert id_key(5) == id_key("5") == id_key(" 5 ") and id_key("") is None


@pytest.mark.parametrize(
    ("value", "code"),
    [("", ErrorCode.SC609), ("  ", ErrorCode.SC609), (None, ErrorCode.SC609), ({"a": 1}, ErrorCode.SC607),
     (b"\xff", ErrorCode.SC608), ("x" * 11, ErrorCode.SC610)],
)  # fmt: skip
def test_texts_that_cannot_be_read(value: object, code: ErrorCode) -> None:
    with pytest.raises(BackcheckError) as raised:
        read_message(value, limit=10)
    assert raised.value.code is code
