"""The article checker (issue 6): seeds against hand-written ground truth, languages, bad files,
the Dask path, and the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from backcheck.articles.batch import read_many
from backcheck.articles.document import MAX_BYTES
from backcheck.articles.report import Readers, read_article, report_to_dict
from backcheck.articles.terms import unknown_ids
from backcheck.interfaces.cli.app import app
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
TRUTH: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "seed_truth.yaml").read_text("utf-8"))[
    "seeds"
]
KB = load_knowledge_base()
READERS = Readers(Context.create(KB))
runner = CliRunner()


def _report(raw: bytes, name: str = "article.txt") -> dict[str, Any]:
    return report_to_dict(read_article(raw, name=name, readers=READERS))


def _found(claim: dict[str, Any], report: dict[str, Any]) -> bool:
    if claim["kb_ids"]:
        return any(
            c["kind"] == claim["kind"] and set(claim["kb_ids"]) & set(c["kb_ids"]) for c in report["claims"]
        )
    quote = claim["quote"].lower()
    return any(
        c["kind"] == claim["kind"] and (c["text"].lower() in quote or quote in c["text"].lower())
        for c in report["claims"]
    )


def test_the_seed_claims_written_down_by_reading_are_found_and_no_conflict_is_false() -> None:
    # Claims the knowledge base cannot name (kb_ids empty, not numbers) are not scored: the
    # checker can only say "not covered" about them. The bar: 90 % found, no false conflict.
    found = total = 0
    for name, truth in TRUTH.items():
        report = _report((SEEDS / name).read_bytes(), name)
        assert report["language"] == truth["language"], name
        scored = [c for c in truth["claims"] if c["kb_ids"] or c["kind"] == "number"]
        found += sum(_found(c, report) for c in scored)
        total += len(scored)
        conflicts = {c["id"] for c in report["conflicts"]}
        assert conflicts == set(truth["conflicts"]), name  # none missed, none false
    assert total > 80
    assert found / total >= 0.90, f"{found}/{total}"


def test_bed_rest_and_antibiotics_in_seed_001_are_conflicts_with_both_sources() -> None:
    report = _report((SEEDS / "001_689e3034d7da574a.txt").read_bytes(), "001_689e3034d7da574a.txt")
    by_id = {c["id"]: c for c in report["conflicts"]}
    bed, drug = by_id["bed_rest_24_48_hours"], by_id["levofloxacin_for_urinary_infection"]
    assert "rest in bed for 24-48 hours" in bed["claim"] and "cochrane_bed_rest_2010" in bed["citations"]
    assert "Levofloxacin" in drug["claim"] and drug["citations"]
    assert "stay active" in bed["position"].lower() or "staying active" in bed["position"].lower()
    levo = [c for c in report["claims"] if c["kind"] == "medicine" and "levofloxacin" in c["kb_ids"]]
    assert levo and levo[0]["verdict"] == "conflicts"
    start, end = levo[0]["span"]
    assert report_text(report, "001_689e3034d7da574a.txt")[start:end].lower() == "levofloxacin"


def report_text(report: dict[str, Any], name: str) -> str:
    return read_article((SEEDS / name).read_bytes(), name=name, readers=READERS).text


def test_missing_warning_signs_are_listed() -> None:
    report = _report((SEEDS / "002_0d29035b812f45d7.txt").read_bytes(), "002.txt")
    missing = {f for m in report["missing"] for f in m["findings"]}
    assert {"saddle_anaesthesia", "urinary_retention"} <= missing
    seed_004 = _report((SEEDS / "004_e1dc66b7e7369344.txt").read_bytes(), "004.txt")
    said = {k for c in seed_004["claims"] if c["kind"] == "warning_sign" for k in c["kb_ids"]}
    assert (
        "bowel_incontinence" in said or "urinary_incontinence" in said
    )  # "Loss of bladder and/or bowel control"


def test_furniture_and_persian_dates() -> None:
    text = (
        "Exercises for your back\n"
        "2. Knee-to-chest stretches. Share on Pinterest.\n"
        "Seek help if you lose bladder control.Mordad 21, 1399 AP\n"
        "Please dial HOTLINE for more information or register for an appointment HERE.\n"
    )
    report = _report(text.encode(), "furniture.txt")
    assert report["dates"] == ["Mordad 21, 1399 AP"]
    assert any("HOTLINE" in r for r in report["removed"])
    assert any("exercise_knee_to_chest" in c["kb_ids"] for c in report["claims"])
    assert not any("Pinterest" in c["sentence"] for c in report["claims"])


def test_arabic_article_with_a_bed_rest_conflict() -> None:
    text = (
        "ألم الظهر بعد الجماع\n"
        "يُنصح بالراحة في الفراش مدة 24 إلى 48 ساعة مع كمادات ساخنة. قد يكون السبب الانزلاق الغضروفي.\n"
    )
    report = _report(text.encode(), "ar.txt")
    assert report["language"] == "ar"
    assert [c["id"] for c in report["conflicts"]] == ["bed_rest_24_48_hours"]
    assert "الراحة في الفراش" in report["conflicts"][0]["claim"]
    kinds = {(c["kind"], k) for c in report["claims"] for k in c["kb_ids"]}
    assert ("cause", "lumbar_disc_herniation_radiculopathy") in kinds and ("advice", "heat_therapy") in kinds


def test_chinese_article_with_bed_rest_and_antibiotic_conflicts() -> None:
    text = (
        "同房后第二天腰痛怎么回事\n"
        "1. 肌肉劳损\n建议卧床休息24～48小时，并用40℃左右的热水热敷。\n"
        "2. 尿路感染\n可遵医嘱使用左氧氟沙星片等抗生素治疗。如果伴有发热，应及时就医。\n"
    )
    report = _report(text.encode(), "zh.txt")
    assert report["language"] == "zh"
    assert {c["id"] for c in report["conflicts"]} == {
        "bed_rest_24_48_hours",
        "levofloxacin_for_urinary_infection",
    }
    kinds = {(c["kind"], k) for c in report["claims"] for k in c["kb_ids"]}
    assert {("cause", "muscle_strain"), ("cause", "cystitis"), ("medicine", "levofloxacin")} <= kinds
    assert ("warning_sign", "fever") in kinds


def test_html_and_markdown_are_read_as_text(tmp_path: Path) -> None:
    html = (
        "<html><nav>Home | Health</nav><h1>Back pain</h1><script>x()</script>"
        "<p>A hot compress and staying active help.</p></html>"
    )
    md = "# Back pain\n\nA **hot compress** and [staying active](http://x) help.\n"
    for name, raw in (("a.html", html), ("a.md", md)):
        report = _report(raw.encode(), name)
        ids = {k for c in report["claims"] for k in c["kb_ids"]}
        assert {"heat_therapy", "stay_active"} <= ids, name
        assert "Home" not in read_article(raw.encode(), name=name, readers=READERS).text


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "AR501"),
        (b"   \n\t ", "AR502"),
        (b"a" * (MAX_BYTES + 1), "AR503"),
        ("Douleur au dos après l'effort: reposez-vous.".encode("latin-1"), "AR504"),
    ],
)
def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path: Path, raw: bytes, code: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(raw)
    good = tmp_path / "good.txt"
    good.write_text("Back pain after exercise: a hot compress helps.", encoding="utf-8")
    results = read_many([bad, good], workers=1)
    assert results[0]["error"]["code"] == code
    assert "report" in results[1]


def test_dask_gives_the_same_output_as_worker_processes() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    local = read_many(paths, workers=2)
    dask = read_many(paths, workers=2, engine="dask")
    assert json.dumps(local, sort_keys=True) == json.dumps(dask, sort_keys=True)
    assert [r["id"] for r in local] == [p.name for p in paths]


def test_article_terms_name_only_ids_the_knowledge_base_has() -> None:
    assert unknown_ids(KB) == []


def test_cli_add_check_report(tmp_path: Path) -> None:
    db = tmp_path / "articles.sqlite3"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    seed = SEEDS / "001_689e3034d7da574a.txt"
    (tmp_path / "in" / seed.name).write_bytes(seed.read_bytes())
    added = runner.invoke(app, ["articles", "add", str(tmp_path / "in"), "--db", str(db)])
    assert added.exit_code == 0, added.output
    assert "1 added, 1 skipped" in added.output and "AR502" in added.output
    checked = runner.invoke(app, ["articles", "check", str(seed), "--json"])
    report = json.loads(checked.stdout)
    assert set(report) >= {"language", "claims", "conflicts", "missing"}
    assert all({"kind", "text", "kb_ids", "verdict"} <= set(c) for c in report["claims"])
    md = runner.invoke(app, ["articles", "report", seed.name, "--db", str(db), "--format", "markdown"])
    assert "bed_rest_24_48_hours" in md.stdout and "cochrane_bed_rest_2010" in md.stdout
    html = runner.invoke(app, ["articles", "report", seed.name, "--db", str(db), "--format", "html"])
    assert html.stdout.startswith("<!doctype html>")
    unknown = runner.invoke(app, ["articles", "report", "nope.txt", "--db", str(db)])
    assert unknown.exit_code == 1 and "AR505" in unknown.output
