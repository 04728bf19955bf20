"""FHIR R4B export (fhir.resources): an assessment as a Bundle, the interview as a Questionnaire.

The Bundle holds a QuestionnaireResponse (what was answered), an Observation per known
finding, and a RiskAssessment (the triage level and the ranked causes with probabilities).
Resources are built as plain dicts and validated by fhir.resources' R4B models, so an export
that does not parse back is an error here, not at the receiver.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from backcheck.engine.assessment import Assessment
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Finding, Question

FINDING_SYSTEM = "https://backcheck.dev/fhir/CodeSystem/finding"
TRIAGE_SYSTEM = "https://backcheck.dev/fhir/CodeSystem/triage-level"
QUESTIONNAIRE_URL = "https://backcheck.dev/fhir/Questionnaire/low-back-pain"
SNOMED = "http://snomed.info/sct"
ICD10 = {"ICD-10": "http://hl7.org/fhir/sid/icd-10", "ICD-10-CM": "http://hl7.org/fhir/sid/icd-10-cm"}


def _finding_code(finding: Finding) -> dict[str, Any]:
    coding = [{"system": FINDING_SYSTEM, "code": finding.id, "display": finding.names.en}]
    if finding.snomed:
        coding.append({"system": SNOMED, "code": finding.snomed})
    return {"coding": coding, "text": finding.names.en}


def _value(finding: Finding, present: bool, value: float | str | None) -> dict[str, Any]:
    if finding.kind == "number" and isinstance(value, float):
        return {"valueQuantity": {"value": value, "unit": finding.unit}}
    if finding.kind == "choice" and isinstance(value, str):
        return {"valueString": value}
    return {"valueBoolean": present}


def assessment_bundle(assessment: Assessment, kb: KnowledgeBase, *, bundle_id: str | None = None) -> Bundle:
    """The assessment as a FHIR R4B collection Bundle. Ids are derived from ``bundle_id``
    (a new UUID when not given), so the same input and id give the same Bundle."""
    base = bundle_id or uuid.uuid4().hex
    # No patient identity is exported: the subject is the case's own id, if it has one.
    subject = {"display": f"case {assessment.id}" if assessment.id is not None else "anonymous"}
    entries: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    observation_refs: list[dict[str, str]] = []
    for i, obs in enumerate(assessment.observations):
        finding = kb.findings[obs.finding]
        value = _value(finding, obs.state == "present", obs.value)
        oid = f"{base}-obs-{i}"
        observation_refs.append({"reference": f"urn:uuid:{oid}"})
        entries.append(
            {
                "fullUrl": f"urn:uuid:{oid}",
                "resource": {
                    "resourceType": "Observation",
                    "id": oid,
                    "status": "final",
                    "code": _finding_code(finding),
                    **value,
                    "note": [{"text": f"source: {obs.source}"}],
                },
            }
        )
        if obs.source == "answer":
            key, given = next(iter(value.items()))
            if key == "valueQuantity":
                key, given = "valueDecimal", given["value"]
            answers.append({"linkId": obs.finding, "text": finding.names.en, "answer": [{key: given}]})
    response_id = f"{base}-qr"
    entries.insert(
        0,
        {
            "fullUrl": f"urn:uuid:{response_id}",
            "resource": {
                "resourceType": "QuestionnaireResponse",
                "id": response_id,
                "questionnaire": QUESTIONNAIRE_URL,
                "status": "completed",
                **({"item": answers} if answers else {}),
            },
        },
    )
    level = kb.levels[assessment.triage]
    risk_id = f"{base}-risk"
    entries.append(
        {
            "fullUrl": f"urn:uuid:{risk_id}",
            "resource": {
                "resourceType": "RiskAssessment",
                "id": risk_id,
                "status": "final",
                "subject": subject,
                "code": {
                    "coding": [
                        {"system": TRIAGE_SYSTEM, "code": assessment.triage, "display": level.names.en}
                    ],
                    "text": assessment.triage_name,
                },
                "method": {"text": f"backcheck, knowledge base {assessment.kb_version}"},
                **({"basis": observation_refs} if observation_refs else {}),
                "prediction": [
                    {
                        "outcome": {
                            "coding": [{"system": ICD10[c.icd10_system], "code": c.icd10, "display": c.name}],
                            "text": c.name,
                        },
                        "probabilityDecimal": round(c.probability, 6),
                        "rationale": "; ".join(
                            f"{w.finding} {w.state} (LR {w.likelihood_ratio:g}, {w.citation})" for w in c.why
                        )
                        or "prior only",
                    }
                    for c in assessment.conditions
                ],
                "mitigation": assessment.action,
                "note": [{"text": assessment.triage_reason}, {"text": assessment.disclaimer}],
            },
        }
    )
    return Bundle.model_validate(
        {"resourceType": "Bundle", "id": base, "type": "collection", "entry": entries}
    )


def fhir_json(resource: Bundle | Questionnaire) -> dict[str, Any]:
    """A resource as JSON-ready data (None fields dropped, as FHIR wants)."""
    data: dict[str, Any] = json.loads(resource.model_dump_json())
    return data


def _item(question: Question, kb: KnowledgeBase) -> dict[str, Any]:
    base: dict[str, Any] = {"linkId": question.id, "text": question.text.en}
    if question.kind == "yes_no":
        return {**base, "type": "boolean"}
    if question.kind == "number":
        return {**base, "type": "decimal"}
    if question.kind == "choice":
        options = [{"valueCoding": {"code": o.id, "display": o.text.en}} for o in question.options or []]
        return {**base, "type": "choice", "answerOption": options}
    members = [
        {"linkId": m.finding, "text": kb.findings[m.finding].names.en, "type": "boolean"}
        for m in question.members or []
    ]
    return {**base, "type": "group", "item": members}


def interview_questionnaire(kb: KnowledgeBase) -> Questionnaire:
    """The interview's questions as a FHIR R4B Questionnaire (English texts)."""
    return Questionnaire.model_validate(
        {
            "resourceType": "Questionnaire",
            "id": "low-back-pain",
            "url": QUESTIONNAIRE_URL,
            "version": kb.version,
            "name": "BackcheckLowBackPain",
            "title": "backcheck: low back pain interview",
            "status": "draft",
            "item": [_item(q, kb) for q in kb.questions.values()],
        }
    )
