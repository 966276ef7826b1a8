"""The Neo4j graph store, through the official driver: the graph of record for deployments.

It runs the shared statements of ``graph.cypher``; what is Neo4j's own (constraints, indexes,
deleting in batches, its temporal types) is named here and in the Neo4j section of that module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import (
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.time import Date, DateTime

from graph import cypher
from graph.catalogue import catalogue_writes
from graph.errors import GraphUnavailable
from graph.model import INDEXED, NODES, key_of
from graph.port import GraphStore, Row, Write

T = TypeVar("T")


def neo4j_schema() -> list[str]:
    statements = [
        cypher.NEO4J_KEY_CONSTRAINT.format(label=label, key=key_of(label)) for label in NODES
    ]
    statements += [cypher.NEO4J_PROPERTY_INDEX.format(label=lb, prop=p) for lb, p in INDEXED]
    return statements


PLAIN = (str, int, float, bool, type(None))


def _native(value: Any) -> Any:
    """Neo4j's temporal types as the standard library's, so both stores return the same.
    Plain values are kept without a call, and a list or map is changed where it stands: the
    driver makes them for this read alone, and one with collected lists holds thousands of
    maps, most of them with no date at all (Neo4j's own texts give dates as text)."""
    if type(value) in PLAIN:
        return value
    if isinstance(value, (Date, DateTime)):
        return value.to_native()
    if isinstance(value, list):
        for at, item in enumerate(value):
            if type(item) not in PLAIN:
                value[at] = _native(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if type(item) not in PLAIN:
                value[key] = _native(item)
    return value


@contextmanager
def _unavailable_as_graph_error() -> Iterator[None]:
    try:
        yield
    except (ServiceUnavailable, SessionExpired, TransientError) as error:
        raise GraphUnavailable(f"Neo4j is unavailable: {error}") from error


class Neo4jGraphStore(GraphStore):
    dialect = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self._driver = driver
        self._database = database

    @classmethod
    def connect(cls, uri: str, user: str, password: str, database: str) -> Neo4jGraphStore:
        auth = (user, password) if password else None
        # The projector retries with its own backoff; the driver should fail fast instead of
        # retrying a transaction for its default 30 s while a mutation waits.
        driver = GraphDatabase.driver(
            uri,
            auth=auth,
            max_transaction_retry_time=2.0,
            connection_timeout=5.0,
            # Reading a property no node has yet (a fresh graph's position) is not a problem.
            notifications_min_severity="OFF",
        )
        try:
            with _unavailable_as_graph_error():
                driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
        return cls(driver, database)

    def setup(self) -> None:
        with _unavailable_as_graph_error():
            for statement in neo4j_schema():
                self._driver.execute_query(statement, database_=self._database)
            self._write(lambda tx: self._run_writes(tx, catalogue_writes()))

    def apply(self, writes: Sequence[Write], projection: str, after: int, position: int) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            tx.run(cypher.NEO4J_LOCK_PROJECTION, name=projection).consume()
            record = tx.run(cypher.GET_POSITION, name=projection).single()
            current = 0 if record is None else int(record["position"])
            if current != after:
                return False
            self._run_writes(tx, writes)
            tx.run(cypher.SET_POSITION, name=projection, position=position).consume()
            return True

        return self._write(work)

    @contextmanager
    def turn(self, name: str) -> Iterator[None]:
        with _unavailable_as_graph_error(), self._driver.session(database=self._database) as s:
            tx = s.begin_transaction()
            try:
                tx.run(cypher.NEO4J_TAKE_TURN, name=name).consume()
                yield
            finally:
                # Rolled back, never committed (see the statement); on a connection lost
                # meanwhile Neo4j has ended the turn already, and the block's error stands.
                with suppress(Neo4jError, DriverError):
                    tx.rollback()

    def position(self, projection: str) -> int:
        rows = self.read(cypher.GET_POSITION, {"name": projection})
        return int(rows[0]["position"]) if rows else 0

    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        given = dict(parameters or {})
        with _unavailable_as_graph_error():
            try:
                keys, records = self._read_once(query, given)
            except (Neo4jError, DriverError) as error:
                if not error.is_retryable():
                    raise
                # What a moment may cure (a dropped connection, a leader elected) gets the
                # driver's managed retries, as every read had before.
                records, _, keys = self._driver.execute_query(
                    query, parameters_=given, database_=self._database, routing_=RoutingControl.READ
                )
        # A Record iterates over its values, like the tuple it is.
        return [
            dict(zip(keys, [v if type(v) in PLAIN else _native(v) for v in record], strict=True))
            for record in records
        ]

    def _read_once(
        self, query: str, parameters: dict[str, Any]
    ) -> tuple[Sequence[str], list[neo4j.Record]]:
        """One auto-commit read: RUN and PULL in one round trip, where a managed transaction
        (``execute_query``) sends BEGIN with them and then waits for COMMIT's answer; a
        fifth less time per read under load (issue 12), and nothing to commit in a read."""
        with self._driver.session(
            database=self._database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            result = session.run(query, parameters)
            return result.keys(), list(result)

    def clear(self) -> None:
        with _unavailable_as_graph_error(), self._driver.session(database=self._database) as s:
            for statement in cypher.NEO4J_DELETE_IN_BATCHES:
                s.run(statement).consume()

    def close(self) -> None:
        self._driver.close()

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with _unavailable_as_graph_error(), self._driver.session(database=self._database) as s:
            return s.execute_write(work)

    @staticmethod
    def _run_writes(tx: ManagedTransaction, writes: Sequence[Write]) -> None:
        for write in writes:
            if write.rows:
                tx.run(write.query, rows=write.rows).consume()
