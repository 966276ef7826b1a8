"""Which cities a city can learn from, and why.

A shared approach is the strongest link: the same kind of instrument was tried in both
places, so one city's lessons apply directly to the other. A shared theme (the same
challenge) and a shared capability reached through different approaches (e.g. an alliance
here, challenge groups there) are weaker links and count one point each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
    approaches: list[Shared] = field(default_factory=list)
    themes: list[Shared] = field(default_factory=list)
    capabilities: list[Shared] = field(default_factory=list)

    @property
    def city_id(self) -> str:
        return self.city.id

    @property
    def score(self) -> int:
        return (
            APPROACH_WEIGHT * len(self.approaches)
            + THEME_WEIGHT * len(self.themes)
            + CAPABILITY_WEIGHT * len(self.capabilities)
        )

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


def rank_peers(store: GraphStore, city_id: str) -> list[PeerLink]:
    """Every other city sharing anything with this one, best first (ties by city id)."""
    links: dict[str, PeerLink] = {}
    for row in store.read(cypher.PEERS, {"city_id": city_id}):
        link = links.get(row["city_id"])
        if link is None:
            # Each row carries the peer's own fields, so showing it needs no second read.
            link = links[row["city_id"]] = PeerLink(city_of({**row, "id": row["city_id"]}))
        shared = [Shared(id_, LABELS[row["kind"]](id_)) for id_ in row["ids"]]
        setattr(link, row["kind"], sorted(shared, key=lambda s: s.label))
    return sorted(links.values(), key=lambda link: (-link.score, link.city_id))
