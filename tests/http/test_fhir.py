"""FHIR R4B export: Bundle and Questionnaire parse back with fhir.resources and compare equal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from typer.testing import CliRunner

from backcheck.engine.assess import assess
from backcheck.engine.case import Case
from backcheck.interfaces.cli.app import app as cli
from backcheck.interfaces.fhir import assessment_bundle, fhir_json, interview_questionnaire
from backcheck.interfaces.http.app import create_app
from backcheck.knowledge.base import KnowledgeBase

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def client(kb: KnowledgeBase) -> Iterator[TestClient]:
    with TestClient(create_app(kb=kb, database_url="sqlite://")) as c:
        yield c


def _resources(bundle: dict[str, object], kind: str) -> list[dict[str, object]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]  # type: ignore[attr-defined, index]


def test_bundle_round_trip_and_content(kb: KnowledgeBase) -> None:
    case = Case(id="c1", age=45, sex="male", findings={"saddle_anaesthesia": True, "temperature_c": 38.4})
    assessment = assess(case, kb)
    exported = fhir_json(assessment_bundle(assessment, kb, bundle_id="c1"))
    again = fhir_json(Bundle.model_validate_json(json.dumps(exported)))
    assert again == exported
    risk = _resources(exported, "RiskAssessment")[0]
    assert risk["code"]["coding"][0]["code"] == assessment.triage  # type: ignore[index]
    predictions = risk["prediction"]  # type: ignore[index]
    assert [p["outcome"]["coding"][0]["code"] for p in predictions] == [
        c.icd10 for c in assessment.conditions
    ]
    assert "not a diagnosis" in json.dumps(risk["note"]).lower()
    observations = _resources(exported, "Observation")
    assert len(observations) == len(assessment.observations)
    temperature = next(o for o in observations if o["code"]["coding"][0]["code"] == "temperature_c")  # type: ignore[index]
    assert temperature["valueQuantity"]["value"] == 38.4  # type: ignore[index]
    response = _resources(exported, "QuestionnaireResponse")[0]
    assert {i["linkId"] for i in response["item"]} == {"saddle_anaesthesia", "temperature_c", "age", "sex"}  # type: ignore[attr-defined]


def test_same_id_gives_the_same_bundle(kb: KnowledgeBase) -> None:
    a = assess(Case(age=30, findings={"after_lifting": True}), kb)
    assert fhir_json(assessment_bundle(a, kb, bundle_id="x")) == fhir_json(
        assessment_bundle(a, kb, bundle_id="x")
    )


def test_questionnaire_round_trip_covers_every_question(kb: KnowledgeBase) -> None:
    exported = fhir_json(interview_questionnaire(kb))
    assert fhir_json(Questionnaire.model_validate(exported)) == exported
    assert [i["linkId"] for i in exported["item"]] == list(kb.questions)
    legs = next(i for i in exported["item"] if i["linkId"] == "legs")
    assert legs["type"] == "group" and all(s["type"] == "boolean" for s in legs["item"])


def test_cli_assess_fhir(kb: KnowledgeBase) -> None:
    result = CliRunner().invoke(cli, ["assess", "--fhir", "--input", str(EXAMPLES / "cauda_equina.json")])
    assert result.exit_code == 0, result.output
    bundle = Bundle.model_validate_json(result.stdout)
    assert bundle.type == "collection"


def test_api_fhir_endpoints(client: TestClient) -> None:
    case = json.loads((EXAMPLES / "cauda_equina.json").read_text())
    bundle = client.post("/v1/assessments/fhir", json=case).json()
    Bundle.model_validate(bundle)
    Questionnaire.model_validate(client.get("/v1/fhir/Questionnaire").json())
    sid = client.post("/v1/sessions", json={"age": 40, "sex": "male"}).json()["id"]
    session_bundle = client.get(f"/v1/sessions/{sid}/fhir").json()
    assert session_bundle["id"] == sid
    Bundle.model_validate(session_bundle)
