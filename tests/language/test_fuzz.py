"""Arbitrary Unicode never crashes the extractor (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcheck.language.extract import extract
from backcheck.language.pack import load_pack

PACKS = {lang: load_pack(lang) for lang in ("en", "ar", "zh")}
MIXED = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # any code point a str can hold
    max_size=400,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=MIXED, lang=st.sampled_from(["en", "ar", "zh"]))
def test_any_text_any_pack(text: str, lang: str) -> None:
    extraction = extract(text, PACKS[lang])  # type: ignore[index]
    for m in extraction.mentions:
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text


@settings(max_examples=5, deadline=None)
@given(chunk=st.text(min_size=1, max_size=50), lang=st.sampled_from(["en", "ar", "zh"]))
def test_100_kb_text(chunk: str, lang: str) -> None:
    text = (chunk + " 背痛 ألم back pain 😀\x00\u200f ") * (100_000 // (len(chunk) + 20) + 1)
    extract(text[:100_000], PACKS[lang])  # type: ignore[index]
