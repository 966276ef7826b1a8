"""People in the graph: written as references to the key store, read back as their names.

The event store keeps personal fields (a mayor, who decided, who recorded) encrypted under
each person's key, so erasing the key erases the person. A read model holding the names in
plain text would defeat that: a graph file, its write-ahead log, Neo4j's store files keep
bytes long after a rebuild. So the graph never holds a name: the projector writes a reference
(``[person:<id>]``) in its place, and every read turns references back into names through the
key store, or into ``[erased]`` once the key is gone. Erasure then needs no rebuild at all.
What a reference is, and how one reads back, is ``events.references``, shared with the RDF
store; here is what the graph does with them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from events.people import People
from events.references import Mentions, reference, resolve_in_place
from graph.port import GraphStore, Row, Write

# Row fields that hold a person's name, and fields of text that may mention one.
PERSONAL = ("mayor", "decided_by", "recorded_by")
MENTIONING = ("summary",)


def pseudonymised(writes: Sequence[Write], people: People) -> list[Write]:
    """The writes with every personal name replaced by a reference to its person."""
    refs: dict[str, str] = {}
    for write in writes:
        for row in write.rows:
            for field in PERSONAL:
                name = row.get(field)
                if isinstance(name, str) and name not in refs:
                    person_id = people.person_of(name)
                    if person_id is not None:
                        refs[name] = reference(person_id)
    if not refs:
        return list(writes)
    mentions = Mentions(refs)
    return [replace(w, rows=[_replaced(row, refs, mentions) for row in w.rows]) for w in writes]


def _replaced(row: Row, refs: dict[str, str], mentions: Mentions) -> Row:
    changed = dict(row)
    for field in PERSONAL:
        value = changed.get(field)
        if isinstance(value, str) and value in refs:
            changed[field] = refs[value]
    for field in MENTIONING:
        value = changed.get(field)
        if isinstance(value, str):
            changed[field] = mentions(value)
    return changed


class NamesResolved(GraphStore):
    """A graph store whose reads show people's names, resolved at read time."""

    def __init__(self, store: GraphStore, people: People) -> None:
        self.store = store
        self.people = people
        self.dialect = store.dialect
        self._naming: dict[str, bool] = {}

    def setup(self) -> None:
        self.store.setup()

    def apply(self, writes: Sequence[Write], projection: str, after: int, position: int) -> bool:
        return self.store.apply(writes, projection, after, position)

    def caught_up(self) -> None:
        self.store.caught_up()

    def position(self, projection: str) -> int:
        return self.store.position(projection)

    def missing_properties(self) -> list[str]:
        return self.store.missing_properties()

    @contextmanager
    def turn(self, name: str) -> Iterator[None]:
        with self.store.turn(name):
            yield

    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        rows = self.store.read(query, parameters)
        if self._may_name_people(query):
            resolve_in_place(rows, self.people)
        return rows

    def _may_name_people(self, query: str) -> bool:
        """Whether a read returns a field references are written to: most reads (peers,
        lessons, ids) cannot, and skip walking their rows."""
        known = self._naming.get(query)
        if known is None:
            known = self._naming[query] = any(f in query for f in (*PERSONAL, *MENTIONING))
        return known

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        self.store.close()
