"""Sealing events on their way into the store: personal fields encrypted, then hashed into
the chain; and opened on their way out. The domain never sees either."""

from __future__ import annotations

import json
from collections.abc import Hashable
from json.encoder import encode_basestring
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    ApplicationRecorder,
    JSONTranscoder,
    Mapper,
    MapperDeserialisationError,
    StoredEvent,
    TranscodingNotRegisteredError,
    find_id_convertor,
)
from eventsourcing.utils import get_topic, resolve_topic

from events.chain import CHAIN, GENESIS, hash_of_canonical
from events.json_text import loads_hooked
from events.people import PERSONAL_FIELDS, People
from events.state import StateWriter, personal_paths

# A sealed event's parts, as ``StoredEvent`` takes them: (originator id, version, topic, state).
Sealed = tuple[UUID | str, int, str, bytes]
_PERSONAL = personal_paths(PERSONAL_FIELDS)
_CHAIN = encode_basestring(CHAIN)


class Sealer:
    """Seals events in the order they are stored. It remembers the last hash of each city or
    mission it sealed, so the next event of it chains on without reading the store: one
    sealer per save, or per import."""

    def __init__(
        self, transcoder: JSONTranscoder, people: People, recorder: ApplicationRecorder
    ) -> None:
        self.transcoder, self.people, self.recorder = transcoder, people, recorder
        self._writer = StateWriter(transcoder, _PERSONAL, people.sealed)
        self._heads: dict[UUID | str, tuple[int, str]] = {}

    def seal(self, event: DomainEventProtocol[UUID]) -> StoredEvent:
        """The stored event: its state written canonically for the hash and as stored (keys
        in the order the event has them, as an audit lists them), with the personal fields
        encrypted in both, and the chain's link after the state's own fields."""
        return StoredEvent(*self.sealed(event))

    def sealed(self, event: DomainEventProtocol[UUID]) -> Sealed:
        """The stored event's parts, as ``seal`` makes it: (originator id, version, topic,
        state). An import stages them as they are."""
        originator_id, version = event.originator_id, event.originator_version
        topic = get_topic(type(event))
        canonical, stored = self._writer.texts(event)
        previous = self._previous(originator_id, version)
        digest = hash_of_canonical(previous, originator_id, version, topic, canonical)
        self._heads[originator_id] = (version, digest)
        link = (
            f'{_CHAIN}:{{"previous":{encode_basestring(previous)},'
            f'"hash":{encode_basestring(digest)}}}}}'
        )
        state = f"{stored[:-1]},{link}" if stored != "{}" else f"{{{link}"
        return originator_id, version, topic, state.encode()

    def _previous(self, originator_id: UUID | str, version: int) -> str:
        if version == 1:
            return GENESIS
        head = self._heads.get(originator_id)
        if head is not None and head[0] == version - 1:
            return head[1]
        (before,) = self.recorder.select_events(originator_id, gt=version - 2, lte=version - 1)
        chain: dict[str, str] = json.loads(before.state)[CHAIN]
        return chain["hash"]


