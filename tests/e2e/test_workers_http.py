"""``serve --workers 2``: every worker answers /sparql, with the same results, and each sees a
recorded event within moments.

Which worker answers a request is the kernel's choice. Each request here goes on a connection
of its own, and the test finds the worker process holding the other end of it (in /proc), so
that "every worker" is checked, not hoped for.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import atlas_env, issue_token
from tests.e2e.server import Server, serve

WORKERS = 2
ATLAS = "https://w3id.org/mission-atlas/ontology#"
DECISIONS = (
    f"SELECT ?title WHERE {{ ?d a <{ATLAS}Decision> ; "
    "<http://purl.org/dc/terms/title> ?title } ORDER BY ?title"
)


@pytest.fixture
def workers(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    env = atlas_env("sqlite+neo4j", request, tmp_path / "data")
    token = issue_token(env, "--role", "admin")
    # Loading the demo into Neo4j, then starting two processes: slow on a loaded machine.
    args = ("--demo", "--workers", str(WORKERS))
    server = serve(env, tmp_path / "serve.log", *args, token=token, timeout=240)
    yield server
    server.stop()


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except OSError:
            continue  # the process ended meanwhile
        for task in tasks:
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue  # a thread that ended between the listing and the read
            found += map(int, children)
            todo += map(int, children)
    return found


def _holder(server: Server, client_port: int) -> int:
    """The server process holding the other end of the connection from ``client_port``."""
    server_port = int(server.url.rsplit(":", 1)[1])
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = (int(a.rsplit(":", 1)[1], 16) for a in fields[1:3])
            if (local, remote) == (server_port, client_port):
                inodes.add(f"socket:[{fields[9]}]")
    for pid in _descendants(server.process.pid):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if fd.readlink().as_posix() in inodes:
                    return pid
            except OSError:
                continue  # closed meanwhile
    raise AssertionError(f"no process of the server holds the connection from :{client_port}")


def sparql(server: Server, query: str) -> tuple[int, httpx.Response]:
    """The answer to ``query`` on a connection of its own, and the worker that gave it."""
    with httpx.Client(timeout=30) as client:
        answer = client.get(f"{server.url}/sparql", params={"query": query})
        # Asked while the connection is still open: the worker holds its end until we close.
        client_port = answer.extensions["network_stream"].get_extra_info("client_addr")[1]
        return _holder(server, client_port), answer


def titles(answer: httpx.Response) -> list[str]:
    assert answer.status_code == 200, answer.text
    return [row["title"]["value"] for row in answer.json()["results"]["bindings"]]


def by_worker(server: Server, query: str, until: float) -> dict[int, list[httpx.Response]]:
    """Answers to ``query`` until every worker has given at least two."""
    answers: dict[int, list[httpx.Response]] = {}
    while len(answers) < WORKERS or min(len(a) for a in answers.values()) < 2:
        assert time.monotonic() < until, f"only workers {list(answers)} answered"
        pid, answer = sparql(server, query)
        answers.setdefault(pid, []).append(answer)
    return answers


def test_every_worker_answers_sparql_alike_and_follows_the_record(workers: Server) -> None:
    events = workers.events()
    at_last_event = (
        f"ASK {{ GRAPH <urn:mission-atlas:bookkeeping> {{ ?p <{ATLAS}position> {events} }} }}"
    )
    # The server brought the store up to the log once, before copying it for its workers:
    # every worker starts at the last event, and none builds the store while answering.
    assert "bringing it up to date before the workers start" in workers.log.read_text()
    at_start = by_worker(workers, at_last_event, time.monotonic() + 60)
    assert all(a.json()["boolean"] for said in at_start.values() for a in said)

    answers = by_worker(workers, DECISIONS, time.monotonic() + 60)
    results = {pid: [titles(a) for a in said] for pid, said in answers.items()}
    (first, *_), *_ = results.values()
    assert len(first) > 10
    assert all(said == first for each in results.values() for said in each)

    title = "Fund a retrofit skills pilot, asked of every worker"
    recorded = workers.graphql(
        'mutation($title: String!) { recordDecision(input: { missionId: "gm-retrofit", '
        'title: $title, recordedBy: "e2e", source: "Board minutes" }) { position } }',
        {"title": title},
    )
    assert recorded.get("errors") is None, recorded
    stored = time.monotonic()
    seen: dict[int, float] = {}
    while len(seen) < WORKERS:
        # Within the half-second polling interval on a quiet machine; the bound allows for load.
        assert time.monotonic() - stored < 10, f"only workers {list(seen)} saw the event"
        pid, answer = sparql(workers, DECISIONS)
        if title in titles(answer):
            seen.setdefault(pid, time.monotonic() - stored)
        elif pid in seen:
            raise AssertionError(f"worker {pid} showed the event, then did not")
    assert sorted(titles(sparql(workers, DECISIONS)[1])) == sorted([*first, title])
