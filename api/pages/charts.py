"""Outcomes as server-made SVG: each indicator's measurements on a scale that runs from its
baseline (or zero) to its target, so that distance to the goal reads at a glance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WIDTH = 600


@dataclass
class Chart:
    indicator: str
    unit: str
    baseline: float | None
    target: float | None
    low: float = 0.0
    high: float = 1.0
    measurements: list[dict[str, Any]] = field(default_factory=list)

    def x(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return round(20 + (value - self.low) / span * (WIDTH - 40), 1)

    @property
    def summary(self) -> str:
        """What the picture shows, in words (its alternative text)."""
        latest = self.measurements[-1]
        parts = [f"{self.indicator}: latest {latest['value']:g} {self.unit}"]
        if self.baseline is not None:
            parts.append(f"baseline {self.baseline:g}")
        if self.target is not None:
            parts.append(f"target {self.target:g}")
        if latest["progress"] is not None:
            parts.append(f"{latest['progress']:.0%} of the way from baseline to target")
        return ", ".join(parts)


def outcome_charts(outcomes: list[dict[str, Any]]) -> list[Chart]:
    """One chart per indicator, its measurements oldest first (undated ones first: they
    cannot be placed, and count as earliest)."""
    charts: dict[str, Chart] = {}
    for o in sorted(outcomes, key=lambda o: o["measuredOn"] or ""):
        chart = charts.setdefault(
            o["indicator"], Chart(o["indicator"], o["unit"], o["baseline"], o["target"])
        )
        chart.measurements.append(o)
        # The latest stated baseline and target stand, as they do in the API's progress.
        chart.baseline = o["baseline"] if o["baseline"] is not None else chart.baseline
        chart.target = o["target"] if o["target"] is not None else chart.target
    for chart in charts.values():
        values = [m["value"] for m in chart.measurements]
        ends = [v for v in (chart.baseline, chart.target) if v is not None]
        chart.low, chart.high = min([0.0, *values, *ends]), max([*values, *ends])
    return list(charts.values())
