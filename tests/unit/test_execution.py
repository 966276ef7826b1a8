"""Plain values are taken directly, and answer exactly as graphql-core's own path would."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.permission import BasePermission

from api.graphql.execution import PlainValuesDirect, plain_attribute


@strawberry.enum
class Colour(Enum):
    RED = "red"


class Never(BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Part:
    label: str
    size: int | None


@strawberry.type
class Thing:
    name: str
    nickname: str | None
    day: date
    colour: Colour
    count: int
    secret: str = strawberry.field(default="hidden", permission_classes=[Never])
    main: Part | None = None
    parts: list[Part] = strawberry.field(default_factory=list)

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


def answer(things: list[Thing], document: str) -> tuple[Any, list[str]]:
    @strawberry.type
    class Query:
        @strawberry.field
        def things(self) -> list[Thing]:
            return things

    for context_class in (PlainValuesDirect, None):
        schema = strawberry.Schema(query=Query, execution_context_class=context_class)
        result = schema.execute_sync(document)
        errors = [f"{e.message} at {e.path}" for e in result.errors or []]
        if context_class is PlainValuesDirect:
            direct = (result.data, errors)
    assert direct == (result.data, errors), "the direct path answers unlike graphql-core's"
    return direct


def thing(**changes: Any) -> Thing:
    fields: dict[str, Any] = dict(
        name="a", nickname=None, day=date(2024, 5, 1), colour=Colour.RED, count=3
    )
    return Thing(**{**fields, **changes})


def test_plain_values_are_serialised_by_their_type() -> None:
    data, errors = answer(
        [thing(), thing(name="b", nickname="bee")],
        "{ things { name nickname day colour count shout alias: name } }",
    )
    assert errors == []
    assert data["things"][1] == {
        "name": "b", "nickname": "bee", "day": "2024-05-01", "colour": "RED", "count": 3,
        "shout": "B", "alias": "b",
    }  # fmt: skip


def test_a_null_where_the_type_forbids_one_is_still_an_error() -> None:
    data, errors = answer([thing(name=None)], "{ things { name } }")
    assert data is None
    assert errors == [
        "Cannot return null for non-nullable field Thing.name. at ['things', 0, 'name']"
    ]


def test_a_value_its_type_cannot_serialise_is_still_an_error() -> None:
    _, errors = answer([thing(count="many")], "{ things { count } }")
    assert errors == ["Int cannot represent non-integer value: 'many' at ['things', 0, 'count']"]


def test_a_field_behind_a_permission_is_still_checked() -> None:
    _, errors = answer([thing()], "{ things { secret } }")
    assert errors == ["not for you at ['things', 0, 'secret']"]


def test_only_attributes_with_nothing_between_them_and_the_answer_are_taken_directly() -> None:
    @strawberry.type
    class Query:
        things: list[Thing]

    schema = strawberry.Schema(query=Query)._schema
    thing_type = schema.get_type("Thing")
    assert isinstance(thing_type, GraphQLObjectType)
    direct = {
        name for name in thing_type.fields if plain_attribute(schema, thing_type, name) is not None
    }
    assert direct == {"name", "nickname", "day", "colour", "count", "main", "parts"}


def test_objects_and_lists_of_plain_fields_answer_as_graphql_core_would() -> None:
    parts = [Part(label="wheel", size=4), Part(label="bell", size=None)]
    data, errors = answer(
        [thing(main=parts[0], parts=parts), thing(name="b")],
        "{ things { name main { label size } parts { label ... on Part { size } } } }",
    )
    assert errors == []
    assert data["things"] == [
        {"name": "a", "main": {"label": "wheel", "size": 4},
         "parts": [{"label": "wheel", "size": 4}, {"label": "bell", "size": None}]},
        {"name": "b", "main": None, "parts": []},
    ]  # fmt: skip


def test_an_error_deep_in_a_plain_list_is_reported_where_it_is() -> None:
    parts = [Part(label="wheel", size=4), Part(label="bell", size="big")]  # type: ignore[arg-type]
    data, errors = answer([thing(parts=parts)], "{ things { parts { label size } } }")
    assert errors == [
        "Int cannot represent non-integer value: 'big' at ['things', 0, 'parts', 1, 'size']"
    ]
    assert data["things"][0]["parts"][1] == {"label": "bell", "size": None}


def test_a_list_with_a_resolved_field_among_plain_ones_still_runs_the_resolver() -> None:
    data, errors = answer(
        [thing(), thing(name="b")], "{ things { name shout __typename main { label } } }"
    )
    assert errors == []
    assert data["things"][1] == {"name": "b", "shout": "B", "__typename": "Thing", "main": None}
