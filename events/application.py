"""The Mission Atlas application: runs commands against aggregates and saves their events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    IntegrityError,
    JSONTranscoder,
    PersistenceError,
    Recording,
)

from events.city import City
from events.commands import Command
from events.errors import AtlasError, Conflict, EventStoreUnavailable, NotFound
from events.handlers import HANDLERS
from events.identity import city_uuid, mission_uuid
from events.mission import Mission
from events.provenance import DateAsISO, ProvenanceAsDict
from events.unit_of_work import UnitOfWork


class CommandRejected(AtlasError):
    """A command in a batch failed; ``index`` says which one, ``cause`` says why."""

    def __init__(self, index: int, cause: AtlasError) -> None:
        super().__init__(cause.problem, cause.field)
        self.index = index
        self.cause = cause


class MissionAtlas(Application[UUID]):
    name = "MissionAtlas"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(ProvenanceAsDict())

    def execute(
        self, commands: Sequence[Command], progress: Callable[[int], None] | None = None
    ) -> list[Recording[UUID]]:
        """Run the commands in order and save all their events in one transaction.

        If any command is rejected, nothing is stored and :class:`CommandRejected` says which.
        """
        uow = UnitOfWork(self.repository)
        for index, command in enumerate(commands):
            try:
                HANDLERS[type(command)](command, uow)
            except AtlasError as error:
                raise CommandRejected(index, error) from error
            if progress is not None:
                progress(index + 1)
        try:
            return self.save(*uow.aggregates)
        except IntegrityError as error:
            raise Conflict(
                "the record changed while this command ran; read it again and retry"
            ) from error
        except PersistenceError as error:
            raise EventStoreUnavailable(f"the event store refused the write: {error}") from error

    def city(self, city_id: str) -> City:
        try:
            city: Aggregate = self.repository.get(city_uuid(city_id))
        except AggregateNotFoundError:
            raise NotFound(f"no city {city_id!r} is registered", "city_id") from None
        assert isinstance(city, City)
        return city

    def mission(self, mission_id: str) -> Mission:
        try:
            mission: Aggregate = self.repository.get(mission_uuid(mission_id))
        except AggregateNotFoundError:
            raise NotFound(f"no mission {mission_id!r} is recorded", "mission_id") from None
        assert isinstance(mission, Mission)
        return mission

    @property
    def last_position(self) -> int:
        """The position of the latest stored event in the notification log (0 when empty)."""
        return self.recorder.max_notification_id() or 0
