"""Each approach's record across cities: who uses it, and how it went for them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from graph import cypher
from graph.port import Dialect, GraphStore
from graph.reads.batched import per_key
from graph.reads.cities import CityRow, city_of


class IterationResults(NamedTuple):
    """How the iterations that tested an approach turned out."""

    worked: int
    did_not_work: int
    mixed: int
    open: int


class IndicatorRow(NamedTuple):
    indicator: str
    kind: str
    measurements: int


class RoadblockCount(NamedTuple):
    met: int
    resolved: int


def cities_of_approaches_query(dialect: Dialect | None) -> str:
    # Hundreds of cities: Neo4j answers in one record of lists (see graph.cypher).
    if dialect == "neo4j":
        return cypher.NEO4J_CITIES_BY_APPROACH
    return cypher.CITIES_BY_APPROACH


def cities_of_approaches(store: GraphStore, ids: Sequence[str]) -> list[list[CityRow]]:
    """The cities whose missions use each approach, by id."""
    query = cities_of_approaches_query(store.dialect)
    if store.dialect == "neo4j":
        (answer,) = store.read(query, {"ids": list(ids)})
        listed = {
            key: [tuple.__new__(CityRow, (*c[:4], c[4] or 0)) for c in cities]
            for key, cities in answer["approaches"]
        }
        return [listed[id_] for id_ in ids]
    collected = per_key(store, query, ids, lambda row: row["cities"])
    # Sorted here: not every store can order what it collects.
    return [
        sorted((city_of(c) for rows in found for c in rows), key=lambda c: c.id)
        for found in collected
    ]


def missions_of_approaches(store: GraphStore, ids: Sequence[str]) -> list[list[str]]:
    """The ids of the missions using each approach, in order."""
    return per_key(store, cypher.APPROACH_MISSIONS, ids, lambda row: str(row["id"]))


def iteration_results_of_approaches(
    store: GraphStore, ids: Sequence[str]
) -> list[IterationResults]:
    tallies = per_key(
        store, cypher.APPROACH_ITERATION_RESULTS, ids, lambda row: (row["result"], row["n"])
    )
    results = []
    for tally in tallies:
        counts = dict(tally)
        results.append(
            IterationResults(
                worked=counts.get("worked", 0),
                did_not_work=counts.get("did_not_work", 0),
                mixed=counts.get("mixed", 0),
                open=counts.get(None, 0),
            )
        )
    return results


def indicators_of_approaches(store: GraphStore, ids: Sequence[str]) -> list[list[IndicatorRow]]:
    """The indicators measured by the missions using each approach, most measured first."""
    return per_key(
        store,
        cypher.APPROACH_OUTCOMES,
        ids,
        lambda row: IndicatorRow(
            indicator=row["indicator"], kind=row["kind"], measurements=row["n"]
        ),
    )


def roadblocks_of_approaches(store: GraphStore, ids: Sequence[str]) -> list[RoadblockCount]:
    """How many roadblocks the missions using each approach met, and resolved."""
    counts = per_key(
        store,
        cypher.APPROACH_ROADBLOCKS,
        ids,
        lambda row: RoadblockCount(met=row["met"], resolved=row["resolved"]),
    )
    return [found[0] if found else RoadblockCount(met=0, resolved=0) for found in counts]
