"""Claims in an article: the causes it names, the advice it gives, warning signs, medicines
and numbers, each linked to knowledge-base ids and keeping its span (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from backcheck.articles.sections import Section, sentences
from backcheck.articles.terms import CompiledTerms
from backcheck.language.extract import extract
from backcheck.language.normalise import normalise
from backcheck.language.pack import LanguagePack

Kind = Literal["cause", "advice", "warning_sign", "medicine", "number"]
Verdict = Literal["agrees", "conflicts", "not_covered"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One thing the article says, where it says it, and what backcheck makes of it."""

    kind: Kind
    text: str  # the words matched
    sentence: str
    start: int  # offsets of ``text`` in the article's text
    end: int
    section: str
    kb_ids: list[str]
    verdict: Verdict = "not_covered"
    #: the conflict ids this claim's sentence states (verdict "conflicts")
    conflicts: list[str] = field(default_factory=list)


def find_claims(
    text: str, sections: list[Section], *, terms: CompiledTerms, pack: LanguagePack, flags: frozenset[str]
) -> tuple[list[Claim], dict[str, tuple[int, int, str]]]:
    """The claims of every sentence, and where each conflict is stated (first sentence).

    Warning signs come from the language layer (the same lexicon that reads a person's own
    words), restricted to findings that can raise a red flag.
    """
    claims: list[Claim] = []
    stated: dict[str, tuple[int, int, str]] = {}
    for section in sections:
        parts = sentences(section.text, section.start)
        if section.title_start >= 0:  # headings make claims too ("Knee-to-chest stretches")
            parts = [(section.title_start, section.title_start + len(section.title), section.title), *parts]
        # The language layer reads the whole section once (its cues find their own clauses);
        # each warning sign then goes to the sentence it starts in.
        begin = section.title_start if section.title_start >= 0 else section.start
        signs = [
            (begin + m.start, m)
            for m in extract(text[begin : section.start + len(section.text)], pack, only=flags).mentions
            if m.state != "absent"  # "no fever" is not a warning sign
        ]
        for s_start, s_end, sentence in parts:
            norm = normalise(sentence, terms.lang)
            low = norm.text
            # Only the patterns whose required words occur in the sentence (see prefilter.py).
            run, conflicts = terms.candidates(low)
            for cid, groups in (terms.conflicts[i] for i in conflicts):
                if cid not in stated and all(rx.search(low) for rx in groups):
                    stated[cid] = (s_start, s_end, sentence)
            spans: list[tuple[Kind, list[str], int, int]] = [
                (kind, [kid], m.start(), m.end())
                for kind, kid, rx in (terms.claims[i] for i in run)
                if (m := rx.search(low))
            ]
            if terms.numbers is not None:
                spans += [("number", [], m.start(), m.end()) for m in terms.numbers.finditer(low)]
            for kind, ids, a, b in spans:
                first, last = norm.span(a, b)
                claims.append(
                    Claim(
                        kind=kind,
                        text=sentence[first:last],
                        sentence=sentence,
                        start=s_start + first,
                        end=s_start + last,
                        section=section.title,
                        kb_ids=ids,
                    )
                )
            for at, mention in signs:
                if s_start <= at < s_end:
                    claims.append(
                        Claim(
                            kind="warning_sign",
                            text=mention.text,
                            sentence=sentence,
                            start=at,
                            end=at + mention.end - mention.start,
                            section=section.title,
                            kb_ids=[mention.finding],
                        )
                    )
    return claims, stated
