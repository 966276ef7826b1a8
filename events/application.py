"""The Mission Atlas application: runs commands against aggregates and saves their events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    IntegrityError,
    JSONTranscoder,
    Mapper,
    PersistenceError,
    Recording,
)

from events.city import City
from events.commands import (
    CityCommand,
    Command,
    LaunchMission,
    MissionCommand,
    RegisterCity,
)
from events.errors import AtlasError, Conflict, EventStoreUnavailable
from events.handlers import run
from events.mission import Mission
from events.people import People
from events.provenance import DateAsISO, ProvenanceAsDict
from events.sealing import Sealer, SealingMapper
from events.storage.dialect import Dialect
from events.storage.keys import KeyStore
from events.storage.stored_events import existing_originators
from events.turns import Turns
from events.unit_of_work import UnitOfWork, subject_id, subject_uuid


class CommandRejected(AtlasError):
    """A command in a batch failed; ``index`` says which one, ``cause`` says why."""

    def __init__(self, index: int, cause: AtlasError) -> None:
        super().__init__(cause.problem, cause.field)
        self.index = index
        self.cause = cause


@dataclass(frozen=True)
class Replayed:
    """A command whose ``event_id`` was already stored: nothing new was recorded."""

    index: int
    subject_id: str
    version: int


@dataclass
class Executed:
    recordings: list[Recording[UUID]] = field(default_factory=list)
    replayed: list[Replayed] = field(default_factory=list)


# How often a command without ``expected_version`` is run again when another writer saved
# to its city or mission first; within one process writers take turns, so only writers in
# other processes (another API worker, an import) can make it run more than once.
ATTEMPTS = 5
CREATING = (LaunchMission, RegisterCity)  # commands that make a new city or mission


class MissionAtlas(Application[UUID]):
    name = "MissionAtlas"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._turns = Turns()
        super().__init__(*args, **kwargs)
        # The keys live beside the events, in the same database: the mapper seals and opens
        # personal fields with them.
        self.people = People(KeyStore(Dialect.of(self.recorder)))
        assert isinstance(self.mapper, SealingMapper)
        self.mapper.attach(self.recorder, self.people)

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(
            transcoder=self.construct_transcoder(), mapper_class=SealingMapper
        )

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        assert isinstance(self.mapper, SealingMapper)
        self.mapper.begin()
        return super().save(*objs, **kwargs)

    def _store(self, events: list[Aggregate.Event]) -> list[Recording[UUID]]:
        """Put events already collected from their aggregates in the store, in one transaction.

        ``save`` would first ask of each object whether it is an event or an aggregate, an
        ``isinstance`` against a Protocol that costs Python 3.11 about a tenth of a
        millisecond: a tenth of an import's time. Nothing here snapshots, caches aggregates
        or listens for saves, which is all ``save`` adds to ``events.put``."""
        assert isinstance(self.mapper, SealingMapper)
        assert self.repository.cache is None
        assert self.snapshots is None
        self.people.prepare(events)
        self.mapper.begin()
        return self.events.put(events)

    def sealer(self) -> Sealer:
        """A sealer for events stored outside ``save`` (an import stores its own)."""
        assert isinstance(self.mapper, SealingMapper)
        return self.mapper.sealer()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(ProvenanceAsDict())

    def execute(
        self, commands: Sequence[Command], progress: Callable[[int], None] | None = None
    ) -> Executed:
        """Run the commands in order and save all their events in one transaction.

        If any command is rejected, nothing is stored and :class:`CommandRejected` says which.
        A command whose ``event_id`` is already stored is not run again (see ``replayed``).

        When another writer saves to the same city or mission first, the commands are run
        again against what it saved, up to ``ATTEMPTS`` times: they did not say which version
        they meant, so the newest one is theirs. A command that gave ``expected_version``
        meant that version, and is refused with a conflict on that field instead.
        """
        with self._turns.taken(subject_uuid(command) for command in commands):
            for _attempt in range(ATTEMPTS):
                try:
                    return self._execute_once(commands, progress)
                except IntegrityError as error:
                    if any(command.expected_version is not None for command in commands):
                        raise Conflict(
                            "the record moved past this version while the command ran; "
                            "read it again and retry",
                            "expected_version",
                        ) from error
        raise Conflict(
            f"the record kept changing while this command ran ({ATTEMPTS} attempts); retry"
        )

    def _execute_once(
        self, commands: Sequence[Command], progress: Callable[[int], None] | None
    ) -> Executed:
        uow = UnitOfWork(self.repository)
        creating = {subject_uuid(c) for c in commands if isinstance(c, CREATING)}
        if len(creating) > 1:  # one command asks the repository as cheaply
            uow.known_new(creating - existing_originators(self.recorder, creating))
        executed = Executed()
        in_order: list[Aggregate.Event] = []
        for index, command in enumerate(commands):
            try:
                version = run(command, uow)
                if version is None:
                    in_order += uow.collect_events()
                else:
                    executed.replayed.append(Replayed(index, subject_id(command), version))
            except AtlasError as error:
                raise CommandRejected(index, error) from error
            if progress is not None:
                progress(index + 1)
        try:
            executed.recordings = self._store(in_order)
            return executed
        except IntegrityError:
            raise
        except PersistenceError as error:
            raise EventStoreUnavailable(f"the event store refused the write: {error}") from error

    def city(self, city_id: str) -> City:
        return UnitOfWork(self.repository).city(city_id)

    def mission(self, mission_id: str) -> Mission:
        return UnitOfWork(self.repository).mission(mission_id)

    def stored_event(self, command: Command, version: int) -> Aggregate.Event:
        """The stored event at ``version`` of the city or mission that ``command`` is about."""
        (found,) = self.events.get(subject_uuid(command), gt=version - 1, lte=version)
        assert isinstance(found, Aggregate.Event)
        return found

    def city_of(self, command: Command) -> tuple[str, str]:
        """The city a command records for, and the field that says so."""
        if isinstance(command, MissionCommand) and not isinstance(command, LaunchMission):
            return self.mission(command.mission_id).city_id, "mission_id"
        assert isinstance(command, CityCommand)
        return command.city_id, "city_id"

    @property
    def last_position(self) -> int:
        """The position of the latest stored event in the notification log (0 when empty)."""
        return self.recorder.max_notification_id() or 0
