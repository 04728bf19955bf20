"""CDS Hooks 2.0: discovery and cards in the specification's JSON shapes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from backcheck.interfaces.http.app import create_app
from backcheck.interfaces.http.cds_hooks import FINDING_SYSTEM, SERVICE_ID
from backcheck.knowledge.base import KnowledgeBase


@pytest.fixture(scope="module")
def client(kb: KnowledgeBase) -> Iterator[TestClient]:
    with TestClient(create_app(kb=kb, database_url="sqlite://")) as c:
        yield c


def _observation(code: str, **value: object) -> dict[str, object]:
    coding = {"coding": [{"system": FINDING_SYSTEM, "code": code}]}
    return {"resource": {"resourceType": "Observation", "status": "final", "code": coding, **value}}


def _call(client: TestClient, entries: list[dict[str, object]], **patient: object) -> dict[str, object]:
    body = {
        "hook": "patient-view",
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "context": {"userId": "Practitioner/1", "patientId": "1"},
        "prefetch": {
            "patient": {"resourceType": "Patient", "id": "1", **patient},
            "findings": {"resourceType": "Bundle", "type": "searchset", "entry": entries},
        },
    }
    response = client.post(f"/cds-services/{SERVICE_ID}", json=body)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_discovery_lists_the_service(client: TestClient) -> None:
    services = client.get("/cds-services").json()["services"]
    assert [s["id"] for s in services] == [SERVICE_ID]
    service = services[0]
    assert service["hook"] == "patient-view" and service["description"] and "patient" in service["prefetch"]


def test_cauda_equina_gives_a_critical_card(client: TestClient) -> None:
    out = _call(
        client, [_observation("saddle_anaesthesia", valueBoolean=True)], gender="male", birthDate="1980-05-01"
    )
    cards = out["cards"]
    assert isinstance(cards, list) and cards[0]["indicator"] == "critical"
    for card in cards:
        assert set(card) <= {"uuid", "summary", "detail", "indicator", "source", "suggestions", "links"}
        assert len(card["summary"]) <= 140 and card["source"]["label"]
        assert card["indicator"] in ("info", "warning", "critical")
    assert any(c["summary"].startswith("Red flag") for c in cards)
    assert "not a diagnosis" in cards[0]["detail"].lower()


def test_a_simple_strain_is_informational(client: TestClient) -> None:
    out = _call(
        client,
        [
            _observation("after_lifting", valueBoolean=True),
            _observation("duration_days", valueQuantity={"value": 2}),
        ],
        gender="female",
        birthDate="1990-01-01",
    )
    assert out["cards"][0]["indicator"] == "info"  # type: ignore[index]


def test_unknown_service_and_bad_request(client: TestClient) -> None:
    assert (
        client.post(
            "/cds-services/nope", json={"hook": "patient-view", "hookInstance": "x", "context": {}}
        ).status_code
        == 404
    )
    bad = client.post(f"/cds-services/{SERVICE_ID}", json={"hook": "patient-view"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "IN107"
