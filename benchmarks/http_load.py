"""HTTP load benchmark on loopback: requests per second, p50/p99 and server memory.

Run: python benchmarks/http_load.py [--clients 50] [--seconds 20] [--workers 2] [--rate 300]

Starts `backcheck serve --workers N` in a subprocess (sessions in a SQLite file, or
``--database-url``), then drives it with N concurrent keep-alive connections:

* ``assessment``: one-shot assessments (POST /v1/assessments);
* ``interview``: whole interviews, as people take them. Each client is a simulated patient
  (a golden vignette, picked at random): it starts a session with its age and sex, answers
  each next question as the vignette's findings say ("don't know" otherwise), goes back and
  answers again one step in ten, fetches the result and deletes the session. Every request
  is one step;
* ``first_question``: the heaviest state, repeated: every client answers the first question
  and goes back, alternately (all questions are still open there, so choosing the next costs
  the most; the worst case, not the typical step).

Each client offers ``rate / clients`` requests per second at a random phase (``--rate 0``:
closed loop, as fast as the server answers). Memory is the servers' summed RSS after the load.

The client is a few lines of asyncio speaking HTTP/1.1 directly, because on a 2-core machine
the client shares the server's cores: httpx's async client and locust's gevent users each
added 15-20 ms to every request they timed (same server: locust p50 18 ms, this client
p50 2 ms). ``benchmarks/locustfile.py`` remains for runs from another machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from backcheck.engine.evidence import Evidence, collect_evidence
from backcheck.evaluation.vignettes import load_vignettes
from backcheck.interview.simulate import patient_answer
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base

ROOT = Path(__file__).resolve().parents[1]
CASE = (ROOT / "examples" / "strain_after_sex.json").read_bytes()
KINDS = ("assessment", "interview", "first_question")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _server_pids(root_pid: int) -> list[int]:
    pids = [root_pid]
    children = Path(f"/proc/{root_pid}/task/{root_pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    return pids


def _cpu_s(root_pid: int) -> float:
    """CPU seconds (user + system) the server processes have used so far (Linux /proc)."""
    ticks = 0
    for pid in _server_pids(root_pid):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _rss_mb(root_pid: int) -> float:
    """Summed resident memory of the server process and its children (Linux /proc)."""
    total = 0
    for pid in _server_pids(root_pid):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


class _Connection:
    """One keep-alive HTTP/1.1 connection: send a request, read the whole response."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def post(self, path: str, body: bytes = b"", *, method: str = "POST") -> tuple[int, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        self.writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split()[1])
        length = next(
            (int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length")), 0
        )  # a 204 has none
        return status, await self.reader.readexactly(length)


def _step_name(method: str, path: str) -> str:
    if method == "DELETE":
        return "delete"
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return {"sessions": "create", "answers": "answer", "back": "back", "result": "result"}.get(last, last)


class _Patient:
    """A simulated patient's side of an interview: the next request, given the last reply."""

    def __init__(self, kb: KnowledgeBase, people: list[tuple[dict[str, Any], Evidence]], rng: random.Random):
        self.kb, self.people, self.rng = kb, people, rng
        self.sid: str | None = None
        self.knows: Evidence = {}
        self.last: dict[str, Any] | None = None
        self.went_back = False

    def request(self) -> tuple[str, str, bytes]:
        """(method, path, body) of the next step."""
        if self.sid is None:
            start, self.knows = self.rng.choice(self.people)
            return "POST", "/v1/sessions", json.dumps(start).encode()
        assert self.last is not None
        ask = self.last.get("next")
        if self.last.get("done") or ask is None:
            if "triage" not in self.last:
                return "GET", f"/v1/sessions/{self.sid}/result", b""
            return "DELETE", f"/v1/sessions/{self.sid}", b""
        if not self.went_back and self.last["state"]["answers"] and self.rng.random() < 0.1:
            self.went_back = True
            return "POST", f"/v1/sessions/{self.sid}/back", b""
        self.went_back = False
        question = self.kb.questions[ask["id"]]
        shown = [item["finding"] for item in ask["items"]]
        value = patient_answer(question, shown, self.knows)
        return (
            "POST",
            f"/v1/sessions/{self.sid}/answers",
            json.dumps({"question": ask["id"], "value": value}).encode(),
        )

    def read(self, method: str, body: bytes) -> None:
        if method == "DELETE":
            self.sid, self.last = None, None
            return
        reply = json.loads(body)
        if self.sid is None:
            self.sid = reply["id"]
        self.last = reply if "triage" not in reply else {**reply, "done": True}


def _people(kb: KnowledgeBase) -> list[tuple[dict[str, Any], Evidence]]:
    """Every golden vignette as (session start, what the patient knows)."""
    out = []
    for v in load_vignettes(sorted((ROOT / "tests" / "golden").glob("cases_*.yaml"))):
        evidence, _ = collect_evidence(v.case(), kb)
        out.append(({"lang": "en", "age": v.age, "sex": v.sex}, evidence))
    return out


async def _drive(
    port: int, clients: int, seconds: float, kind: str, rate: float | None, kb: KnowledgeBase
) -> list[tuple[str, float]]:
    latencies: list[tuple[str, float]] = []
    deadline = time.perf_counter() + seconds
    people = _people(kb) if kind == "interview" else []

    async def one_client(number: int) -> None:
        gap = clients / rate if rate else 0.0  # seconds between this client's requests
        # Clients arrive spread over one gap, as people do, rather than in one burst: in a burst
        # the first server process to wake accepts most of the connections (36 of 50 seen),
        # so the figures measure that imbalance rather than the server.
        await asyncio.sleep(random.random() * gap)
        conn = _Connection(*await asyncio.open_connection("127.0.0.1", port))
        patient = _Patient(kb, people, random.Random(number))
        sid = None
        if kind == "first_question":
            _, body = await conn.post("/v1/sessions", json.dumps({"age": 40, "sex": "male"}).encode())
            sid = json.loads(body)["id"]
        due = time.perf_counter()
        forward = True
        while time.perf_counter() < deadline:
            if gap:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                due += gap
            if kind == "interview":
                method, path, payload = patient.request()
            elif kind == "assessment":
                method, path, payload = "POST", "/v1/assessments", CASE
            elif forward:
                method, path, payload = "POST", f"/v1/sessions/{sid}/answers", _STEP
            else:
                method, path, payload = "POST", f"/v1/sessions/{sid}/back", b""
            start = time.perf_counter()
            status, body = await conn.post(path, payload, method=method)
            latencies.append((_step_name(method, path), time.perf_counter() - start))
            if status >= 400:
                raise RuntimeError(f"{kind}: {method} {path}: HTTP {status} {body[:200]!r}")
            if kind == "interview":
                patient.read(method, body)
            forward = not forward
        conn.writer.close()

    await asyncio.gather(*(one_client(n) for n in range(clients)))
    return latencies


_STEP = json.dumps({"question": "legs", "value": "dont_know"}).encode()


def _figures(latencies: list[float], *, seconds: float) -> dict[str, float]:
    latencies = sorted(latencies)
    return {
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / seconds),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[max(0, int(0.99 * len(latencies)) - 1)] * 1000, 1),
    }


