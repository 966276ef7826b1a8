from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.neo4j_store import Neo4jGraphStore
from tests.e2e.server import Server, run_cli, serve
from tests.stories import springfield_story
from tests.synthetic import as_event_lines

# The embedded defaults, and the production pairing of PostgreSQL with Neo4j.
CONFIGURATIONS = ["sqlite+embedded", "postgres+neo4j"]


def atlas_env(configuration: str, request: pytest.FixtureRequest, data_dir: Path) -> dict[str, str]:
    event_store, graph_store = configuration.split("+")
    env = {
        "MISSION_ATLAS_DATA_DIR": str(data_dir),
        "MISSION_ATLAS_EVENT_STORE": event_store,
        "MISSION_ATLAS_GRAPH_STORE": graph_store,
    }
    if event_store == "postgres":
        env.update(request.getfixturevalue("postgres_env"))
    if graph_store == "neo4j":
        neo4j = request.getfixturevalue("neo4j_server")
        store = Neo4jGraphStore.connect(neo4j.uri, "neo4j", "", "neo4j")
        store.clear()
        store.close()
        env.update({"NEO4J_URI": neo4j.uri, "NEO4J_PASSWORD": ""})
    return env


@pytest.fixture(params=CONFIGURATIONS)
def env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    return atlas_env(request.param, request, tmp_path / "data")


@pytest.fixture
def embedded_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """SQLite and the embedded graph only: for what does not depend on the stores (wording,
    help screens, the GraphiQL page)."""
    return atlas_env("sqlite+embedded", request, tmp_path / "data")


def issue_token(env: dict[str, str], *args: str) -> str:
    """Issue a token through the CLI and return its secret."""
    created = run_cli("token", "create", *args, env=env)
    assert created.returncode == 0, created.stderr
    return next(
        line.split()[1] for line in created.stdout.splitlines() if line.startswith("secret")
    )


@pytest.fixture
def admin_token(env: dict[str, str]) -> str:
    return issue_token(env, "--role", "admin", "--label", "e2e admin")


@pytest.fixture
def demo(env: dict[str, str], admin_token: str, tmp_path: Path) -> Iterator[Server]:
    """``mission-atlas serve --demo`` on a fresh store, in each configuration, with a token
    that may record anything."""
    server = serve(env, tmp_path / "serve.log", "--demo", token=admin_token)
    yield server
    server.stop()


@pytest.fixture
def history(env: dict[str, str], admin_token: str, tmp_path: Path) -> Iterator[Server]:
    """The demo plus the fictional Springfield story, with its three administrations."""
    story = tmp_path / "story.jsonl"
    story.write_text("\n".join(as_event_lines(springfield_story())) + "\n")
    imported = run_cli("import", str(story), env=env)
    assert imported.returncode == 0, imported.stderr
    server = serve(env, tmp_path / "serve.log", "--demo", token=admin_token)
    yield server
    server.stop()
