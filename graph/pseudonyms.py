"""People in the graph: written as references to the key store, read back as their names.

The event store keeps personal fields (a mayor, who decided, who recorded) encrypted under
each person's key, so erasing the key erases the person. A read model holding the names in
plain text would defeat that: a graph file, its write-ahead log, Neo4j's store files keep
bytes long after a rebuild. So the graph never holds a name: the projector writes a reference
(``[person:<id>]``) in its place, and every read turns references back into names through the
key store, or into ``[erased]`` once the key is gone. Erasure then needs no rebuild at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from events.people import People
from graph.port import GraphStore, Row, Write

# Row fields that hold a person's name, and fields of text that may mention one.
PERSONAL = ("mayor", "decided_by", "recorded_by")
MENTIONING = ("summary",)
REFERENCE = re.compile(r"\[person:([0-9a-f]{32})\]")
WORD = re.compile(r"\w")


def reference(person_id: str) -> str:
    return f"[person:{person_id}]"


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


class Mentions:
    """Replaces each name in a text with its reference wherever it stands as whole words
    (no letter or digit joined to either end), the longest name first where two start at one
    place: "Ann Lee" is not half-replaced as "Ann".

    A batch can hold hundreds of names (the synthetic record's 600 mayors in its first
    batch), and one regular expression alternating them all tried each name at each place
    of each text: 12.5 s of a batch that took 16.7 s to read. Here a place is tried only
    where a name's first character starts a word, and only for the lengths names have,
    each length by one look-up."""

    def __init__(self, refs: Mapping[str, str]) -> None:
        self.refs = {name: ref for name, ref in refs.items() if name}
        self.lengths = sorted({len(name) for name in self.refs}, reverse=True)
        firsts = "".join(sorted({name[0] for name in self.refs}))
        self.starts = re.compile(rf"(?<!\w)[{re.escape(firsts)}]") if firsts else None

    def __call__(self, text: str) -> str:
        if self.starts is None:
            return text
        pieces: list[str] = []
        done = 0
        for start in self.starts.finditer(text):
            at = start.start()
            if at < done:  # inside a name just replaced
                continue
            for length in self.lengths:
                end = at + length
                if end <= len(text) and text[at:end] in self.refs and not WORD.match(text, end):
                    pieces += (text[done:at], self.refs[text[at:end]])
                    done = end
                    break
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)


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


def resolved(value: Any, people: People) -> Any:
    """``value`` with every reference to a person replaced by their name (or [erased]),
    looking into lists and maps (a row may carry collected items)."""
    if isinstance(value, str):
        if "[person:" not in value:
            return value
        if REFERENCE.fullmatch(value):  # a personal field: the reference and nothing else
            return people.name_of(value[8:-1])
        return REFERENCE.sub(lambda m: people.name_of(m.group(1)), value)
    # Most values (dates, numbers, text naming nobody) are kept without a call: a read of a
    # hundred cities with their terms holds thousands. (Both stores' drivers give plain str,
    # dict and list.)
    if isinstance(value, dict):
        return {k: resolved(v, people) if _may_name(v) else v for k, v in value.items()}
    if isinstance(value, list):
        return [resolved(v, people) if _may_name(v) else v for v in value]
    return value


def _may_name(value: Any) -> bool:
    kind = type(value)
    return kind is dict or kind is list or (kind is str and "[person:" in value)


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

    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        rows = self.store.read(query, parameters)
        if not self._may_name_people(query):
            return rows
        return [resolved(row, self.people) for row in rows]

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
