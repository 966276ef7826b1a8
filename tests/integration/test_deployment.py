"""docker-compose.yml is valid compose (``docker-compose config`` needs no Docker engine), and
the deployment it describes can come up: Neo4j gets a password it accepts, the API and the
projector agree with `serve --help`, and the image keeps its data in a volume."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.server import run_cli

ROOT = Path(__file__).resolve().parents[2]
# Neo4j 5 refuses an initial password shorter than 8 characters.
NEO4J_PASSWORD = "neo-secret"


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


def services() -> dict[str, Any]:
    result = compose("config", POSTGRES_PASSWORD="pg-secret", NEO4J_PASSWORD=NEO4J_PASSWORD)
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = yaml.safe_load(result.stdout)
    return dict(config["services"])


def test_neo4j_gets_its_password_through_neo4j_auth_and_no_setting_it_would_refuse() -> None:
    environment = services()["neo4j"]["environment"]
    assert environment["NEO4J_AUTH"] == f"neo4j/{NEO4J_PASSWORD}"
    # The image turns every other NEO4J_* variable into a setting (NEO4J_server_memory_...);
    # NEO4J_PASSWORD would be the unknown setting "password", and Neo4j would not start.
    others = [name for name in environment if name.startswith("NEO4J_") and name != "NEO4J_AUTH"]
    assert [name for name in others if not re.fullmatch(r"NEO4J_[a-z][a-z0-9_]*", name)] == []


def test_neo4js_health_check_logs_in_with_the_password_from_neo4j_auth() -> None:
    neo4j = services()["neo4j"]
    kind, command = neo4j["healthcheck"]["test"]
    assert kind == "CMD-SHELL"
    # The command as the container's shell runs it, with cypher-shell printing its arguments.
    command = command.replace("$$", "$").replace("cypher-shell", "printf '%s\\n'")
    shell = subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        env={"NEO4J_AUTH": neo4j["environment"]["NEO4J_AUTH"]},
        check=False,
    )
    assert shell.stdout.split("\n")[:4] == ["-u", "neo4j", "-p", NEO4J_PASSWORD]


def test_the_password_rule_is_stated_where_the_password_is_asked_for() -> None:
    rule = "at least 8 characters"
    assert rule in (ROOT / "docker-compose.yml").read_text()
    assert rule in " ".join((ROOT / "README.md").read_text().split())
    missing = compose("config", "-q", POSTGRES_PASSWORD="pg-secret", NEO4J_PASSWORD="")
    assert "set NEO4J_PASSWORD (at least 8 characters)" in missing.stderr


def test_the_api_polls_beside_the_projector_service_as_serve_help_advises() -> None:
    running = services()
    assert running["projector"]["command"] == ["mission-atlas", "project"]
    assert "--poll" in running["api"]["command"]
    shown = run_cli("serve", "--help", env={"COLUMNS": "200"})
    help_text = " ".join(shown.stdout.replace("│", " ").split())
    assert "Keep it on beside a `mission-atlas project` service" in help_text


def test_the_image_keeps_its_data_directory_in_a_volume() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    data_dir = re.search(r"^ENV MISSION_ATLAS_DATA_DIR=(\S+)$", dockerfile, re.M)
    volume = re.search(r'^VOLUME \["([^"]+)"\]$', dockerfile, re.M)
    assert data_dir is not None
    assert volume is not None
    assert volume[1] == data_dir[1]
