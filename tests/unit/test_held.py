"""A list the request already holds is taken without its resolver, and answers exactly as the
resolver would: an unheld list is still read, and an error still reports its path."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pytest
import strawberry
from graphql import GraphQLObjectType
from strawberry.dataloader import DataLoader
from strawberry.permission import BasePermission

from api.graphql.execution import PlainValuesDirect
from api.graphql.held import HeldList, held_list


class Row(NamedTuple):
    label: str
    size: Any


@strawberry.type
class Item:
    label: str
    size: int | None
    doubled: int | None

    @strawberry.field
    def shout(self) -> str:
        return self.label.upper()


made: list[str] = []
made_directly: list[str] = []  # the labels of the items made, with held lists taken directly


def item(row: Row) -> Item:
    made.append(row.label)
    if row.label == "unmakeable":
        raise ValueError("no item of that row")
    return Item(label=row.label, size=row.size, doubled=None if row.size is None else row.size * 2)


class CountedHeldList(HeldList["Loaders", Row, Item]):
    """A HeldList that counts its resolver's calls."""

    def __init__(self) -> None:
        super().__init__(
            lambda loaders: loaders.items_of_box, item, same=frozenset({"label", "size"})
        )
        self.resolved: list[str] = []

    async def resolve(self, parent: Any, info: strawberry.Info[Any, Any]) -> list[Item]:
        self.resolved.append(parent.id)
        return await super().resolve(parent, info)


ITEMS = CountedHeldList()


