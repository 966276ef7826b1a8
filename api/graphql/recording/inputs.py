"""GraphQL inputs derived from the command classes.

The commands in ``events.commands`` are the single statement of what each kind of event
carries; this module turns each into a strawberry input with the same fields and descriptions,
so the API cannot drift from the domain. ``api/graphql/schema.graphql`` shows the result.
"""

from dataclasses import MISSING, Field, fields
from typing import Any, get_type_hints

import strawberry

import api.graphql.enums  # noqa: F401  (registers the domain enums with strawberry)
from events.commands import Command

PROVENANCE = {f.name for f in fields(Command)}


def _optional(f: Field[Any]) -> bool:
    return f.default is not MISSING


def input_type(command: type[Command]) -> Any:
    hints = get_type_hints(command)
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    # The command's own fields first, then provenance; required before optional throughout.
    own = [f for f in fields(command) if f.name not in PROVENANCE]
    provenance = [f for f in fields(command) if f.name in PROVENANCE]
    for f in sorted(own, key=_optional) + sorted(provenance, key=_optional):
        annotations[f.name] = hints[f.name]
        if f.default is MISSING:
            namespace[f.name] = strawberry.field(description=f.metadata["doc"])
        else:
            namespace[f.name] = strawberry.field(description=f.metadata["doc"], default=f.default)
    cls = type(f"{command.__name__}Input", (), {"__annotations__": annotations, **namespace})
    return strawberry.input(cls, description=f"Input of the {command.event} event.")


def values_of(command: type[Command], given: Any) -> dict[str, Any]:
    return {f.name: getattr(given, f.name) for f in fields(command)}
