"""CDS Hooks 2.0: discovery and a ``patient-view`` service returning triage cards.

There is no maintained CDS Hooks library on PyPI; the JSON shapes follow the specification
(https://cds-hooks.hl7.org/2.0/). Findings come from the prefetch: the Patient (age from
``birthDate``, sex from ``gender``) and a Bundle of Observations coded with backcheck's
finding ids (system :data:`FINDING_SYSTEM`), ``valueBoolean`` or ``valueQuantity``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from backcheck.danger.scope import under_age
from backcheck.engine.assess import assess
from backcheck.engine.case import Case, FindingValue
from backcheck.errors import ErrorCode
from backcheck.interfaces.http.api import ApiError

FINDING_SYSTEM = "https://backcheck.dev/fhir/CodeSystem/finding"
SERVICE_ID = "backcheck-low-back-pain"

router = APIRouter()

_INDICATOR: dict[str, Literal["critical", "warning", "info"]] = {
    "emergency_ambulance": "critical",
    "emergency": "critical",
    "consultation_24": "warning",
    "consultation": "info",
    "self_care": "info",
}


class Source(BaseModel):
    label: str
    url: str | None = None


class Link(BaseModel):
    label: str
    url: str
    type: Literal["absolute", "smart"] = "absolute"


class Card(BaseModel):
    """A CDS Hooks card (summary at most 140 characters, as the specification requires)."""

    summary: Annotated[str, Field(max_length=140)]
    indicator: Literal["info", "warning", "critical"]
    source: Source
    detail: str | None = None
    links: list[Link] = Field(default_factory=list)


class HookRequest(BaseModel):
    """The body of a service call; unknown keys are allowed, as the specification asks."""

    model_config = ConfigDict(extra="allow")

    hook: str
    hookInstance: str  # noqa: N815 (the specification's name)
    context: dict[str, Any]
    prefetch: dict[str, Any] | None = None


@router.get("/cds-services")
async def discovery() -> dict[str, Any]:
    """The services this server offers."""
    return {
        "services": [
            {
                "hook": "patient-view",
                "id": SERVICE_ID,
                "title": "backcheck: low back pain triage",
                "description": "Red flags, a five-level triage and the likely causes of low back pain "
                "from the patient's recorded findings. Not a diagnosis.",
                "prefetch": {
                    "patient": "Patient/{{context.patientId}}",
                    "findings": f"Observation?patient={{{{context.patientId}}}}&code={FINDING_SYSTEM}|",
                },
            }
        ]
    }


def _age(birth: str | None, today: date) -> int | None:
    if not birth:
        return None
    try:
        born = date.fromisoformat(birth[:10]) if len(birth) >= 10 else date(int(birth[:4]), 7, 1)
    except ValueError:
        return None
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years if 0 <= years <= 120 else None


def findings_from_prefetch(prefetch: dict[str, Any]) -> dict[str, FindingValue]:
    """backcheck findings from Observations coded in :data:`FINDING_SYSTEM`; others are ignored."""
    out: dict[str, FindingValue] = {}
    bundle = prefetch.get("findings") or {}
    for entry in bundle.get("entry", []) if isinstance(bundle, dict) else []:
        resource = entry.get("resource", {}) if isinstance(entry, dict) else {}
        codings = resource.get("code", {}).get("coding", []) if isinstance(resource, dict) else []
        for coding in codings:
            if coding.get("system") != FINDING_SYSTEM or not isinstance(coding.get("code"), str):
                continue
            if isinstance(resource.get("valueBoolean"), bool):
                out[coding["code"]] = resource["valueBoolean"]
            elif isinstance(resource.get("valueQuantity"), dict):
                value = resource["valueQuantity"].get("value")
                if isinstance(value, int | float) and not isinstance(value, bool):
                    out[coding["code"]] = float(value)
    return out


@router.post("/cds-services/{service_id}", response_model_exclude_none=True)
async def call_service(request: Request, service_id: str, body: HookRequest) -> dict[str, list[Card]]:
    """Cards: the triage level with what to do, each red flag, and the leading causes."""
    if service_id != SERVICE_ID:
        raise ApiError(ErrorCode.HT404, f"no CDS service {service_id!r}", status=404)
    kb = request.app.state.ctx.kb
    prefetch = body.prefetch or {}
    patient = prefetch.get("patient") or {}
    gender = patient.get("gender") if isinstance(patient, dict) else None
    case = Case(
        age=_age(patient.get("birthDate") if isinstance(patient, dict) else None, date.today()),
        sex=gender if gender in ("female", "male") else None,
        findings={k: v for k, v in findings_from_prefetch(prefetch).items() if k in kb.findings},
    )
    source = Source(label=f"backcheck (knowledge base {kb.version})")
    if not case.has_information() and not under_age(kb, case.age):
        # No information is not reassurance: say that nothing was assessed, never "self-care".
        return {
            "cards": [
                Card(
                    summary="backcheck: no back-pain findings recorded, so nothing was assessed",
                    indicator="info",
                    source=source,
                    detail="The prefetch held no Observations coded with backcheck's finding ids "
                    f"({FINDING_SYSTEM}). Record the findings, or use the interview, to get a triage level.",
                )
            ]
        }
    a = assess(case, kb)
    cards = []
    if a.crisis is not None:
        lines = "; ".join(f"{line.name}: {line.contact}" for line in a.crisis.lines)
        cards.append(
            Card(
                summary="Crisis: thoughts of suicide or self-harm recorded; act on this first",
                indicator="critical",
                source=source,
                detail=f"{a.crisis.message} {lines}".strip(),
            )
        )
    if a.scope is not None:
        cards.append(
            Card(summary=a.scope.title[:140], indicator="warning", source=source, detail=a.scope.message)
        )
    cards += [
        Card(
            summary=f"{a.triage_name}: {a.action}"[:140],
            indicator=_INDICATOR[a.triage],
            source=source,
            detail=f"{a.triage_reason}\n\n{a.disclaimer}",
            links=[Link(label="Full assessment (API)", url=str(request.url_for("create_assessment")))],
        )
    ]
    for hit in a.red_flags:
        urgent = hit.level.startswith("emergency")
        summary = f"Red flag: {hit.name}"[:140]
        cards.append(
            Card(
                summary=summary,
                indicator="critical" if urgent else "warning",
                source=source,
                detail=hit.reason,
            )
        )
    causes = ", ".join(f"{c.name} ({c.icd10}, {c.probability:.0%})" for c in a.conditions[:3])
    cards.append(Card(summary="Likely causes"[:140], indicator="info", source=source, detail=causes))
    return {"cards": cards}
