"""Where a generated history's choices come from: Hypothesis, or a seed alone.

Hypothesis draws for the property tests, which then shrink a failing history. A seeded
history takes its choices from ``random.Random(seed)`` only: Hypothesis, given the same seed,
also draws constants from the source of every local module the process has imported, so the
same seed made a different history in a process that had imported more.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]


class Choices(Protocol):
    def flip(self) -> bool: ...

    def number(self, low: int, high: int) -> int: ...

    def day(self, low: date, high: date) -> date: ...

    def one_of(self, options: Sequence[T]) -> T: ...


class Drawn:
    """Choices drawn by Hypothesis (``data.draw``, or a composite strategy's ``draw``)."""

    def __init__(self, draw: Draw) -> None:
        self.draw = draw

    def flip(self) -> bool:
        return bool(self.draw(st.booleans()))

    def number(self, low: int, high: int) -> int:
        return int(self.draw(st.integers(low, high)))

    def day(self, low: date, high: date) -> date:
        drawn: date = self.draw(st.dates(low, high))
        return drawn

    def one_of(self, options: Sequence[T]) -> T:
        chosen: T = self.draw(st.sampled_from(options))
        return chosen


class Seeded:
    """Choices that follow from ``seed`` and nothing else."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def flip(self) -> bool:
        return self.random.random() < 0.5

    def number(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def day(self, low: date, high: date) -> date:
        return low + timedelta(days=self.random.randint(0, (high - low).days))

    def one_of(self, options: Sequence[T]) -> T:
        return self.random.choice(options)
