"""Running the real ``mission-atlas serve`` in a subprocess and talking to it over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

CLI = [sys.executable, "-c", "from api.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    log: Path
    token: str | None = None

    def post(
        self, body: dict[str, Any], token: str | None = None, accept: str = "application/json"
    ) -> httpx.Response:
        headers = {"accept": accept}
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        return httpx.post(f"{self.url}/graphql", json=body, headers=headers, timeout=30)

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, anonymous: bool = False
    ) -> dict[str, Any]:
        """Query as the server's token holder (or as nobody), expecting a 200 answer."""
        token = None if anonymous else self.token
        response = self.post({"query": query, "variables": variables or {}}, token)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def health(self) -> dict[str, int | None]:
        body: dict[str, int | None] = httpx.get(f"{self.url}/health", timeout=10).json()
        return body

    def events(self) -> int:
        """How many events the event store holds."""
        events = self.health()["events"]
        assert events is not None
        return events

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def serve(
    env: dict[str, str],
    log: Path,
    *args: str,
    timeout: float = 60,
    token: str | None = None,
    port: int | None = None,
) -> Server:
    port = port or free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [*CLI, "serve", "--port", str(port), *args],
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log, token)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            server.health()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"serve did not answer within {timeout}s:\n{log.read_text()}")
