"""Read the knowledge-base YAML files into a validated :class:`KnowledgeBase`."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from backcheck.cachefolder import cache_dir
from backcheck.errors import ErrorCode, KnowledgeBaseError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.check import check_knowledge_base, duplicate_problems
from backcheck.knowledge.schema import (
    AdviceFile,
    CitationsFile,
    ConditionsFile,
    ConflictsFile,
    Crisis,
    FindingsFile,
    Manifest,
    Phrases,
    QuestionsFile,
    Scope,
    ScoresFile,
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
    """Parse one YAML file, naming the file in any error.

    Building Python objects from YAML is most of a knowledge base's load, so what a file
    parses to is kept as JSON in the cache folder under a hash of its text, and read back
    with the C JSON parser next time. Only data that JSON gives back unchanged is kept.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KnowledgeBaseError(ErrorCode.KB001, f"{path}: {err.strerror}") from err
    kept = _kept_path(text)
    if kept is not None:
        try:
            return json.loads(kept.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # not kept yet, or unreadable: parse the YAML
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise KnowledgeBaseError(ErrorCode.KB002, f"{path.name}: {err}") from err
    if kept is not None:
        _keep(kept, data)
    return data


def _kept_path(text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{yaml.__version__}\0{text}".encode()).hexdigest()[:24]
    return folder / f"yaml-{digest}.json"


def _keep(path: Path, data: Any) -> None:
    try:
        dumped = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # dates and other YAML-only types: parse the YAML every time
    if json.loads(dumped) != data:
        return  # non-string keys and the like would come back changed
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: processes starting together never read half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as out:
            out.write(dumped)
        os.replace(out.name, path)
    except OSError:
        pass  # a read-only home: parse the YAML next time


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

    # Topics may be split over several files of one kind (findings.yaml, findings_danger.yaml...),
    # each reviewed on its own; they are read in name order.
    def files(kind: str) -> list[Path]:
        found = sorted(root.glob(f"{kind}*.yaml"))
        if not found:
            raise KnowledgeBaseError(ErrorCode.KB001, f"{root / (kind + '.yaml')}: no such file")
        return found

    citation_files = files("citations")
    citations = [c for p in citation_files for c in parse(CitationsFile, p).citations]
    single = {
        name: root / f"{name}.yaml"
        for name in ("manifest", "triage", "conflicts", "phrases", "questions", "scores", "crisis", "scope")
    }
    many = {name: files(name) for name in ("findings", "conditions", "triage_rules", "advice")}
    kb_files = [*single.values(), *(p for paths in many.values() for p in paths)]
    manifest = parse(Manifest, single["manifest"])
    findings = [f for p in many["findings"] for f in parse(FindingsFile, p).findings]
    conditions = [c for p in many["conditions"] for c in parse(ConditionsFile, p).conditions]
    rules = [r for p in many["triage_rules"] for r in parse(TriageRulesFile, p).rules]
    triage = parse(Triage, single["triage"])
    advice = [a for p in many["advice"] for a in parse(AdviceFile, p).advice]
    conflicts = parse(ConflictsFile, single["conflicts"]).conflicts
    phrases = parse(Phrases, single["phrases"])
    questions = parse(QuestionsFile, single["questions"])
    scores = parse(ScoresFile, single["scores"]).scores

    # Duplicates would be silently merged by the dicts below, so catch them here.
    dupes = duplicate_problems(
        citations=[c.id for c in citations],
        findings=[f.id for f in findings],
        conditions=[c.id for c in conditions],
        rules=[r.id for r in rules],
        advice=[a.id for a in advice],
        conflicts=[c.id for c in conflicts],
        questions=[q.id for q in questions.questions],
        scores=[x.id for x in scores],
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
        scores={x.id: x for x in scores},
        crisis=parse(Crisis, single["crisis"]),
        scope=parse(Scope, single["scope"]),
    )
    if check:
        problems = check_knowledge_base(kb)
        if problems:
            listing = "; ".join(f"[{p.code.name}] {p.where}: {p.message}" for p in problems[:30])
            more = f" (and {len(problems) - 30} more)" if len(problems) > 30 else ""
            raise KnowledgeBaseError(ErrorCode.KB005, f"{len(problems)} problems: {listing}{more}")
    return kb
