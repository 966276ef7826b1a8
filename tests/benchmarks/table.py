"""The rows every benchmark returns, and the Markdown table `python -m tests.benchmarks` writes.

A row is one goal of issue 12 (or one figure worth quoting, with no goal) and what one run
measured for it: the figure as printed, and the ratio the goal is stated in, so the table can
say whether the goal was met without any benchmark deciding it in prose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """A goal's bound on a ratio: at most ``value`` (a cost) or at least ``value`` (a rate)."""

    value: float
    at_least: bool = False

    def met(self, ratio: float) -> bool:
        return ratio >= self.value if self.at_least else ratio <= self.value

    def __str__(self) -> str:
        return f"{'≥' if self.at_least else '≤'} {self.value:g}×"


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, its figure, and the ratio against the goal."""

    benchmark: str
    goal: str
    figure: str
    ratio: float | None = None
    limit: Limit | None = None

    @property
    def met(self) -> bool | None:
        """Whether the goal was met; None for a figure with no goal, or none measurable."""
        if self.limit is None or self.ratio is None:
            return None
        return self.limit.met(self.ratio)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _verdict(row: Row) -> str:
    return {True: "met", False: "**not met**", None: "—"}[row.met]


def markdown_table(rows: Iterable[Row]) -> str:
    """The rows as a GitHub Markdown table, in the order given."""
    lines = [
        "| benchmark | goal | figure | ratio | met |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        if row.limit is not None and row.ratio is not None:
            ratio += f" (goal {row.limit})"
        cells = (row.benchmark, row.goal, row.figure, ratio, _verdict(row))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
