"""The city among its peers, linked by the approaches they share: server-made SVG in three
columns (the city, the approaches it shares, its peers in rank order), drawn from the same
``peers`` answer the page lists, with the same links said in words beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WIDTH = 900
ROW = 40
MARGIN = 28
CITY_X, APPROACH_X, PEER_X = 170.0, 450.0, 660.0


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str
    css: str  # city, approach or peer


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str  # "approach": through a shared approach; "other": a theme or capability only
    title: str


@dataclass(frozen=True)
class Shared:
    """One shared approach and the peers that share it, in rank order."""

    id: str
    label: str
    peers: list[dict[str, Any]]


@dataclass
class PeerPicture:
    city: str
    height: float
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    shared: list[Shared] = field(default_factory=list)
    # Peers that share no approach: drawn linked to the city directly, by a dotted line.
    otherwise: list[dict[str, Any]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The picture in words: its ``desc``."""
        parts = [
            f"{s.label} is shared with {', '.join(p['city']['name'] for p in s.peers)}"
            for s in self.shared
        ]
        parts += [f"{p['city']['name']} shares no approach ({p['reason']})" for p in self.otherwise]
        return f"{self.city} and its peers. " + "; ".join(parts) + "."


def _column(count: int, rows: int) -> list[float]:
    """The heights of ``count`` nodes, centred in a picture of ``rows`` rows."""
    offset = (rows - count) * ROW / 2
    return [MARGIN + offset + i * ROW for i in range(count)]


def peer_picture(city: str, peers: list[dict[str, Any]]) -> PeerPicture | None:
    """The picture of ``city`` (its name) among ``peers`` (the ``peers`` query's answer, in
    rank order, each with ``city { name }``, ``score``, ``reason`` and ``sharedApproaches``);
    None without peers."""
    if not peers:
        return None
    by_id: dict[str, Shared] = {}
    for peer in peers:
        for approach in peer["sharedApproaches"]:
            shared = by_id.setdefault(approach["id"], Shared(approach["id"], approach["label"], []))
            shared.peers.append(peer)
    rows = max(len(by_id), len(peers))
    picture = PeerPicture(city, 2 * MARGIN + ROW * (rows - 1))
    centre = picture.height / 2
    picture.nodes.append(Node(CITY_X, centre, city, "city"))
    peer_at = {}
    for peer, y in zip(peers, _column(len(peers), rows), strict=True):
        name = peer["city"]["name"]
        peer_at[peer["city"]["id"]] = y
        picture.nodes.append(Node(PEER_X, y, f"{name} (score {peer['score']})", "peer"))
    for shared, y in zip(by_id.values(), _column(len(by_id), rows), strict=True):
        picture.shared.append(shared)
        picture.nodes.append(Node(APPROACH_X, y, shared.label, "approach"))
        title = f"{city} applies {shared.label}"
        picture.links.append(Link(CITY_X, centre, APPROACH_X, y, "approach", title))
        for peer in shared.peers:
            title = f"{shared.label}, shared with {peer['city']['name']}"
            to = peer_at[peer["city"]["id"]]
            picture.links.append(Link(APPROACH_X, y, PEER_X, to, "approach", title))
    for peer in peers:
        if not peer["sharedApproaches"]:
            picture.otherwise.append(peer)
            to = peer_at[peer["city"]["id"]]
            title = f"{peer['city']['name']}: {peer['reason']}"
            picture.links.append(Link(CITY_X, centre, PEER_X, to, "other", title))
    return picture
