"""Rule semantics: unknown satisfies neither present nor absent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck.engine.evidence import Observation
from backcheck.engine.rules import matched_findings, matches
from backcheck.knowledge.compiled import compile_expr
from backcheck.knowledge.load import load_knowledge_base
from backcheck.knowledge.schema import Expr


def obs(fid: str, present: bool) -> Observation:
    return Observation(fid, present, None, "answer")


def test_present_absent_unknown() -> None:
    ev = {"a": obs("a", True), "b": obs("b", False)}
    assert matches(Expr(present="a"), ev)
    assert not matches(Expr(present="b"), ev)
    assert matches(Expr(absent="b"), ev)
    assert not matches(Expr(present="c"), ev)
    assert not matches(Expr(absent="c"), ev)


def test_all_any() -> None:
    ev = {"a": obs("a", True), "b": obs("b", False)}
    rule = Expr.model_validate({"all": [{"present": "a"}, {"any": [{"absent": "b"}, {"present": "c"}]}]})
    assert matches(rule, ev)
    assert matched_findings(rule, ev) == ["a", "b"]
    assert not matches(Expr.model_validate({"all": [{"present": "a"}, {"present": "c"}]}), ev)


IDS = ["a", "b", "c"]
leaves = st.sampled_from(IDS).flatmap(lambda fid: st.sampled_from([{"present": fid}, {"absent": fid}]))
rules = st.recursive(
    leaves,
    lambda inner: st.builds(
        lambda key, subs: {key: subs},
        st.sampled_from(["all", "any"]),
        st.lists(inner, min_size=1, max_size=3),
    ),
    max_leaves=8,
)
states = st.dictionaries(st.sampled_from(IDS), st.booleans())


@settings(max_examples=300, deadline=None)
@given(rule=rules, known=states)
def test_compiled_rules_mean_what_matches_means(rule: dict[str, object], known: dict[str, bool]) -> None:
    # The engine's hot paths run the knowledge base's closures (knowledge/compiled.py).
    expr = Expr.model_validate(rule)
    evidence = {fid: obs(fid, present) for fid, present in known.items()}
    assert compile_expr(expr)(evidence) == matches(expr, evidence)


def test_the_knowledge_base_compiles_every_rule_it_holds() -> None:
    kb = load_knowledge_base()
    assert len(kb.rule_tests) == len(kb.rules)
    assert set(kb.exclusion_tests) == set(kb.conditions)
    assert set(kb.advice_blocks) == set(kb.advice)
    everyone = {r.when.present or "": obs(r.when.present or "", True) for r in kb.rules if r.when.present}
    for rule, test in zip(kb.rules, kb.rule_tests, strict=True):
        assert test(everyone) == matches(rule.when, everyone)