class Never(BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Box:
    id: str

    # strawberry.field(...) as a decorator is typed as returning Any.
    @strawberry.field(metadata=ITEMS.metadata)  # type: ignore[untyped-decorator]
    async def items(self, info: strawberry.Info[Any, Any]) -> list[Item]:
        return await ITEMS.resolve(self, info)

    @strawberry.field(metadata=ITEMS.metadata, permission_classes=[Never])  # type: ignore[untyped-decorator]
    async def guarded(self, info: strawberry.Info[Any, Any]) -> list[Item] | None:
        return await ITEMS.resolve(self, info)


@dataclass
class Loaders:
    rows: dict[str, list[Row]]
    read: list[list[str]] = field(default_factory=list)
    items_of_box: DataLoader[str, list[Row]] = field(init=False)

    def __post_init__(self) -> None:
        async def load(keys: list[str]) -> list[list[Row]]:
            self.read.append(keys)
            return [self.rows[key] for key in keys]

        self.items_of_box = DataLoader(load_fn=load)


@dataclass
class Context:
    loaders: Loaders
    primed: list[str]


@strawberry.type
class Query:
    @strawberry.field
    def boxes(self, info: strawberry.Info[Context, Any]) -> list[Box]:
        loaders = info.context.loaders
        for key in info.context.primed:  # as a read of the boxes with their items would
            loaders.items_of_box.prime(key, loaders.rows[key])
        return [Box(id=key) for key in loaders.rows]


def answer(
    rows: dict[str, list[Row]], primed: list[str], document: str
) -> tuple[Any, list[str], list[str], list[list[str]]]:
    """The answer, its errors, the boxes whose resolver ran and the keys read, with held
    lists taken directly; checked against graphql-core's own path."""
    results = []
    for context_class in (PlainValuesDirect, None):
        ITEMS.resolved.clear()
        made.clear()
        loaders = Loaders(rows)
        schema = strawberry.Schema(query=Query, execution_context_class=context_class)
        result = asyncio.run(schema.execute(document, context_value=Context(loaders, primed)))
        errors = [f"{e.message} at {e.path}" for e in result.errors or []]
        results.append((result.data, errors, list(ITEMS.resolved), loaders.read))
        if context_class is PlainValuesDirect:
            made_directly[:] = made
    direct, core = results
    assert direct[:2] == core[:2], "the held path answers unlike graphql-core's"
    return direct


ROWS = {"a": [Row("wheel", 4), Row("bell", None)], "b": [Row("seat", 1)]}


def test_a_held_list_is_taken_without_its_resolver() -> None:
    data, errors, resolved, read = answer(ROWS, ["a", "b"], "{ boxes { id items { doubled } } }")
    assert errors == []
    assert data["boxes"][0] == {"id": "a", "items": [{"doubled": 8}, {"doubled": None}]}
    assert resolved == []
    assert read == []


def test_a_held_list_selecting_only_what_its_rows_hold_makes_no_item() -> None:
    data, errors, resolved, _ = answer(ROWS, ["a", "b"], "{ boxes { items { size label } } }")
    assert errors == []
    assert data["boxes"][0] == {
        "items": [{"size": 4, "label": "wheel"}, {"size": None, "label": "bell"}]
    }
    assert resolved == []
    assert made_directly == []


def test_a_list_not_held_is_still_read_by_its_resolver_in_one_batch() -> None:
    data, errors, resolved, read = answer(ROWS, ["a"], "{ boxes { items { label size } } }")
    assert errors == []
    assert data["boxes"][1] == {"items": [{"label": "seat", "size": 1}]}
    assert resolved == ["b"]
    assert read == [["b"]]


def test_a_held_list_with_a_resolved_field_below_it_is_left_to_its_resolver() -> None:
    data, errors, resolved, _ = answer(ROWS, ["a", "b"], "{ boxes { items { shout } } }")
    assert errors == []
    assert data["boxes"][1] == {"items": [{"shout": "SEAT"}]}
    assert resolved == ["a", "b"]


@pytest.mark.parametrize("selected", ["label size", "label size doubled"])
def test_an_error_in_a_held_list_is_reported_at_its_path(selected: str) -> None:
    rows = {"a": [Row("wheel", 4), Row("bell", "big")]}
    data, errors, _, _ = answer(rows, ["a"], "{ boxes { items { " + selected + " } } }")
    assert errors[0] == (
        "Int cannot represent non-integer value: 'big' at ['boxes', 0, 'items', 1, 'size']"
    )
    assert data["boxes"][0]["items"][1]["size"] is None


def test_an_item_that_cannot_be_made_is_reported_at_its_list() -> None:
    rows = {"a": [Row("wheel", 4), Row("unmakeable", 1)]}
    data, errors, resolved, _ = answer(rows, ["a"], "{ boxes { items { doubled } } }")
    assert errors == ["no item of that row at ['boxes', 0, 'items']"]
    assert data is None
    assert resolved == ["a"]


def test_a_list_behind_a_permission_is_never_taken_as_held() -> None:
    _, errors, _, _ = answer(ROWS, ["a", "b"], "{ boxes { guarded { label } } }")
    assert errors == [
        "not for you at ['boxes', 0, 'guarded']",
        "not for you at ['boxes', 1, 'guarded']",
    ]
    box = strawberry.Schema(query=Query)._schema.get_type("Box")
    assert isinstance(box, GraphQLObjectType)
    assert held_list(box.fields["guarded"]) is None
    assert held_list(box.fields["items"]) is ITEMS


class Recording(PlainValuesDirect):
    """The direct path, noting each field graphql-core's executor reaches."""

    def execute_field(self, parent_type: Any, source: Any, details: Any, *args: Any) -> Any:
        executed.append(f"{parent_type.name}.{details[0].node.name.value}")
        return super().execute_field(parent_type, source, details, *args)


executed: list[str] = []


def run_recorded(primed: list[str], document: str) -> Any:
    executed.clear()
    schema = strawberry.Schema(query=Query, execution_context_class=Recording)
    context = Context(Loaders(ROWS), primed)
    return asyncio.run(schema.execute(document, context_value=context)).data


def test_objects_whose_lists_are_all_held_complete_with_their_list() -> None:
    data = run_recorded(["a", "b"], "{ boxes { id items { label } } }")
    assert data["boxes"][1] == {"id": "b", "items": [{"label": "seat"}]}
    assert executed == ["Query.boxes"]


def test_objects_with_a_list_not_held_go_field_by_field() -> None:
    data = run_recorded(["a"], "{ boxes { id items { label } } }")
    assert data["boxes"][1] == {"id": "b", "items": [{"label": "seat"}]}
    assert "Box.items" in executed
