"""The time axis pages draw as server-made SVG: terms of office as bands, changes of mayor
marked, and a mission's items placed on the days they happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

WIDTH = 900
ROW = 34
TOP = 46  # the bands of mayors and the year ticks sit above the rows of items


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    mayor: str
    term: str
    shade: int


@dataclass(frozen=True)
class Mark:
    """One item on the axis: a point (``x2`` is None) or a span; ``href`` opens its story."""

    row: int
    x: float
    x2: float | None
    css: str
    label: str
    href: str


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Axis:
    start: date
    end: date

    @classmethod
    def spanning(cls, administrations: list[dict[str, Any]], days: list[date | None]) -> Axis:
        """From the first known day to today (or the last known day, if later)."""
        known = [d for d in days if d is not None]
        for a in administrations:
            known.append(date.fromisoformat(a["termStart"]))
            if a["termEnd"]:
                known.append(date.fromisoformat(a["termEnd"]))
        today = date.today()
        start = min(known, default=today)
        # A year either side keeps the first and last marks off the edges.
        return cls(date(start.year, 1, 1), date(max([*known, today]).year + 1, 1, 1))

    def x(self, when: date) -> float:
        span = (self.end - self.start).days or 1
        return round((when - self.start).days / span * WIDTH, 1)

    def years(self) -> list[tuple[int, float]]:
        """Year ticks, thinned so that labels never crowd (at most about twelve)."""
        years = list(range(self.start.year, self.end.year + 1))
        step = max(1, len(years) // 12 + 1)
        return [(y, self.x(date(y, 1, 1))) for y in years[::step]]

    def bands(self, administrations: list[dict[str, Any]]) -> list[Band]:
        bands = []
        for i, a in enumerate(administrations):
            begins = self.x(date.fromisoformat(a["termStart"]))
            ends = self.x(date.fromisoformat(a["termEnd"]) if a["termEnd"] else date.today())
            term = f"{a['termStart']} to {a['termEnd'] or 'today'}"
            bands.append(Band(begins, max(ends - begins, 1), a["mayor"], term, i % 2))
        return bands

    def transitions(self, administrations: list[dict[str, Any]]) -> list[float]:
        """Where one term gives way to the next."""
        return [self.x(date.fromisoformat(a["termStart"])) for a in administrations[1:]]


ROWS = ["Decisions", "Iterations", "Roadblocks", "Status"]


def marks(axis: Axis, mission: dict[str, Any]) -> list[Mark]:
    """The mission's dated items on the axis; undated ones cannot be placed and are listed
    in the story only."""
    today = date.today()
    found: list[Mark] = []
    for n, d in enumerate(mission["decisions"]):
        if (on := day(d["occurredOn"])) is not None:
            found.append(Mark(0, axis.x(on), None, "decision", d["title"], f"#decision-{n}"))
    for n, it in enumerate(mission["iterations"]):
        if (began := day(it["startedOn"])) is not None:
            ended = day(it["concludedOn"]) or today
            result = (it["result"] or "open").lower().replace("_", "-")
            label = f"{it['title']} ({result.replace('-', ' ')})"
            found.append(Mark(1, axis.x(began), axis.x(ended), result, label, f"#iteration-{n}"))
    for n, r in enumerate(mission["roadblocks"]):
        if (met := day(r["encounteredOn"])) is not None:
            resolved = day(r["resolvedOn"])
            css = "resolved" if resolved else "open-roadblock"
            state = "resolved" if resolved else "still open"
            label = f"{r['description'][:90]} ({state})"
            found.append(
                Mark(2, axis.x(met), axis.x(resolved or today), css, label, f"#roadblock-{n}")
            )
    for n, s in enumerate(mission["statusHistory"]):
        if (on := day(s["occurredOn"])) is not None:
            label = f"Status {s['status'].lower()}: {s['reason']}"
            found.append(Mark(3, axis.x(on), None, "status", label, f"#status-{n}"))
    return found


def item_days(mission: dict[str, Any]) -> list[date | None]:
    fields = {
        "decisions": ["occurredOn"],
        "iterations": ["startedOn", "concludedOn"],
        "roadblocks": ["encounteredOn", "resolvedOn"],
        "statusHistory": ["occurredOn"],
    }
    return [day(item[f]) for key, names in fields.items() for item in mission[key] for f in names]
