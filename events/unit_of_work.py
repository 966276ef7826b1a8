"""Collects the aggregates that one or more commands touch, so they are saved together."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Repository
from eventsourcing.domain import Aggregate

from events.city import City
from events.errors import AlreadyExists, NotFound
from events.identity import city_uuid, mission_uuid
from events.mission import Mission

A = TypeVar("A", bound=Aggregate)


class UnitOfWork:
    def __init__(self, repository: Repository[UUID]) -> None:
        self._repository = repository
        self._touched: dict[UUID, Aggregate] = {}

    @property
    def aggregates(self) -> list[Aggregate]:
        return list(self._touched.values())

    def city(self, city_id: str) -> City:
        return self._get(City, city_uuid(city_id), f"no city {city_id!r} is registered", "city_id")

    def mission(self, mission_id: str) -> Mission:
        return self._get(
            Mission,
            mission_uuid(mission_id),
            f"no mission {mission_id!r} is recorded",
            "mission_id",
        )

    def add(self, aggregate: Aggregate, readable_id: str, field: str) -> None:
        if aggregate.id in self._touched or aggregate.id in self._repository:
            raise AlreadyExists(f"{readable_id!r} is already recorded", field)
        self._touched[aggregate.id] = aggregate

    def _get(self, kind: type[A], uuid: UUID, problem: str, field: str) -> A:
        aggregate = self._touched.get(uuid)
        if aggregate is None:
            try:
                aggregate = self._repository.get(uuid)
            except AggregateNotFoundError:
                raise NotFound(problem, field) from None
            self._touched[uuid] = aggregate
        if not isinstance(aggregate, kind):
            raise NotFound(problem, field)
        return aggregate
