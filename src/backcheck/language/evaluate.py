"""Developer tool: ``python -m backcheck.language.evaluate LANG [--golden]``.

Prints the corpus metrics for one language and every miss and false positive; with
``--golden``, also the golden vignettes assessed from their free text alone.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from backcheck.engine.case import Case, Lang
from backcheck.errors import InputError
from backcheck.evaluation.corpus import STATES, load_corpus, score_corpus
from backcheck.evaluation.vignettes import load_vignettes, outcome_of, score
from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.pack import load_pack
from backcheck.language.reading import red_flag_findings
from backcheck.pipeline import Context, run_case

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("lang", choices=["en", "ar", "zh"])
    parser.add_argument("--golden", action="store_true")
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    lang: Lang = args.lang
    kb = load_knowledge_base()
    pack = load_pack(lang)
    path = args.corpus or ROOT / "tests" / "language" / "corpus" / f"{lang}.yaml"
    if path.exists():
        s = score_corpus(load_corpus(path), kb=kb, pack=pack, red=red_flag_findings(kb))
        for line in s.errors:
            print(line)
        print(f"\n{lang}: {s.sentences} sentences")
        for state in STATES:
            print(f"  {state:13} precision {s.precision(state):.3f} recall {s.recall(state):.3f}")
        print(f"  values {s.values_right}/{s.values_total}; red-flag violations {s.red_flag_violations}")
    if args.golden:
        ctx = Context.create(kb)
        vignettes = [v for v in load_vignettes(sorted((ROOT / "tests" / "golden").glob("cases_*.yaml")))]
        outcomes = []
        for v in vignettes:
            if lang not in v.text:
                continue
            try:
                result = run_case(Case(id=v.id, text=v.text[lang]), ctx, lang=lang)
            except InputError as error:
                print(f"ERROR {v.id}: {error}")
                continue
            o = outcome_of(v, result.assessment)
            outcomes.append(o)
            if not o.acceptable or not o.cause_in_top3:
                print(
                    f"GOLDEN {v.id}: triage {o.triage} (want {v.acceptable_triage}), top3 {o.top3} "
                    f"(want {v.expected_causes})"
                )
        print(f"golden free text ({lang}): {score(outcomes)}")


if __name__ == "__main__":
    main()
