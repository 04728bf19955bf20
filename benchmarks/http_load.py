"""HTTP load benchmark on loopback: requests per second, p50/p99 and server memory.

Run: python benchmarks/http_load.py [--clients 50] [--seconds 20] [--workers 2] [--rate 300]

Starts `backcheck serve --workers N` in a subprocess (sessions in a SQLite file, or
``--database-url``), then drives it with N concurrent keep-alive connections: one-shot
assessments (POST /v1/assessments), then interview steps (one request each: answer the next
question, or go back one answer, alternately, so a session keeps its length). Each client
offers ``rate / clients`` requests per second at a random phase (``--rate 0``: closed loop, as
fast as the server answers). Memory is the servers' summed RSS after the load.

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

ROOT = Path(__file__).resolve().parents[1]
CASE = (ROOT / "examples" / "strain_after_sex.json").read_bytes()


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


class _Connection:
    """One keep-alive HTTP/1.1 connection: send a request, read the whole response."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def post(self, path: str, body: bytes = b"") -> tuple[int, bytes]:
        head = f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        self.writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split()[1])
        length = next(
            int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length")
        )
        return status, await self.reader.readexactly(length)


async def _drive(port: int, clients: int, seconds: float, kind: str, rate: float | None) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def one_client() -> None:
        conn = _Connection(*await asyncio.open_connection("127.0.0.1", port))
        sid = None
        if kind == "interview":
            _, body = await conn.post("/v1/sessions", json.dumps({"age": 40, "sex": "male"}).encode())
            sid = json.loads(body)["id"]
        gap = clients / rate if rate else 0.0  # seconds between this client's requests
        due = time.perf_counter() + random.random() * gap  # spread the clients' phases
        forward = True
        while time.perf_counter() < deadline:
            if gap:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                due += gap
            start = time.perf_counter()
            if kind == "assessment":
                status, _ = await conn.post("/v1/assessments", CASE)
            elif forward:
                status, _ = await conn.post(f"/v1/sessions/{sid}/answers", _STEP)
            else:
                status, _ = await conn.post(f"/v1/sessions/{sid}/back")
            latencies.append(time.perf_counter() - start)
            if status >= 400:
                raise RuntimeError(f"{kind}: HTTP {status}")
            forward = not forward
        conn.writer.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies


_STEP = json.dumps({"question": "legs", "value": "dont_know"}).encode()


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
    args = parser.parse_args()
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
        for kind in ("assessment", "interview"):
            asyncio.run(_drive(port, args.clients, 2.0, kind, args.rate or None))  # warm-up
            latencies = sorted(asyncio.run(_drive(port, args.clients, args.seconds, kind, args.rate or None)))
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
