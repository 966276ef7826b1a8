"""Abusive documents: how fast they are refused, and how /health fares meanwhile.

    .venv/bin/python -m tests.benchmarks.abuse [--seconds 10] [--abusers 1]

Serves the demo with `mission-atlas serve --demo` on the embedded stores, then measures
- the fragment bomb (`fragment F10 on City { ...F9 ...F9 ...F9 ...F9 }` down to `F0 { name }`,
  a million fields from 560 bytes), each one new to the server's cache: wall time and the
  server's own CPU time per refusal;
- the costliest body under the 1 MB limit we know of, a query whose string argument is
  spelled out in escapes (lexed to the end, then refused: `cities` takes no such argument):
  the same figures;
- /health latency when idle, and while ``--abusers`` client processes send fragment bombs
  back to back.
It prints figures, not verdicts; the goals are under 1 s of CPU per refusal and under 100 ms
for /health.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.benchmarks.table import Row
from tests.e2e.server import Server, serve
from tests.e2e.test_http_semantics import fragment_bomb


def cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def refusals(server: Server, bodies: list[bytes]) -> tuple[list[float], float, str]:
    """Wall seconds for each body, the server's CPU seconds per body on average (the kernel
    counts CPU time in hundredths of a second), and the first answer's first message."""
    walls, message = [], ""
    headers = {"content-type": "application/json"}
    with httpx.Client(base_url=server.url, timeout=120, headers=headers) as client:
        cpu = cpu_seconds(server.process.pid)
        for body in bodies:
            started = time.perf_counter()
            answer = client.post("/graphql", content=body)
            walls.append(time.perf_counter() - started)
            message = message or answer.json()["errors"][0]["message"]
        cpu = cpu_seconds(server.process.pid) - cpu
    return walls, cpu / len(bodies), message


def health(server: Server, samples: int = 60) -> list[float]:
    latencies = []
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for _ in range(samples):
            started = time.perf_counter()
            client.get("/health").raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)
    return sorted(latencies)


def abuse(url: str, seconds: float) -> None:
    """One abusive client: new fragment bombs back to back."""
    sent, deadline = 0, time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=120) as client:
        while time.monotonic() < deadline:
            sent += 1
            client.post(
                "/graphql", json={"query": fragment_bomb(10, salt=os.getpid() * 10**6 + sent)}
            )
    print(sent)


def print_refusals(label: str, walls: list[float], cpu: float) -> None:
    print(
        f"{label:<38} wall p50 {statistics.median(walls) * 1000:7.1f} ms  max "
        f"{max(walls) * 1000:7.1f} ms   server CPU {cpu * 1000:6.1f} ms each"
    )


def print_health(label: str, latencies: list[float]) -> None:
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    print(
        f"{label:<38} p50 {statistics.median(latencies):7.1f} ms  p99 {p99:7.1f} ms  "
        f"max {latencies[-1]:7.1f} ms"
    )


def run(seconds: float, abusers: int) -> list[Row]:
    work = Path(tempfile.mkdtemp(prefix="atlas-abuse-bench-"))
    env = {
        "MISSION_ATLAS_DATA_DIR": str(work / "data"),
        "MISSION_ATLAS_EVENT_STORE": "sqlite",
        "MISSION_ATLAS_GRAPH_STORE": "embedded",
    }
    server = serve(env, work / "serve.log", "--demo", "--no-access-log")
    try:
        print(f"the demo on the embedded stores; work dir {work}")
        bombs = [
            httpx.Request("POST", "/", json={"query": fragment_bomb(10, salt=n)}).read()
            for n in range(50)
        ]
        walls, cpu, message = refusals(server, bombs)
        bomb_wall = statistics.median(walls) * 1000
        print(f"fragment bomb, {len(bombs[0])} bytes: {message}")
        print_refusals("refusing the fragment bomb (50 new)", walls, cpu)
        escaped = "\\\\u0041" * 140_000  # 980 kB of JSON, 140,000 characters once parsed
        query = f'{{ cities(x: \\"{escaped}\\") {{ id }} }}'
        big = [f'{{"query": "{query}", "n": {n}}}'.encode() for n in range(5)]
        walls, cpu, message = refusals(server, big)
        print(f"escaped string, {len(big[0]):,} bytes: {message[:60]}")
        print_refusals("refusing the escaped string (5)", walls, cpu)
        idle = health(server)
        print_health("/health, idle", idle)
        command = [sys.executable, "-m", "tests.benchmarks.abuse", "--abuse", server.url]
        clients = [
            subprocess.Popen(
                [*command, "--seconds", str(seconds)], stdout=subprocess.PIPE, text=True
            )
            for _ in range(abusers)
        ]
        time.sleep(0.5)
        under_abuse = health(server, samples=int((seconds - 1) / 0.06))
        sent = sum(int(a.communicate()[0]) for a in clients)
        print_health(f"/health, {abusers} abusive client(s)", under_abuse)
        print(
            f"meanwhile the abusive client(s) had {sent:,} bombs refused ({sent / seconds:,.0f}/s)"
        )
    finally:
        server.stop()
    calm, loaded = statistics.median(idle), statistics.median(under_abuse)
    return [
        Row("abuse", "refusing a new fragment bomb, wall p50", f"{bomb_wall:,.1f} ms"),
        Row(
            "abuse",
            f"/health p50 with {abusers} abusive client(s) against idle",
            f"{loaded:,.1f} ms against {calm:,.1f} ms",
            loaded / calm,
        ),
    ]


def rows(quick: bool) -> list[Row]:
    return run(seconds=3.0 if quick else 10.0, abusers=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--abusers", type=int, default=1)
    parser.add_argument("--abuse", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.abuse:
        abuse(args.abuse, args.seconds)
        return
    run(args.seconds, args.abusers)


if __name__ == "__main__":
    main()
