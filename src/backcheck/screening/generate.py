"""Message tables made up from a fixed seed, for tests and the benchmark.

Short messages in English, Arabic and Chinese as people write them (emergencies such as "can't
pee since yesterday and numb between the legs", fever with injecting drugs, a fall at 80, and
plenty of plain strains), with, when ``faults`` is on, the things real exports hold: malformed CSV
rows, empty and huge texts, bytes in another encoding, duplicate ids and odd ages and sexes.

Run: ``python -m backcheck.screening.generate OUT.csv --rows 100000 [--seed 7] [--faults]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from backcheck.engine.case import Lang
from backcheck.screening.table import format_of

Fault = Literal[
    "unterminated_quote", "stray_quote", "few_cells", "other_encoding", "empty", "huge", "not_text"
]
COLUMNS = ("id", "text", "age", "sex", "language")

# (text, urgent): urgent messages must come out at an emergency level. {age} and {days} vary.
_MESSAGES: dict[Lang, list[tuple[str, bool]]] = {
    "en": [
        ("my back is killing me since yesterday and I can't pee", True),
        ("can't pee since yesterday and numb between the legs", True),
        ("I have a fever and really bad back pain, I inject drugs", True),
        ("I'm {age} and fell down the stairs yesterday, now my back hurts a lot", True),
        ("numb around my bottom and private parts since this morning, back pain for {days} days", True),
        ("{age}M, lower back pain for {days} days after lifting a heavy box at work", False),
        ("back hurts after the gym yesterday, muscles stiff and sore, no leg pain", False),
        ("lower back ache on both sides after sex last night, no fever", False),
        ("pain going down my left leg below the knee for {days} days", False),
        ("stiff lower back every morning for months, gets better when I move", False),
        ("my lower back has been aching for {days} days, no fever, peeing normally", False),
        ("sitting at my desk all day and my lower back hurts, better lying down", False),
        ("I'm {age}, woman, back pain since {days} days, no numbness, no fever", False),
        ("twisted my back playing football, hurts when I bend", False),
    ],
    "ar": [
        ("من يومين صارت المنطقة بين فخذيّ وحول المقعدة مخدّرة، وما قدرت أعمل بول من الصبح", True),
        ("بضرب هيروين بالإبر وعندي وجع ضهر قوي وحرارة", True),
        ("وقعت عن السلم ونزلت على ضهري، وعمري {age} سنة", True),
        ("عندي ألم أسفل الظهر من {days} أيام بعد ما رفعت شي تقيل", False),
        ("ضهري بيوجعني بعد الشغل، والعضلات متيبسة، وما في ألم نازل على رجليّ", False),
        ("ما عندي حرارة بس ضهري من تحت بيوجعني من امبارح", False),
        ("الوجع نازل على رجلي اليمين لتحت الركبة من أسبوع", False),
        ("بعد العلاقة مع زوجتي بلّش أسفل ظهري يوجعني، وما في حرارة", False),
    ],
    "zh": [
        ("屁股麻麻的，尿不出来，已经一天了，腰也很疼。", True),
        ("车祸后腰疼，两条腿针扎一样麻，屁股也麻了。", True),
        ("我{age}岁，从梯子上摔下来，腰正中间剧痛。", True),
        ("三天前打篮球扭了一下腰，现在右边腰疼，弯腰就更疼。", False),
        ("腰疼{days}天了，腿也不疼不麻，大小便正常。", False),
        ("我每天坐办公室十个小时，腰中间酸痛，坐久了更明显。", False),
        ("第一次去健身房练硬拉，练完腰就疼了。", False),
        ("男，35岁，同房后腰酸，两边的肌肉按着疼，腿不麻。", False),
    ],
}
_LANGS: tuple[Lang, ...] = ("en", "ar", "zh")
#: Share of messages that cannot wait (a guess for a clinic's inbox; speed barely depends on it).
URGENT_SHARE = 0.1
_LANG_WEIGHTS = (0.6, 0.2, 0.2)
_ODD_AGES = ("forty", "-3", "200", "45y", "unknown", "", "N/A", "30.5")
_ODD_SEXES = ("x", "other", "", "F ", "?", "unknown", "woman")
_FAULTS: tuple[Fault, ...] = (
    "unterminated_quote", "stray_quote", "few_cells", "other_encoding", "empty", "huge", "not_text",
)  # fmt: skip
_FAULT_WEIGHTS = (3, 3, 3, 4, 4, 1, 2)


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """One generated row: ``fault`` says how it was spoiled, ``urgent`` that it needs an emergency level."""

    number: int
    id: str
    text: str
    age: str
    sex: str
    language: str
    lang: Lang
    urgent: bool
    fault: Fault | None = None


def messages(rows: int, *, seed: int = 7, faults: bool = False) -> Iterator[Message]:
    """``rows`` messages, the same for the same seed. With ``faults``, about 1 row in 25 is spoiled,
    1 in 50 repeats an earlier id and 1 in 30 has an odd age or sex."""
    rng = random.Random(seed)
    for number in range(1, rows + 1):
        lang = rng.choices(_LANGS, _LANG_WEIGHTS)[0]
        urgent = rng.random() < URGENT_SHARE
        template = rng.choice([t for t, u in _MESSAGES[lang] if u == urgent])
        age_value = rng.randint(18, 90) if "{age}" not in template or not urgent else rng.randint(70, 90)
        text = template.format(age=age_value, days=rng.randint(1, 20))
        age = str(age_value) if rng.random() < 0.7 else ""
        sex = rng.choice(("F", "M", "female", "male", ""))
        language = rng.choice((lang, "", "", lang.upper()))
        ident = f"m{number:07d}"
        fault: Fault | None = None
        if faults:
            if number > 10 and rng.random() < 0.02:
                ident = f"m{rng.randint(1, number - 1):07d}"
            if rng.random() < 1 / 30:
                age, sex = rng.choice(_ODD_AGES), rng.choice(_ODD_SEXES)
            if rng.random() < 0.04:
                fault = rng.choices(_FAULTS, _FAULT_WEIGHTS)[0]
                urgent = False
                if fault == "empty":
                    text = rng.choice(("", "   ", "\t"))
                elif fault == "huge":
                    text = (text + " ") * (150_000 // len(text) + 1)
        yield Message(
            number=number, id=ident, text=text, age=age, sex=sex, language=language, lang=lang,
            urgent=urgent, fault=fault,
        )  # fmt: skip


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _other_encoding(m: Message) -> bytes:
    # Chinese in GB18030 and the rest in Latin-1 with an accent: either is invalid UTF-8.
    if m.lang == "zh":
        return m.text.encode("gb18030")
    return ("café " + m.text).encode("utf-8", "replace").replace("café".encode(), b"caf\xe9")


def csv_lines(rows: Iterator[Message]) -> Iterator[bytes]:
    """The table as CSV lines, header first; faults spoil their own line."""
    yield _csv_line(list(COLUMNS)).encode("utf-8")
    for m in rows:
        flat = m.text.replace('"', "").replace(",", " ").replace("\n", " ")
        cells = [m.id, m.text, m.age, m.sex, m.language]
        if m.fault == "unterminated_quote":
            yield f'{m.id},"{flat},{m.age},{m.sex},{m.language}\n'.encode()
        elif m.fault == "stray_quote":
            yield f'{m.id},"{flat}"!,{m.age},{m.sex},{m.language}\n'.encode()
        elif m.fault == "few_cells":
            yield f"{m.id},{flat}\n".encode()
        elif m.fault == "other_encoding":
            yield (
                _csv_line([m.id, "@@TEXT@@", m.age, m.sex, m.language])
                .encode()
                .replace(b"@@TEXT@@", _other_encoding(m).replace(b",", b" ").replace(b'"', b" "))
            )
        else:
            yield _csv_line(cells).encode("utf-8")


def jsonl_lines(rows: Iterator[Message]) -> Iterator[bytes]:
    """The table as JSON lines; ages are numbers when they are whole numbers, as JSON exports have them."""
    for m in rows:
        age: Any = int(m.age) if m.age.isdigit() else m.age
        record: dict[str, Any] = {
            "id": m.id,
            "text": m.text,
            "age": age,
            "sex": m.sex,
            "language": m.language,
        }
        if m.fault in ("unterminated_quote", "few_cells"):
            yield json.dumps(record, ensure_ascii=False)[:-7].encode() + b"\n"  # cut short: not JSON
        elif m.fault == "stray_quote":
            yield json.dumps([m.id, m.text], ensure_ascii=False).encode() + b"\n"  # JSON, not an object
        elif m.fault == "other_encoding":
            line = json.dumps({**record, "text": "@@TEXT@@"}, ensure_ascii=False).encode()
            yield (
                line.replace(b"@@TEXT@@", _other_encoding(m).replace(b'"', b" ").replace(b"\\", b" ")) + b"\n"
            )
        elif m.fault == "not_text":
            yield json.dumps({**record, "text": {"body": m.text}}, ensure_ascii=False).encode() + b"\n"
        else:
            yield json.dumps(record, ensure_ascii=False).encode() + b"\n"


def _write_parquet(path: Path, rows: Iterator[Message], *, batch: int = 10_000) -> None:
    # The text column is binary, so that a text in another encoding can be stored as it was.
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.string()), ("text", pa.binary()), ("age", pa.string()),
                        ("sex", pa.string()), ("language", pa.string())])  # fmt: skip
    with pq.ParquetWriter(path, schema) as writer:
        records: list[dict[str, Any]] = []
        for m in rows:
            text: bytes | None = m.text.encode("utf-8")
            if m.fault == "other_encoding":
                text = _other_encoding(m)
            elif m.fault in ("unterminated_quote", "stray_quote", "few_cells", "not_text"):
                text = None  # a Parquet cell cannot be malformed; a missing text stands in
            records.append({"id": m.id, "text": text, "age": m.age, "sex": m.sex, "language": m.language})
            if len(records) == batch:
                writer.write_table(pa.Table.from_pylist(records, schema=schema))
                records = []
        if records:
            writer.write_table(pa.Table.from_pylist(records, schema=schema))


def write_table(path: Path, rows: int, *, seed: int = 7, faults: bool = False) -> int:
    """Write ``rows`` generated messages to ``path`` (format from the suffix); the row count."""
    fmt = format_of(path, None)
    stream = messages(rows, seed=seed, faults=faults)
    if fmt == "parquet":
        _write_parquet(path, stream)
        return rows
    lines = csv_lines(stream) if fmt == "csv" else jsonl_lines(stream)
    with path.open("wb") as out:
        for line in lines:
            out.write(line)
    return rows


def main() -> None:
    """Command line: write a generated table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("output", type=Path)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--faults", action="store_true", help="spoil some rows, as real exports are")
    args = parser.parse_args()
    write_table(args.output, args.rows, seed=args.seed, faults=args.faults)


if __name__ == "__main__":
    main()
