"""How the schema executes a document: strawberry's execution, with plain values taken directly.

A list of a hundred cities with three fields each is three hundred fields to execute, and
graphql-core executes each one alike: it builds a resolve info, calls the resolver through
strawberry's wrappers, checks the result for an awaitable and completes it by its type. For
a field that only reads an attribute already on the object (no resolver, no extension, no
permission) and holds a scalar or an enum, all that comes down to reading the attribute and
serialising it: most of the fields of every nested list, and two thirds of the API's own time
answering one (issue 12). Anything else, and any value that would be an error, takes
graphql-core's own path, which reports it as it always has.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLLeafType, GraphQLNonNull, GraphQLObjectType, Undefined, is_leaf_type
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

# (attribute to read, its type, whether null is an answer), or None where the field needs
# graphql-core's full path; by schema, parent type and field name, found once per process.
Plain = tuple[str, GraphQLLeafType, bool] | None
_plain: dict[tuple[int, str, str], Plain] = {}
_MISSING = object()


def _plain_field(schema: Any, parent_type: GraphQLObjectType, name: str) -> Plain:
    key = (id(schema), parent_type.name, name)
    if key in _plain:
        return _plain[key]
    found: Plain = None
    field_def = parent_type.fields.get(name)
    definition = None if field_def is None else field_def.extensions.get("strawberry-definition")
    # Strawberry resolves a field through `_get_basic_result` only when nothing stands between
    # the attribute and the answer: no resolver, extension, permission or exception handler.
    basic = field_def is not None and getattr(field_def.resolve, "__name__", "") == (
        "_get_basic_result"
    )
    if basic and isinstance(definition, StrawberryField) and definition.is_basic_field:
        assert field_def is not None
        nullable = not isinstance(field_def.type, GraphQLNonNull)
        leaf = field_def.type if nullable else field_def.type.of_type
        if is_leaf_type(leaf):
            found = (definition.python_name, leaf, nullable)
    _plain[key] = found
    return found


class PlainValuesDirect(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with a direct path for plain scalar attributes."""

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        plain = _plain_field(self.schema, parent_type, field_details_list[0].node.name.value)
        middleware = self.middleware_manager
        if plain is not None and not (middleware and middleware.middlewares):
            attribute, leaf, nullable = plain
            value = getattr(source, attribute, _MISSING)
            if value is _MISSING:
                pass
            elif value is None:
                if nullable:
                    return None
            else:
                try:
                    serialised = leaf.serialize(value)
                except Exception:
                    serialised = None
                if serialised is not None and serialised is not Undefined:
                    return serialised
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
