"""Small builders of valid commands, so each test states only what it is about."""

from __future__ import annotations

from datetime import date
from typing import Any

from events import commands as c
from events.vocabulary import MissionStatus, Result, Sector

WHO: dict[str, Any] = {"recorded_by": "test", "source": "https://example.org/record"}


def register_city(city_id: str = "springfield", **kw: Any) -> c.RegisterCity:
    return c.RegisterCity(
        **{"city_id": city_id, "name": city_id.title(), "country": "GB", **WHO, **kw}
    )


def begin_term(city_id: str, term_id: str, start: date, **kw: Any) -> c.BeginAdministration:
    return c.BeginAdministration(
        **{
            "city_id": city_id,
            "administration_id": term_id,
            "mayor": f"Mayor {term_id}",
            "term_start": start,
            **WHO,
            **kw,
        }
    )


def end_term(city_id: str, term_id: str, end: date, **kw: Any) -> c.EndAdministration:
    return c.EndAdministration(
        **{"city_id": city_id, "administration_id": term_id, "term_end": end, **WHO, **kw}
    )


def launch(
    mission_id: str = "retrofit", city_id: str = "springfield", **kw: Any
) -> c.LaunchMission:
    return c.LaunchMission(
        **{
            "mission_id": mission_id,
            "city_id": city_id,
            "title": mission_id.title(),
            "goal": "A bold goal",
            "theme": "climate",
            **WHO,
            **kw,
        }
    )


def adopt(mission_id: str, approach_id: str, **kw: Any) -> c.AdoptApproach:
    return c.AdoptApproach(**{"mission_id": mission_id, "approach_id": approach_id, **WHO, **kw})


def decide(mission_id: str, title: str = "A decision", **kw: Any) -> c.RecordDecision:
    return c.RecordDecision(**{"mission_id": mission_id, "title": title, **WHO, **kw})


def start_iteration(mission_id: str, iteration_id: str, **kw: Any) -> c.StartIteration:
    return c.StartIteration(
        **{"mission_id": mission_id, "iteration_id": iteration_id, "title": "Try it", **WHO, **kw}
    )


def conclude(mission_id: str, iteration_id: str, **kw: Any) -> c.ConcludeIteration:
    return c.ConcludeIteration(
        **{
            "mission_id": mission_id,
            "iteration_id": iteration_id,
            "result": Result.WORKED,
            "why": "It did",
            **WHO,
            **kw,
        }
    )


def roadblock(mission_id: str, roadblock_id: str, **kw: Any) -> c.RecordRoadblock:
    return c.RecordRoadblock(
        **{
            "mission_id": mission_id,
            "roadblock_id": roadblock_id,
            "description": "Stuck",
            **WHO,
            **kw,
        }
    )


def resolve(mission_id: str, roadblock_id: str, **kw: Any) -> c.ResolveRoadblock:
    return c.ResolveRoadblock(
        **{
            "mission_id": mission_id,
            "roadblock_id": roadblock_id,
            "resolution": "Unstuck",
            **WHO,
            **kw,
        }
    )


def partner(
    mission_id: str, name: str, sector: Sector = Sector.BUSINESS, **kw: Any
) -> c.AddPartner:
    return c.AddPartner(**{"mission_id": mission_id, "name": name, "sector": sector, **WHO, **kw})


def status(mission_id: str, new: MissionStatus, **kw: Any) -> c.ChangeMissionStatus:
    return c.ChangeMissionStatus(
        **{"mission_id": mission_id, "status": new, "reason": "Because", **WHO, **kw}
    )


def retract(mission_id: str, version: int, **kw: Any) -> c.RetractEvent:
    return c.RetractEvent(
        **{"mission_id": mission_id, "version": version, "reason": "Recorded in error", **WHO, **kw}
    )
