"""The graph model: node labels with their typed properties, and relationship types.

One declaration serves both stores: the embedded store needs typed tables, Neo4j needs a
uniqueness constraint on each node key. ``id`` (``name`` for Projection) is every node's key.
"""

from __future__ import annotations

# The version of what the projector writes. Bump it whenever a node gains a property, a
# relationship changes, or a statement comes to mean something else: a graph stamped with
# another version (or none) was built by an older projector and is rebuilt from the events
# before it is served, rather than answering from half a model.
VERSION = 5  # 5: iterations name their approach, no TESTS link

TEXT, DATE, INTEGER, NUMBER, TEXT_LIST = "STRING", "DATE", "INT64", "DOUBLE", "STRING[]"

NODES: dict[str, dict[str, str]] = {
    "Capability": {"id": TEXT, "label": TEXT, "definition": TEXT},
    "Approach": {"id": TEXT, "label": TEXT, "definition": TEXT},
    "Theme": {"id": TEXT},
    "City": {
        "id": TEXT, "uuid": TEXT, "name": TEXT, "country": TEXT, "wikidata_id": TEXT,
        "version": INTEGER,
    },
    "Administration": {
        "id": TEXT, "mayor": TEXT, "party": TEXT, "term_start": DATE, "term_end": DATE,
        "end_reason": TEXT, "sort_key": TEXT,
    },
    "Mission": {
        "id": TEXT, "uuid": TEXT, "title": TEXT, "goal": TEXT, "theme": TEXT,
        "horizon_year": INTEGER, "status": TEXT, "launched_on": DATE, "version": INTEGER,
    },
    "Instrument": {
        "id": TEXT, "name": TEXT, "description": TEXT, "adopted_on": DATE, "runs_until": DATE,
        "ended_on": DATE, "end_reason": TEXT,
    },
    "Partner": {
        "id": TEXT, "name": TEXT, "sector": TEXT, "role": TEXT, "joined_on": DATE,
        "left_on": DATE, "left_reason": TEXT,
    },
    "Decision": {
        "id": TEXT, "title": TEXT, "rationale": TEXT, "decided_by": TEXT,
        "in_force_from": DATE, "occurred_on": DATE, "occurred_precision": TEXT, "sort_key": TEXT,
        "recorded_in": TEXT,
    },
    "Iteration": {
        "id": TEXT, "title": TEXT, "hypothesis": TEXT, "started_on": DATE, "result": TEXT,
        "why": TEXT, "lessons": TEXT, "concluded_on": DATE, "approach_id": TEXT, "source": TEXT,
        "sort_key": TEXT, "recorded_in": TEXT, "concluded_in": TEXT,
    },
    "Roadblock": {
        "id": TEXT, "description": TEXT, "encountered_on": DATE, "resolution": TEXT,
        "resolved_on": DATE, "sort_key": TEXT, "recorded_in": TEXT, "resolved_in": TEXT,
    },
    "Outcome": {
        "id": TEXT, "indicator": TEXT, "kind": TEXT, "value": NUMBER, "unit": TEXT,
        "baseline": NUMBER, "target": NUMBER, "period_start": DATE, "period_end": DATE,
        "occurred_on": DATE, "sort_key": TEXT, "recorded_in": TEXT,
    },
    "Spillover": {
        "id": TEXT, "description": TEXT, "beneficiaries": TEXT, "occurred_on": DATE,
        "sort_key": TEXT, "recorded_in": TEXT,
    },
    "StatusChange": {
        "id": TEXT, "status": TEXT, "reason": TEXT, "occurred_on": DATE,
        "sort_key": TEXT,
    },
    # The read model behind `lessons`: one node per decision and per concluded iteration.
    "Lesson": {
        "id": TEXT, "kind": TEXT, "title": TEXT, "hypothesis": TEXT, "result": TEXT,
        "why": TEXT, "lessons": TEXT, "started_on": DATE, "occurred_on": DATE,
        "position": INTEGER, "mission_id": TEXT, "city_id": TEXT, "theme": TEXT,
        "approach_id": TEXT, "search_text": TEXT, "sources": TEXT_LIST, "sort_key": TEXT,
        "occurred_precision": TEXT,
    },
    "Event": {
        "id": TEXT, "kind": TEXT, "position": INTEGER, "occurred_on": DATE,
        "recorded_at": TEXT, "recorded_by": TEXT, "source": TEXT, "summary": TEXT,
        "city_id": TEXT, "owner_id": TEXT, "version": INTEGER, "retracted_by": TEXT,
        "retraction_reason": TEXT, "superseded_by": TEXT, "occurred_precision": TEXT,
    },
    "Projection": {"name": TEXT, "position": INTEGER},
}  # fmt: skip

RELATIONSHIPS: dict[str, list[tuple[str, str]]] = {
    "PART_OF": [("Approach", "Capability")],
    "GOVERNED_BY": [("City", "Administration")],
    "RUNS": [("City", "Mission")],
    "ADDRESSES": [("Mission", "Theme")],
    "USES": [("Mission", "Approach")],
    "HAS_INSTRUMENT": [("Mission", "Instrument")],
    "REALISES": [("Instrument", "Approach")],
    "PARTNERS_IN": [("Partner", "Mission")],
    "DECIDED": [("Mission", "Decision")],
    "TRIED": [("Mission", "Iteration")],
    "MET": [("Mission", "Roadblock")],
    "ANSWERS": [("Decision", "Roadblock")],
    "MEASURED": [("Mission", "Outcome")],
    "SPILLED_OVER": [("Mission", "Spillover")],
    "RECORDED": [("City", "Event"), ("Mission", "Event")],
    "CHANGED_STATUS": [("Mission", "StatusChange")],
    "LEARNED": [("Mission", "Lesson")],
    "APPLIES": [("City", "Approach")],
    "WORKS_ON": [("City", "Theme")],
}


def key_of(label: str) -> str:
    return "name" if label == "Projection" else "id"


# Looked up by property other than the key while projecting.
INDEXED: list[tuple[str, str]] = [
    ("City", "uuid"),
    ("Mission", "uuid"),
    ("Lesson", "sort_key"),
    ("Iteration", "approach_id"),
    ("Event", "city_id"),
]
