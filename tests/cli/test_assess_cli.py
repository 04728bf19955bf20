"""``backcheck assess`` and ``backcheck kb`` from the command line (typer's runner)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from backcheck.interfaces.cli.app import app

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


def test_assess_json_from_file() -> None:
    result = runner.invoke(app, ["assess", "--input", str(EXAMPLES / "strain_after_sex.json"), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["id"] == "example-1"
    assert out["triage"] == "self_care"
    for key in ("triage_reason", "red_flags", "conditions", "plan", "citations", "kb_version"):
        assert key in out
    top = out["conditions"][0]
    assert {"id", "name", "icd10", "probability", "why"} <= set(top)


def test_assess_stdin_terminal_view() -> None:
    result = runner.invoke(app, ["assess"], input=(EXAMPLES / "cauda_equina.json").read_text())
    assert result.exit_code == 0, result.output
    assert "emergency" in result.stdout
    assert "not a diagnosis" in result.stdout.lower()


def test_assess_arabic_names() -> None:
    raw = (EXAMPLES / "cauda_equina.json").read_text()
    result = runner.invoke(app, ["assess", "--json", "--lang", "ar"], input=raw)
    out = json.loads(result.stdout)
    assert any("\u0600" <= ch <= "\u06ff" for ch in out["conditions"][0]["name"])


def test_jsonl_streams_in_order_and_reports_bad_lines() -> None:
    result = runner.invoke(app, ["assess", "--jsonl", "--input", str(EXAMPLES / "batch.jsonl")])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c", "d"]
    assert lines[2]["error"]["field"] == "age"
    assert "triage" in lines[3]
    assert result.exit_code == 1  # one line failed


def test_jsonl_survives_broken_json() -> None:
    result = runner.invoke(app, ["assess", "--jsonl"], input='{"id": 1, "age": 30}\n{not json\n\n{"id": 3}\n')
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("id") for line in lines] == [1, None, 3]
    assert lines[1]["error"]["code"] == "IN101"


def test_bad_input_is_a_message_not_a_traceback() -> None:
    for raw, needle in [
        ("{broken", "IN101"),
        ('{"age": true}', "age"),
        ('{"findings": {"fevr": true}}', "fevr"),
        ('{"age": 300}', "age"),
    ]:
        result = runner.invoke(app, ["assess"], input=raw)
        assert result.exit_code == 1
        assert needle in result.output
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_file_and_bad_lang() -> None:
    assert runner.invoke(app, ["assess", "--input", "/no/such.json"]).exit_code == 2
    assert runner.invoke(app, ["assess", "--lang", "fr"], input="{}").exit_code == 2


def test_kb_check_and_stats() -> None:
    check = runner.invoke(app, ["kb", "check"])
    assert check.exit_code == 0, check.output
    stats = json.loads(runner.invoke(app, ["kb", "stats", "--json"]).stdout)
    assert stats["conditions"] >= 25 and stats["findings"] >= 70
    assert stats["red_flags"] > 0 and stats["advice"] > 0 and stats["citations"] > 0
    assert set(stats["name_coverage"]) == {"en", "ar", "zh"}
    assert all(v == 1.0 for v in stats["name_coverage"].values())


def test_kb_check_names_problems(tmp_path: Path) -> None:
    import shutil

    from backcheck.knowledge.load import bundled_data_dir

    data = tmp_path / "kb"
    shutil.copytree(bundled_data_dir(), data)
    rules = data / "triage_rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("present: saddle_anaesthesia", "present: sadle", 1), "utf-8"
    )
    result = runner.invoke(app, ["kb", "check", "--kb", str(data)])
    assert result.exit_code == 1
    assert "sadle" in result.stdout
