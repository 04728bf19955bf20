"""Answer a question about back pain from the knowledge base, with quotes, or say it is not known.

The answer is only ever the reviewed knowledge base's own words (the first sentences of the
passages that match best), each with its citations. Article passages are added as supporting
quotes when the knowledge base answers, never on their own: an article may say what the
guidelines advise against. A question the knowledge base does not cover gets a plain "backcheck
does not know" rather than the nearest passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from backcheck.articles.index import MAX_QUERY_TERMS, Hit, PassageIndex
from backcheck.articles.passage import Passage
from backcheck.articles.tokens import ENGLISH_STOP_WORDS, index_terms, term_groups
from backcheck.engine.case import Lang
from backcheck.errors import ErrorCode, InputError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.language.detect import detect_language

#: A passage answers a question when it holds words making up at least this share of the
#: question's weight (inverse document frequency: "back" and "pain" weigh little, "bed" a lot,
#: and a word no passage holds, like "France", the most).
MIN_COVERAGE = 0.5
#: A further knowledge-base passage is quoted only if it scores at least this share of the best.
MIN_RELATIVE_SCORE = 0.5
#: Factor for a narrow passage (see ``_narrow``) that the question does not name.
NARROW_PENALTY = 0.5
#: How many knowledge-base passages the answer's text is built from.
ANSWER_PASSAGES = 2
# Longest quote (characters) for which a second sentence is still added; Chinese packs more per
# character.
_QUOTE_BUDGET: dict[Lang, int] = {"en": 300, "ar": 300, "zh": 120}
_WORD = re.compile(r"[a-z]+")
# A sentence ends at . ! ? (and Arabic ؟) before a space, or right after a Chinese full stop.
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|(?<=[。！？])")

# What to say when the knowledge base does not cover a question. These belong in phrases.yaml
# (Phrases.labels) but that file is reviewed separately and may not be edited with this module;
# move them there (key "ask_unknown") when it next is.
NOT_KNOWN: dict[Lang, str] = {
    "en": "backcheck does not know the answer to this question: its knowledge base does not cover it.",
    "ar": "لا يعرف backcheck الإجابة عن هذا السؤال: قاعدة معرفته لا تتناوله.",
    "zh": "backcheck 不知道这个问题的答案：它的知识库没有涉及这方面的内容。",
}


class Quote(NamedTuple):
    """One quoted sentence (or two) and where it comes from."""

    passage_id: str
    source: str  # "kb" or the article's file name
    text: str
    citations: tuple[str, ...]  # citation ids; empty for an article
    title: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    """What ``ask`` found: ``known`` is False when the knowledge base does not cover the question
    (then ``text`` says so and ``quotes`` is empty)."""

    question: str
    lang: Lang
    known: bool
    text: str
    quotes: tuple[Quote, ...]
    disclaimer: str

    def to_dict(self) -> dict[str, Any]:
        """The answer as a JSON-ready object."""
        return {
            "question": self.question,
            "lang": self.lang,
            "known": self.known,
            "text": self.text,
            "quotes": [
                {
                    "passage": q.passage_id,
                    "source": q.source,
                    "title": q.title,
                    "text": q.text,
                    "citations": list(q.citations),
                }
                for q in self.quotes
            ],
            "disclaimer": self.disclaimer,
        }


def sentences(text: str) -> list[str]:
    """Split a passage into sentences (enough for quoting: abbreviations may split early)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _opening(text: str, lang: Lang) -> str:
    """The first sentence, and the second as well when both are short enough to quote."""
    parts = sentences(text)
    if not parts:
        return text.strip()
    if len(parts) > 1 and len(parts[0]) + len(parts[1]) <= _QUOTE_BUDGET[lang]:
        return f"{parts[0]} {parts[1]}" if lang != "zh" else parts[0] + parts[1]
    return parts[0]


def _best_sentence(
    text: str, lang: Lang, words: list[tuple[tuple[str, ...], float]], matched: set[str]
) -> str:
    """The sentence of an article passage holding the most of the question's weight."""
    best, best_share = "", -1.0
    for sentence in sentences(text):
        share = _share(words, matched.intersection(index_terms(sentence, lang).split()))
        if share > best_share:
            best, best_share = sentence, share
    return best or text.strip()


def _searched(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The question's distinct words, as many as the index searches (its first
    ``MAX_QUERY_TERMS`` terms), so a word the search never saw does not count as missing."""
    kept: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for group in dict.fromkeys(groups):
        if len(seen | set(group)) > MAX_QUERY_TERMS:
            break
        kept.append(group)
        seen |= set(group)
    return kept


def _weigh(groups: list[tuple[str, ...]], weights: dict[str, float]) -> list[tuple[tuple[str, ...], float]]:
    """Each word of the question with its weight: that of its most common variant, since the word
    is as informative as its most general form (ظهري is rare, ظهر is everywhere)."""
    return [(group, min(weights[t] for t in group)) for group in groups]


def _share(words: list[tuple[tuple[str, ...], float]], held: Iterable[str]) -> float:
    """Share of the question's weight among the terms ``held``; a word counts when any variant is."""
    found = set(held)
    total = sum(w for _, w in words)
    return sum(w for group, w in words if found.intersection(group)) / total if total else 0.0


