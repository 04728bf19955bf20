"""Read the knowledge-base YAML files into a validated :class:`KnowledgeBase`."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from backcheck.errors import ErrorCode, KnowledgeBaseError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.check import check_knowledge_base, duplicate_problems
from backcheck.knowledge.schema import (
    AdviceFile,
    CitationsFile,
    ConditionsFile,
    ConflictsFile,
    FindingsFile,
    Manifest,
    Phrases,
    QuestionsFile,
    Triage,
    TriageRulesFile,
)

M = TypeVar("M", bound=BaseModel)

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def bundled_data_dir() -> Path:
    """The knowledge base shipped inside the package."""
    return Path(str(resources.files("backcheck.knowledge") / "data"))


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, naming the file in any error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KnowledgeBaseError(ErrorCode.KB001, f"{path}: {err.strerror}") from err
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise KnowledgeBaseError(ErrorCode.KB002, f"{path.name}: {err}") from err


def parse(model: type[M], path: Path) -> M:
    """Validate one file against its schema, listing every problem with its location."""
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as err:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()[:20])
        raise KnowledgeBaseError(ErrorCode.KB003, f"{path.name}: {problems}") from err


def _digest(paths: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:12]


def load_knowledge_base(data_dir: Path | None = None, *, check: bool = True) -> KnowledgeBase:
    """Load, validate and (by default) cross-check a knowledge base.

    Args:
        data_dir: folder of YAML files; the bundled knowledge base when omitted.
        check: run the cross-reference checker and raise on any problem.

    Example:
        >>> kb = load_knowledge_base()
        >>> "cauda_equina_syndrome" in kb.conditions
        True
    """
    root = data_dir or bundled_data_dir()
    citation_files = sorted(root.glob("citations*.yaml"))
    citations = [c for p in citation_files for c in parse(CitationsFile, p).citations]
    kb_files = [
        root / name
        for name in (
            "manifest.yaml",
            "findings.yaml",
            "conditions.yaml",
            "triage_rules.yaml",
            "triage.yaml",
            "advice.yaml",
            "conflicts.yaml",
            "phrases.yaml",
            "questions.yaml",
        )
    ]
    manifest = parse(Manifest, kb_files[0])
    findings = parse(FindingsFile, kb_files[1]).findings
    conditions = parse(ConditionsFile, kb_files[2]).conditions
    rules = parse(TriageRulesFile, kb_files[3]).rules
    triage = parse(Triage, kb_files[4])
    advice = parse(AdviceFile, kb_files[5]).advice
    conflicts = parse(ConflictsFile, kb_files[6]).conflicts
    phrases = parse(Phrases, kb_files[7])
    questions = parse(QuestionsFile, kb_files[8])

    # Duplicates would be silently merged by the dicts below, so catch them here.
    dupes = duplicate_problems(
        citations=[c.id for c in citations],
        findings=[f.id for f in findings],
        conditions=[c.id for c in conditions],
        rules=[r.id for r in rules],
        advice=[a.id for a in advice],
        conflicts=[c.id for c in conflicts],
        questions=[q.id for q in questions.questions],
    )
    if dupes:
        raise KnowledgeBaseError(ErrorCode.KB004, "; ".join(p.message for p in dupes))

    kb = KnowledgeBase(
        manifest=manifest,
        digest=_digest(citation_files + kb_files),
        citations={c.id: c for c in citations},
        findings={f.id: f for f in findings},
        conditions={c.id: c for c in conditions},
        rules=tuple(rules),
        triage=triage,
        advice={a.id: a for a in advice},
        conflicts={c.id: c for c in conflicts},
        phrases=phrases,
        questions={q.id: q for q in questions.questions},
        interview=questions.settings,
    )
    if check:
        problems = check_knowledge_base(kb)
        if problems:
            listing = "; ".join(f"[{p.code.name}] {p.where}: {p.message}" for p in problems[:30])
            more = f" (and {len(problems) - 30} more)" if len(problems) > 30 else ""
            raise KnowledgeBaseError(ErrorCode.KB005, f"{len(problems)} problems: {listing}{more}")
    return kb
