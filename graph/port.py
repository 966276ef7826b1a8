"""The graph-store port: what the projector and the API need from any graph database.

Adapters run the same Cypher (``graph.cypher``); each one owns its dialect's schema statements
and value conversions. A read may pick its store's own text (``dialect``) where that is faster,
provided it answers the same rows.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from graph.writes import WriteKind

Row = dict[str, Any]
# A store whose own query text a read may choose (graph.cypher's dialect section).
Dialect = Literal["neo4j", "ladybug"]


@dataclass(frozen=True)
class Write:
    """One batched statement: ``query`` runs once with ``UNWIND $rows AS row``. A projection
    write carries its ``kind``, which is how a batch is read back; other writes (the
    catalogue, a test's own statement) have none."""

    query: str
    rows: list[Row]
    kind: WriteKind | None = None

    @classmethod
    def of(cls, kind: WriteKind, rows: list[Row]) -> Write:
        return cls(kind.statement, rows, kind)


class GraphStore(ABC):
    # A read runs the shared text unless its store names a dialect it has its own text for;
    # both texts answer alike, so a store that names none (a wrapper in a test) is only slower.
    dialect: Dialect | None = None

    @abstractmethod
    def setup(self) -> None:
        """Create the schema and the approach catalogue; safe to run on every start."""

    @abstractmethod
    def apply(self, writes: Sequence[Write], projection: str, after: int, position: int) -> bool:
        """In one transaction: if ``projection`` is still at ``after``, run ``writes`` and move
        it to ``position``. Returns False (and changes nothing) when it had already moved,
        so a replayed batch is never applied twice.
        """

    def missing_properties(self) -> list[str]:
        """The graph model's node properties the store's schema lacks, as ``Label.property``.

        A store with typed tables keeps the tables an older model made (``CREATE ... IF NOT
        EXISTS`` adds no column to a table that exists); a schemaless store lacks none."""
        return []

    @contextmanager
    def turn(self, name: str) -> Iterator[None]:
        """Hold ``name`` for the block: another process asking for the same name on the same
        graph waits until the block ends, or until the holder's process does. A store that
        one process alone may open (the embedded file) has no one else to wait for."""
        yield

    def caught_up(self) -> None:
        """Told by the projector when a catch-up has applied what there was to apply. A store
        that puts off its upkeep while batches come back to back (the embedded store folds
        its log into its file) does it now; nothing a reader sees changes. A store with no
        upkeep to put off (Neo4j) has nothing to do."""
        return

    @abstractmethod
    def position(self, projection: str) -> int:
        """The last event position applied by ``projection`` (0 before the first)."""

    @abstractmethod
    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a read query; values come back as plain Python (``datetime.date`` for dates)."""

    @abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship, the projection positions included."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection or files."""
