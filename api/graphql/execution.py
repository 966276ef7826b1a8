"""How the schema executes a document: strawberry's execution, with plain values taken directly.

A list of a hundred cities with three fields each is three hundred fields to execute, and
graphql-core executes each one alike: it builds a resolve info, calls the resolver through
strawberry's wrappers, checks the result for an awaitable and completes it by its type. For
a field that only reads an attribute already on the object (no resolver, no extension, no
permission), all that comes down to reading the attribute and serialising it. So does a whole
value whose every selected field is such an attribute: a list of administrations a resolver
returned, an approach's capability, a list of shared approaches. Those are most of the
fields of every nested list, and most of the API's own time answering one (issue 12).
So does a list the request already holds, read with its parent (``api.graphql.held``): a
city's missions' decisions and roadblocks are taken as plain values, with no coroutine, task
or gather per mission, and each mission, its lists held, completes with the missions' list.
Anything else, and any value that would be an error, takes graphql-core's own path, which
reports it as it always has.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

from api.graphql.held import HeldList, held_list
from api.graphql.plans import (
    MISSING,
    Leaf,
    ListOf,
    NonNull,
    NotPlain,
    ObjectOf,
    ObjectWithHeld,
    Plan,
)

_attributes: dict[tuple[int, str, str], str | None] = {}
_held: dict[tuple[int, str, str], HeldList[Any, Any, Any] | None] = {}


def plain_attribute(schema: Any, parent_type: GraphQLObjectType, name: str) -> str | None:
    """The attribute a field reads when nothing stands between it and the answer, else None;
    by schema, parent type and field name, found once per process."""
    key = (id(schema), parent_type.name, name)
    if key in _attributes:
        return _attributes[key]
    found = None
    field_def = parent_type.fields.get(name)
    definition = None if field_def is None else field_def.extensions.get("strawberry-definition")
    # Strawberry resolves a field through `_get_basic_result` only when nothing stands between
    # the attribute and the answer: no resolver, extension, permission or exception handler.
    basic = field_def is not None and getattr(field_def.resolve, "__name__", "") == (
        "_get_basic_result"
    )
    if basic and isinstance(definition, StrawberryField) and definition.is_basic_field:
        found = definition.python_name
    _attributes[key] = found
    return found


def held_field(
    schema: Any, parent_type: GraphQLObjectType, name: str
) -> HeldList[Any, Any, Any] | None:
    """The list a field may find already held by the request (``api.graphql.held``), else
    None; by schema, parent type and field name, found once per process."""
    key = (id(schema), parent_type.name, name)
    if key not in _held:
        field_def = parent_type.fields.get(name)
        _held[key] = None if field_def is None else held_list(field_def)
    return _held[key]


class PlainValuesDirect(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with a direct path for plain values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # By type and selection (the identity of graphql-core's field details list, kept
        # alive beside it so that the identity cannot be reused within the request).
        self._plans: dict[tuple[int, int], tuple[FieldDetailsList, Plan | None]] = {}

    def plan(self, return_type: GraphQLOutputType, details: FieldDetailsList) -> Plan | None:
        """The direct path for values of ``return_type`` selected by ``details``, or None."""
        if self.middleware_manager and self.middleware_manager.middlewares:
            return None
        key = (id(return_type), id(details))
        known = self._plans.get(key)
        if known is not None:
            return known[1]
        plan = self._plan(return_type, details)
        self._plans[key] = (details, plan)
        return plan

    def _plan(self, return_type: GraphQLOutputType, details: FieldDetailsList) -> Plan | None:
        if isinstance(return_type, GraphQLNonNull):
            inner = self._plan(return_type.of_type, details)
            return None if inner is None else NonNull(inner)
        if isinstance(return_type, GraphQLList):
            item = self._plan(return_type.of_type, details)
            return None if item is None else ListOf(item)
        if is_leaf_type(return_type):
            return Leaf(return_type)
        if not isinstance(return_type, GraphQLObjectType) or return_type.is_type_of:
            return None
        grouped, deferred, _ = self.collect_subfields(return_type, details)
        if deferred:
            return None
        fields = []
        for name, field_details in grouped.items():
            field_name = field_details[0].node.name.value
            attribute = plain_attribute(self.schema, return_type, field_name)
            held = None if attribute else held_field(self.schema, return_type, field_name)
            if attribute is None and held is None:
                return None
            sub = self.plan(return_type.fields[field_name].type, field_details)
            if sub is None:
                return None
            fields.append((name, attribute, sub, held))
        if any(held is not None for _, _, _, held in fields):
            return ObjectWithHeld(fields, self.context_value)
        return ObjectOf([(name, attribute, sub) for name, attribute, sub, _ in fields if attribute])

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        name = field_details_list[0].node.name.value
        attribute = plain_attribute(self.schema, parent_type, name)
        if attribute is not None:
            plan = self.plan(parent_type.fields[name].type, field_details_list)
            value = getattr(source, attribute, MISSING)
            if plan is not None and value is not MISSING:
                try:
                    return plan.complete(value)
                except NotPlain:
                    pass
        held = held_field(self.schema, parent_type, name)
        if held is not None:
            # A list read with its parent: taken as a plain value, with no coroutine, task or
            # gather. Otherwise, or if it does not complete plainly, its resolver answers.
            rows = held.rows(source, self.context_value)
            plan = self.plan(parent_type.fields[name].type, field_details_list)
            if rows is not None and plan is not None:
                # Rows answer for their items when all the plan reads of them is theirs as is.
                as_rows = plan.reads and plan.reads <= held.same
                value = rows if as_rows else held.items(rows)
                try:
                    if value is not None:
                        return plan.complete(value)
                except NotPlain:
                    pass
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        # What a resolver returned: a list of objects whose selected fields are all plain
        # (a city's administrations, a mission's decisions) completes in one pass.
        plan = self.plan(return_type, field_details_list)
        if plan is not None:
            try:
                return plan.complete(result)
            except NotPlain:
                pass
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )
