"""A POST of a JSON body is answered by the view itself, byte for byte as strawberry's ``run``
answers it: status, headers and body, refusals included. The reference is the same app with
the short path switched off, on the same record (SQLite and the embedded graph)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient
from strawberry.http.async_base_view import AsyncBaseHTTPView

from api.app import create_app
from api.graphql.http import AtlasGraphQL
from api.settings import Settings
from tests.factories import begin_term, decide, launch, register_city

GRAPHQL_RESPONSE = "application/graphql-response+json"
LESSONS = (
    "{ lessons(first: 2) { edges { cursor node { id title occurredOn } } "
    "pageInfo { hasNextPage endCursor } } }"
)
JSON_BODIES: list[Any] = [
    {"query": "{ __typename }"},
    {"query": "{ cities { id name administrations { mayor termStart } } }"},
    {"query": LESSONS},
    {"query": "query($id: ID!) { city(id: $id) { name } }", "variables": {"id": "valencia"}},
    {"query": "query($id: ID!) { city(id: $id) { name } }", "variables": {"id": 7}},
    {"query": "query($id: ID!) { city(id: $id) { name } }"},
    {"query": '{ peers(cityId: "atlantis") { score } }'},
    {"query": "{ cities { id }"},
    {"query": "{ cities { nope } }"},
    {"query": "query A { cities { id } } query B { __typename }"},
    {"query": "query A { cities { id } } query B { __typename }", "operationName": "B"},
    {"query": "query A { cities { id } }", "operationName": "C"},
    {"query": 'subscription { eventRecorded(cityId: "x") { position } }'},
    {"query": 'mutation { registerCity(input: {cityId: ""}) { id } }'},
    {"query": None},
    {},
    {"query": 12},
    {"query": 0},
    {"query": ""},
    {"query": "{ __typename }", "variables": [1]},
    {"query": "{ __typename }", "extensions": "x"},
    {"query": "{ __typename }", "extensions": {"any": 1}, "variables": None},
    [{"query": "{ __typename }"}],
    "a string",
]
RAW_BODIES = [b"{nope", b'{"query": "\xff"}', b"", b"[" * 5_000 + b"]" * 5_000]
ACCEPTS = [None, "application/json", GRAPHQL_RESPONSE, f"{GRAPHQL_RESPONSE}, application/json"]
CONTENT_TYPES = ["application/json", "application/json; charset=utf-8"]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(tmp_path)})
    with TestClient(create_app(settings, poll=True)) as running:
        atlas = running.app.state.atlas  # type: ignore[attr-defined]
        atlas.events.execute(
            [
                register_city("valencia", name="València"),
                begin_term("valencia", "t1", date(2019, 6, 15), mayor="Joan Ribó"),
                launch("m1", "valencia"),
                *[
                    decide("m1", f"Décision {n} «{n}»", occurred_on=date(2020, 1, n))
                    for n in (1, 2, 3)
                ],
            ]
        )
        atlas.projector.catch_up()
        yield running


def answers(client: TestClient) -> list[tuple[int, list[tuple[bytes, bytes]], bytes]]:
    """Every request of the table, as status, raw headers and body."""
    answered = []
    for content_type in CONTENT_TYPES:
        for accept in ACCEPTS:
            headers = {"content-type": content_type} | ({"accept": accept} if accept else {})
            bodies = [json.dumps(b).encode() for b in JSON_BODIES] + RAW_BODIES
            for body in bodies:
                response = client.post("/graphql", content=body, headers=headers)
                answered.append((response.status_code, response.headers.raw, response.content))
    return answered


def test_a_json_post_is_answered_as_strawberrys_view_answers_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    through_run: list[object] = []
    run = AsyncBaseHTTPView.run

    async def counted_run(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        through_run.append(request)
        return await run(self, request, *args, **kwargs)

    monkeypatch.setattr(AsyncBaseHTTPView, "run", counted_run)
    short = answers(client)
    assert through_run == []  # every one of them took the short path

    (view,) = [r.endpoint for r in client.app.routes if isinstance(r, Route)][:1]  # type: ignore[attr-defined]
    assert isinstance(view, AtlasGraphQL)
    monkeypatch.setattr(view, "answers_json_posts_itself", False)
    reference = answers(client)
    assert len(through_run) == len(reference)  # and every one of these went through `run`

    assert len(short) == len(reference)
    for ours, theirs in zip(short, reference, strict=True):
        assert ours == theirs
    statuses = {status for status, _, _ in short}
    assert statuses == {200, 400}  # the table reaches answers and refusals alike
    assert any("València".encode() in body for _, _, body in short) is False  # JSON escapes it
    assert any(b"Val\\u00e8ncia" in body for _, _, body in short)
