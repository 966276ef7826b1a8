"""The embedded graph store: LadybugDB (the maintained fork of Kùzu), in-process, on a file.

It speaks the same Cypher as Neo4j once its typed tables exist. One process may open the file
at a time; a second gets :class:`GraphLocked`. A file that cannot be read as a graph raises
:class:`GraphDamaged`: the graph is derived from the events, so it is built again, never repaired.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ladybug

from graph import cypher
from graph.catalogue import catalogue_writes
from graph.columns import as_columns
from graph.errors import GraphDamaged, GraphError, GraphLocked, GraphUnavailable
from graph.model import NODES, RELATIONSHIPS, key_of
from graph.port import GraphStore, Row, Write

# The store reserves this much address space per open file (8 TiB by default): 256 GiB is far
# beyond any record's graph, and lets a process (a test run, a rebuild beside a live graph)
# hold many files without running out of address space.
MAX_DB_SIZE = 1 << 38

# A checkpoint folds the write-ahead log into the file, and costs more as the graph grows, not
# only with the log it folds: at 64 MiB of log (about 20,000 events of the synthetic record),
# 0.6 s of CPU at 25,000 events, 1.4-1.5 s at 45,000 and 2.0 s at 185,000. A catch-up that
# checkpointed at every 64 MiB spent a third of its writing time in checkpoints on the
# 200,000-event record (19 of 59 CPU s), and its statements ran slower on checkpointed pages
# than on the data still in memory (40 against 33 CPU s). So the store folds its log at two
# sizes. FOLD_LOG_AT, when the projector has caught up (``caught_up``): following the log, a
# graph checkpoints about as often as before. LOG_LIMIT, LadybugDB's own threshold inside a
# commit, is the most a long catch-up (a rebuild, a first start on a long record) leaves in the
# log: the 200,000-event record's 686 MB are folded once, at its end, in 3.4-4.5 s of CPU. The
# price is paid only after a crash in the middle of a catch-up: the next start replays the log
# (686 MB took 55 s of CPU; an older measure, 22 MB in 2.7 s, gives about 2 minutes for 1 GiB),
# and the data not yet checkpointed is held in memory (186 MiB more at 686 MB of log).
FOLD_LOG_AT = 64 << 20
LOG_LIMIT = 1 << 30


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
    dialect = "ladybug"

    def __init__(self, path: Path, fold_log_at: int = FOLD_LOG_AT) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._log = path.with_name(path.name + ".wal")
        self._fold_log_at = fold_log_at
        try:
            # A process killed inside a commit leaves a torn tail on the write-ahead log. The
            # strict default refuses to open the file at all; this setting replays every
            # committed transaction and cuts the tail. That is safe here because each batch
            # writes its projection position in the same transaction: the cut batch's position
            # goes with it, and the projector projects those events again.
            self._db = ladybug.Database(
                str(path),
                throw_on_wal_replay_failure=False,
                max_db_size=MAX_DB_SIZE,
                checkpoint_threshold=LOG_LIMIT,
            )
        except RuntimeError as error:
            raise _open_failure(path, error) from error
        self._conn = ladybug.Connection(self._db)
        # One connection, one writer: the lock keeps a read from landing inside a batch.
        self._lock = threading.RLock()

    def setup(self) -> None:
        with self._lock:
            for statement in ladybug_schema():
                self._conn.execute(statement)
            with self._transaction():
                for write in catalogue_writes():
                    self._conn.execute(*as_columns(write.query, write.rows))

    def missing_properties(self) -> list[str]:
        missing = []
        with self._lock:
            for label, properties in NODES.items():
                # table_info takes its table as a literal only; labels are the model's own.
                found = self._conn.execute(f"CALL table_info('{label}') RETURN name")
                columns = {row[0] for row in found.get_all()}  # type: ignore[union-attr,index]
                missing += [f"{label}.{name}" for name in properties if name not in columns]
        return missing

    def apply(self, writes: Sequence[Write], projection: str, after: int, position: int) -> bool:
        with self._lock, self._transaction():
            if self._position(projection) != after:
                return False
            for write in writes:
                if write.rows:
                    self._conn.execute(*as_columns(write.query, write.rows))
            self._conn.execute(cypher.SET_POSITION, {"name": projection, "position": position})
            return True

    def caught_up(self) -> None:
        with self._lock:
            if self._log.exists() and self._log.stat().st_size >= self._fold_log_at:
                self._conn.execute("CHECKPOINT")

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
    for stale in _with_sidecars(side):
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
        for stale in _with_sidecars(side):
            stale.unlink(missing_ok=True)
        raise
    current.close()
    # Closing wrote the new graph's log into its file; the old file's log, if any, belongs
    # to the old graph and must not be replayed onto the new one.
    for stale in _with_sidecars(path)[1:]:
        stale.unlink(missing_ok=True)
    os.replace(side, path)
    return position


def keep_damaged(path: Path) -> Path:
    """Move a graph file that cannot be read out of the way, together with its log, as
    ``<name>.damaged-<UTC time>``: kept for whoever wants to know what became of it, and out
    of the way of a rebuild. Returns where the file went."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    while kept.exists():  # a second damaged file within the same second
        kept = kept.with_name(kept.name + "+")
    # The sidecars first: a log left at the old name would be replayed onto the new graph.
    for sidecar, moved in reversed(
        list(zip(_with_sidecars(path), _with_sidecars(kept), strict=True))
    ):
        with suppress(FileNotFoundError):
            os.replace(sidecar, moved)
    return kept


def _with_sidecars(path: Path) -> list[Path]:
    """The graph file, then the files LadybugDB keeps beside it: its write-ahead log, and the
    pages a checkpoint is writing."""
    return [path, *(path.with_name(path.name + suffix) for suffix in (".wal", ".shadow"))]


def _open_failure(path: Path, error: RuntimeError) -> GraphError:
    """What a failure to open the file means. LadybugDB names a file another process holds as
    an I/O error about its lock (with the holder's pid, on POSIX); a file whose content it
    cannot read as a runtime, storage or catalog error; other I/O errors (permissions, a full
    disk) are about reaching the file, not about what it holds."""
    message = str(error)
    if "Could not set lock on file" in message:
        holder = re.search(r"held by PID (\d+)", message)
        pid = int(holder.group(1)) if holder else None
        by = f" (pid {pid})" if pid else ""
        return GraphLocked(f"the embedded graph at {path} is in use by another process{by}", pid)
    if message.startswith(("Runtime exception", "Storage exception", "Catalog exception")):
        return GraphDamaged(f"the embedded graph at {path} is damaged: {message}")
    return GraphUnavailable(f"cannot open the embedded graph at {path}: {message}")
