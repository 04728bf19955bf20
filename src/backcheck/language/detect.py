"""Which language a text is written in, among those backcheck reads (lingua, offline)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from backcheck.engine.case import Lang

_SUPPORTED: dict[Language, Lang] = {Language.ENGLISH: "en", Language.ARABIC: "ar", Language.CHINESE: "zh"}
# Languages we do not read but must recognise, so that French is not mistaken for English
# or Persian for Arabic; each adds a little memory, loaded lazily by lingua.
_OTHERS = (
    Language.FRENCH, Language.SPANISH, Language.GERMAN, Language.PORTUGUESE, Language.ITALIAN,
    Language.PERSIAN, Language.URDU, Language.VIETNAMESE, Language.RUSSIAN, Language.TURKISH,
    Language.INDONESIAN, Language.JAPANESE, Language.HINDI,
)  # fmt: skip


# Frequent English words that are not words of the other Latin-script languages above; when
# they make up a good share of a plain-ASCII text, it is English and lingua is not asked.
_ENGLISH_WORDS = frozenset(
    [
        "the", "and", "my", "is", "it", "to", "of", "have", "has", "had", "with", "but", "after",
        "when", "was", "for", "this", "that", "since", "been", "it's", "i'm", "i've", "can't",
        "don't", "hurts", "hurt", "back", "pain",
    ]
)  # fmt: skip
_WORD = re.compile(r"[a-z']+")
# Letters of Persian and Urdu that Arabic does not use (پ چ ژ گ ک ی and Urdu's ٹ ڈ ڑ ں ھ ہ ۃ ے);
# Iraqi and Gulf Arabic sometimes write گ or چ for g and ch, and then lingua decides.
_PERSIAN_URDU = re.compile(
    "[\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691\u06ba\u06be\u06c1\u06c3\u06d2]"
)


def plainly_english(text: str) -> bool:
    """A cheap, conservative test: plain ASCII with at least 8 words, 30 % of them the above."""
    if not text.isascii():
        return False
    words = _WORD.findall(text.lower())
    return len(words) >= 8 and sum(w in _ENGLISH_WORDS for w in words) >= 0.3 * len(words)


@dataclass(frozen=True)
class Detection:
    """The detected language: ``lang`` is None when it is not one backcheck reads."""

    lang: Lang | None
    name: str
    confidence: float


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool) -> LanguageDetector:
    # Built once per process; the models ship inside the lingua wheel (no download). Lingua's
    # low-accuracy mode halves the cost and is reliable from about 120 characters on.
    builder = LanguageDetectorBuilder.from_languages(*_SUPPORTED, *_OTHERS)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def _share_arabic(text: str) -> float:
    letters = sum(ch.isalpha() for ch in text) or 1
    return sum("\u0600" <= ch <= "\u06ff" for ch in text) / letters


def detect_language(text: str) -> Detection:
    """Detect the language of ``text``; scripts decide first, lingua decides among Latin ones."""
    if plainly_english(text):  # saves lingua's 0.2 ms on most English texts
        return Detection("en", "English", 1.0)
    if not text.isascii():  # ASCII text has no Chinese or Arabic to count
        cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
        letters = sum(ch.isalpha() for ch in text) or 1
        if cjk / letters > 0.3 and not any("\u3040" <= ch <= "\u30ff" for ch in text):
            return Detection("zh", "Chinese", cjk / letters)
        # Arabic script (a third of the letters or more: clinicians mix in English) without a
        # letter only Persian or Urdu use is Arabic; lingua and its 100 MB of models are asked
        # only when one of those letters is there.
        arabic = _share_arabic(text)
        if arabic > 0.3 and not _PERSIAN_URDU.search(text):
            return Detection("ar", "Arabic", arabic)
    detector = _detector(len(text) >= 120)
    detected = detector.detect_language_of(text)
    if detected is None:
        return Detection(None, "unknown", 0.0)
    if detected == Language.PERSIAN and _share_arabic(text) > 0.5:
        confidence = detector.compute_language_confidence(text, detected)
        if confidence < 0.9:
            # Short back-pain texts share most words with Arabic (خدر is the same word in both).
            return Detection("ar", "Arabic", confidence)
        return Detection(None, "Persian", confidence)
    # The confidence is not needed for the decision, and computing it doubles the cost.
    return Detection(_SUPPORTED.get(detected), detected.name.title(), 1.0)
