"""Whose an event is: the city or mission it belongs to, named by its readable ids."""

from __future__ import annotations

from dataclasses import dataclass

from eventsourcing.domain import Aggregate

from events.city import City
from events.mission import Mission


@dataclass(frozen=True)
class Owner:
    """The city or mission an event belongs to, by the readable ids the graph and RDF use."""

    id: str
    city_id: str
    theme: str | None = None
    kind: str = "mission"  # "city" or "mission": a mission may share its id with a city

    @property
    def is_city(self) -> bool:
        return self.kind == "city"

    @classmethod
    def created_by(cls, e: Aggregate.Event) -> Owner | None:
        """The owner a city's registration or a mission's launch brings into being."""
        if isinstance(e, City.CityRegistered):
            city_id = getattr(e, "city_id")  # noqa: B009 (attributes made by @event)
            return cls(city_id, city_id, kind="city")
        if isinstance(e, Mission.MissionLaunched):
            mission_id, city_id, theme = (getattr(e, a) for a in ("mission_id", "city_id", "theme"))
            return cls(mission_id, city_id, theme)
        return None
