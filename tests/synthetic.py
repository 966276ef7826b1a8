"""A synthetic mission record at any scale, for fault tests and benchmarks.

Deterministic for a seed. Proportions follow what a mission team records most: decisions,
iterations and outcome measurements, then roadblocks, partners and the occasional spillover
or status change. Every command obeys the aggregates' rules, so a whole dataset imports.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from events import commands as c
from events.catalogue import APPROACHES
from events.dates import PartialDate
from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector

WHO: dict[str, Any] = {"recorded_by": "synthetic", "source": "https://example.org/synthetic"}
THEMES = ["climate", "housing", "health", "mobility", "food", "inclusion"]
# Relative weights of what follows a mission's launch.
MIX = {
    "decision": 30,
    "start": 14,
    "conclude": 14,
    "outcome": 24,
    "roadblock": 7,
    "resolve": 5,
    "partner": 3,
    "spillover": 2,
    "status": 1,
}


@dataclasses.dataclass
class _Mission:
    id: str
    day: date
    open_iterations: list[str] = dataclasses.field(default_factory=list)
    open_roadblocks: list[str] = dataclasses.field(default_factory=list)
    approaches: list[str] = dataclasses.field(default_factory=list)
    status: MissionStatus = MissionStatus.ACTIVE
    items: int = 0

    def next_day(self, rng: random.Random) -> date:
        self.day += timedelta(days=rng.randint(0, 3))
        return self.day

    def item(self, prefix: str) -> str:
        self.items += 1
        return f"{prefix}-{self.items}"


def _cities(rng: random.Random, cities: int) -> Iterator[c.Command]:
    for n in range(cities):
        city = f"city-{n:04d}"
        yield c.RegisterCity(city_id=city, name=f"City {n}", country="GB", **WHO)
        start = date(2000, 1, 1) + timedelta(days=rng.randint(0, 400))
        for term in range(6):
            end = start + timedelta(days=4 * 365)
            yield c.BeginAdministration(
                city_id=city,
                administration_id=f"term-{term}",
                mayor=f"Mayor {n}.{term}",
                party=rng.choice(["Red", "Blue", "Green", None]),
                term_start=start,
                **WHO,
            )
            if term < 5:
                yield c.EndAdministration(
                    city_id=city, administration_id=f"term-{term}", term_end=end, **WHO
                )
            start = end + timedelta(days=1)


def _launch(rng: random.Random, n: int, cities: int) -> tuple[_Mission, list[c.Command]]:
    m = _Mission(f"mission-{n:05d}", date(2004, 1, 1) + timedelta(days=rng.randint(0, 2000)))
    launch = c.LaunchMission(
        mission_id=m.id,
        city_id=f"city-{rng.randrange(cities):04d}",
        title=f"Mission {n}",
        goal="A bold goal",
        theme=rng.choice(THEMES),
        horizon_year=2030 + rng.randint(0, 20),
        occurred_on=PartialDate.of(m.day),
        **WHO,
    )
    adopted = rng.sample(sorted(APPROACHES), rng.randint(2, 4))
    m.approaches = adopted
    adoptions = [
        c.AdoptApproach(
            mission_id=m.id, approach_id=a, occurred_on=PartialDate.of(m.next_day(rng)), **WHO
        )
        for a in adopted
    ]
    return m, [launch, *adoptions]


def _step(rng: random.Random, m: _Mission, kind: str) -> c.Command:
    day = m.next_day(rng)
    base: dict[str, Any] = {"mission_id": m.id, "occurred_on": day, **WHO}
    if kind == "conclude" and m.open_iterations:
        iteration = m.open_iterations.pop(rng.randrange(len(m.open_iterations)))
        result = rng.choice(list(Result))
        return c.ConcludeIteration(
            iteration_id=iteration,
            result=result,
            why=f"Because of {result.value} conditions",
            lessons="Start small, measure early",
            **base,
        )
    if kind == "resolve" and m.open_roadblocks:
        roadblock = m.open_roadblocks.pop(0)
        return c.ResolveRoadblock(roadblock_id=roadblock, resolution="Renegotiated", **base)
    if kind in ("start", "conclude"):
        m.open_iterations.append(m.item("iteration"))
        tested = rng.choice([*m.approaches, None])
        return c.StartIteration(
            iteration_id=m.open_iterations[-1],
            title="Pilot",
            hypothesis="It will work",
            approach_id=tested,
            **base,
        )
    if kind in ("roadblock", "resolve"):
        m.open_roadblocks.append(m.item("roadblock"))
        return c.RecordRoadblock(
            roadblock_id=m.open_roadblocks[-1], description="Funding gap", **base
        )
    if kind == "outcome":
        return c.RecordOutcome(
            outcome_id=m.item("outcome"),
            indicator="Retrofit capacity",
            kind=rng.choice(list(IndicatorKind)),
            value=round(rng.uniform(0, 1000), 1),
            unit="homes/year",
            baseline=0.0,
            target=1000.0,
            **base,
        )
    if kind == "partner":
        return c.AddPartner(
            partner_id=m.item("partner"), name="A partner", sector=rng.choice(list(Sector)), **base
        )
    if kind == "spillover":
        return c.RecordSpillover(spillover_id=m.item("spillover"), description="Local jobs", **base)
    if kind == "status":
        ended = (MissionStatus.HALTED, MissionStatus.CLOSED, MissionStatus.ACHIEVED)
        # Renewal only after an end the rules allow it from; achieving only while under way.
        m.status = rng.choice(
            [
                s
                for s in MissionStatus
                if s not in (m.status, MissionStatus.RENEWED)
                and not (s is MissionStatus.ACHIEVED and m.status in ended)
            ]
        )
        return c.ChangeMissionStatus(status=m.status, reason="A change of course", **base)
    return c.RecordDecision(
        decision_id=m.item("decision"),
        title="Fund the next phase",
        rationale="The pilot showed promise",
        **base,
    )


def synthetic_commands(
    cities: int = 100, missions: int = 2000, events: int = 200_000, seed: int = 7
) -> list[c.Command]:
    """About ``events`` commands: the cities with their administrations, then the missions."""
    rng = random.Random(seed)
    commands = list(_cities(rng, cities))
    launched = []
    for n in range(missions):
        m, first = _launch(rng, n, cities)
        launched.append(m)
        commands += first
    kinds, weights = list(MIX), list(MIX.values())
    while len(commands) < events:
        m = rng.choice(launched)
        commands.append(_step(rng, m, rng.choices(kinds, weights)[0]))
    return commands


def as_event_lines(commands: list[c.Command]) -> Iterator[str]:
    """The commands as an event file (JSON lines)."""
    for command in commands:
        data = {
            f.name: getattr(command, f.name)
            for f in dataclasses.fields(command)
            if getattr(command, f.name) is not None
        }
        yield json.dumps({"event": command.event, **data}, default=str)
