"""Who backcheck is for (``scope.yaml``): people aged 16 and over."""

from __future__ import annotations

from backcheck.knowledge.base import KnowledgeBase


def under_age(kb: KnowledgeBase, age: float | None) -> bool:
    """True when the person is younger than backcheck is made for. Unknown age is not young:
    the interview asks it first, and a text that names a child's age is read for it."""
    return age is not None and age < kb.scope.min_age
