"""Property-based API testing from the OpenAPI description (schemathesis): no failures allowed.

One check is left out on purpose, for the two assessment endpoints only:
``positive_data_acceptance`` expects every schema-valid case to be accepted, but a case can be
valid field by field and still contradict itself (``age: 0`` beside ``findings.age: 119``),
which the engine refuses with IN105 by design and no JSON Schema can state.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS

from backcheck.interfaces.http.app import create_app
from backcheck.knowledge.load import load_knowledge_base

app = create_app(kb=load_knowledge_base(), database_url="sqlite://")
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
SELF_CONTRADICTING = {"/v1/assessments", "/v1/assessments/fhir"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi(case: schemathesis.Case) -> None:
    excluded = (
        [CHECKS.get_by_names(["positive_data_acceptance"])[0]] if case.path in SELF_CONTRADICTING else []
    )
    case.call_and_validate(excluded_checks=excluded)
