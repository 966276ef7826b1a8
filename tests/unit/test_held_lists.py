"""The lists a request may hold with their parent answer from their rows only where the row
holds what the item would: each attribute a HeldList calls the same is a plain field of the
item's GraphQL type, the row's value of it is the item's, type included, and an item is made
of any row of its type without fail (else answering from the rows would hide its error)."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLObjectType
from hypothesis import given
from hypothesis import strategies as st

from api.graphql.catalogue.types import CITIES
from api.graphql.cities.types import ADMINISTRATIONS
from api.graphql.execution import plain_attribute
from api.graphql.held import HeldList
from api.graphql.missions.types import APPROACHES, DECISIONS, ITERATIONS, ROADBLOCKS
from api.graphql.schema import schema
from graph.reads.cities import AdministrationRow, CityRow
from graph.reads.learning import DecisionRow, IterationRow, RoadblockRow

# Every HeldList of the schema, by its parent type and field, with the rows it is held with.
HELD: list[tuple[str, str, HeldList[Any, Any, Any], st.SearchStrategy[Any]]] = [
    ("Mission", "approaches", APPROACHES, st.text()),
    ("Mission", "decisions", DECISIONS, st.builds(DecisionRow)),
    ("Mission", "iterations", ITERATIONS, st.builds(IterationRow)),
    ("Mission", "roadblocks", ROADBLOCKS, st.builds(RoadblockRow)),
    ("City", "administrations", ADMINISTRATIONS, st.builds(AdministrationRow)),
    ("Approach", "cities", CITIES, st.builds(CityRow)),
]
IDS = [f"{parent}.{name}" for parent, name, _, _ in HELD]


def item_type(parent: str, name: str) -> GraphQLObjectType:
    found = schema._schema.get_type(parent)
    assert isinstance(found, GraphQLObjectType)
    of = found.fields[name].type
    while not isinstance(of, GraphQLObjectType):
        of = of.of_type
    return of


@pytest.mark.parametrize(("parent", "name", "held", "rows"), HELD, ids=IDS)
def test_each_same_attribute_is_a_plain_field_of_the_item(
    parent: str, name: str, held: HeldList[Any, Any, Any], rows: Any
) -> None:
    of = item_type(parent, name)
    plain = {plain_attribute(schema._schema, of, field) for field in of.fields}
    assert held.same <= plain


@pytest.mark.parametrize(("parent", "name", "held", "rows"), HELD, ids=IDS)
def test_a_row_holds_what_its_item_would_of_each_same_attribute(
    parent: str, name: str, held: HeldList[Any, Any, Any], rows: Any
) -> None:
    if not held.same:
        return  # its rows never answer for its items

    @given(rows)
    def check(row: Any) -> None:
        item = held.item(row)
        for attribute in held.same:
            mine, its = getattr(row, attribute), getattr(item, attribute)
            assert (type(mine), mine) == (type(its), its), attribute

    check()


def test_the_schema_holds_no_list_this_test_does_not_know() -> None:
    known = {(parent, name) for parent, name, _, _ in HELD}
    for type_ in schema._schema.type_map.values():
        if isinstance(type_, GraphQLObjectType):
            for name, field in type_.fields.items():
                definition = field.extensions.get("strawberry-definition")
                if definition is not None and "atlas.held" in definition.metadata:
                    assert (type_.name, name) in known