def _ready(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/v1/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary folder")
    parser.add_argument("--client-nice", type=int, default=10, help="niceness of the load generator")
    parser.add_argument(
        "--rate", type=float, default=300, help="total requests/s to offer (0: as fast as possible)"
    )
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    args = parser.parse_args()
    kb = load_knowledge_base()
    port = _free_port()
    folder = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{folder}/load.sqlite3"
    env = {**os.environ, "BACKCHECK_DATABASE_URL": url}
    serve = "from backcheck.interfaces.cli.app import main; main()"
    command = [sys.executable, "-c", serve, "serve", "--port", str(port), "--workers", str(args.workers)]
    server = subprocess.Popen(command, env=env)
    # The load generator shares the server's two cores (there is no third machine here):
    # it yields them to the server, so the figures are the server's, not the client's.
    # Its own timing can only lose by this (a delayed client reads a reply late).
    os.nice(args.client_nice)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if _ready(base):
                break
            time.sleep(0.1)
        time.sleep(1.0)  # let every worker finish loading
        report: dict[str, object] = {
            "clients": args.clients,
            "workers": args.workers,
            "cores": os.cpu_count(),
        }
        for kind in args.kinds:
            asyncio.run(_drive(port, args.clients, 2.0, kind, args.rate or None, kb))  # warm-up
            cpu = _cpu_s(server.pid)
            timed = asyncio.run(_drive(port, args.clients, args.seconds, kind, args.rate or None, kb))
            cpu = _cpu_s(server.pid) - cpu
            figures: dict[str, object] = {
                **_figures([t for _, t in timed], seconds=args.seconds),
                "server_cpu_ms_per_request": round(cpu / len(timed) * 1000, 2),
            }
            if kind == "interview":  # each kind of step on its own
                figures["by_step"] = {
                    step: _figures([t for s, t in timed if s == step], seconds=args.seconds)
                    for step in sorted({step for step, _ in timed})
                }
            report[kind] = figures
        report["server_rss_mb"] = round(_rss_mb(server.pid), 1)
        print(json.dumps(report, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
