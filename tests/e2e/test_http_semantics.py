"""GraphQL over HTTP as the specification sets it, and the limits that protect the server."""

from __future__ import annotations

import os
import statistics
import threading
import time
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
        for token, problem in (
            (None, "reading needs an API token"),
            ("mat_wrong", "the API token sent is unknown or revoked"),
        ):
            refused = server.post({"query": "{ cities { id } }"}, token)
            assert refused.status_code == 401
            (error,) = refused.json()["errors"]
            assert error["extensions"] == {"code": "UNAUTHENTICATED", "header": "Authorization"}
            assert error["message"].startswith(f"Authorization: {problem}")
        allowed = server.post({"query": "{ cities { id } }"}, reader)
        assert allowed.status_code == 200
        assert len(allowed.json()["data"]["cities"]) == 3
    finally:
        server.stop()


def fragment_bomb(levels: int, salt: int = 0) -> str:
    """A few hundred bytes that select 4**levels fields: each fragment spreads the one below
    it four times. ``salt`` makes each text new to the server's document cache."""
    fragments = ["fragment F0 on City { name }"] + [
        f"fragment F{n} on City {{ ...F{n - 1} ...F{n - 1} ...F{n - 1} ...F{n - 1} }}"
        for n in range(1, levels + 1)
    ]
    return f"{{ cities {{ ...F{levels} }} }} {' '.join(fragments)} # {salt}"


def cpu_seconds(server: Server) -> float:
    """CPU time the server process has used so far, all its threads together."""
    stat = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def test_a_fragment_bomb_is_refused_by_its_cost_in_well_under_a_second(server: Server) -> None:
    cpu_before, started = cpu_seconds(server), time.monotonic()
    body = server.post({"query": fragment_bomb(10)}).json()
    took, cpu = time.monotonic() - started, cpu_seconds(server) - cpu_before
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "fields", "allowed": 1000}
    assert "selects 1,048,577 fields" in error["message"]
    assert "cost limit is 1,000 fields" in error["message"]
    assert cpu < 1.0, f"{cpu:.2f} s of server CPU"
    assert took < 5.0, f"answered after {took:.1f} s"
    # A fragment spread many times within the limit is counted once per spread, and runs.
    within = server.post({"query": fragment_bomb(4)}).json()
    assert len(within["data"]["cities"]) == 3


def test_health_answers_at_once_while_a_client_sends_fragment_bombs(server: Server) -> None:
    stop = threading.Event()
    sent = 0

    def abuse() -> None:
        nonlocal sent
        with httpx.Client(base_url=server.url, timeout=60) as client:
            while not stop.is_set():
                sent += 1
                client.post("/graphql", json={"query": fragment_bomb(10, salt=sent)})

    abuser = threading.Thread(target=abuse)
    abuser.start()
    latencies = []
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            time.sleep(0.2)
            for _ in range(20):
                started = time.monotonic()
                assert client.get("/health").status_code == 200
                latencies.append(time.monotonic() - started)
                time.sleep(0.05)
    finally:
        stop.set()
        abuser.join()
    assert sent > 20, "the abusive client should have been answered all along"
    assert statistics.median(latencies) < 0.1, latencies
    assert max(latencies) < 2.0, latencies


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read_whole(
    server: Server,
) -> None:
    padding = b"a" * 1_100_000
    declared = httpx.post(
        f"{server.url}/graphql",
        content=b'{"query": "{ cities { id } }", "padding": "' + padding + b'"}',
        headers={"content-type": "application/json"},
    )

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "{ cities { id } }", "padding": "'
        for _ in range(40):  # 2.6 MB in all, with no Content-Length
            yield b"a" * 65_536
        yield b'"}'

    chunked = httpx.post(
        f"{server.url}/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.request.headers["transfer-encoding"] == "chunked"
    for refused in (declared, chunked):
        assert refused.status_code == 413
        (error,) = refused.json()["errors"]
        assert error["extensions"] == {"code": "BODY_TOO_LARGE"}
        assert "over the limit of 1,000,000 bytes" in error["message"]
    assert server.post({"query": "{ cities { id } }"}).status_code == 200


NOT_A_JSON_OBJECT = [
    (b"42", "not a number"),
    (b'"{ cities { id } }"', "not a string"),
    (b"true", "not a boolean"),
    (b"null", "not null"),
    (b"[]", "not an array"),
    (b'{"query": "\xff{ cities { id } }"}', "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
]


def test_a_body_that_is_not_a_json_object_is_a_graphql_shaped_400(server: Server) -> None:
    for body, problem in NOT_A_JSON_OBJECT:
        for accept in ("application/json", GRAPHQL_RESPONSE):
            refused = httpx.post(
                f"{server.url}/graphql",
                content=body,
                headers={"content-type": "application/json", "accept": accept},
            )
            assert refused.status_code == 400, (body[:20], refused.text)
            assert refused.headers["content-type"].startswith(accept)
            (error,) = refused.json()["errors"]
            assert error["extensions"] == {"code": "BAD_REQUEST"}
            assert problem in error["message"]


def test_several_operations_need_an_operation_name(server: Server) -> None:
    document = "query Names { cities { name } } query Ids { cities { id } }"
    refused = server.post({"query": document})
    assert refused.status_code == 400
    (error,) = refused.json()["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST", "field": "operationName"}
    assert "2 operations (Names, Ids)" in error["message"]
    chosen = server.post({"query": document, "operationName": "Ids"}).json()
    assert chosen["data"]["cities"][0] == {"id": "camden"}


def test_a_subscription_over_get_or_post_is_refused_naming_the_query(server: Server) -> None:
    subscription = 'subscription { eventRecorded(cityId: "camden") { position } }'
    for refused in (
        server.post({"query": subscription}),
        httpx.get(f"{server.url}/graphql", params={"query": subscription}),
    ):
        assert refused.status_code == 400
        (error,) = refused.json()["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "query"}
        assert "WebSocket" in error["message"]


def test_a_refusal_by_a_validation_limit_names_the_limit(server: Server) -> None:
    # Fragments nested inside one another hundreds of levels deep: graphql-core alone gives
    # up with a bare "Validation aborted.".
    chain = " ".join(
        f"fragment F{n} on City {{ ... on City {{ ...F{n + 1} }} }}" for n in range(150)
    )
    document = f"{{ cities {{ ...F0 }} }} {chain} fragment F150 on City {{ name }}"
    (error,) = server.post({"query": document}).json()["errors"]
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "nesting", "allowed": 100}
    assert "nests selections and fragments 303 levels deep" in error["message"]


def test_the_body_limit_is_a_setting(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    env = {
        **atlas_env("sqlite+embedded", request, tmp_path / "data"),
        "MISSION_ATLAS_MAX_BODY_BYTES": "2000",
    }
    server = serve(env, tmp_path / "serve.log", "--demo")
    try:
        small = server.post({"query": "{ cities { id } }"})
        assert small.status_code == 200
        large = server.post({"query": "{ cities { id } }", "padding": "a" * 2000})
        assert large.status_code == 413
        assert "over the limit of 2,000 bytes" in large.json()["errors"][0]["message"]
    finally:
        server.stop()
