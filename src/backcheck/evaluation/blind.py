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
import re
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from backcheck.engine.case import Case, Lang
from backcheck.engine.evidence import collect_evidence
from backcheck.errors import BackcheckError
from backcheck.knowledge.base import KnowledgeBase, level_rank
from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.reading import merge
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
    back_pain_refused: int = 0  # messages about back pain that were refused
    errors: Counter[str] = field(default_factory=Counter)
    #: finding level, for sets labelled with findings: (true positives, false positives,
    #: false negatives) for stated-present findings, over warning signs and over all findings
    signs: list[int] = field(default_factory=lambda: [0, 0, 0])
    every: list[int] = field(default_factory=lambda: [0, 0, 0])
    #: stated-absent findings read as absent / stated absent
    absent: list[int] = field(default_factory=lambda: [0, 0])

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
            if error in REFUSALS and case.get("about_back_pain"):
                self.back_pain_refused += 1
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

    def add_findings(
        self,
        labels: dict[str, Any],
        read: dict[str, bool],
        signs: frozenset[str],
        *,
        direct: dict[str, bool] | None = None,
        vocabulary: frozenset[str] | None = None,
    ) -> None:
        """Count one case's findings: ``labels`` as the writer stated them (true/false; numbers
        are left out here), ``read`` what backcheck concluded (implied findings included),
        ``direct`` what it read in the words themselves. A finding only implied (significant
        trauma from a crash) is never a false positive, and findings outside the writers'
        ``vocabulary`` (added after the set was written) are not counted at all."""
        stated = {k: v for k, v in labels.items() if isinstance(v, bool)}
        said = direct if direct is not None else read
        candidates = set(stated) | {f for f, v in said.items() if v}
        for fid in candidates:
            if vocabulary is not None and fid not in vocabulary:
                continue
            truth, got = stated.get(fid), read.get(fid)
            if truth is not True and got is True and said.get(fid) is not True:
                got = None  # implied only: not the reading's claim
            for tally, counted in ((self.every, True), (self.signs, fid in signs)):
                if not counted:
                    continue
                if truth is True and got is True:
                    tally[0] += 1
                elif got is True:  # read as present, stated absent or not stated
                    tally[1] += 1
                elif truth is True:
                    tally[2] += 1
            if truth is False:
                self.absent[1] += 1
                if got is False:
                    self.absent[0] += 1

    def row(self) -> dict[str, Any]:
        """JSON-ready figures."""
        out = asdict(self)
        out["errors"] = dict(self.errors)
        out["acceptable_pct"] = round(100 * self.acceptable / self.cases, 1) if self.cases else None
        for name in ("signs", "every"):
            tp, fp, fn = out.pop(name)
            out[f"{name}_recall"] = round(tp / (tp + fn), 3) if tp + fn else None
            out[f"{name}_precision"] = round(tp / (tp + fp), 3) if tp + fp else None
            out[f"{name}_stated"] = tp + fn
        right, stated = out.pop("absent")
        out["absent_recall"] = round(right / stated, 3) if stated else None
        return out


def load_cases(folder: Path) -> list[dict[str, Any]]:
    """Every case of every ``*.jsonl`` file in ``folder``."""
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


def _read_findings(case: Case, reading_findings: Any, kb: KnowledgeBase) -> dict[str, bool]:
    """Boolean findings as the engine sees them (implied ones included), not derived ones."""
    evidence, _ = collect_evidence(merge(case, reading_findings).model_copy(update={"text": None}), kb)
    return {
        fid: o.present
        for fid, o in evidence.items()
        if kb.findings[fid].kind == "boolean" and kb.findings[fid].derived_from is None
    }


def vocabulary_of(folder: Path) -> frozenset[str] | None:
    """The finding ids the writers were given (``- id: meaning`` lines of the folder's BRIEF.md)."""
    brief = folder / "BRIEF.md"
    if not brief.is_file():
        return None
    ids = re.findall(r"^- ([a-z][a-z0-9_]*):", brief.read_text(encoding="utf-8"), flags=re.M)
    return frozenset(ids) or None


