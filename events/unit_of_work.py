"""Collects the aggregates that one or more commands touch, so they are saved together."""

from __future__ import annotations

from typing import TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Repository
from eventsourcing.domain import Aggregate

from events.city import City
from events.commands import CityCommand, Command, MissionCommand
from events.errors import AlreadyExists, Conflict, NotFound
from events.identity import city_uuid, mission_uuid
from events.mission import Mission
from events.recorded import RecordedAggregate

A = TypeVar("A", bound=Aggregate)


def subject_id(command: Command) -> str:
    """The readable id of the city or mission a command records an event of."""
    if isinstance(command, MissionCommand):
        return command.mission_id
    assert isinstance(command, CityCommand)
    return command.city_id


def subject_uuid(command: Command) -> UUID:
    if isinstance(command, MissionCommand):
        return mission_uuid(command.mission_id)
    return city_uuid(subject_id(command))


class UnitOfWork:
    def __init__(self, repository: Repository[UUID]) -> None:
        self._repository = repository
        self._touched: dict[UUID, Aggregate] = {}
        # Handed out since the last collect_events: only these can have new events. (Asking
        # every aggregate after every command would cost commands x aggregates in an import.)
        self._handed_out: dict[UUID, Aggregate] = {}
        # Known to have had no stored events when this unit began (see ``known_new``).
        self._new: set[UUID] = set()

    def known_new(self, uuids: set[UUID]) -> None:
        """Ids the caller found unused in the store, in one query: adding or asking about
        them needs no read. (A writer that uses one meanwhile makes the save fail on its
        version, and the command runs again with a fresh unit.)"""
        self._new |= uuids

    def collect_events(self) -> list[Aggregate.Event]:
        """The events recorded since the last call. Called after each command, so that saving
        them in that order, rather than aggregate by aggregate, keeps the order of the
        commands in the log: a file's lines get positions in the order they were written."""
        collected: list[Aggregate.Event] = []
        for aggregate in self._handed_out.values():
            # What ``collect_events`` does, without taking the list apart one ``pop(0)`` at a
            # time: the pending events, in order, and none left pending.
            pending = aggregate.pending_events
            collected += cast(list[Aggregate.Event], pending)
            pending.clear()
        self._handed_out.clear()
        return collected

    def city(self, city_id: str) -> City:
        return self._get(City, city_uuid(city_id), f"no city {city_id!r} is registered", "city_id")

    def mission(self, mission_id: str) -> Mission:
        return self._get(
            Mission,
            mission_uuid(mission_id),
            f"no mission {mission_id!r} is recorded",
            "mission_id",
        )

    def already_recorded(self, command: Command) -> int | None:
        """The version of the stored event that carries ``command.event_id``, if there is one."""
        if command.event_id is None:
            return None
        uuid = subject_uuid(command)
        aggregate = self._touched.get(uuid)
        if aggregate is None:
            if uuid in self._new:
                return None
            try:
                aggregate = self._repository.get(uuid)
            except AggregateNotFoundError:
                return None
            self._touched[uuid] = aggregate
        assert isinstance(aggregate, RecordedAggregate)
        return aggregate.event_versions.get(command.event_id)

    def check_version(self, command: Command) -> None:
        """Refuse the command if its subject is not at the version the sender expects."""
        if command.expected_version is None:
            return
        uuid = subject_uuid(command)
        aggregate = self._touched.get(uuid)
        if aggregate is None and uuid in self._repository:
            aggregate = self._repository.get(uuid)
            self._touched[uuid] = aggregate
        actual = 0 if aggregate is None else aggregate.version
        if actual != command.expected_version:
            raise Conflict(
                f"{subject_id(command)} is at version {actual}, not "
                f"{command.expected_version}; read it again and retry",
                "expected_version",
            )

    def add(self, aggregate: Aggregate, readable_id: str, field: str) -> None:
        if aggregate.id in self._touched or (
            aggregate.id not in self._new and aggregate.id in self._repository
        ):
            raise AlreadyExists(f"{readable_id!r} is already recorded", field)
        self._touched[aggregate.id] = aggregate
        self._handed_out[aggregate.id] = aggregate

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
        self._handed_out[uuid] = aggregate
        return aggregate
