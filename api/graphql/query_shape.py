"""The shape of a query document: how deep, how wide and how nested each operation is once
its fragments are expanded, measured with every fragment measured once.

A fragment spread four times, whose fragment spreads the next one four times, and so on ten
levels down, selects a million fields from a few hundred bytes of text. Walking each spread
anew (as strawberry's depth and alias limiters do) takes as long as running that million;
measuring each fragment once and adding up its figures takes as long as reading the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class Shape:
    """Figures of a selection set with its fragments expanded."""

    depth: int = 0  # fields below fields, as strawberry's QueryDepthLimiter counts them
    fields: int = 0  # field selections, the cost of the document
    aliases: int = 0  # aliased field selections
    nesting: int = 0  # selection sets within selection sets, fragments included

    def __add__(self, other: Shape) -> Shape:
        """Two selections side by side: the deeper one, and the sum of the rest."""
        return Shape(
            depth=max(self.depth, other.depth),
            fields=self.fields + other.fields,
            aliases=self.aliases + other.aliases,
            nesting=max(self.nesting, other.nesting),
        )


def _spreads(selection_set: SelectionSetNode) -> list[str]:
    """The names of the fragments a selection set spreads, at any depth, in order."""
    names: list[str] = []
    stack = [selection_set]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                names.append(selection.name.value)
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                stack.append(selection.selection_set)
    return names


class _Measure:
    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.measured: dict[str, Shape] = {}
        # Fragments in an order where each comes after those it spreads, found without
        # recursion, so that a chain of hundreds of fragments cannot exhaust the stack.
        for root in self.fragments:
            self._measure_from(root)

    def _measure_from(self, root: str) -> None:
        if root in self.measured:
            return
        path = [(root, iter(_spreads(self.fragments[root].selection_set)))]
        on_path = {root}
        while path:
            name, spreads = path[-1]
            for spread in spreads:
                if (
                    spread in self.fragments
                    and spread not in self.measured
                    and spread not in on_path
                ):
                    path.append((spread, iter(_spreads(self.fragments[spread].selection_set))))
                    on_path.add(spread)
                    break
            else:
                path.pop()
                on_path.discard(name)
                self.measured[name] = self.selection_set(self.fragments[name].selection_set)

    def selection_set(self, selection_set: SelectionSetNode) -> Shape:
        """Recursion follows the text's own nesting only, which the parser bounds."""
        total = Shape(nesting=1)
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                inner = (
                    self.selection_set(selection.selection_set)
                    if selection.selection_set
                    else Shape()
                )
                # Introspection is not counted in depth, as strawberry's limiter did not.
                deep = selection.selection_set is not None and not selection.name.value.startswith(
                    "__"
                )
                part = Shape(
                    depth=1 + inner.depth if deep else 0,
                    fields=1 + inner.fields,
                    aliases=(1 if selection.alias else 0) + inner.aliases,
                    nesting=1 + inner.nesting,
                )
            elif isinstance(selection, InlineFragmentNode):
                inner = self.selection_set(selection.selection_set)
                part = Shape(inner.depth, inner.fields, inner.aliases, 1 + inner.nesting)
            else:
                # A spread of an unknown fragment, or one closing a cycle, adds nothing here:
                # the specification's own rules refuse both.
                assert isinstance(selection, FragmentSpreadNode)
                inner = self.measured.get(selection.name.value, Shape())
                part = Shape(inner.depth, inner.fields, inner.aliases, 1 + inner.nesting)
            total += part
        return total


def operation_shapes(document: DocumentNode) -> list[tuple[str, Shape]]:
    """Each operation's name (``anonymous`` for an unnamed one) and shape, in order."""
    measure = _Measure(document)
    return [
        (d.name.value if d.name else "anonymous", measure.selection_set(d.selection_set))
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
