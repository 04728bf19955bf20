"""Shared fixtures: the bundled knowledge base, loaded once per session."""

from __future__ import annotations

import pytest

from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()
