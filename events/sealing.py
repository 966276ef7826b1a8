"""Sealing events on their way into the store: personal fields encrypted, then hashed into
the chain; and opened on their way out. The domain never sees either."""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    ApplicationRecorder,
    Mapper,
    MapperDeserialisationError,
    StoredEvent,
    find_id_convertor,
)
from eventsourcing.utils import resolve_topic

from events.chain import CHAIN, GENESIS, event_hash
from events.people import People


def _encode(state: dict[str, Any]) -> bytes:
    return json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()


class SealingMapper(Mapper[UUID]):
    """A Mapper that seals each event it stores. ``attach`` it to the store before use."""

    recorder: ApplicationRecorder | None = None
    people: People | None = None
    # Hashes of events sealed in the current save, by aggregate: (version, hash).
    _batch: dict[UUID | str, tuple[int, str]]

    def attach(self, recorder: ApplicationRecorder, people: People) -> None:
        self.recorder, self.people, self._batch = recorder, people, {}

    def begin(self) -> None:
        """A new save: forget the hashes of the last one (it may not have been stored)."""
        self._batch = {}

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        stored = super().to_stored_event(domain_event)
        assert self.people is not None, "attach the mapper before storing events"
        state = json.loads(stored.state)
        self.people.conceal(state)
        previous = self._previous(stored.originator_id, stored.originator_version)
        digest = event_hash(
            previous, stored.originator_id, stored.originator_version, stored.topic, state
        )
        state[CHAIN] = {"previous": previous, "hash": digest}
        self._batch[stored.originator_id] = (stored.originator_version, digest)
        return StoredEvent(
            stored.originator_id, stored.originator_version, stored.topic, _encode(state)
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        """The stored event, decoded once: personal fields are opened on the decoded state
        (decrypting before decoding meant parsing, re-encoding and parsing the JSON again),
        then the event is made as ``Mapper.to_domain_event`` makes it. No cipher or compressor
        is configured: ``to_stored_event`` reads the library's output as JSON."""
        cls = resolve_topic(stored_event.topic)
        try:
            state: dict[str, Any] = self.transcoder.decode(stored_event.state)
        except Exception as error:
            raise MapperDeserialisationError(
                f"Failed to deserialise state of stored event with topic "
                f"'{stored_event.topic}', originator_id '{stored_event.originator_id}' and "
                f"originator_version {stored_event.originator_version}: {error}"
            ) from error
        state.pop(CHAIN, None)
        if self.people is not None:
            self.people.reveal(state)
        to_id = find_id_convertor(cls, cast(Hashable, type(stored_event.originator_id)))
        state["originator_id"] = to_id(stored_event.originator_id)
        state["originator_version"] = stored_event.originator_version
        # Upcast after opening, as before: an upcaster sees names, never sealed values.
        class_version = getattr(cls, "class_version", 1)
        from_version = state.pop("class_version", 1)
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        domain_event = object.__new__(cls)
        object.__setattr__(domain_event, "__dict__", state)
        return cast(DomainEventProtocol[UUID], domain_event)

    def _previous(self, originator_id: UUID | str, version: int) -> str:
        if version == 1:
            return GENESIS
        in_batch = self._batch.get(originator_id)
        if in_batch is not None and in_batch[0] == version - 1:
            return in_batch[1]
        assert self.recorder is not None
        (before,) = self.recorder.select_events(originator_id, gt=version - 2, lte=version - 1)
        chain: dict[str, str] = json.loads(before.state)[CHAIN]
        return chain["hash"]
