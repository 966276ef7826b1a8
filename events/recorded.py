"""The base of every Mission Atlas aggregate: it remembers the client-chosen ids of its events.

An event file or an API client may give each event an ``event_id``. Sending the same id again
must store nothing new, so each aggregate knows which ids it holds, and at which version. It
also knows the kind and the item of every version, so that a later correction can name the
event it retracts. The bookkeeping sits in the base event's ``apply``, so no event method has
to remember to do it.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

ITEM_FIELDS = frozenset(
    {
        "administration_id",
        "partner_id",
        "decision_id",
        "iteration_id",
        "roadblock_id",
        "outcome_id",
        "spillover_id",
    }
)


class RecordedAggregate(Aggregate):
    class Event(Aggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            event_id = self.provenance.event_id  # type: ignore[attr-defined]
            if event_id is not None:
                aggregate.event_versions[event_id] = self.originator_version
            item = next((v for k, v in vars(self).items() if k in ITEM_FIELDS), None)
            aggregate.recorded[self.originator_version] = (type(self).__name__, item)

    @property
    def recorded(self) -> dict[int, tuple[str, str | None]]:
        """The kind of event and the item it concerns, by version."""
        kinds: dict[int, tuple[str, str | None]] = self.__dict__.setdefault("_recorded", {})
        return kinds

    @property
    def event_versions(self) -> dict[str, int]:
        """Client-chosen event ids, with the version of the event that carries each."""
        versions: dict[str, int] = self.__dict__.setdefault("_event_versions", {})
        return versions
