"""The RDF store: the record as a pyoxigraph dataset, one more projection of the event log.

Its position lives in the store itself, as a triple of a bookkeeping graph, and every batch is
one SPARQL Update that changes the facts, derives the links (``ontology.derived``) and moves
the position: pyoxigraph applies an update in one transaction, so after a crash the store is
exactly at its position, never half a batch ahead. (A file written after a flush would have
needed every write to be idempotent, and a reader could have seen facts the position did not
account for.)
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, Store

from ontology.derived import FUNCTIONS
from ontology.vocabulary import ATLAS

BOOKKEEPING = "urn:mission-atlas:bookkeeping"
PROJECTION = "urn:mission-atlas:rdf-projection"
POSITION, STAMP = ATLAS + "position", ATLAS + "mappingVersion"


class RdfStoreError(Exception):
    """The RDF store cannot be opened or written."""


class RdfStoreHeld(RdfStoreError):
    """Another process holds the store's directory (RocksDB admits one writer)."""


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
        move = (
            f"DELETE WHERE {{ GRAPH <{BOOKKEEPING}> {{ <{PROJECTION}> <{POSITION}> ?p }} }} ;\n"
            f'INSERT DATA {{ GRAPH <{BOOKKEEPING}> {{ <{PROJECTION}> <{POSITION}> "{position}"'
            "^^<http://www.w3.org/2001/XMLSchema#integer> } }"
        )
        text = f"{update} ;\n{move}" if update.strip() else move
        self.store.update(text, custom_functions=FUNCTIONS)  # type: ignore[arg-type]

    def set_stamp(self, stamp: str) -> None:
        self.store.update(
            f"DELETE WHERE {{ GRAPH <{BOOKKEEPING}> {{ <{PROJECTION}> <{STAMP}> ?s }} }} ;\n"
            f'INSERT DATA {{ GRAPH <{BOOKKEEPING}> {{ <{PROJECTION}> <{STAMP}> "{stamp}" }} }}'
        )

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        self.store.flush()
        del self.store
