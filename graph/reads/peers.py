"""Which cities a city can learn from, and why.

A shared approach is the strongest link: the same kind of instrument was tried in both
places, so one city's lessons apply directly to the other. A shared theme (the same
challenge) and a shared capability reached through different approaches (e.g. an alliance
here, challenge groups there) are weaker links and count one point each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from events.catalogue import APPROACHES, CAPABILITIES
from graph import cypher
from graph.port import GraphStore
from graph.reads.cities import CityRow, city_of

APPROACH_WEIGHT, THEME_WEIGHT, CAPABILITY_WEIGHT = 3, 1, 1


@dataclass(frozen=True)
class Shared:
    id: str
    label: str


@dataclass
class PeerLink:
    city: CityRow
    # The ids shared, by kind of link; named and sorted only for the peers shown (of a hundred
    # cities ranked, the ten shown).
    ids: dict[str, list[str]] = field(default_factory=dict)

    def _shared(self, kind: str) -> list[Shared]:
        label = LABELS[kind]
        shared = [Shared(id_, label(id_)) for id_ in self.ids.get(kind, ())]
        return sorted(shared, key=lambda s: s.label)

    @cached_property
    def approaches(self) -> list[Shared]:
        return self._shared("approaches")

    @cached_property
    def themes(self) -> list[Shared]:
        return self._shared("themes")

    @cached_property
    def capabilities(self) -> list[Shared]:
        return self._shared("capabilities")

    @property
    def city_id(self) -> str:
        return self.city.id

    @property
    def score(self) -> int:
        return sum(WEIGHTS[kind] * len(ids) for kind, ids in self.ids.items())

    @property
    def reason(self) -> str:
        parts = []
        for items, one, many in (
            (self.approaches, "approach", "approaches"),
            (self.themes, "theme", "themes"),
            (self.capabilities, "capability", "capabilities"),
        ):
            if items:
                names = ", ".join(s.label for s in items)
                parts.append(f"{len(items)} shared {one if len(items) == 1 else many} ({names})")
        return "; ".join(parts)


LABELS: dict[str, Callable[[str], str]] = {
    "approaches": lambda id_: APPROACHES[id_].label,
    "themes": lambda id_: id_,
    "capabilities": lambda id_: CAPABILITIES[id_].label,
}
WEIGHTS = {"approaches": APPROACH_WEIGHT, "themes": THEME_WEIGHT, "capabilities": CAPABILITY_WEIGHT}


def rank_peers(store: GraphStore, city_id: str) -> list[PeerLink]:
    """Every other city sharing anything with this one, best first (ties by city id)."""
    links: dict[str, PeerLink] = {}
    for row in store.read(cypher.PEERS, {"city_id": city_id}):
        link = links.get(row["city_id"])
        if link is None:
            # Each row carries the peer's own fields, so showing it needs no second read.
            link = links[row["city_id"]] = PeerLink(city_of({**row, "id": row["city_id"]}))
        link.ids[row["kind"]] = row["ids"]
    return sorted(links.values(), key=lambda link: (-link.score, link.city_id))
