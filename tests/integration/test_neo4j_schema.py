"""Neo4j's own schema: a constraint on every node key, the lookups indexed, set up once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.model import INDEXED, NODES, key_of
from graph.neo4j_store import Neo4jGraphStore
from tests.services.neo4j_server import Neo4jServer


@pytest.fixture
def store(neo4j_server: Neo4jServer) -> Iterator[Neo4jGraphStore]:
    store = Neo4jGraphStore.connect(neo4j_server.uri, "neo4j", "", "neo4j")
    store.clear()
    yield store
    store.close()


def schema(store: Neo4jGraphStore) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    constraints = {
        (row["labelsOrTypes"][0], row["properties"][0])
        for row in store.read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
        if row["type"] == "UNIQUENESS"
    }
    indexes = {
        (row["labelsOrTypes"][0], row["properties"][0])
        for row in store.read("SHOW INDEXES YIELD labelsOrTypes, properties, type")
        if row["type"] == "RANGE" and row["labelsOrTypes"]
    }
    return constraints, indexes


def test_every_node_key_is_unique_and_lookups_are_indexed(store: Neo4jGraphStore) -> None:
    store.setup()
    constraints, indexes = schema(store)
    assert constraints == {(label, key_of(label)) for label in NODES}
    assert set(INDEXED) <= indexes


def test_starting_against_an_initialised_database_changes_nothing(store: Neo4jGraphStore) -> None:
    store.setup()
    before = schema(store), store.read("MATCH (n) RETURN count(n) AS n")
    store.setup()
    assert (schema(store), store.read("MATCH (n) RETURN count(n) AS n")) == before
