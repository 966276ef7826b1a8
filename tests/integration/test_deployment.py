"""docker-compose.yml is valid compose (``docker-compose config`` needs no Docker engine)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def compose(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail("docker-compose is not installed (tests/run installs Debian's docker-compose)")
    return subprocess.run(
        [binary, "-f", str(ROOT / "docker-compose.yml"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )


def test_the_compose_file_validates_and_runs_api_projector_and_both_stores() -> None:
    result = compose("config", POSTGRES_PASSWORD="pg-secret", NEO4J_PASSWORD="neo-secret")
    assert result.returncode == 0, result.stderr
    services = compose("config", "--services", POSTGRES_PASSWORD="x", NEO4J_PASSWORD="y")
    assert set(services.stdout.split()) == {"postgres", "neo4j", "api", "projector"}
    config = result.stdout
    assert "image: neo4j:5.26-community" in config
    assert "MISSION_ATLAS_GRAPH_STORE: neo4j" in config
    assert "condition: service_healthy" in config


def test_the_compose_file_refuses_to_run_without_passwords() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("POSTGRES_PASSWORD", "NEO4J_PASSWORD")}
    result = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD" in result.stderr or "set NEO4J_PASSWORD" in result.stderr
