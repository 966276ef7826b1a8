"""The RDF store: the record as a pyoxigraph dataset, one more projection of the event log.

Its position lives in the store itself, as a triple of a bookkeeping graph. While the store
follows the log, every batch is one SPARQL Update that changes the facts and the links derived
from them (``ontology.derived``) and moves the position: pyoxigraph applies an update in one
transaction, so after a crash the store is exactly at its position, never half a batch ahead.
(A file written after a flush would have needed every write to be idempotent, and a reader
could have seen facts the position did not account for.)

Built from the first event, the store is loaded in bulk instead (``build``): pyoxigraph's bulk
loader writes its files directly, about twice as fast as a transaction, but a crash can leave
part of a load behind. So a build first stamps the store ``rebuilding`` with the position at 0,
and only its last step, one transaction, sets the position and the mapping's stamp: a store at
position 0 holds nothing that counts, and is cleared before anything is projected into it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from ontology.errors import RdfStoreError, RdfStoreHeld
from ontology.rdf_batch import Quad, deletion, nquads
from ontology.vocabulary import ATLAS

BOOKKEEPING = "urn:mission-atlas:bookkeeping"
PROJECTION = "urn:mission-atlas:rdf-projection"
POSITION, STAMP = ATLAS + "position", ATLAS + "mappingVersion"
REBUILDING = "rebuilding"  # the stamp of a store being built: its content does not count
# A bulk load costs a tenth of a second whatever its size (it writes files of its own): a run
# of insertions shorter than this goes through a plain load instead.
BULK_RUN = 20_000
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


class RdfStore:
    def __init__(self, path: Path | None = None) -> None:
        """The store in ``path`` (created if missing), or one in memory."""
        try:
            if path is not None:  # a data directory no command has written to yet
                path.parent.mkdir(parents=True, exist_ok=True)
            self.store = Store(str(path)) if path is not None else Store()
        except OSError as error:
            if "lock" in str(error).lower():
                raise RdfStoreHeld(f"the RDF store at {path} is held by another process") from error
            raise RdfStoreError(f"the RDF store at {path} cannot be opened: {error}") from error
        self.path = path

    def _bookkept(self, predicate: str) -> str | None:
        for quad in self.store.quads_for_pattern(
            NamedNode(PROJECTION), NamedNode(predicate), None, NamedNode(BOOKKEEPING)
        ):
            return str(getattr(quad.object, "value", quad.object))
        return None

    @property
    def position(self) -> int:
        return int(self._bookkept(POSITION) or 0)

    @property
    def stamp(self) -> str | None:
        """The version of the mapping the store was built by."""
        return self._bookkept(STAMP)

    def apply(self, update: str, after: int, position: int) -> None:
        """Run ``update`` and move the position from ``after`` to ``position``, all or none."""
        if self.position != after:
            raise RdfStoreError(f"the RDF store is at {self.position}, not {after}")
        move = _position_is(position)
        self.store.update(f"{update} ;\n{move}" if update.strip() else move)

    def set_stamp(self, stamp: str) -> None:
        self.store.update(_stamp_is(stamp))

    def begin_build(self) -> None:
        """Empty the store for a build from the first event, stamped as being built."""
        self.store.clear()
        self.set_stamp(REBUILDING)

    def load(self, steps: Iterable[tuple[bool, list[Quad]]]) -> None:
        """During a build only: insert and delete runs of quads, in order. Large runs are
        loaded in bulk; none moves the position, and together they are not atomic."""
        if self.stamp != REBUILDING:
            raise RdfStoreError("the RDF store is loaded in bulk only while it is built")
        for inserted, quads in steps:
            if not inserted:
                self.store.update(deletion(quads))
            elif len(quads) >= BULK_RUN:
                self.store.bulk_load(nquads(quads), RdfFormat.N_QUADS)
            else:
                self.store.load(nquads(quads), RdfFormat.N_QUADS)

    def finish_build(self, position: int, stamp: str) -> None:
        """Set the position a build reached and the mapping's stamp, in one transaction, then
        compact the store."""
        self.store.update(f"{_position_is(position)} ;\n{_stamp_is(stamp)}")
        # The bulk loader leaves overlapping files that RocksDB compacts in the background for
        # a while after: until it has, the questions took up to twice the CPU (shared
        # approaches 0.21 s against 0.11, on 100,000 events). Compacting here, about a tenth
        # of the build's time, makes the build's end the moment the store is at full speed.
        try:
            self.store.optimize()
        except OSError as error:
            message = f"the RDF store at {self.path} cannot be compacted: {error}"
            raise RdfStoreError(message) from error

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        """Flush and let go of the store; closing it twice is harmless (a server's lifespan
        and its Atlas may both close it)."""
        if hasattr(self, "store"):
            self.store.flush()
            del self.store


def _bookkeeping(predicate: str, value: str) -> str:
    """The update that sets the store's ``predicate`` to ``value`` (in N-Triples form)."""
    return (
        f"DELETE WHERE {{ GRAPH <{BOOKKEEPING}> {{ <{PROJECTION}> <{predicate}> ?v }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{BOOKKEEPING}> {{ <{PROJECTION}> <{predicate}> {value} }} }}"
    )


def _position_is(position: int) -> str:
    return _bookkeeping(POSITION, f'"{position}"^^<{XSD_INTEGER}>')


def _stamp_is(stamp: str) -> str:
    return _bookkeeping(STAMP, f'"{stamp}"')