def score(
    cases: list[dict[str, Any]],
    ctx: Context,
    *,
    vocabulary: frozenset[str] | None = None,
    given_lang: bool = False,
) -> dict[str, Tally]:
    """Tallies for all cases, per language and per category (keys ``all``, ``lang:en``...).

    The language is detected, as it is for a person who types into backcheck; ``given_lang``
    passes each case's language instead (as an API caller who knows it would).
    """
    tallies: dict[str, Tally] = defaultdict(Tally)
    signs = frozenset(ctx.kb.warning_signs)
    for case in cases:
        lang: Lang = case["lang"]
        triage: str | None = None
        error: str | None = None
        read: dict[str, bool] = {}
        direct: dict[str, bool] = {}
        try:
            given = Case(text=case["text"], age=case.get("age"), sex=case.get("sex"))
            result = run_case(given, ctx, lang=lang if given_lang else None)
            triage = result.assessment.triage
            if result.reading is not None:
                read = _read_findings(given, result.reading, ctx.kb)
                direct = {k: v for k, v in result.reading.findings.items() if isinstance(v, bool)}
        except BackcheckError as err:
            error = err.code.name
        except Exception as err:  # a crash is a finding too; still no case content printed
            error = f"crash:{type(err).__name__}"
        keys = ["all", f"lang:{lang}"]
        if "category" in case:
            keys.append(f"category:{case['category']}")
        if "register" in case:
            keys.append(f"register:{case['register']}")
        for key in keys:
            tallies[key].add(case, triage, error)
            if isinstance(case.get("findings"), dict):
                tallies[key].add_findings(case["findings"], read, signs, direct=direct, vocabulary=vocabulary)
    return dict(tallies)


def _details(cases: list[dict[str, Any]], ctx: Context, *, given_lang: bool) -> None:
    """For development sets: each case whose level or findings miss, with what was read."""
    for case in cases:
        given = Case(text=case["text"], age=case.get("age"), sex=case.get("sex"))
        try:
            result = run_case(given, ctx, lang=case["lang"] if given_lang else None)
        except BackcheckError as err:
            print(f"{case.get('id')}: {err.code.name} | {case['text'][:160]}")
            continue
        assert result.reading is not None
        read = _read_findings(given, result.reading, ctx.kb)
        stated = {k: v for k, v in (case.get("findings") or {}).items() if isinstance(v, bool)}
        missed = sorted(f for f, v in stated.items() if v and read.get(f) is not True)
        extra = sorted(f for f, v in read.items() if v and stated.get(f) is not True)
        wrong_absent = sorted(f for f, v in stated.items() if v is False and read.get(f) is not False)
        level = result.assessment.triage
        ok = level in (case.get("acceptable_triage") or [level])
        if ok and not missed and not extra and not wrong_absent:
            continue
        verdict = "ok" if ok else f"TRIAGE {level} not in {case.get('acceptable_triage')}"
        print(
            f"{case.get('id')}: {verdict} | missed {missed} | extra {extra}"
            f" | absent-missed {wrong_absent} | {case['text'][:200]}"
        )


def main(argv: list[str] | None = None) -> int:
    """Print aggregate figures for a blind set, never a case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--lang", choices=["en", "ar", "zh"], help="only the cases in this language")
    parser.add_argument(
        "--details",
        action="store_true",
        help="development sets only: print each case that misses (refused for a folder under blind/)",
    )
    parser.add_argument(
        "--given-lang",
        action="store_true",
        help="pass each case's language instead of detecting it (detecting is how people use backcheck)",
    )
    args = parser.parse_args(argv)
    if args.details and "blind" in args.folder.resolve().parts:
        parser.error("--details would expose a blind test set; it is for development sets only")
    ctx = Context.create(load_knowledge_base())
    cases = [c for c in load_cases(args.folder) if args.lang is None or c["lang"] == args.lang]
    if args.details:
        _details(cases, ctx, given_lang=args.given_lang)
    tallies = score(cases, ctx, vocabulary=vocabulary_of(args.folder), given_lang=args.given_lang)
    rows = {k: tallies[k].row() for k in sorted(tallies, key=lambda k: (k != "all", k))}
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    cols = ["cases", "acceptable_pct", "under_triaged", "over_triaged", "emergencies", "emergencies_caught"]
    cols += ["refused", "refused_rightly", "back_pain_refused", "self_care_cases", "self_care_kept"]
    if any(r["every_stated"] for r in rows.values()):
        cols += ["signs_recall", "signs_precision", "every_recall", "every_precision", "absent_recall"]
    print("slice".ljust(22) + "".join(c.replace("_", " ")[:10].rjust(11) for c in cols))
    for key, row in rows.items():
        print(key.ljust(22) + "".join(str(row[c]).rjust(11) for c in cols))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
