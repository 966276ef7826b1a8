"""An event's state as the JSON values the transcoder would write, without writing the JSON.

Sealing needs the state twice as text (canonical for the hash, as stored for the record) and
once as values (to encrypt the personal fields in place). Writing it with the transcoder and
parsing it back was a third encoding and a decoding per event; this makes the same values
directly, and falls back to that round trip for anything it does not know to be equivalent.
"""

from __future__ import annotations

import json
from typing import Any

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import JSONTranscoder

_SCALARS = frozenset((str, int, float, bool, type(None)))


def event_state(transcoder: JSONTranscoder, event: DomainEventProtocol[Any]) -> dict[str, Any]:
    """The stored state of ``event`` as ``json.loads(Mapper.to_stored_event(event).state)``
    would give it: without its originator id and version, with its class version if above 1."""
    state = dict(vars(event))
    del state["originator_id"], state["originator_version"]
    class_version = getattr(type(event), "class_version", 1)
    if class_version > 1:
        state["class_version"] = class_version
    try:
        for key, value in state.items():
            if type(value) not in _SCALARS:  # most values are: leave them in place
                state[key] = _plain(transcoder, value)
        return state
    except _NotPlain:
        loaded: dict[str, Any] = json.loads(transcoder.encode(state))
        return loaded


class _NotPlain(Exception):
    """A value whose JSON reading back would differ from itself (a dict with non-text keys)."""


def _plain(transcoder: JSONTranscoder, value: Any) -> Any:
    # In the order json's encoder tries them: text and numbers first, even an Enum built on
    # them, which it writes as the plain value; a registered transcoding only after.
    if type(value) in _SCALARS:
        return value
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, dict):
        if not all(type(key) is str for key in value):
            raise _NotPlain
        return {key: _plain(transcoder, item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(transcoder, item) for item in value]
    # The transcoder's own hook: a registered transcoding, or its error for an unknown type.
    encoded = getattr(transcoder, "_encode_obj")(value)  # noqa: B009 (no public accessor)
    return {"_type_": encoded["_type_"], "_data_": _plain(transcoder, encoded["_data_"])}
