"""The GraphQL schema is a published contract: checked in, and described throughout."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType

from api.graphql.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "api" / "graphql" / "schema.graphql"


def test_the_checked_in_schema_is_the_schema_the_code_serves() -> None:
    assert SCHEMA_FILE.read_text() == schema.as_str() + "\n", (
        "api/graphql/schema.graphql is out of date: "
        "run `mission-atlas schema > api/graphql/schema.graphql`"
    )


def test_every_type_field_and_argument_has_a_description() -> None:
    missing = []
    for name, kind in schema._schema.type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        if not kind.description:
            missing.append(name)
        if isinstance(kind, (GraphQLObjectType, GraphQLInputObjectType)):
            for field_name, field in kind.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(kind, GraphQLEnumType) and not kind.description:
            missing.append(name)
    assert missing == []
