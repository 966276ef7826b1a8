"""The peer picture: the city, the approaches it shares, its peers; a link for each sharing,
and a dotted one for a peer that shares no approach, said in words as well."""

from __future__ import annotations

from typing import Any

from api.pages.peer_picture import APPROACH_X, CITY_X, PEER_X, peer_picture


def peer(city: str, score: int, *approaches: str, reason: str = "") -> dict[str, Any]:
    return {
        "city": {"id": city.lower(), "name": city},
        "score": score,
        "reason": reason or f"{len(approaches)} shared approaches",
        "sharedApproaches": [{"id": a.lower(), "label": a} for a in approaches],
    }


def test_a_city_without_peers_has_no_picture() -> None:
    assert peer_picture("Lonely", []) is None


def test_each_shared_approach_links_the_city_to_every_peer_that_shares_it() -> None:
    picture = peer_picture(
        "Valencia",
        [
            peer("Manchester", 7, "Alliance", "Fund"),
            peer("Camden", 3, "Alliance"),
            peer("Turin", 1, reason="1 shared theme (climate)"),
        ],
    )
    assert picture is not None
    assert [(s.label, [p["city"]["name"] for p in s.peers]) for s in picture.shared] == [
        ("Alliance", ["Manchester", "Camden"]),
        ("Fund", ["Manchester"]),
    ]
    titles = {(link.css, link.title) for link in picture.links}
    assert titles == {
        ("approach", "Valencia applies Alliance"),
        ("approach", "Valencia applies Fund"),
        ("approach", "Alliance, shared with Manchester"),
        ("approach", "Alliance, shared with Camden"),
        ("approach", "Fund, shared with Manchester"),
        ("other", "Turin: 1 shared theme (climate)"),
    }
    columns = {node.css: node.x for node in picture.nodes}
    assert columns == {"city": CITY_X, "approach": APPROACH_X, "peer": PEER_X}
    peers = [n for n in picture.nodes if n.css == "peer"]
    assert [n.label for n in peers] == [
        "Manchester (score 7)",
        "Camden (score 3)",
        "Turin (score 1)",
    ]
    assert [n.y for n in peers] == sorted(n.y for n in peers), "peers drawn best first"
    assert all(0 < n.y < picture.height for n in picture.nodes)
    assert picture.summary == (
        "Valencia and its peers. Alliance is shared with Manchester, Camden; "
        "Fund is shared with Manchester; Turin shares no approach (1 shared theme (climate))."
    )
