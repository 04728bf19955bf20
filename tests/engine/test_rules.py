"""Rule semantics: unknown satisfies neither present nor absent."""

from __future__ import annotations

from backcheck.engine.evidence import Observation
from backcheck.engine.rules import matched_findings, matches
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
