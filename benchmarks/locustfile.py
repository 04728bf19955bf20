"""Locust users for the HTTP load benchmark (driven by benchmarks/http_load.py).

Each user offers ``BACKCHECK_LOAD_RATE / users`` requests per second (0: as fast as the
server answers). An interview step is one request: answering the next question, or going
back one answer, alternately, so the session stays the same length.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from locust import FastHttpUser, constant, constant_throughput, task

CASE = json.loads((Path(__file__).resolve().parents[1] / "examples" / "strain_after_sex.json").read_text())
_RATE = float(os.environ.get("BACKCHECK_LOAD_RATE", "0"))
_USERS = int(os.environ.get("BACKCHECK_LOAD_USERS", "50"))
_PACE = constant_throughput(_RATE / _USERS) if _RATE else constant(0)


class Assessment(FastHttpUser):
    wait_time = _PACE

    @task
    def assess(self) -> None:
        self.client.post("/v1/assessments", json=CASE, name="assessment")


class InterviewStep(FastHttpUser):
    wait_time = _PACE

    def on_start(self) -> None:
        created = self.client.post("/v1/sessions", json={"age": 40, "sex": "male"}, name="start")
        self.sid = created.json()["id"]
        self.forward = True

    @task
    def step(self) -> None:
        if self.forward:
            body = {"question": "legs", "value": "dont_know"}
            self.client.post(f"/v1/sessions/{self.sid}/answers", json=body, name="interview step")
        else:
            self.client.post(f"/v1/sessions/{self.sid}/back", name="interview step")
        self.forward = not self.forward
