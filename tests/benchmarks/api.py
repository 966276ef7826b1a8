"""API latency: GraphQL over HTTP against the bare Cypher behind each query, on Neo4j.

    .venv/bin/python -m tests.benchmarks.api [--events 200000] [--clients 8] [--requests 250]

Stores the synthetic record (100 cities, 2,000 missions), projects it into Neo4j, serves the
API with `mission-atlas serve`, and then, for `peers`, `lessons` (first page of 20) and
`transitions`, measures p50, p99 and requests/s with 8 concurrent clients on loopback, and in
the same run the same statements sent straight through the driver by 8 threads. It prints
figures, not verdicts.
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
from pathlib import Path
from typing import Any

import httpx
from neo4j import RoutingControl

from events.application import MissionAtlas
from events.settings import event_store_env
from graph import cypher
from graph.lessons import LessonFilter, lessons_query
from graph.neo4j_store import Neo4jGraphStore
from graph.projector import Projector
from tests.benchmarks.dataset import start_graph, store_events
from tests.e2e.server import serve

CITIES = [f"city-{n:04d}" for n in range(100)]
GRAPHQL = {
    "peers": "query($c: ID!) { peers(cityId: $c) { score reason city { id } "
    "sharedApproaches { id } sharedThemes sharedCapabilities { id } } }",
    "lessons": "{ lessons(first: 20) { edges { cursor node { id title result why lessons "
    "occurredOn sources } } pageInfo { hasNextPage endCursor } } }",
    "transitions": "query($c: ID!) { transitions(cityId: $c) { on missions { missionId fate "
    "reason decisionsBefore { title } decisionsAfter { title } "
    "roadblocksCarriedOver { description } administrationsSurvived } } }",
}
BARE: dict[str, list[tuple[str, Callable[[str], dict[str, Any]]]]] = {
    "peers": [(cypher.PEERS, lambda c: {"city_id": c})],
    "lessons": [(lessons_query(LessonFilter(), None, 21)[0], lambda _: {"limit": 21})],
    "transitions": [
        (q, lambda c: {"city_id": c})
        for q in (cypher.CITY_ADMINISTRATIONS, cypher.CITY_MISSION_HISTORIES)
    ],
}


def measure(
    clients: int, requests: int, call: Callable[[random.Random], None]
) -> tuple[list[float], float]:
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


def report(label: str, latencies: list[float], seconds: float) -> float:
    p50 = statistics.median(latencies)
    p99 = statistics.quantiles(latencies, n=100)[98]
    print(
        f"{label:<24} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   {len(latencies) / seconds:7.0f} req/s"
    )
    return p50


def graphql_call(url: str, name: str) -> Callable[[random.Random], None]:
    local = threading.local()

    def call(rng: random.Random) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=30)
        body = {"query": GRAPHQL[name], "variables": {"c": rng.choice(CITIES)}}
        response = local.client.post(url, json=body)
        assert response.status_code == 200, response.text
        assert "errors" not in response.json(), response.text

    return call


def bare_call(store: Neo4jGraphStore, name: str) -> Callable[[random.Random], None]:
    def call(rng: random.Random) -> None:
        city = rng.choice(CITIES)
        for query, parameters in BARE[name]:
            store._driver.execute_query(
                query, parameters_=parameters(city), database_="neo4j", routing_=RoutingControl.READ
            )

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=250, help="per client and query")
    parser.add_argument("--workers", type=int, default=2, help="API worker processes")
    parser.add_argument(
        "--reuse", type=Path, help="the work dir of an earlier run, to skip loading"
    )
    args = parser.parse_args()
    work = args.reuse or Path(tempfile.mkdtemp(prefix="atlas-api-bench-"))
    print(f"synthetic record: 100 cities, 2,000 missions, {args.events:,} events; {work}")
    if args.reuse is None:
        events = store_events(work, args.events)
    else:
        events = MissionAtlas(env=event_store_env("sqlite", work / "events.sqlite"))
    neo4j_server, neo4j = start_graph(work)
    Projector(events, neo4j, batch_size=5000).catch_up()  # nothing to do on a reused graph
    events.close()
    env = {
        "MISSION_ATLAS_DATA_DIR": str(work),
        "MISSION_ATLAS_GRAPH_STORE": "neo4j",
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_PASSWORD": "",
    }
    server = serve(
        {**os.environ, **env},
        work / "serve.log",
        "--no-poll",
        "--no-access-log",
        "--workers",
        str(args.workers),
    )
    try:
        print(
            f"{args.clients} concurrent clients, {args.requests} requests each, after a warm-up; "
            f"{args.workers} API workers"
        )
        for name in GRAPHQL:
            graphql, bare = graphql_call(f"{server.url}/graphql", name), bare_call(neo4j, name)
            measure(args.clients, 20, graphql)
            measure(args.clients, 20, bare)
            p50 = report(f"{name} over GraphQL", *measure(args.clients, args.requests, graphql))
            bare50 = report(f"{name} bare Cypher", *measure(args.clients, args.requests, bare))
            print(f"{'':<24} GraphQL / bare at p50: {p50 / bare50:.2f} (goal: at most 2)")
    finally:
        server.stop()
        neo4j.close()
        neo4j_server.stop()


if __name__ == "__main__":
    main()
