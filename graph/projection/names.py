"""Readable ids for aggregate UUIDs: the graph speaks ``gm-retrofit``, the event store UUIDs.

Learned from creation events as they stream past, and asked of the graph for aggregates
created before the projector's current run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from eventsourcing.domain import Aggregate

from events.city import City
from events.mission import Mission
from events.owners import Owner
from graph import cypher
from graph.port import GraphStore


@dataclass
class Names:
    owners: dict[UUID, Owner] = field(default_factory=dict)

    def __getitem__(self, uuid: UUID) -> Owner:
        return self.owners[uuid]

    def learn(self, store: GraphStore, events: Sequence[Aggregate.Event]) -> None:
        unknown: dict[str, set[UUID]] = {"city": set(), "mission": set()}
        for e in events:
            if (created := Owner.created_by(e)) is not None:
                self.owners[e.originator_id] = created
            elif isinstance(e, (City.Event, Mission.Event)) and e.originator_id not in self.owners:
                kind = "city" if isinstance(e, City.Event) else "mission"
                unknown[kind].add(e.originator_id)
        self._fetch(store, cypher.CITY_IDS_BY_UUID, unknown["city"], "city")
        self._fetch(store, cypher.MISSION_IDS_BY_UUID, unknown["mission"], "mission")

    def _fetch(self, store: GraphStore, query: str, uuids: set[UUID], kind: str) -> None:
        if uuids:
            for row in store.read(query, {"uuids": [u.hex for u in uuids]}):
                owner = Owner(row["id"], row["city_id"], row["theme"], kind)
                self.owners[UUID(row["uuid"])] = owner
