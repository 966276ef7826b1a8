"""A graph built by another version of the graph model, rebuilt by one process of several.

The workers of `serve --workers N` and the projector service open one Neo4j graph at once,
and each finds it outdated as it starts. They take turns: the first rebuilds it, and the
others, started meanwhile, wait for it and then find the graph current rather than clearing
it again under the first one's feet. Each says in the log which it did.
"""

from __future__ import annotations

import logging

from events.application import MissionAtlas
from graph.port import GraphStore
from graph.projector import Projector

log = logging.getLogger(__name__)

OUTDATED = "the graph was built by another version of the graph model"
REBUILD_TURN = "turn:rebuild"


def rebuild_in_turn(events: MissionAtlas, graph: GraphStore) -> None:
    """Rebuild ``graph``, found outdated, unless another process did while this one waited."""
    with graph.turn(REBUILD_TURN):
        if Projector(events, graph).outdated:
            log.warning("%s; rebuilding it", OUTDATED)
            Projector(events, graph).rebuild()
        else:
            log.warning("%s; another process rebuilt it meanwhile: it is current", OUTDATED)
