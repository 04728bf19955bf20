"""The HTTP API: every endpoint, and bad input answered with clear JSON errors."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backcheck.interfaces.http.app import MAX_BODY, create_app
from backcheck.knowledge.base import KnowledgeBase

EXAMPLES = Path(__file__).parents[2] / "examples"


POSTGRES = os.environ.get("BACKCHECK_TEST_POSTGRES_URL")
# CI starts a throwaway PostgreSQL and sets the URL; there the PostgreSQL run must not be skipped.
NO_POSTGRES = not POSTGRES and not os.environ.get("CI")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql", marks=pytest.mark.skipif(NO_POSTGRES, reason="BACKCHECK_TEST_POSTGRES_URL not set")
    ),
]


@pytest.fixture(scope="module", params=BACKENDS)
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase
) -> Iterator[TestClient]:
    if request.param == "postgresql":
        assert POSTGRES, "CI must set BACKCHECK_TEST_POSTGRES_URL (see .ci/run)"
        url = POSTGRES
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'sessions.sqlite3'}"
    with TestClient(create_app(kb=kb, database_url=url)) as c:
        yield c


def _error(response: object, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_health_and_version(client: TestClient, kb: KnowledgeBase) -> None:
    assert client.get("/v1/health").json() == {"status": "ok"}
    assert client.get("/v1/version").json()["knowledge_base"] == kb.version


def test_one_shot_assessment_matches_the_command_line(client: TestClient) -> None:
    case = json.loads((EXAMPLES / "cauda_equina.json").read_text())
    body = client.post("/v1/assessments", json=case).json()
    assert body["triage"] in ("emergency", "emergency_ambulance")
    assert body["conditions"][0]["icd10"] and body["disclaimer"] and body["trace"]


def test_assessment_from_text_in_arabic(client: TestClient) -> None:
    body = client.post("/v1/assessments", json={"text": "عندي ألم في الظهر ولا أستطيع التبول"}).json()
    assert body["text_language"] == "ar"
    assert body["triage"] in ("emergency", "emergency_ambulance")


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ({"age": True}, "IN105", "age"),  # a boolean is not an age
        ({"age": "34"}, "IN105", "age"),  # nor is a string
        ({"age": 300}, "IN105", "age"),
        ({"colour": "red"}, "IN103", "colour"),
        ({"findings": {"no_such_finding": True}}, "IN104", "findings.no_such_finding"),
        ({"findings": {"fever": 1}}, "IN105", "findings.fever"),
    ],
)
def test_bad_cases_are_clear_json_errors(
    client: TestClient, case: dict[str, object], code: str, field: str
) -> None:
    error = _error(client.post("/v1/assessments", json=case), 422, code)
    assert error["field"].startswith(field)


def test_malformed_and_oversized_bodies(client: TestClient) -> None:
    bad = client.post("/v1/assessments", content=b"{not json", headers={"content-type": "application/json"})
    _error(bad, 400, "HT403")
    huge = client.post("/v1/assessments", json={"text": "x" * (MAX_BODY + 10)})
    _error(huge, 413, "HT402")
    # No Content-Length (chunked): the bytes are counted as they arrive.
    chunks = (part for part in [b'{"text": "', b"x" * MAX_BODY, b'"}'])
    chunked = client.post("/v1/assessments", content=chunks, headers={"content-type": "application/json"})
    _error(chunked, 413, "HT402")
    lying = client.post(
        "/v1/assessments", content=b"{}", headers={"content-type": "application/json", "content-length": "x"}
    )
    assert lying.status_code in (400, 413)


def test_interview_session_from_start_to_result_and_delete(client: TestClient) -> None:
    created = client.post("/v1/sessions", json={"lang": "en", "age": 45, "sex": "male"})
    assert created.status_code == 201
    session = created.json()
    sid = session["id"]
    assert session["next"]["kind"] == "checklist" and session["next"]["reason"]
    steps = 0
    while not session["done"]:
        ask = session["next"]
        if ask["kind"] == "checklist":
            value: object = {i["finding"]: i["finding"] == "saddle_anaesthesia" for i in ask["items"]}
        else:
            value = "dont_know"
        session = client.post(
            f"/v1/sessions/{sid}/answers", json={"question": ask["id"], "value": value}
        ).json()
        steps += 1
        assert steps < 30
    assert client.get(f"/v1/sessions/{sid}").json()["done"] is True
    result = client.get(f"/v1/sessions/{sid}/result").json()
    assert result["triage"] in ("emergency", "emergency_ambulance")
    assert client.delete(f"/v1/sessions/{sid}").status_code == 204
    _error(client.get(f"/v1/sessions/{sid}"), 404, "HT401")
    _error(client.delete(f"/v1/sessions/{sid}"), 404, "HT401")


def test_session_back_and_text_start(client: TestClient) -> None:
    session = client.post(
        "/v1/sessions", json={"lang": "zh", "age": 30, "sex": "male", "text": "搬东西后腰疼，没有发烧"}
    ).json()
    assert session["state"]["from_text"].get("after_lifting") is True
    sid = session["id"]
    first = session["next"]
    answered = client.post(
        f"/v1/sessions/{sid}/answers", json={"question": first["id"], "value": "dont_know"}
    )
    assert len(answered.json()["state"]["answers"]) == 1
    back = client.post(f"/v1/sessions/{sid}/back").json()
    assert back["state"]["answers"] == [] and back["next"]["id"] == first["id"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in back["next"]["text"])


def test_bad_answers_and_unknown_sessions(client: TestClient) -> None:
    sid = client.post("/v1/sessions", json={"age": 30, "sex": "male"}).json()["id"]
    _error(
        client.post(f"/v1/sessions/{sid}/answers", json={"question": "legs", "value": "yes"}), 422, "IN110"
    )
    _error(client.post(f"/v1/sessions/{sid}/answers", json={"question": "nope", "value": True}), 422, "IN111")
    _error(client.post(f"/v1/sessions/{sid}/answers", json={"value": True}), 422, "IN107")
    _error(
        client.post("/v1/sessions/0000/answers", json={"question": "legs", "value": "dont_know"}),
        404,
        "HT401",
    )
    _error(client.post("/v1/sessions", json={"age": "30"}), 422, "IN105")
    _error(client.post("/v1/sessions", json={"lang": "fr"}), 422, "IN105")


def test_knowledge_lookups(client: TestClient, kb: KnowledgeBase) -> None:
    conditions = client.get("/v1/knowledge/conditions").json()
    assert len(conditions) == len(kb.conditions)
    ces = client.get("/v1/knowledge/conditions/cauda_equina_syndrome").json()
    assert ces["icd10"] == kb.conditions["cauda_equina_syndrome"].icd10
    assert client.get("/v1/knowledge/citations/finucane_2020").json()["url"]
    _error(client.get("/v1/knowledge/findings/nope"), 404, "HT404")
    _error(client.get("/v1/knowledge/nonsense"), 422, "IN105")


def test_openapi_documents_the_error_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/v1/sessions/{sid}/answers" in spec["paths"]
    assert "422" in spec["paths"]["/v1/assessments"]["post"]["responses"]
