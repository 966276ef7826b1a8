"""With MISSION_ATLAS_READ_ACCESS=token, the record is served to token holders only, on every
route that serves it: GraphQL, the pages, /rdf and its dumps, the dereferenced IRIs, /sparql.
The vocabulary and the dataset's description stay public, the description without the
record's triple count. (Open mode is the rest of the suite: every other test reads as nobody.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import rdflib
from rdflib.namespace import VOID

from tests.e2e.conftest import atlas_env, issue_token
from tests.e2e.server import Server, free_port, run_cli, serve

CHALLENGE = 'Bearer realm="Mission Atlas"'
SELECT_CITIES = "SELECT ?city WHERE { ?city a <https://w3id.org/mission-atlas/ontology#City> }"


@pytest.fixture(scope="module")
def guarded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The demo behind a token, its IRIs under its own address; ``token`` reads it. A second
    token, revoked, is what a former reader still sends."""
    folder = tmp_path_factory.mktemp("read-access")
    port = free_port()
    env = {
        **atlas_env("sqlite+embedded", request, folder / "data"),
        "MISSION_ATLAS_READ_ACCESS": "token",
        "MISSION_ATLAS_BASE_IRI": f"http://127.0.0.1:{port}/id/",
    }
    token = issue_token(env, "--role", "admin", "--label", "reader")
    server = serve(env, folder / "serve.log", "--demo", token=token, port=port)
    yield server
    server.stop()


@dataclass(frozen=True)
class Ask:
    """One request to a route that serves the record, and what its answer to a reader holds."""

    path: str
    params: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    form: dict[str, str] | None = None
    json: dict[str, Any] | None = None
    status: int = 200
    holds: str = "Camden"  # in the body of a reader's answer (or the Location of a 303)

    def send(self, server: Server, token: str | None) -> httpx.Response:
        headers = {"accept": "text/turtle, application/sparql-results+json;q=0.9, */*;q=0.1"}
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        url = server.url + self.path
        return httpx.request(
            self.method, url, params=self.params, data=self.form, json=self.json, headers=headers
        )


RECORD_ROUTES = [
    Ask("/rdf", {"format": "nt"}),
    Ask("/rdf", {"format": "html"}, holds="rdf?format=nq"),
    Ask("/doc/city/camden"),
    Ask("/id/city/camden", status=303, holds="/doc/city/camden"),
    Ask("/sparql", {"query": SELECT_CITIES}, holds="city/camden"),
    Ask("/sparql", method="POST", form={"query": SELECT_CITIES}, holds="city/camden"),
    Ask("/graphql", method="POST", json={"query": "{ cities { name } }"}),
    Ask("/cities/camden"),
]


def _answer(ask: Ask, response: httpx.Response) -> str:
    return response.headers.get("location", "") if ask.status == 303 else response.text


@pytest.mark.parametrize("ask", RECORD_ROUTES, ids=lambda a: f"{a.method} {a.path} {a.params}")
def test_the_record_is_served_to_token_holders_only(guarded: Server, ask: Ask) -> None:
    for token, error in ((None, ""), ("mat_not-a-token", ', error="invalid_token"')):
        refused = ask.send(guarded, token)
        assert refused.status_code == 401, refused.text
        assert refused.headers["www-authenticate"].startswith(CHALLENGE + error)
        assert "authorization" in refused.headers["vary"].lower()
        needs = "unknown or revoked" if token else "reading needs an API token"
        assert needs in refused.text or "token holders only" in refused.text
        assert "Camden" not in refused.text
        assert "city/camden" not in refused.text
    answered = ask.send(guarded, guarded.token)
    assert answered.status_code == ask.status, answered.text
    assert ask.holds in _answer(ask, answered)
    if ask.method == "GET":  # what caches may store: it must not reach another caller
        assert "authorization" in answered.headers["vary"].lower()


def test_a_revoked_token_reads_no_more(guarded: Server) -> None:
    env = {"MISSION_ATLAS_DATA_DIR": str(guarded.log.parent / "data")}
    created = run_cli("token", "create", "--role", "editor", "--city", "camden", env=env)
    said = dict(line.split(maxsplit=1) for line in created.stdout.splitlines()[:2])
    secret, token_id = said["secret"], said["token"].removeprefix("id").strip()
    assert Ask("/rdf", {"format": "nt"}).send(guarded, secret).status_code == 200
    assert run_cli("token", "revoke", token_id, env=env).returncode == 0
    refused = Ask("/rdf", {"format": "nt"}).send(guarded, secret)
    assert refused.status_code == 401
    assert 'error="invalid_token"' in refused.headers["www-authenticate"]


def test_the_vocabulary_and_the_dataset_description_stay_public(guarded: Server) -> None:
    for path in ("/ontology", "/ontology/context.jsonld"):
        assert httpx.get(guarded.url + path).status_code == 200, path
    assert httpx.get(f"{guarded.url}/id/dataset").status_code == 303
    dataset = rdflib.URIRef(f"{guarded.url}/id/dataset")
    counts: dict[str | None, object] = {}
    for token in (None, guarded.token):
        headers = {"accept": "text/turtle"}
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        void = httpx.get(f"{guarded.url}/.well-known/void", headers=headers, timeout=60)
        assert void.status_code == 200
        assert "authorization" in void.headers["vary"].lower()
        described = rdflib.Graph().parse(data=void.text, format="turtle")
        assert (dataset, rdflib.RDF.type, VOID.Dataset) in described
        counts[token] = described.value(dataset, VOID.triples)
    # The triple count is the record's: told to readers only.
    assert counts[None] is None
    told = counts[guarded.token]
    assert isinstance(told, rdflib.Literal)
    assert told.toPython() > 500
