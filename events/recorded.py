"""The base of every Mission Atlas aggregate: it remembers the client-chosen ids of its events.

An event file or an API client may give each event an ``event_id``. Sending the same id again
must store nothing new, so each aggregate knows which ids it holds, and at which version. The
bookkeeping sits in the base event's ``apply``, so no event method has to remember to do it.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate


class RecordedAggregate(Aggregate):
    class Event(Aggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            event_id = self.provenance.event_id  # type: ignore[attr-defined]
            if event_id is not None:
                aggregate.event_versions[event_id] = self.originator_version

    @property
    def event_versions(self) -> dict[str, int]:
        """Client-chosen event ids, with the version of the event that carries each."""
        versions: dict[str, int] = self.__dict__.setdefault("_event_versions", {})
        return versions
