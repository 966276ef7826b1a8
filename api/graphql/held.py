"""Lists a request may already hold when their field is reached: read with their parent and
primed into the parent's loader (a city's missions read with their decisions, roadblocks,
iterations and approaches, ``api.graphql.missions.lists``).

Such a field's resolver awaits a loader that answers at once, yet graphql-core still calls it
through strawberry's wrappers, schedules its coroutine as a task and gathers it with its
siblings: a task and a gather for each mission and list, most of the API's own time for a
city's missions with their decisions and roadblocks (issue 12). A :class:`HeldList` states
once which loader a field reads and how an item is made from a row; the resolver awaits
through it, and the execution context (``api.graphql.execution``) asks it first whether the
list is held, and if so takes it as it would a plain value, with no coroutine at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLField
from strawberry.dataloader import DataLoader
from strawberry.types.field import StrawberryField

L = TypeVar("L")
R = TypeVar("R")
T = TypeVar("T")

# The key under which a field's strawberry metadata carries its HeldList.
HELD = "atlas.held"


class HeldList(Generic[L, R, T]):
    """A list field read through ``loader`` (of the context's loaders, ``L``) by its parent's
    ``id``, one ``item`` per row.

    ``same`` names the item's attributes that are its row's own, by the same name and value:
    a selection of only those is answered from the rows, with no item made. Only for an item
    that any row of its type makes without fail, since an item's error would then go
    unreported (``tests/unit/test_held_lists.py`` holds each list to both).
    """

    def __init__(
        self,
        loader: Callable[[L], DataLoader[str, list[R]]],
        item: Callable[[R], T],
        same: frozenset[str] = frozenset(),
    ) -> None:
        self.loader = loader
        self.item = item
        self.same = same
        self.metadata = {HELD: self}

    async def resolve(self, parent: Any, info: strawberry.Info[Any, Any]) -> list[T]:
        rows = await self.loader(info.context.loaders).load(parent.id)
        item = self.item
        return [item(row) for row in rows]

    def rows(self, parent: Any, context: Any) -> list[R] | None:
        """The rows, if the loader already holds them; else None."""
        try:
            future = self.loader(context.loaders).cache_map.get(parent.id)
        except AttributeError:
            return None
        if future is None or not future.done() or future.cancelled():
            return None
        if future.exception() is not None:
            return None
        return future.result()

    def items(self, rows: list[R]) -> list[T] | None:
        """The items of held rows; None if one cannot be made: the resolver then meets it
        again, and graphql-core reports it at its path."""
        item = self.item
        try:
            return [item(row) for row in rows]
        except Exception:
            return None


def held_list(field: GraphQLField) -> HeldList[Any, Any, Any] | None:
    """The HeldList of a field, when only its resolver stands between the list and the
    answer: no field extension or permission, no exception handler."""
    definition = field.extensions.get("strawberry-definition")
    if not isinstance(definition, StrawberryField) or definition.extensions:
        return None
    spec = definition.metadata.get(HELD)
    resolve = field.resolve
    if not isinstance(spec, HeldList) or resolve is None:
        return None
    # Strawberry's resolver for an async field, with the handlers it matched at build time:
    # with any, the resolver might answer differently than the list itself.
    code = getattr(resolve, "__code__", None)
    cells = dict(zip(code.co_freevars, resolve.__closure__ or (), strict=True)) if code else {}
    handlers = cells.get("field_exception_handlers")
    if getattr(resolve, "__name__", "") != "_async_resolver" or handlers is None:
        return None
    if handlers.cell_contents:
        return None
    return spec
