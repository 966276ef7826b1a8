"""API latency: Mission Atlas over GraphQL against @neo4j/graphql and the bare Cypher, on Neo4j.

    .venv/bin/python -m tests.benchmarks.api [--events 50000] [--rounds 5] [--requests 10]

Stores the synthetic record (100 cities, 2,000 missions), projects it into Neo4j, serves the
API with `mission-atlas serve` and the peer (tests/benchmarks/peer.py) beside it on the same
Neo4j. For every question in tests/benchmarks/contrasts.py it first checks that the API and
the peer give the same answers, then times the API, the peer and the API's own statements
sent straight through the driver, in alternating rounds (each round ``--requests`` per
client), at 1 and at 8 concurrent clients: p50 with its spread (p25–p75), and the ratios.
Where the peer cannot express a question, it says so and why.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from neo4j import Driver

from events.application import MissionAtlas
from events.settings import event_store_env
from graph.projector import Projector
from tests.benchmarks.contrasts import (
    CONTRASTS,
    Contrast,
    atlas_variables,
    draw,
    peer_variables,
)
from tests.benchmarks.dataset import catch_up_rdf, start_graph, store_events
from tests.benchmarks.peer import start_peer
from tests.benchmarks.table import Limit, Row
from tests.e2e.server import serve

Call = Callable[[random.Random], None]
PEER = "@neo4j/graphql"
CHECKS = 5


def measure(clients: int, requests: int, call: Call) -> tuple[list[float], float]:
    """Latencies (ms) of ``clients`` threads making ``requests`` calls each, and the wall time."""
    latencies: list[float] = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng, mine = random.Random(seed), []
        for _ in range(requests):
            start = time.perf_counter()
            call(rng)
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - start


def alternating(
    calls: dict[str, Call], clients: int, rounds: int, requests: int
) -> dict[str, list[float]]:
    """Every contender's latencies over ``rounds`` rounds, the order rotating each round, so
    that a slow spell on this shared machine falls on all of them alike."""
    names = list(calls)
    for name in names:  # warm-up: connections, query plans, caches
        measure(clients, 2, calls[name])
    latencies: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            latencies[name].extend(measure(clients, requests, calls[name])[0])
    return latencies


def post(url: str, document: str, variables: dict[str, str], client: httpx.Client) -> Any:
    response = client.post(url, json={"query": document, "variables": variables})
    body = response.json()
    if response.status_code != 200 or "errors" in body:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.text[:500]}")
    return body["data"]


def graphql_call(
    url: str, document: str, variables: Callable[[dict[str, str]], dict[str, str]]
) -> Call:
    local = threading.local()

    def call(rng: random.Random) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=60)
        post(url, document, variables(draw(rng)), local.client)

    return call


def bare_call(driver: Driver, contrast: Contrast) -> Call:
    def call(rng: random.Random) -> None:
        contrast.bare(driver, draw(rng))

    return call


def check_same_answers(atlas_url: str, peer_url: str, contrast: Contrast) -> None:
    """The API and the peer answer alike, on a few drawn cities, approaches and results."""
    assert contrast.peer is not None
    rng = random.Random(12)
    with httpx.Client(timeout=60) as client:
        for _ in range(CHECKS):
            given = draw(rng)
            ours = contrast.atlas_answer(
                post(atlas_url, contrast.atlas, atlas_variables(contrast, given), client)
            )
            theirs = contrast.peer_answer(
                post(peer_url, contrast.peer, peer_variables(contrast, given), client)
            )
            if ours != theirs:
                raise AssertionError(
                    f"{contrast.name}: the answers differ for {given}\n"
                    f"Mission Atlas: {str(ours)[:800]}\n{PEER}: {str(theirs)[:800]}"
                )


def spread(latencies: list[float]) -> tuple[float, float, float]:
    p25, p50, p75 = statistics.quantiles(latencies, n=4)
    return p25, p50, p75


def figure(latencies: list[float]) -> str:
    p25, p50, p75 = spread(latencies)
    return f"{p50:,.1f} ms ({p25:,.1f}–{p75:,.1f})"


def contrast_rows(contrast: Contrast, latencies: dict[str, list[float]], clients: int) -> list[Row]:
    """Print one question's figures at one number of clients, and return its goals' rows."""
    who = f"{contrast.name}, {clients} client{'s' if clients > 1 else ''}"
    p50 = {name: spread(values)[1] for name, values in latencies.items()}
    print(f"{who}: p50 (p25–p75)")
    for name, values in latencies.items():
        print(f"    {name:<16} {figure(values)}")
    rows = []
    if PEER in p50:
        ratio = p50["Mission Atlas"] / p50[PEER]
        print(f"    Mission Atlas / {PEER}: {ratio:.2f} (goal: at most 1.0)")
        rows.append(
            Row(
                "api",
                f"{who}: p50 against {PEER}",
                f"{figure(latencies['Mission Atlas'])} against {figure(latencies[PEER])}",
                ratio,
                Limit(1.0),
            )
        )
    bare = p50["Mission Atlas"] / p50["bare Cypher"]
    goal = " (goal: at most 2)" if contrast.against_bare else ""
    print(f"    Mission Atlas / bare Cypher: {bare:.2f}{goal}")
    if contrast.against_bare:
        rows.append(
            Row(
                "api",
                f"{who}: p50 against its bare Cypher",
                f"{figure(latencies['Mission Atlas'])} against {figure(latencies['bare Cypher'])}",
                bare,
                Limit(2.0),
            )
        )
    return rows


def run(
    events: int,
    rounds: int,
    requests: int,
    clients: tuple[int, ...] = (1, 8),
    workers: int = 2,
    reuse: Path | None = None,
) -> list[Row]:
    work = reuse or Path(tempfile.mkdtemp(prefix="atlas-api-bench-"))
    print(f"synthetic record: 100 cities, 2,000 missions, {events:,} events; {work}")
    if reuse is None:
        app = store_events(work, events)
    else:
        app = MissionAtlas(env=event_store_env("sqlite", work / "events.sqlite"))
    neo4j_server, neo4j = start_graph(work)
    Projector(app, neo4j, batch_size=5000).catch_up()  # nothing to do on a reused graph
    # The API's processes would otherwise build their RDF stores while being timed.
    catch_up_rdf(work)
    app.close()
    env = {
        "MISSION_ATLAS_DATA_DIR": str(work),
        "MISSION_ATLAS_GRAPH_STORE": "neo4j",
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_PASSWORD": "",
    }
    # A work dir kept from another version of the graph model or the RDF mapping is rebuilt
    # by the server as it starts: minutes at 50,000 events.
    server = serve(
        {**os.environ, **env}, work / "serve.log", "--no-poll", "--no-access-log",
        "--workers", str(workers), timeout=900,
    )  # fmt: skip
    peer = start_peer(neo4j_server.uri, work / "peer.log")
    rows: list[Row] = [
        Row(
            "api", "record", f"{events:,} events, {workers} API workers, {PEER} in one Node process"
        )
    ]
    try:
        atlas_url = f"{server.url}/graphql"
        print(
            f"{rounds} alternating rounds of {requests} requests per client; {workers} API workers"
        )
        for contrast in CONTRASTS:
            calls: dict[str, Call] = {
                "Mission Atlas": graphql_call(
                    atlas_url, contrast.atlas, partial(atlas_variables, contrast)
                )
            }
            if contrast.peer is None:
                print(f"{contrast.name}: {PEER} cannot express it: {contrast.cannot}")
                rows.append(
                    Row("api", f"{contrast.name}: {PEER}", f"cannot express it: {contrast.cannot}")
                )
            else:
                check_same_answers(atlas_url, peer.url, contrast)
                calls[PEER] = graphql_call(
                    peer.url, contrast.peer, partial(peer_variables, contrast)
                )
            calls["bare Cypher"] = bare_call(neo4j._driver, contrast)
            for n in clients:
                rows += contrast_rows(contrast, alternating(calls, n, rounds, requests), n)
    finally:
        peer.stop()
        server.stop()
        neo4j.close()
        neo4j_server.stop()
    return rows


def rows(quick: bool) -> list[Row]:
    if quick:
        return run(events=5_000, rounds=2, requests=3)
    return run(events=50_000, rounds=5, requests=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=10, help="per client and round")
    parser.add_argument("--workers", type=int, default=2, help="API worker processes")
    parser.add_argument(
        "--reuse", type=Path, help="the work dir of an earlier run, to skip loading"
    )
    args = parser.parse_args()
    run(args.events, args.rounds, args.requests, workers=args.workers, reuse=args.reuse)


if __name__ == "__main__":
    main()
