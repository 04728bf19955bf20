"""HTTP load benchmark on loopback: requests per second, p50/p99 and server memory.

Run: python benchmarks/http_load.py [--clients 50] [--seconds 20] [--workers 2]
Starts `backcheck serve --workers N` in a subprocess (sessions in a SQLite file, or
``--database-url``), then drives it with an async
httpx client: one-shot assessments (POST /v1/assessments) and interview steps (POST
/v1/sessions/{id}/answers), each for the given time with the given number of concurrent
clients, offering ``--rate`` requests per second in all (each client paced; 0 = closed
loop, as fast as the server answers). Memory is the servers' summed RSS after the load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx  # the test extra's HTTP client (starlette's TestClient wants httpx2)

ROOT = Path(__file__).resolve().parents[1]
CASE = json.loads((ROOT / "examples" / "strain_after_sex.json").read_text(encoding="utf-8"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _rss_mb(root_pid: int) -> float:
    """Summed resident memory of the server process and its children (Linux /proc)."""
    pids = [root_pid]
    children = Path(f"/proc/{root_pid}/task/{root_pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def _drive(base: str, clients: int, seconds: float, kind: str, rate: float | None) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def one_client() -> None:
            sid = None
            gap = clients / rate if rate else 0.0  # seconds between this client's requests
            due = time.perf_counter()
            while time.perf_counter() < deadline:
                if gap:
                    due += gap
                    await asyncio.sleep(max(0.0, due - time.perf_counter()))
                if kind == "interview" and sid is None:
                    sid = (await client.post("/v1/sessions", json={"age": 40, "sex": "male"})).json()["id"]
                start = time.perf_counter()
                if kind == "assessment":
                    response = await client.post("/v1/assessments", json=CASE)
                else:
                    step = {"question": "legs", "value": "dont_know"}
                    response = await client.post(f"/v1/sessions/{sid}/answers", json=step)
                    await client.post(f"/v1/sessions/{sid}/back")  # stay on the same step
                latencies.append(time.perf_counter() - start)
                response.raise_for_status()

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary folder")
    parser.add_argument(
        "--rate", type=float, default=300, help="total requests/s to offer (0: as fast as possible)"
    )
    args = parser.parse_args()
    port = _free_port()
    folder = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{folder}/load.sqlite3"
    env = {**os.environ, "BACKCHECK_DATABASE_URL": url}
    serve = "from backcheck.interfaces.cli.app import main; main()"
    command = [sys.executable, "-c", serve, "serve", "--port", str(port), "--workers", str(args.workers)]
    server = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        time.sleep(1.0)  # let every worker finish loading
        report: dict[str, object] = {
            "clients": args.clients,
            "workers": args.workers,
            "cores": os.cpu_count(),
        }
        for kind in ("assessment", "interview"):
            asyncio.run(_drive(base, args.clients, 2.0, kind, args.rate or None))  # warm-up
            latencies = sorted(asyncio.run(_drive(base, args.clients, args.seconds, kind, args.rate or None)))
            report[kind] = {
                "requests": len(latencies),
                "requests_per_s": round(len(latencies) / args.seconds),
                "p50_ms": round(statistics.median(latencies) * 1000, 1),
                "p99_ms": round(latencies[int(0.99 * len(latencies)) - 1] * 1000, 1),
            }
        report["server_rss_mb"] = round(_rss_mb(server.pid), 1)
        print(json.dumps(report, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
