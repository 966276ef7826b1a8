"""Concurrent writers on one mission: how many writes per second get through.

    .venv/bin/python -m tests.benchmarks.writers [--writers 8] [--seconds 20]

Serves the demo with `mission-atlas serve --demo` on the embedded stores, then has each of
``--writers`` threads record decisions on the same mission (without ``expectedVersion``), one
after the other, for ``--seconds``. It prints the writes stored per second, how many were
refused and why, and the latency of a write. It prints figures, not verdicts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from tests.benchmarks.table import Row
from tests.e2e.conftest import issue_token
from tests.e2e.server import serve

MUTATION = (
    'mutation($t: String!) { recordDecision(input: {missionId: "gm-retrofit", title: $t, '
    'recordedBy: "bench", source: "https://example.org"}) { position } }'
)


def run(writers: int, seconds: float) -> list[Row]:
    work = Path(tempfile.mkdtemp(prefix="atlas-writers-bench-"))
    env = {
        "MISSION_ATLAS_DATA_DIR": str(work / "data"),
        "MISSION_ATLAS_EVENT_STORE": "sqlite",
        "MISSION_ATLAS_GRAPH_STORE": "embedded",
    }
    token = issue_token(env, "--role", "admin")
    server = serve(env, work / "serve.log", "--demo", "--no-access-log", token=token)
    outcomes: Counter[str] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def writer(n: int) -> None:
        headers = {"authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
            count = 0
            while time.monotonic() < deadline:
                count += 1
                started = time.perf_counter()
                body = {"query": MUTATION, "variables": {"t": f"writer {n} decision {count}"}}
                answer = client.post("/graphql", json=body).json()
                took = (time.perf_counter() - started) * 1000
                errors = answer.get("errors") or []
                outcome = errors[0]["extensions"].get("code", "?") if errors else "stored"
                with lock:
                    outcomes[outcome] += 1
                    if outcome == "stored":
                        latencies.append(took)

    try:
        before = server.events()
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        stored = server.events() - before
    finally:
        server.stop()
    print(f"{writers} writers on one mission for {wall:.1f} s; work dir {work}")
    print(f"stored {stored:,} events: {stored / wall:,.1f} writes/s")
    print("answers: " + ", ".join(f"{k} {v:,}" for k, v in sorted(outcomes.items())))
    if latencies:
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99) - 1 if len(latencies) > 1 else 0]
        print(f"stored write latency p50 {statistics.median(latencies):.1f} ms  p99 {p99:.1f} ms")
    rate = f"{stored / wall:,.1f} writes/s; " + ", ".join(
        f"{k} {v:,}" for k, v in sorted(outcomes.items())
    )
    return [Row("writers", f"{writers} writers on one mission", rate)]


def rows(quick: bool) -> list[Row]:
    return run(writers=8, seconds=3.0 if quick else 20.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    run(args.writers, args.seconds)


if __name__ == "__main__":
    main()
