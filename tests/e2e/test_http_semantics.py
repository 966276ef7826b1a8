"""GraphQL over HTTP as the specification sets it, and the limits that protect the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import atlas_env, issue_token
from tests.e2e.server import Server, serve

GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.fixture
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """HTTP behaviour does not depend on the stores: the embedded defaults are enough."""
    env = atlas_env("sqlite+embedded", request, tmp_path / "data")
    running = serve(env, tmp_path / "serve.log", "--demo")
    yield running
    running.stop()


def test_the_graphql_response_media_type_gets_the_status_codes_of_the_spec(server: Server) -> None:
    ok = server.post({"query": "{ cities { id } }"}, accept=GRAPHQL_RESPONSE)
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    for broken in ("{ cities { id }", "{ cities { nope } }", "query($n: Int!) { cities { id } }"):
        refused = server.post({"query": broken}, accept=GRAPHQL_RESPONSE)
        assert refused.status_code == 400, broken
        assert "data" not in refused.json()
        assert refused.json()["errors"]
    field_error = server.post(
        {"query": '{ peers(cityId: "atlantis") { score } }'}, accept=GRAPHQL_RESPONSE
    )
    assert field_error.status_code == 200  # execution began: a field failed, not the request
    assert field_error.json()["data"] is None


def test_plain_json_clients_keep_200_for_every_well_formed_request(server: Server) -> None:
    refused = server.post({"query": "{ cities { id }"})
    assert refused.status_code == 200
    assert refused.headers["content-type"].startswith("application/json")
    assert "data" not in refused.json()


def test_malformed_bodies_and_methods_are_refused(server: Server) -> None:
    not_json = httpx.post(
        f"{server.url}/graphql", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert not_json.status_code == 400
    get_mutation = httpx.get(f"{server.url}/graphql", params={"query": "mutation { __typename }"})
    assert get_mutation.status_code == 405
    assert httpx.put(f"{server.url}/graphql").status_code == 405


def test_deep_wide_and_long_queries_are_refused(server: Server) -> None:
    deep = "{ cities { " + "missions { city { " * 7 + "id" + " } }" * 7 + " } }"
    aliases = "{ " + " ".join(f"a{n}: cities {{ id }}" for n in range(25)) + " }"
    long = "{ cities { " + " ".join(["id"] * 2100) + " } }"
    for query, problem in (
        (deep, "exceeds maximum operation depth"),
        (aliases, "aliases found"),
        (long, "token"),
    ):
        body = server.post({"query": query}).json()
        assert problem in body["errors"][0]["message"].lower(), body


def test_reads_can_require_a_token(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    env = {
        **atlas_env("sqlite+embedded", request, tmp_path / "data"),
        "MISSION_ATLAS_READ_ACCESS": "token",
    }
    reader = issue_token(env, "--role", "admin")
    server = serve(env, tmp_path / "serve.log", "--demo")
    try:
        assert server.post({"query": "{ cities { id } }"}).status_code == 401
        assert server.post({"query": "{ cities { id } }"}, "mat_wrong").status_code == 401
        allowed = server.post({"query": "{ cities { id } }"}, reader)
        assert allowed.status_code == 200
        assert len(allowed.json()["data"]["cities"]) == 3
    finally:
        server.stop()
