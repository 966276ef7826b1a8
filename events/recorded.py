"""The base of every Mission Atlas aggregate: it remembers the client-chosen ids of its events.

An event file or an API client may give each event an ``event_id``. Sending the same id again
must store nothing new, so each aggregate knows which ids it holds, and at which version. It
also knows the kind and the item of every version, so that a later correction can name the
event it retracts. The bookkeeping sits in the base event's ``apply``, so no event method has
to remember to do it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic, register_topic

from events import kinds
from events.errors import NotFound, RuleViolated
from events.provenance import Provenance

# The topics each renamed event class was stored under before, by class.
FORMER_TOPICS: dict[type, list[str]] = {}


def stored_topics(*event_classes: type) -> list[str]:
    """Every topic events of these classes may be stored under: their own and their former
    ones. A topic filter on the notification log must name both, or it misses the events of
    a record stored before a rename."""
    return [t for c in event_classes for t in (get_topic(c), *FORMER_TOPICS.get(c, ()))]


def keep_former_names(cls: type[Aggregate], aggregate: kinds.Aggregate) -> None:
    """Let events stored under a former class name still read, as the kind they now are.

    eventsourcing stores each event with its class's topic (``module:Class.Event``); the old
    topics are registered for the renamed classes. A retraction written before the rename
    names the kind it withdrew by the former name: it is upcast as it is read.
    """
    for kind in kinds.of(aggregate):
        if kind.formerly is not None:
            current = getattr(cls, kind.name)
            former = f"{cls.__module__}:{cls.__qualname__}.{kind.formerly}"
            register_topic(former, current)
            FORMER_TOPICS.setdefault(current, []).append(former)
    retraction = kinds.retraction(aggregate)
    event_class = getattr(cls, retraction.name)

    def upcast(state: dict[str, Any]) -> None:
        state["kind"] = kinds.renamed(aggregate, state["kind"])

    setattr(event_class, "class_version", 2)  # noqa: B010 (made by @event)
    setattr(event_class, "upcast_v1_v2", staticmethod(upcast))  # noqa: B010


class RecordedAggregate(Aggregate):
    # The kinds of event a correction may withdraw.
    RETRACTABLE: ClassVar[frozenset[str]] = frozenset()

    class Event(Aggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            event_id = self.provenance.event_id  # type: ignore[attr-defined]
            if event_id is not None:
                aggregate.event_versions[event_id] = self.originator_version
            aggregate.recorded[self.originator_version] = (
                type(self).__name__, kinds.item_of(self)
            )  # fmt: skip

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

    @property
    def detail_versions(self) -> dict[str, int]:
        """For each detail given at creation (a title, a name...), the version of the event
        whose value stands: the creation, or the latest correction that set it."""
        versions: dict[str, int] = self.__dict__.setdefault("_detail_versions", {})
        return versions

    def check_details(self, readable_id: str, given: dict[str, Any]) -> None:
        """Refuse a correction of details that gives none, or only the ones that stand."""
        first = next(iter(given))
        if all(value is None for value in given.values()):
            raise RuleViolated(f"give at least one of {', '.join(given)}", first)
        if all(value in (None, getattr(self, k)) for k, value in given.items()):
            raise RuleViolated(f"{readable_id} already has these details", first)

    def set_details(self, given: dict[str, Any]) -> None:
        """Apply the details a correction gives (None: left as it was)."""
        for field, value in given.items():
            if value is not None:
                setattr(self, field, value)
                self.detail_versions[field] = self.version + 1  # its version, once applied

    def superseded_details(self, version: int) -> set[str]:
        """The details that the event at ``version`` set and a later correction replaced."""
        return {field for field, final in self.detail_versions.items() if final > version}

    @property
    def retracted(self) -> set[int]:
        """Versions withdrawn by a correction."""
        versions: set[int] = self.__dict__.setdefault("_retracted", set())
        return versions

    def withdrawn(self) -> set[int]:
        """Versions whose effect is not in the corrected view: the events withdrawn, and the
        closings of whatever a withdrawn event had opened (an iteration concluded, then its
        start withdrawn: the conclusion concluded nothing that still stands)."""
        found = set(self.retracted)
        opened: dict[tuple[str, str | None], int] = {}  # (opening kind, item) -> version
        for version, (kind, item) in sorted(self.recorded.items()):
            if kind in kinds.OPENED_BY.values():
                opened[(kind, item)] = version
            elif kind in kinds.OPENED_BY and (
                opened.get((kinds.OPENED_BY[kind], item)) in self.retracted
            ):
                found.add(version)
        return found

    def retract(
        self,
        version: int | None,
        event_id: str | None,
        reason: str,
        superseded_by: int | None,
        provenance: Provenance,
    ) -> None:
        """Withdraw an earlier event from the corrected view, keeping it on record. The event
        is named by its ``version`` or by the ``event_id`` it was stored with."""
        version, kind, item = self.correction_target(version, event_id, "version", "retracts")
        self.check_replacement(kind, superseded_by, version)
        self._event_retracted(version, kind, item, reason, superseded_by, provenance)

    def replace(
        self, version: int | None, event_id: str | None, kind: str, reason: str,
        provenance: Provenance,
    ) -> None:  # fmt: skip
        """Withdraw an earlier event of ``kind`` in favour of the one recorded right after."""
        version, found, item = self.correction_target(
            version, event_id, "supersedes_version", "supersedes"
        )
        if found != kind:
            raise RuleViolated(
                f"the event at version {version} is a {found}, not a "
                f"{kind}: an event is replaced by one of its own kind",
                "supersedes" if event_id is not None else "supersedes_version",
            )
        self._event_retracted(version, kind, item, reason, self.version + 2, provenance)

    def _event_retracted(
        self,
        version: int,
        kind: str,
        item: str | None,
        reason: str,
        superseded_by: int | None,
        provenance: Provenance,
    ) -> None:
        raise NotImplementedError  # each aggregate records its own EventRetracted

    def correction_target(
        self, version: int | None, event_id: str | None, field: str, id_field: str
    ) -> tuple[int, str, str | None]:
        """The version, kind and item of the event a correction names, by its version or by
        the ``event_id`` it was stored with, once checked that it may be withdrawn."""
        if (version is None) == (event_id is None):
            raise RuleViolated(f"name the event by {field} or by {id_field}, not both", field)
        if event_id is not None:
            found = self.event_versions.get(event_id)
            if found is None:
                raise NotFound(f"no event was stored with event_id {event_id!r}", id_field)
            version, field = found, id_field
        assert version is not None
        kind, item = self.recorded.get(version, ("", None))
        if not kind:
            raise NotFound(f"there is no event at version {version}", field)
        if kind not in self.RETRACTABLE:
            allowed = ", ".join(sorted(self.RETRACTABLE))
            raise RuleViolated(f"a {kind} event cannot be withdrawn; only {allowed}", field)
        if version in self.retracted:
            raise RuleViolated(f"the event at version {version} is already withdrawn", field)
        return version, kind, item

    def check_replacement(self, kind: str, superseded_by: int | None, version: int) -> None:
        if superseded_by is None:
            return
        replacement = self.recorded.get(superseded_by, ("", None))[0]
        if superseded_by <= version or replacement != kind or superseded_by in self.retracted:
            raise RuleViolated(
                f"version {superseded_by} is not a later {kind} event still in force",
                "superseded_by",
            )
