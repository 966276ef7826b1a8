"""A streamed export stops its work when its client leaves, and never holds up the shutdown.

The record is a few megabytes of N-Quads and the client's receive buffer is tiny, so the
server is still writing when the client leaves or the server is told to stop; the server's
log says how each stream ended and after how many chunks.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import atlas_env
from tests.e2e.server import Server, run_cli, serve
from tests.synthetic import as_event_lines, synthetic_commands

EXPORT = "/rdf?format=nq&with_events=true"
ENDED = re.compile(r"GET /rdf as nq: stopped after (\d+) chunks \(([^)]*)\)")


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding 1,000 synthetic events (2.5 MB of N-Quads), imported."""
    work = tmp_path_factory.mktemp("streams")
    events = work / "events.jsonl"
    commands = synthetic_commands(cities=10, missions=100, events=1000)
    events.write_text("\n".join(as_event_lines(commands)) + "\n")
    data = work / "data"
    result = run_cli("import", str(events), env={"MISSION_ATLAS_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture(scope="module")
def server(record: Path, request: pytest.FixtureRequest) -> Iterator[Server]:
    """One server for the module (starting one is slow on a busy machine): the stop signal's
    test, last, stops it."""
    running = serve(atlas_env("sqlite+embedded", request, record), record.parent / "serve.log")
    yield running
    running.stop()


def slow_client(server: Server) -> socket.socket:
    """A client that asks for the whole record, reads the first bytes, and reads no more."""
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    host, port = server.url.removeprefix("http://").split(":")
    client.connect((host, int(port)))
    client.sendall(f"GET {EXPORT} HTTP/1.1\r\nhost: {host}\r\n\r\n".encode())
    assert client.recv(64).startswith(b"HTTP/1.1 200")
    return client


def ended(server: Server, timeout: float = 30) -> tuple[int, str]:
    """How the server says the export stream ended: chunks sent, and why."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = ENDED.search(server.log.read_text())
        if found:
            return int(found[1]), found[2]
        time.sleep(0.1)
    raise AssertionError(f"no stream ended within {timeout}s:\n{server.log.read_text()}")


def test_a_client_that_leaves_stops_the_export(server: Server) -> None:
    whole = httpx.get(server.url + EXPORT, timeout=120)
    assert whole.status_code == 200
    chunks, why = ended(server)
    assert why == "complete"
    assert chunks >= 20  # far more than the buffers between the two ends hold
    server.log.write_text("")
    slow_client(server).close()
    sent, why = ended(server)
    assert why == "the client left"
    assert sent < chunks / 2


def test_a_stop_signal_ends_the_streams_instead_of_waiting_for_them(server: Server) -> None:
    server.log.write_text("")
    client = slow_client(server)
    # Long enough for the server to fill every buffer on the way to the client, so that bytes
    # are still queued for it when the server stops: a graceful shutdown would wait for them
    # as long as the client stays.
    time.sleep(1)
    started = time.monotonic()
    server.process.terminate()
    server.process.wait(timeout=30)
    client.close()
    sent, why = ended(server, timeout=1)
    assert why == "the server is stopping"
    assert sent >= 1
    assert time.monotonic() - started < 15
