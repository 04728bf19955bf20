"""Normalising a text is normalising each character on its own (and reading decimal commas)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from backcheck.language.normalise import normalise

MIXED = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
LIKELY = st.text(alphabet=st.sampled_from(list("aB1,2 .’“İẞﬁ٣٤أإةىؤئ\u064b\u0670ـ１Ａ℃—ß背")), max_size=80)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(MIXED, LIKELY), lang=st.sampled_from(["en", "ar", "zh"]))
def test_a_text_is_its_characters_one_by_one(text: str, lang: str) -> None:
    pieces = [normalise(ch, lang).text for ch in text]
    norm = normalise(text, lang)
    assert norm.text == re.sub(r"(?<=[0-9]),(?=[0-9])", ".", "".join(pieces))
    assert list(norm.origin) == [i for i, piece in enumerate(pieces) for _ in piece]
    assert norm.length == len(text)
