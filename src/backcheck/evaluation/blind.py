"""Score a blind test set and print only aggregate figures (docs/validation.md, "Blind sets").

A blind set is written by someone who has never seen the lexicons or the knowledge base, from a
clinical brief alone. Its pattern authors must not read it: this module never prints a case's
text, id or result, only counts, so running it does not turn the set into development data.

    python -m backcheck.evaluation.blind tests/blind/issue13 [--json]

A case is one JSON line: ``text``, ``lang``, ``acceptable_triage`` (every level a careful
clinician would accept; empty when the right answer is to refuse or ask), ``emergency``,
``category`` and optional ``age``/``sex``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from backcheck.engine.case import Case, Lang
from backcheck.errors import BackcheckError
from backcheck.knowledge.base import level_rank
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context, run_case

#: Refusals: the text was not about health, not in a language backcheck reads, or empty.
REFUSALS = frozenset({"IN108", "IN109", "IN113"})


@dataclass
class Tally:
    """Counts for one slice of a blind set (a language, a category, or all)."""

    cases: int = 0
    acceptable: int = 0
    under_triaged: int = 0
    over_triaged: int = 0
    emergencies: int = 0
    emergencies_caught: int = 0
    refused: int = 0
    refused_rightly: int = 0  # acceptable_triage empty: refusing (or not self_care) is right
    self_care_cases: int = 0
    self_care_kept: int = 0  # at self_care or consultation
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, case: dict[str, Any], triage: str | None, error: str | None) -> None:
        """Count one case's outcome."""
        self.cases += 1
        acceptable: list[str] = case.get("acceptable_triage") or []
        if case.get("emergency"):
            self.emergencies += 1
            if triage is not None and level_rank(triage) <= level_rank("emergency"):  # type: ignore[arg-type]
                self.emergencies_caught += 1
        if error is not None:
            self.errors[error] += 1
            if error in REFUSALS:
                self.refused += 1
                if not acceptable:
                    self.refused_rightly += 1
                    self.acceptable += 1
            return
        assert triage is not None
        if not acceptable:  # nothing to assess: anything but self_care is tolerable
            if triage != "self_care":
                self.acceptable += 1
            return
        if ("self_care" in acceptable and acceptable[0] == "self_care") or acceptable == ["self_care"]:
            self.self_care_cases += 1
            if triage in ("self_care", "consultation"):
                self.self_care_kept += 1
        if triage in acceptable:
            self.acceptable += 1
        ranks = [level_rank(t) for t in acceptable]  # type: ignore[arg-type]
        if level_rank(triage) > max(ranks):  # type: ignore[arg-type]
            self.under_triaged += 1
        elif level_rank(triage) < min(ranks):  # type: ignore[arg-type]
            self.over_triaged += 1

    def row(self) -> dict[str, Any]:
        """JSON-ready figures."""
        out = asdict(self)
        out["errors"] = dict(self.errors)
        out["acceptable_pct"] = round(100 * self.acceptable / self.cases, 1) if self.cases else None
        return out


def load_cases(folder: Path) -> list[dict[str, Any]]:
    """Every case of every ``*.jsonl`` file in ``folder``."""
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


def score(cases: list[dict[str, Any]], ctx: Context) -> dict[str, Tally]:
    """Tallies for all cases, per language and per category (keys ``all``, ``lang:en``...)."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        lang: Lang = case["lang"]
        triage: str | None = None
        error: str | None = None
        try:
            result = run_case(
                Case(text=case["text"], age=case.get("age"), sex=case.get("sex")), ctx, lang=lang
            )
            triage = result.assessment.triage
        except BackcheckError as err:
            error = err.code.name
        except Exception as err:  # a crash is a finding too; still no case content printed
            error = f"crash:{type(err).__name__}"
        for key in ("all", f"lang:{lang}", f"category:{case.get('category', '?')}"):
            tallies[key].add(case, triage, error)
    return dict(tallies)


def main(argv: list[str] | None = None) -> int:
    """Print aggregate figures for a blind set, never a case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    ctx = Context.create(load_knowledge_base())
    tallies = score(load_cases(args.folder), ctx)
    rows = {k: tallies[k].row() for k in sorted(tallies, key=lambda k: (k != "all", k))}
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    cols = ["cases", "acceptable_pct", "under_triaged", "over_triaged", "emergencies", "emergencies_caught"]
    cols += ["refused", "refused_rightly", "self_care_cases", "self_care_kept"]
    print("slice".ljust(24) + "".join(c[:12].rjust(13) for c in cols))
    for key, row in rows.items():
        print(key.ljust(24) + "".join(str(row[c]).rjust(13) for c in cols))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