def _narrow(passage: Passage, kb: KnowledgeBase) -> bool:
    """A knowledge-base passage for some people only: a condition, or advice for given conditions
    (in pregnancy, with period pain...). It should answer only a question that names its topic."""
    parts = passage.id.split(":")  # kb:<kind>:<id>:<lang>
    if len(parts) != 4:
        return False
    kind, item = parts[1], parts[2]
    if kind == "condition":
        return True
    advice = kb.advice.get(item) if kind == "advice" else None
    return advice is not None and bool(advice.for_conditions)


def _answering(
    hits: list[Hit],
    words: list[tuple[tuple[str, ...], float]],
    *,
    limit: int,
    kb: KnowledgeBase | None = None,
) -> list[Hit]:
    """The hits that answer the question, best first.

    BM25 finds the candidates; they are ranked by the share of the question's weight they hold,
    with words of their heading counting twice. Each word of the question counts once, however
    many of its variants or repetitions a passage holds, so a passage that answers the whole
    question beats one that repeats part of it. With ``kb``, a narrow passage whose heading does
    not carry half the question's weight counts half. A hit needs ``MIN_COVERAGE`` and a value
    not far behind the best; BM25 breaks ties.
    """
    ranked = []
    for hit in hits:
        coverage = _share(words, hit.matched)
        if coverage < MIN_COVERAGE:
            continue
        heading = _share(words, hit.in_title)
        value = coverage + heading
        if kb is not None and heading < 0.5 and _narrow(hit.passage, kb):
            value *= NARROW_PENALTY
        ranked.append((value, hit.score, hit))
    if not ranked:
        return []
    ranked.sort(key=lambda row: (-row[0], -row[1]))
    floor = ranked[0][0] * MIN_RELATIVE_SCORE
    return [hit for value, _, hit in ranked if value >= floor][:limit]


def resolve_language(question: str, lang: Lang | None, *, index: PassageIndex | None = None) -> Lang:
    """The question's language: ``lang`` if given, else detected.

    A short question gives the detector little to go on ("What is sciatica?" reads as Italian),
    so with ``index``, a plain-ASCII question the detector does not place in a language backcheck
    reads is taken as English when most of its words are English stop words or words that the
    English passages hold.

    Raises:
        InputError: IN108 for a question without words, IN109 for one in a language backcheck
            does not read.
    """
    if not any(ch.isalnum() for ch in question):
        raise InputError(ErrorCode.IN108, "the question has no words to search for", field="question")
    if lang is not None:
        return lang
    detection = detect_language(question)
    if detection.lang is not None:
        return detection.lang
    if index is not None and question.isascii() and _mostly_english(question, index):
        return "en"
    looks = "in a language it cannot tell" if detection.name == "unknown" else f"like {detection.name}"
    raise InputError(
        ErrorCode.IN109,
        f"the question looks {looks}; backcheck reads English, Arabic and Chinese",
        field="question",
    )


def _mostly_english(question: str, index: PassageIndex) -> bool:
    words = _WORD.findall(question.lower().replace("'", ""))
    if not words:
        return False
    content = [w for w in words if w not in ENGLISH_STOP_WORDS]
    stems = {w: index_terms(w, "en") for w in content}
    frequency = index.document_frequency([s for s in stems.values() if s], lang="en")
    known = sum(1 for w in words if w in ENGLISH_STOP_WORDS or frequency.get(stems[w], 0) > 0)
    return known >= 0.6 * len(words)


def ask(
    question: str, *, index: PassageIndex, kb: KnowledgeBase, lang: Lang | None = None, limit: int = 3
) -> Answer:
    """Answer ``question`` from the knowledge-base passages of ``index``, quoting up to ``limit``
    of them and then up to ``limit`` article passages in support.

    Raises:
        InputError: IN108 for a question without words, IN109 for one in a language backcheck
            does not read.
        ValueError: ``limit`` below 1.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    lang = resolve_language(question, lang, index=index)
    groups = _searched(term_groups(question, lang))
    words = _weigh(groups, index.term_weights((t for g in groups for t in g), lang=lang))
    candidates = max(4 * limit, 20)  # more than quoted: they are re-ranked and weak ones dropped
    found = index.search(question, lang=lang, limit=candidates, sources="kb")
    kb_hits = _answering(found, words, limit=limit, kb=kb)
    disclaimer = kb.phrases.disclaimer.get(lang)
    if not kb_hits:
        return Answer(
            question=question, lang=lang, known=False, text=NOT_KNOWN[lang], quotes=(), disclaimer=disclaimer
        )
    quotes = [
        Quote(
            h.passage.id,
            h.passage.source,
            _opening(h.passage.text, lang),
            h.passage.citations,
            h.passage.title,
        )
        for h in kb_hits
    ]
    article_hits = index.search(question, lang=lang, limit=candidates, sources="articles")
    for h in _answering(article_hits, words, limit=limit):
        sentence = _best_sentence(h.passage.text, lang, words, set(h.matched))
        quotes.append(Quote(h.passage.id, h.passage.source, sentence, (), h.passage.title))
    text = "\n".join(q.text for q in quotes[:ANSWER_PASSAGES] if q.source == "kb")
    return Answer(
        question=question, lang=lang, known=True, text=text, quotes=tuple(quotes), disclaimer=disclaimer
    )
