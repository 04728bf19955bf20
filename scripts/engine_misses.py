"""Triage misses of the knowledge base alone: each labelled development case assessed from its
LABELLED findings (age, sex, findings with numbers; no text), so the reading plays no part.

    python scripts/engine_misses.py [--details] [--set FOLDER ...]

By default: round 2 (tests/language/dev/round2), round 1 (issue14, issue13) and the first
development set; issue13's cases carry no labelled findings, so they are all skipped.

A case whose level is not in ``acceptable_triage`` is a knowledge-base fault whatever the reading
does. Cases without any labelled finding (nothing structured to assess) are skipped; labelled ids
the knowledge base does not know are dropped and counted. Development sets only: a folder under
``tests/blind`` is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from backcheck.engine.case import Case
from backcheck.engine.outcome import outcome
from backcheck.knowledge.base import KnowledgeBase, level_rank
from backcheck.knowledge.load import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "language" / "dev"
DEFAULT_SETS = [DEV / "round2", DEV / "round1" / "issue14", DEV / "round1" / "issue13", DEV]


def load(folder: Path) -> list[dict[str, Any]]:
    """The labelled cases of one folder's ``*.jsonl`` files (not its sub-folders)."""
    if "blind" in folder.resolve().parts:
        raise SystemExit("refused: development sets only (never tests/blind)")
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                if isinstance(case.get("findings"), dict):
                    cases.append(case)
    return cases


def structured(case: dict[str, Any], kb: KnowledgeBase, unknown: Counter[str]) -> Case | None:
    """The case as the engine's input from its labels alone, or None when nothing is labelled."""
    findings: dict[str, Any] = {}
    for fid, value in case["findings"].items():
        if fid not in kb.findings:
            unknown[fid] += 1
            continue
        findings[fid] = value
    if not findings:
        return None
    if case.get("about_back_pain", True) and "back_pain" in kb.findings:
        # The message is about back pain: the reading sets the complaint itself from the text.
        findings.setdefault("back_pain", True)
    return Case(age=case.get("age"), sex=case.get("sex"), findings=findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", type=Path, help="a development folder")
    parser.add_argument("--details", action="store_true", help="print each miss with its findings")
    args = parser.parse_args(argv)
    kb = load_knowledge_base()
    unknown: Counter[str] = Counter()
    under: list[tuple[str, str, list[str], dict[str, Any], list[str]]] = []
    over: list[tuple[str, str, list[str], dict[str, Any], list[str]]] = []
    assessed = skipped = 0
    for folder in args.sets or DEFAULT_SETS:
        for case in load(folder):
            acceptable: list[str] = case.get("acceptable_triage") or []
            given = structured(case, kb, unknown)
            if given is None or not acceptable:
                skipped += 1
                continue
            assessed += 1
            out = outcome(given, kb)
            level = out.decision.level
            if level in acceptable:
                continue
            rules = sorted(f.rule.id for f in out.fired)
            row = (case["id"], level, acceptable, case["findings"] | {"age": case.get("age")}, rules)
            ranks = [level_rank(a) for a in acceptable]  # type: ignore[arg-type]
            (under if level_rank(level) > max(ranks) else over).append(row)
    print(f"assessed {assessed}, skipped {skipped} (no labelled finding or nothing acceptable)")
    print(f"under-triaged {len(under)}, over-triaged {len(over)}")
    if unknown:
        print("labelled ids unknown to the knowledge base:", dict(unknown.most_common()))
    if args.details:
        for name, rows in (("UNDER", under), ("OVER", over)):
            for cid, level, acceptable, findings, rules in rows:
                print(f"{name} {cid}: {level} not in {acceptable} | {findings} | fired {rules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
