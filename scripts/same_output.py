"""Print every reading and assessment of the development and golden texts, one JSON line each.

Run: PYTHONPATH=<checkout>/src python scripts/same_output.py OUT.jsonl  (once per checkout, then
``cmp`` the two files). A speed change must leave this output byte-identical (issue 18); the
texts are read from this working tree, so both checkouts read the same ones.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from backcheck.engine.case import Case
from backcheck.errors import InputError
from backcheck.evaluation.vignettes import load_vignettes
from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.reading import read_text, red_flag_findings
from backcheck.pipeline import Context, run_case

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[str]:
    out = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "tests" / "language" / "dev").rglob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for v in load_vignettes(sorted((ROOT / "tests" / "golden").glob("cases_*.yaml"))):
        out += [text for text in v.text.values() if text]
    return out


def main() -> None:
    kb = load_knowledge_base()
    ctx = Context.create(kb)
    flags = red_flag_findings(kb)
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for text in texts():
            record: dict[str, object]
            try:
                r = read_text(text, kb=kb, packs=ctx.packs, flags=flags)
                record = {
                    "mentions": [(m.finding, m.state, m.start, m.end, m.cues, m.value) for m in r.mentions],
                    "findings": r.findings,
                    "unread": r.unread,
                    "notes": r.notes,
                }
            except InputError as err:
                record = {"error": str(err)}
            try:
                assessed = repr(run_case(Case(text=text), ctx))
            except InputError as err:
                assessed = str(err)
            record["assessment_sha256"] = hashlib.sha256(assessed.encode()).hexdigest()
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    main()
