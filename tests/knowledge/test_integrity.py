"""The bundled knowledge base: complete, cited, translated, and the checker catches breakage."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from backcheck.errors import KnowledgeBaseError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.check import check_knowledge_base
from backcheck.knowledge.load import bundled_data_dir, load_knowledge_base
from backcheck.knowledge.schema import Text


def test_bundled_kb_has_no_problems(kb: KnowledgeBase) -> None:
    assert check_knowledge_base(kb) == []


def test_sizes_meet_the_issue(kb: KnowledgeBase) -> None:
    assert len(kb.conditions) >= 25
    assert len(kb.findings) >= 70
    assert sum(r.kind == "red_flag" for r in kb.rules) >= 15
    assert any(r.kind == "tuple" for r in kb.rules)


REQUIRED_CONDITIONS = [
    "muscle_strain", "ligament_sprain", "pelvic_congestion_syndrome", "cystitis", "acute_prostatitis",
    "lumbar_disc_herniation_radiculopathy", "spondylolisthesis", "axial_spondyloarthritis",
    "postpartum_mechanical_back_pain", "pelvic_girdle_pain", "dysmenorrhoea", "kidney_deficiency_tcm",
    "cauda_equina_syndrome", "abdominal_aortic_aneurysm", "osteoporotic_vertebral_fracture",
    "traumatic_vertebral_fracture", "spinal_malignancy", "metastatic_spinal_cord_compression",
    "spinal_infection", "postoperative_spinal_infection", "pyelonephritis", "kidney_stone",
    "pelvic_inflammatory_disease", "preterm_labour", "lumbar_spinal_stenosis",
]  # fmt: skip


@pytest.mark.parametrize("condition_id", REQUIRED_CONDITIONS)
def test_issue_conditions_present(kb: KnowledgeBase, condition_id: str) -> None:
    assert condition_id in kb.conditions


def test_pelvic_congestion_is_marked_weak(kb: KnowledgeBase) -> None:
    assert kb.conditions["pelvic_congestion_syndrome"].evidence == "weak"


def test_every_number_is_cited_and_graded(kb: KnowledgeBase) -> None:
    for condition in kb.conditions.values():
        for number in [*condition.priors, *condition.likelihoods]:
            assert number.citation in kb.citations, condition.id
            if kb.citations[number.citation].kind == "expert_estimate":
                assert number.grade == "expert_estimate", (condition.id, number)


def test_every_clinical_item_cites(kb: KnowledgeBase) -> None:
    items = [*kb.findings.values(), *kb.conditions.values(), *kb.rules, *kb.advice.values()]
    for item in items:
        assert item.citations, item.id
        assert all(c in kb.citations for c in item.citations), item.id


def test_seed_articles_are_all_cited(kb: KnowledgeBase) -> None:
    files = {c.file for c in kb.citations.values() if c.kind == "seed_article"}
    assert len(files) == 5


def test_icd10_codes_look_right(kb: KnowledgeBase) -> None:
    for c in kb.conditions.values():
        assert re.match(r"^[A-TV-Z]\d", c.icd10), c.id


def _names(kb: KnowledgeBase) -> list[Text]:
    return [*(f.names for f in kb.findings.values()), *(c.names for c in kb.conditions.values())]


def test_names_in_three_scripts(kb: KnowledgeBase) -> None:
    for names in _names(kb):
        assert re.search(r"[A-Za-z]", names.en)
        assert re.search(r"[\u0600-\u06FF]", names.ar), names.en
        assert re.search(r"[\u4E00-\u9FFF]", names.zh), names.en


@pytest.mark.parametrize("topic", ["bed_rest", "antibiotics", "sex_limit", "unproven_remedy"])
def test_seed_conflicts_recorded(kb: KnowledgeBase, topic: str) -> None:
    assert any(c.topic == topic for c in kb.conflicts.values())


def test_red_flags_never_self_care(kb: KnowledgeBase) -> None:
    assert all(r.level != "self_care" for r in kb.rules if r.kind != "care_rule")


# --- the checker catches breakage -------------------------------------------------------------


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target


def _edit(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_unknown_finding_reference_is_named(kb_copy: Path) -> None:
    _edit(
        kb_copy / "conditions.yaml", lambda d: d["conditions"][0]["likelihoods"][0].update(finding="nope_x")
    )
    kb = load_knowledge_base(kb_copy, check=False)
    problems = check_knowledge_base(kb)
    assert any(p.code.name == "KB005" and "nope_x" in p.message for p in problems)


def test_unknown_citation_is_named(kb_copy: Path) -> None:
    _edit(kb_copy / "triage_rules.yaml", lambda d: d["rules"][0].update(citations=["no_such_paper"]))
    problems = check_knowledge_base(load_knowledge_base(kb_copy, check=False))
    assert any(p.code.name == "KB006" and "no_such_paper" in p.message for p in problems)


def test_untranslated_text_is_named(kb_copy: Path) -> None:
    _edit(kb_copy / "advice.yaml", lambda d: d["advice"][0]["text"].update(ar="copied English"))
    problems = check_knowledge_base(load_knowledge_base(kb_copy, check=False))
    assert any(p.code.name == "KB008" for p in problems)


def test_extra_key_is_a_schema_error(kb_copy: Path) -> None:
    _edit(kb_copy / "findings.yaml", lambda d: d["findings"][0].update(colour="red"))
    with pytest.raises(KnowledgeBaseError, match=r"KB003.*colour"):
        load_knowledge_base(kb_copy)


def test_broken_yaml_is_named(kb_copy: Path) -> None:
    (kb_copy / "advice.yaml").write_text("advice: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"KB002.*advice\.yaml"):
        load_knowledge_base(kb_copy)


def test_duplicate_id_is_named(kb_copy: Path) -> None:
    _edit(kb_copy / "findings.yaml", lambda d: d["findings"].append(d["findings"][0]))
    with pytest.raises(KnowledgeBaseError, match="KB004"):
        load_knowledge_base(kb_copy)


def test_estimate_cannot_pose_as_published(kb_copy: Path) -> None:
    def pose(d: dict) -> None:  # type: ignore[type-arg]
        prior = d["conditions"][0]["priors"][0]
        prior.update(citation="backcheck_expert_estimate", grade="published")

    _edit(kb_copy / "conditions.yaml", pose)
    problems = check_knowledge_base(load_knowledge_base(kb_copy, check=False))
    assert any(p.code.name == "KB006" and "expert_estimate" in p.message for p in problems)


def test_warning_sign_no_question_can_ask_is_named(kb_copy: Path) -> None:
    # Safety: a red-flag finding the interview could never ask about is a knowledge-base error.
    def drop(d: dict) -> None:  # type: ignore[type-arg]
        for q in d["questions"]:
            if q.get("members"):
                q["members"] = [m for m in q["members"] if m != "saddle_anaesthesia"]

    _edit(kb_copy / "questions.yaml", drop)
    problems = check_knowledge_base(load_knowledge_base(kb_copy, check=False))
    assert any(p.code.name == "KB005" and "saddle_anaesthesia" in p.where for p in problems)


def test_question_of_the_wrong_shape_is_a_schema_error(kb_copy: Path) -> None:
    _edit(kb_copy / "questions.yaml", lambda d: d["questions"][0].update(options=[]))
    with pytest.raises(KnowledgeBaseError, match=r"KB003.*takes no options"):
        load_knowledge_base(kb_copy)
