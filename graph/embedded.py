"""The embedded graph store: LadybugDB (the maintained fork of Kùzu), in-process, on a file.

It speaks the same Cypher as Neo4j once its typed tables exist. One process may open the file
for writing at a time; a second gets :class:`GraphUnavailable`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import ladybug

from graph import cypher
from graph.catalogue import catalogue_writes
from graph.errors import GraphUnavailable
from graph.model import NODES, RELATIONSHIPS, key_of
from graph.port import GraphStore, Row, Write

# The store reserves this much address space per open file (8 TiB by default): 256 GiB is far
# beyond any record's graph, and lets a process (a test run, a rebuild beside a live graph)
# hold many files without running out of address space.
MAX_DB_SIZE = 1 << 38


def ladybug_schema() -> list[str]:
    statements = []
    for label, properties in NODES.items():
        columns = ", ".join(f"{name} {kind}" for name, kind in properties.items())
        statements.append(
            f"CREATE NODE TABLE IF NOT EXISTS {label}({columns}, PRIMARY KEY ({key_of(label)}))"
        )
    for rel_type, pairs in RELATIONSHIPS.items():
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in pairs)
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel_type}({ends})")
    return statements


class EmbeddedGraphStore(GraphStore):
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # A process killed inside a commit leaves a torn tail on the write-ahead log. The
            # strict default refuses to open the file at all; this setting replays every
            # committed transaction and cuts the tail. That is safe here because each batch
            # writes its projection position in the same transaction: the cut batch's position
            # goes with it, and the projector projects those events again.
            self._db = ladybug.Database(
                str(path), throw_on_wal_replay_failure=False, max_db_size=MAX_DB_SIZE
            )
        except RuntimeError as error:
            raise GraphUnavailable(f"cannot open the embedded graph at {path}: {error}") from error
        self._conn = ladybug.Connection(self._db)
        # One connection, one writer: the lock keeps a read from landing inside a batch.
        self._lock = threading.RLock()

    def setup(self) -> None:
        with self._lock:
            for statement in ladybug_schema():
                self._conn.execute(statement)
            with self._transaction():
                for write in catalogue_writes():
                    self._conn.execute(write.query, {"rows": write.rows})

    def apply(self, writes: Sequence[Write], projection: str, after: int, position: int) -> bool:
        with self._lock, self._transaction():
            if self._position(projection) != after:
                return False
            for write in writes:
                if write.rows:
                    self._conn.execute(write.query, {"rows": write.rows})
            self._conn.execute(cypher.SET_POSITION, {"name": projection, "position": position})
            return True

    def position(self, projection: str) -> int:
        with self._lock:
            return self._position(projection)

    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        with self._lock:
            return self._rows(query, parameters)

    def clear(self) -> None:
        with self._lock:
            self._conn.execute(cypher.DELETE_EVERYTHING)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._db.close()

    def _position(self, projection: str) -> int:
        rows = self._rows(cypher.GET_POSITION, {"name": projection})
        return int(rows[0]["position"]) if rows else 0

    def _rows(self, query: str, parameters: Mapping[str, Any] | None) -> list[Row]:
        result = self._conn.execute(query, dict(parameters or {}))
        assert not isinstance(result, list)  # one statement, one result
        names = result.get_column_names()
        return [dict(zip(names, values, strict=True)) for values in result.get_all()]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            # A failed statement already ends the transaction in the embedded store.
            with suppress(RuntimeError):
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")


def rebuild_beside(path: Path, project: Callable[[GraphStore], int]) -> int:
    """Build a new graph file next to the one at ``path`` with ``project``, and put it in
    its place only once it is complete: a rebuild that fails leaves the old graph as it was.
    Returns the position the new graph reached."""
    current = EmbeddedGraphStore(path)  # held open so that no server starts on it meanwhile
    side = path.with_name(path.name + ".rebuilding")
    for stale in (side, _wal(side)):
        stale.unlink(missing_ok=True)
    try:
        fresh = EmbeddedGraphStore(side)
        try:
            fresh.setup()
            position = project(fresh)
        finally:
            fresh.close()
    except BaseException:
        current.close()
        for stale in (side, _wal(side)):
            stale.unlink(missing_ok=True)
        raise
    current.close()
    # Closing wrote the new graph's log into its file; the old file's log, if any, belongs
    # to the old graph and must not be replayed onto the new one.
    _wal(path).unlink(missing_ok=True)
    os.replace(side, path)
    return position


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")