class _NotOpened(Exception):
    """Opening a sealed value failed while its event was being decoded."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


class SealingMapper(Mapper[UUID]):
    """A Mapper that seals each event it stores. ``attach`` it to the store before use."""

    recorder: ApplicationRecorder | None = None
    people: People | None = None
    _sealer: Sealer | None = None
    _decoder: json.JSONDecoder | None = None

    def attach(self, recorder: ApplicationRecorder, people: People) -> None:
        assert isinstance(self.transcoder, JSONTranscoder)
        self.recorder, self.people = recorder, people
        self._decoder = json.JSONDecoder(object_hook=self._opened)
        self.begin()

    def _opened(self, value: dict[str, Any]) -> Any:
        """One JSON object of a stored state as the event holds it, called innermost first:
        a transcoded value decoded, as the transcoder's own hook decodes it, and a sealed
        personal value opened (``conceal`` writes that shape, and only at a personal field),
        before the object that holds it is made. The transcoder's hook finds out that an
        object is neither by catching a KeyError, on every event and several times."""
        if len(value) == 2 and "_data_" in value:
            if "_type_" in value:
                name = value["_type_"]
                transcoding = self.transcoder.names.get(name)  # type: ignore[attr-defined]
                if transcoding is None:
                    raise TranscodingNotRegisteredError(
                        f"Data serialized with name {name!r} is not deserializable. Please "
                        "register a custom transcoding for this type."
                    )
                return transcoding.decode(value["_data_"])
            if "_sealed_" in value:
                assert self.people is not None  # set with the decoder, by ``attach``
                try:
                    return self.people.opened(value)
                except Exception as error:
                    raise _NotOpened(error) from error
        return value

    def sealer(self) -> Sealer:
        """A sealer of its own, for a caller that stores events outside ``save``."""
        assert self.people is not None, "attach the mapper before storing events"
        assert self.recorder is not None
        assert isinstance(self.transcoder, JSONTranscoder)
        return Sealer(self.transcoder, self.people, self.recorder)

    def begin(self) -> None:
        """A new save: forget the hashes of the last one (it may not have been stored)."""
        self._sealer = self.sealer()

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        assert self._sealer is not None, "attach the mapper before storing events"
        return self._sealer.seal(domain_event)

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        """The stored event, decoded as ``event_of`` decodes it."""
        return self.event_of(
            stored_event.originator_id,
            stored_event.originator_version,
            stored_event.topic,
            stored_event.state,
        )

    def event_of(
        self, originator_id: UUID | str, version: int, topic: str, stored_state: bytes
    ) -> DomainEventProtocol[UUID]:
        """A stored event, decoded once: the JSON is parsed in one pass that decodes the
        transcoded values and opens the personal ones (``_opened``; decrypting before decoding
        meant parsing, re-encoding and parsing the JSON again), by orjson where it reads as
        json does (``events.json_text``), then the event is made as
        ``Mapper.to_domain_event`` makes it. No cipher or compressor is configured:
        ``to_stored_event`` reads the library's output as JSON. (The parts of a stored event
        as arguments: a reader of the whole log need not make a ``StoredEvent`` of each.)"""
        cls = resolve_topic(topic)
        try:
            if self._decoder is not None:  # attached: sealed values open as they are decoded
                state = loads_hooked(stored_state, self._opened, self._decoded)
            else:
                state = self.transcoder.decode(stored_state)
        except _NotOpened as failed:
            # The key store or the cipher failed, not the JSON: raised as it is.
            raise failed.error from None
        except Exception as error:
            raise MapperDeserialisationError(
                f"Failed to deserialise state of stored event with topic "
                f"'{topic}', originator_id '{originator_id}' and "
                f"originator_version {version}: {error}"
            ) from error
        state.pop(CHAIN, None)
        to_id = find_id_convertor(cls, cast(Hashable, type(originator_id)))
        state["originator_id"] = to_id(originator_id)
        state["originator_version"] = version
        # Upcast after opening, as before: an upcaster sees names, never sealed values.
        class_version = getattr(cls, "class_version", 1)
        from_version = state.pop("class_version", 1)
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        domain_event = object.__new__(cls)
        object.__setattr__(domain_event, "__dict__", state)
        return cast(DomainEventProtocol[UUID], domain_event)

    def _decoded(self, stored_state: bytes) -> dict[str, Any]:
        """The state as json reads it, where orjson's reading could differ (``json_text``)."""
        assert self._decoder is not None
        text = stored_state.decode()
        # raw_decode: the state is written without surrounding blanks, so decode's two
        # scans for them are spared; anything after the object is still refused.
        state: dict[str, Any]
        state, end = self._decoder.raw_decode(text)
        if end != len(text):
            raise ValueError(f"extra data after the state, at character {end}")
        return state
