"""One run of an import: commands checked a batch at a time, sealed, staged, then stored.

Nothing is stored until every command has been checked, so a file is all or nothing; and
nothing grows with the file but the aggregates it touches: each batch's commands and events
are dropped once its events are sealed and staged on disk (``events.storage.staging``), and
the staged events are stored in one transaction at the end. The aggregates stay in memory
for the whole run, since a later line may need any of them and the events they were built
from are not in the store yet.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

from eventsourcing.persistence import IntegrityError

from events.application import CREATING, CommandRejected, MissionAtlas
from events.commands import Command
from events.errors import AtlasError, Conflict
from events.handlers import run
from events.storage.appending import append_all
from events.storage.dialect import Dialect
from events.storage.staging import Staging
from events.storage.stored_events import existing_originators
from events.unit_of_work import UnitOfWork, subject_uuid

BATCH = 1_000  # commands checked, sealed and staged together


@dataclass
class Imported:
    stored: int = 0  # events stored
    skipped: int = 0  # commands whose event_id was already stored


def import_commands(
    app: MissionAtlas,
    numbered: Iterable[tuple[int, Command]],
    progress: Callable[[int], None] | None = None,
) -> Imported:
    """Check, seal and store the commands, each with the number of the line it came from.

    A rejected command raises :class:`CommandRejected` whose ``index`` is that line number,
    and nothing is stored. Another writer storing to the same city or mission meanwhile
    makes the final store raise eventsourcing's ``IntegrityError``, and nothing is stored.
    ``progress(done)`` is called after each batch with the commands checked so far.
    """
    uow = UnitOfWork(app.repository)
    sealer = app.sealer()
    imported, done, expecting = Imported(), 0, False
    with Staging(Dialect.of(app.recorder)) as staging, _aside_from_collector() as set_aside:
        for batch in _batches(numbered):
            creating = {subject_uuid(c) for _, c in batch if isinstance(c, CREATING)}
            uow.known_new(creating - existing_originators(app.recorder, creating))
            events = []
            for number, command in batch:
                expecting = expecting or command.expected_version is not None
                try:
                    if run(command, uow) is None:
                        events += uow.collect_events()
                    else:
                        imported.skipped += 1
                except AtlasError as error:
                    raise CommandRejected(number, error) from error
            app.people.prepare(events)
            staging.add([sealer.sealed(event) for event in events])
            set_aside()
            done += len(batch)
            if progress is not None:
                progress(done)
        try:
            imported.stored = append_all(app.recorder, staging.batches())
        except IntegrityError as error:
            if expecting:
                raise Conflict(
                    "the record moved past this version while the file was checked; "
                    "read it again and retry",
                    "expected_version",
                ) from error
            raise
    return imported


def _batches(numbered: Iterable[tuple[int, Command]]) -> Iterator[list[tuple[int, Command]]]:
    lines = iter(numbered)
    while batch := list(islice(lines, BATCH)):
        yield batch


@contextmanager
def _aside_from_collector() -> Iterator[Callable[[], None]]:
    """A call that sets every object made so far aside from the cyclic garbage collector,
    until the run ends; and no collection at all meanwhile. The aggregates grow with the file
    and live until it is stored, and every full collection walked all of them again: about a
    tenth of an import's time. The young collections that remained walked each batch's new
    objects some thirty times a batch and found nothing: an import makes no cyclic garbage
    (reference counting frees all it drops; ``test_streaming_import`` holds it to that), so
    the collector is off while it runs, and objects made by then are set aside at each batch
    rather than left for one long young collection after it. Where objects were already set
    aside (``serve`` does at start) they are left so, since taking ours back would take those
    back too, and nothing is set aside.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        if gc.get_freeze_count():
            yield lambda: None
            return
        try:
            yield gc.freeze
        finally:
            gc.unfreeze()
    finally:
        if enabled:
            gc.enable()
