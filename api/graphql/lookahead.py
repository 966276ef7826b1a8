"""What a request selects below a field, so that a resolver can read a nested list together
with its parents in one round trip instead of one more per level."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.graphql.context import Info


def _named(selections: Iterable[Selection], name: str) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == name:
                yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _named(selection.selections, name)


def below(fields: Iterable[Selection], name: str) -> list[SelectedField]:
    """The fields named ``name`` (in GraphQL's spelling) that ``fields`` select among their
    own, directly or through a fragment, whatever their aliases."""
    return [found for field in fields for found in _named(field.selections, name)]


def selects(info: Info, name: str) -> bool:
    """Whether the field being resolved selects ``name`` among its own fields."""
    return bool(below(info.selected_fields, name))
