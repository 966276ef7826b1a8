"""Reads over many keys in one query, answered in the order of the keys.

The queries ``UNWIND $ids``: those returning many rows per key name it as ``key``, those
returning one row per id name it as ``id``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

from graph.port import GraphStore, Row

T = TypeVar("T")
R = TypeVar("R", bound=NamedTuple)


def per_key(
    store: GraphStore, query: str, keys: Sequence[str], row_of: Callable[[Row], T]
) -> list[list[T]]:
    """The rows of each key, as the query orders them; an empty list for a key with none.
    ``row_of`` is given each row without its ``key``."""
    grouped: dict[str, list[T]] = {key: [] for key in keys}
    for row in store.read(query, {"ids": list(keys)}):
        grouped[row.pop("key")].append(row_of(row))
    return [grouped[key] for key in keys]


def per_id(
    store: GraphStore, query: str, ids: Sequence[str], row_of: Callable[[Row], T]
) -> list[T | None]:
    """The row of each id, or None where there is none."""
    found = {row["id"]: row_of(row) for row in store.read(query, {"ids": list(ids)})}
    return [found.get(id_) for id_ in ids]


def by_name(shape: type[R]) -> Callable[[Row], R]:
    """The converter to a row type: each field from the column of the same name (a column
    missing raises ``KeyError`` naming it). Built as a tuple straight from the columns, at a
    fifth of the cost of calling the NamedTuple with keywords."""
    fields = shape._fields

    def convert(row: Row) -> R:
        return tuple.__new__(shape, map(row.__getitem__, fields))

    return convert
