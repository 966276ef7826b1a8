"""What a request selects below a field, so that a resolver can read a nested list together
with its parents in one round trip instead of one more per level."""

from __future__ import annotations

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.graphql.context import Info


def _selects(selections: list[Selection], name: str) -> bool:
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == name:
                return True
        elif isinstance(selection, FragmentSpread | InlineFragment) and _selects(
            selection.selections, name
        ):
            return True
    return False


def selects(info: Info, name: str) -> bool:
    """Whether the field being resolved selects ``name`` (in GraphQL's spelling) among its
    own fields, directly or through a fragment."""
    return any(_selects(field.selections, name) for field in info.selected_fields)
