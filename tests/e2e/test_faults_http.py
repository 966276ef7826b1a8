"""Neo4j going away under a running server: writes are kept, reads say so, the graph heals."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.e2e.conftest import atlas_env, issue_token
from tests.e2e.server import Server, serve
from tests.services.neo4j_server import Neo4jServer

WHO = 'recordedBy: "e2e", source: "https://example.org/minutes"'


def timeline(server: Server) -> list[str]:
    body = server.graphql('{ mission(id: "gm-retrofit") { timeline { summary } } }')
    if body.get("errors"):
        return []
    return [event["summary"] for event in body["data"]["mission"]["timeline"]]


def test_a_mutation_is_stored_while_neo4j_is_down_and_shows_once_it_is_back(
    request: pytest.FixtureRequest, tmp_path: Path, neo4j_server: Neo4jServer
) -> None:
    env = atlas_env("postgres+neo4j", request, tmp_path / "data")
    token = issue_token(env, "--role", "admin")
    server = serve(env, tmp_path / "serve.log", "--demo", token=token)
    try:
        neo4j_server.stop()
        unavailable = server.graphql("{ cities { name } }")
        assert unavailable["errors"][0]["extensions"] == {"code": "UNAVAILABLE"}
        assert "bolt" not in unavailable["errors"][0]["message"].lower()

        recorded = server.graphql(
            'mutation { recordDecision(input: {missionId: "gm-retrofit", title: "Kept", '
            f"{WHO}}}) {{ position projected }} }}"
        )["data"]["recordDecision"]
        before = recorded["position"] - 1
        assert recorded == {"position": before + 1, "projected": False}
        assert server.health()["events"] == before + 1

        neo4j_server.start()
        deadline = time.monotonic() + 60
        while "Decision: Kept" not in timeline(server):
            assert time.monotonic() < deadline, "the graph did not converge within 60 s"
            time.sleep(0.5)
        assert server.health() == {
            "events": before + 1,
            "projected": before + 1,
            "lag": 0,
            "error": None,
        }
    finally:
        if not neo4j_server.running:
            neo4j_server.start()
        server.stop()
