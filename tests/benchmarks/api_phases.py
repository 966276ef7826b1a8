"""Where one request's time goes: each question of the API benchmark at 1 client, its phases
stamped inside the server, beside its bare Cypher.

    .venv/bin/python -m tests.benchmarks.api_phases --reuse WORK [--requests 30]

WORK is a work dir of ``tests.benchmarks.api`` (its Neo4j graph and event store). The server is
``mission-atlas serve``'s application under uvicorn, in a process of its own, with
``time.perf_counter`` and ``time.thread_time`` stamps around the GraphQL view (``app``),
``AtlasSchema.execute``, each hop off the event loop to a graph read (``hop``: the wait beyond
the read itself) and the read in its thread (``read``, and its CPU). The client alternates the
API over HTTP with the bare Cypher through the driver, one request at a time, and prints
medians: ``client`` is what the benchmark measures; ``client - app`` is uvicorn, the loopback
and the client; ``app - execute`` the view (body, context, JSON); ``execute - hop - read`` the
GraphQL work. The stamps cost a few microseconds a request.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import httpx

from tests.benchmarks.contrasts import CONTRASTS, atlas_variables, draw
from tests.benchmarks.dataset import catch_up_rdf, start_graph
from tests.e2e.server import free_port

P = ParamSpec("P")
T = TypeVar("T")
PHASES = ("app", "app_cpu", "execute", "hop", "read", "read_cpu")


def stamped_server(port: int, stamps: Path) -> None:
    """Serve the application with its phases stamped, one JSON line per request to ``stamps``."""
    import uvicorn

    from api.app import create_app
    from api.graphql import context, loaders, off_loop
    from api.graphql.atlas_schema import AtlasSchema
    from api.graphql.http import AtlasGraphQL
    from api.settings import Settings

    current: dict[str, float] = {}
    out = stamps.open("a", buffering=1)

    view = AtlasGraphQL.__call__

    async def timed_view(self: AtlasGraphQL, scope: Any, receive: Any, send: Any) -> None:
        current.clear()
        start, cpu = time.perf_counter(), time.thread_time()
        await view(self, scope, receive, send)
        current["app"] = time.perf_counter() - start
        current["app_cpu"] = time.thread_time() - cpu
        if scope["type"] == "http" and scope["path"] == "/graphql":
            out.write(json.dumps({k: v * 1000 for k, v in current.items()}) + "\n")

    execute = AtlasSchema.execute

    async def timed_execute(self: AtlasSchema, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await execute(self, *args, **kwargs)
        finally:
            current["execute"] = current.get("execute", 0) + time.perf_counter() - start

    async def timed_off_loop(fetch: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        spent: list[float] = []

        def timed() -> T:
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return fetch(*args, **kwargs)
            finally:
                spent.extend((time.perf_counter() - start, time.thread_time() - cpu))

        start = time.perf_counter()
        result = await off_loop.off_loop(timed)
        whole = time.perf_counter() - start
        current["read"] = current.get("read", 0) + spent[0]
        current["read_cpu"] = current.get("read_cpu", 0) + spent[1]
        current["hop"] = current.get("hop", 0) + whole - spent[0]
        return result

    # Wrapped where they are looked up: the view and execute on their classes, the hop in
    # the two modules that call it.
    for owner, name, stamped in (
        (AtlasGraphQL, "__call__", timed_view),
        (AtlasSchema, "execute", timed_execute),
        (context, "off_loop", timed_off_loop),
        (loaders, "off_loop", timed_off_loop),
    ):
        setattr(owner, name, stamped)
    app = create_app(Settings.from_env(), poll=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def median(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f}" if values else "     –"


def run(work: Path, requests: int) -> None:
    catch_up_rdf(work)  # else the server builds it while its phases are stamped
    neo4j_server, neo4j = start_graph(work)
    stamps = work / "phases.jsonl"
    stamps.unlink(missing_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "MISSION_ATLAS_DATA_DIR": str(work),
        "MISSION_ATLAS_GRAPH_STORE": "neo4j",
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_PASSWORD": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.api_phases", "--serve", str(port), str(stamps)],
        env=env,
    )
    url = f"http://127.0.0.1:{port}/graphql"
    client = httpx.Client(timeout=60)
    try:
        for _ in range(600):
            try:
                client.get(f"http://127.0.0.1:{port}/health")
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        print(
            f"{requests} requests of each question at 1 client, alternating with its bare Cypher; "
            "medians in ms (CPU: of the thread)"
        )
        header = ("bare", "client", *PHASES)
        print(f"{'':<42}" + "".join(f"{h:>10}" for h in header))
        seen = 0
        for contrast in CONTRASTS:
            rng = random.Random(7)
            bare: list[float] = []
            client_ms: list[float] = []
            for n in range(requests + 3):
                given = draw(rng)
                start = time.perf_counter()
                contrast.bare(neo4j._driver, given)
                took = (time.perf_counter() - start) * 1000
                body = {"query": contrast.atlas, "variables": atlas_variables(contrast, given)}
                start = time.perf_counter()
                response = client.post(url, json=body)
                client_took = (time.perf_counter() - start) * 1000
                if response.status_code != 200 or "errors" in response.json():
                    raise RuntimeError(f"{contrast.name}: {response.text[:300]}")
                if n >= 3:
                    bare.append(took)
                    client_ms.append(client_took)
            lines = stamps.read_text().splitlines()
            phases = [json.loads(line) for line in lines[seen:]][-requests:]
            seen = len(lines)
            row = [median(bare), median(client_ms)]
            row += [median([p.get(k, 0.0) for p in phases]) for k in PHASES]
            print(f"{contrast.name[:41]:<42}" + "".join(f"{v:>10}" for v in row), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        neo4j.close()
        neo4j_server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", type=Path, help="a work dir of tests.benchmarks.api")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        stamped_server(int(args.serve[0]), Path(args.serve[1]))
        return
    if args.reuse is None:
        parser.error("--reuse WORK is needed: the work dir of a run of tests.benchmarks.api")
    run(args.reuse, args.requests)


if __name__ == "__main__":
    main()
