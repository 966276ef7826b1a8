"""Sealing events on their way into the store: personal fields encrypted, then hashed into
the chain; and opened on their way out. The domain never sees either."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import ApplicationRecorder, Mapper, StoredEvent

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
        state = json.loads(stored_event.state)
        state.pop(CHAIN, None)
        if self.people is not None:
            self.people.reveal(state)
        opened = StoredEvent(
            stored_event.originator_id,
            stored_event.originator_version,
            stored_event.topic,
            _encode(state),
        )
        return super().to_domain_event(opened)

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
