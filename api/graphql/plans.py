"""Plans: how to complete a value of one type for one selection without graphql-core.

The execution context (``api.graphql.execution``) makes a plan once per type and selection in
a request, and completes each value it finds plain with it: a leaf serialised, a list item by
item, an object attribute by attribute, and an object's held lists (``api.graphql.held``) as
the request holds them. A value a plan does not take raises :class:`NotPlain`, and graphql-core
completes it instead, reporting any error at its path.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLLeafType, Undefined

from api.graphql.held import HeldList

MISSING = object()


class NotPlain(Exception):
    """A value the direct path leaves to graphql-core: an error to report, or a shape it
    does not take (an awaitable, a missing attribute)."""


class Plan:
    """How to complete a value of one type for one selection, without graphql-core."""

    # The attributes it reads of the object a value is, or of each in a list of them.
    reads: frozenset[str] = frozenset()

    def complete(self, value: Any) -> Any:
        raise NotImplementedError


class Leaf(Plan):
    def __init__(self, leaf: GraphQLLeafType) -> None:
        self.serialize = leaf.serialize

    def complete(self, value: Any) -> Any:
        if value is None:
            return None
        try:
            serialised = self.serialize(value)
        except Exception as error:
            raise NotPlain from error
        if serialised is None or serialised is Undefined:
            raise NotPlain
        return serialised


class NonNull(Plan):
    def __init__(self, inner: Plan) -> None:
        self.inner = inner.complete
        self.reads = inner.reads

    def complete(self, value: Any) -> Any:
        if value is None:
            raise NotPlain
        return self.inner(value)


class ListOf(Plan):
    def __init__(self, item: Plan) -> None:
        self.item = item.complete
        self.reads = item.reads

    def complete(self, value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not list and type(value) is not tuple:
            raise NotPlain
        item = self.item
        return [item(v) for v in value]


class ObjectOf(Plan):
    def __init__(self, fields: list[tuple[str, str, Plan]]) -> None:
        self.fields = [(name, attribute, plan.complete) for name, attribute, plan in fields]
        self.reads = frozenset(attribute for _, attribute, _ in fields)

    def complete(self, value: Any) -> Any:
        if value is None:
            return None
        answer = {}
        for name, attribute, complete in self.fields:
            found = getattr(value, attribute, MISSING)
            if found is MISSING:
                raise NotPlain
            answer[name] = complete(found)
        return answer


class ObjectWithHeld(Plan):
    """An object some of whose selected fields are lists the request may hold (a mission's
    decisions): each taken as it is held, or, if one is not, the whole value is not plain."""

    def __init__(
        self,
        fields: list[tuple[str, str | None, Plan, HeldList[Any, Any, Any] | None]],
        context: Any,
    ) -> None:
        self.fields = [
            (name, attribute, plan.complete, held, bool(plan.reads and plan.reads <= held.same))
            if held is not None
            else (name, attribute, plan.complete, None, False)
            for name, attribute, plan, held in fields
        ]
        self.context = context
        # A row never holds its lists, so a list of these is made of items, never of rows.
        self.reads = frozenset(a for _, a, _, _ in fields if a is not None) | {"(a held list)"}

    def complete(self, value: Any) -> Any:
        if value is None:
            return None
        answer = {}
        for name, attribute, complete, held, as_rows in self.fields:
            if held is None:
                found = getattr(value, attribute, MISSING)  # type: ignore[arg-type]
                if found is MISSING:
                    raise NotPlain
            else:
                rows = held.rows(value, self.context)
                found = rows if rows is None or as_rows else held.items(rows)
                if found is None:
                    raise NotPlain
            answer[name] = complete(found)
        return answer
