"""From a person's words to the engine's findings: detect, extract, map states, merge."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from backcheck.engine.case import Case, FindingValue, Lang
from backcheck.errors import ErrorCode, InputError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.language.arabizi import looks_like_arabizi, transliterate
from backcheck.language.detect import detect_language
from backcheck.language.extract import Extracted, Extraction, extract
from backcheck.language.pack import LanguagePack

INTERVIEW_HINT = "Try the interview instead: backcheck interview"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """What was read from a text and what it means for the case."""

    language: Lang
    detected: str
    mentions: list[Extracted]
    findings: dict[str, FindingValue]
    age: int | None = None
    sex: str | None = None
    notes: list[str] = field(default_factory=list)
    #: symptom-like words no finding took (see language/extract.py)
    unread: list[str] = field(default_factory=list)


def red_flag_findings(kb: KnowledgeBase) -> frozenset[str]:
    """Findings that can make a red flag or triage tuple fire when present."""
    return frozenset(f for r in kb.rules if r.kind != "care_rule" for f in r.when.present_ids())


def read_text(
    text: str,
    *,
    kb: KnowledgeBase,
    packs: dict[Lang, LanguagePack],
    lang: Lang | None = None,
    flags: frozenset[str] | None = None,
) -> Reading:
    """Read ``text`` (in ``lang``, or the detected language) into findings for the engine.

    Raises:
        InputError: IN109 when the text is in a language backcheck does not read.
    """
    detected = lang
    name: str = lang or ""
    arabizi = False
    if detected is None:
        detection = detect_language(text)
        detected, name = detection.lang, detection.name
        # Latin letters with digits for Arabic letters ("3andi waja3 fi dahri") is Arabic typed
        # on a phone, not Indonesian or English: write it in Arabic script and read that.
        if detected != "zh" and looks_like_arabizi(text):
            detected, name, arabizi = "ar", "Arabic (Arabizi)", True
    elif detected == "ar" and looks_like_arabizi(text):
        arabizi = True
    extraction: Extraction | None = None
    if detected is None:
        # A message that says it is about back pain is about back pain: a short or mixed text
        # the detector gives to another language is still read when a pack finds the
        # complaint in it (French "mal au dos" finds none, so French is still refused).
        fallback = _complaint_reading(text, packs, complaint=kb.triage.complaint)
        if fallback is None:
            raise InputError(
                ErrorCode.IN109,
                f"the text looks like {name}; backcheck reads English, Arabic and Chinese. {INTERVIEW_HINT}",
                field="text",
            )
        detected, extraction = fallback
        name = f"{_NAMES[detected]} (the detector said {name})"
    if extraction is None:
        extraction = _extract_arabizi(text, packs["ar"]) if arabizi else extract(text, packs[detected])
    red = flags if flags is not None else red_flag_findings(kb)
    findings: dict[str, FindingValue] = {}
    notes: list[str] = []
    age: int | None = None
    sex: str | None = None
    for m in extraction.mentions:
        if m.state == "value":
            # An age is a whole number: "102.4F" is a temperature, not a 102-year-old woman.
            if (
                m.finding == "age"
                and isinstance(m.value, float)
                and m.value.is_integer()
                and 0 <= m.value <= 120
            ):
                age = int(m.value)
            elif m.finding == "sex" and isinstance(m.value, str):
                sex = m.value
            elif m.finding in kb.findings and isinstance(m.value, float):
                finding = kb.findings[m.finding]
                low, high = finding.minimum or 0.0, finding.maximum or 0.0
                if low <= m.value <= high:
                    findings[m.finding] = m.value
                else:  # a misread or a typo: say so, and let the number count for nothing
                    notes.append(
                        f"'{m.text}' was read as {m.finding} {m.value:g}, outside {low:g}-{high:g}; not used"
                    )
            continue
        value = _to_value(m, kb=kb, red=red, notes=notes)
        if value is None or m.finding not in kb.findings:
            continue
        previous = findings.get(m.finding)
        # Mentioned twice: a yes (present, or an uncertain red flag) beats a no (safety first).
        if previous is None or (value and not previous):
            findings[m.finding] = value
    return Reading(
        language=detected,
        detected=name,
        mentions=extraction.mentions,
        findings=findings,
        age=age,
        sex=sex,
        notes=notes,
        unread=extraction.unread,
    )


_NAMES: dict[Lang, str] = {"en": "English", "ar": "Arabic", "zh": "Chinese"}


def _complaint_reading(
    text: str, packs: dict[Lang, LanguagePack], *, complaint: str | None
) -> tuple[Lang, Extraction] | None:
    """The reading that finds the complaint, of English and Arabic (Arabizi for Latin script),
    the one with more findings when both do; None when neither does."""
    if complaint is None:
        return None
    latin = not any("\u0600" <= ch <= "\u06ff" for ch in text)
    tries: list[tuple[Lang, Extraction]] = []
    for lang in ("en", "ar"):
        try:
            pack = packs[lang]  # the pipeline's packs load on first use
        except KeyError:
            continue
        found = _extract_arabizi(text, pack) if lang == "ar" and latin else extract(text, pack)
        if any(m.finding == complaint and m.state == "present" for m in found.mentions):
            tries.append((lang, found))
    if not tries:
        return None
    return max(tries, key=lambda t: sum(m.state != "value" for m in t[1].mentions))


def _extract_arabizi(text: str, pack: LanguagePack) -> Extraction:
    """Read an Arabizi text through its Arabic-script spelling; spans point into the original."""
    written = transliterate(text)
    found = extract(written.text, pack)
    spans = written.normalised()

    def back(m: Extracted) -> Extracted:
        start, end = spans.span(m.start, m.end) if m.end > m.start else (m.start, m.end)
        return replace(m, start=start, end=end, text=text[start:end])

    return replace(found, mentions=[back(m) for m in found.mentions])


def _to_value(m: Extracted, *, kb: KnowledgeBase, red: frozenset[str], notes: list[str]) -> bool | None:
    if m.state == "present":
        return True
    if m.state == "absent":
        return False
    if m.state == "historical":
        finding = kb.findings.get(m.finding)
        return True if finding is not None and finding.historical_state == "present" else None
    if m.state == "uncertain" and m.finding in red:
        notes.append(f"'{m.text}' was said with uncertainty; treated as present because it is a warning sign")
        return True
    return None  # family, hypothetical, uncertain non-red-flag: not the person's own, or not known


def merge(case: Case, reading: Reading) -> Case:
    """The case with the text's findings added; structured answers win on conflict."""
    findings: dict[str, FindingValue] = dict(reading.findings)
    findings.update({k: v for k, v in case.findings.items() if v is not None})
    age = case.age if case.age is not None or "age" in findings else reading.age
    sex = case.sex if case.sex is not None or "sex" in findings else reading.sex
    return case.model_copy(
        update={"findings": findings, "age": age, "sex": sex if sex in ("female", "male") else None}
    )


def require_something(reading: Reading, case: Case) -> None:
    """Refuse a text that yields nothing when there is nothing structured either."""
    has_structured = bool(case.findings) or case.age is not None or case.sex is not None
    if not reading.findings and reading.age is None and reading.sex is None and not has_structured:
        if reading.unread:  # about health, but nothing backcheck can assess: say what it saw
            raise InputError(
                ErrorCode.IN114,
                f"the text is about health, but nothing backcheck assesses could be read in it "
                f"(not understood: {'; '.join(_cut(u) for u in reading.unread[:5])}). {INTERVIEW_HINT}",
                field="text",
            )
        raise InputError(
            ErrorCode.IN108,
            f"nothing about health could be recognised in the text ({reading.detected}). {INTERVIEW_HINT}",
            field="text",
        )


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
