"""Fixtures that start the real services once per run, and the rule that a skip is a failure.

PostgreSQL and Neo4j are started here, by the test run itself; if one cannot start, every
test that needs it errors with the reason rather than being skipped.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from events.application import MissionAtlas
from events.settings import event_store_env
from graph.port import GraphStore
from tests.integration.graph_stores import STORES, open_store
from tests.services.neo4j_server import Neo4jServer, start_neo4j
from tests.services.neo4j_server import ServiceError as Neo4jServiceError
from tests.services.postgres_server import PostgresServer, ServiceError, start_postgres


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} skipped: a skipped test is not a pass", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    # Not under pytest's tmp dir: that is private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="atlas-postgres-"))
    try:
        server = start_postgres(base)
    except ServiceError as error:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL could not start: {error}", pytrace=False)
    yield server
    server.stop()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_env(postgres_server: PostgresServer) -> dict[str, str]:
    """A fresh database per test, so tests never see each other's events."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    postgres_server.psql(f"CREATE DATABASE {name}")
    return {**postgres_server.env, "POSTGRES_DBNAME": name}


@pytest.fixture(params=["sqlite", "postgres"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """The eventsourcing environment of each event store in turn."""
    if request.param == "postgres":
        env = request.getfixturevalue("postgres_env")
        return {**env, **event_store_env("postgres", tmp_path / "unused.sqlite")}
    return event_store_env("sqlite", tmp_path / "events.sqlite")


@pytest.fixture
def events(store_env: dict[str, str]) -> Iterator[MissionAtlas]:
    app = MissionAtlas(env=store_env)
    yield app
    app.close()


@pytest.fixture
def sqlite_events(tmp_path: Path) -> Iterator[MissionAtlas]:
    app = MissionAtlas(env=event_store_env("sqlite", tmp_path / "events.sqlite"))
    yield app
    app.close()


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    base = Path(tempfile.mkdtemp(prefix="atlas-neo4j-"))
    try:
        server = start_neo4j(base)
    except Neo4jServiceError as error:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"Neo4j could not start: {error}", pytrace=False)
    yield server
    server.stop()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=STORES)
def graph_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """Each graph store in turn, fresh and set up: the contract suite runs against both."""
    yield from open_store(request.param, request, tmp_path)


# How many generated histories the property suite checks per store: `ci` in the test command,
# `soak` for a long run (`--hypothesis-profile=soak`).
settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
settings.register_profile(
    "soak",
    parent=settings.get_profile("ci"),
    max_examples=1000,
)
settings.load_profile("ci")
