"""Where a person in crisis can get help now, for their place (``crisis.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass

from backcheck.knowledge.base import KnowledgeBase


@dataclass(frozen=True, slots=True, kw_only=True)
class HelpLineOut:
    """One line to call, worded in the result's language."""

    name: str
    contact: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CrisisHelp:
    """The crisis message a result leads with."""

    message: str
    locale: str
    emergency_number: str | None
    lines: list[HelpLineOut]
    #: said when the place has no lines we can vouch for
    fallback: str | None
    citations: list[str]


def crisis_help(kb: KnowledgeBase, *, lang: str, locale: str | None = None) -> CrisisHelp:
    """The crisis message and lines for ``locale`` (an ISO country code such as ``GB``), or for
    the language's default place when none is given; an unlisted place gets the default entry."""
    crisis = kb.crisis
    wanted = (locale or crisis.default_locale.get(lang, "default")).upper()  # type: ignore[call-overload]
    by_locale = {x.locale.upper(): x for x in crisis.locales}
    entry = by_locale.get(wanted) or by_locale["DEFAULT"]
    return CrisisHelp(
        message=crisis.message.get(lang),
        locale=entry.locale,
        emergency_number=entry.emergency_number,
        lines=[HelpLineOut(name=line.name.get(lang), contact=line.contact) for line in entry.lines],
        fallback=None if entry.lines else crisis.no_locale.get(lang),
        citations=[*crisis.citations, *entry.citations],
    )
