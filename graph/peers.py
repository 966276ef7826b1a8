"""Which cities a city can learn from, and why.

A shared approach is the strongest link: the same kind of instrument was tried in both
places, so one city's lessons apply directly to the other. A shared theme (the same
challenge) and a shared capability reached through different approaches (e.g. an alliance
here, challenge groups there) are weaker links and count one point each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph import cypher
from graph.port import GraphStore

APPROACH_WEIGHT, THEME_WEIGHT, CAPABILITY_WEIGHT = 3, 1, 1


@dataclass(frozen=True)
class Shared:
    id: str
    label: str


@dataclass
class PeerLink:
    city_id: str
    approaches: list[Shared] = field(default_factory=list)
    themes: list[Shared] = field(default_factory=list)
    capabilities: list[Shared] = field(default_factory=list)

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


def rank_peers(store: GraphStore, city_id: str) -> list[PeerLink]:
    links: dict[str, PeerLink] = {}
    found: dict[str, dict[str, set[Shared]]] = defaultdict(lambda: defaultdict(set))
    for kind, query in (
        ("approaches", cypher.PEERS_BY_APPROACH),
        ("themes", cypher.PEERS_BY_THEME),
        ("capabilities", cypher.PEERS_BY_CAPABILITY),
    ):
        for row in store.read(query, {"city_id": city_id}):
            found[row["city_id"]][kind].add(Shared(row["id"], row["label"]))
    for peer, kinds in found.items():
        links[peer] = PeerLink(
            peer, **{kind: sorted(items, key=lambda s: s.label) for kind, items in kinds.items()}
        )
    return sorted(links.values(), key=lambda link: (-link.score, link.city_id))
