"""Cities and their administrations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from graph import cypher
from graph.port import Dialect, GraphStore, Row
from graph.reads.batched import by_name, per_id, per_key
from graph.reads.days import day


class CityRow(NamedTuple):
    id: str
    name: str
    country: str
    wikidata_id: str | None
    version: int  # how many events the city has


class AdministrationRow(NamedTuple):
    id: str
    city_id: str
    mayor: str
    party: str | None
    term_start: date
    term_end: date | None


_administration = by_name(AdministrationRow)


def city_of(row: Row) -> CityRow:
    # Lists of cities run to hundreds of rows: the tuple is spelled out, in the fields' order
    # (tests/unit/test_graph_rows.py holds it to the names), at half the cost of by_name.
    return tuple.__new__(
        CityRow, (row["id"], row["name"], row["country"], row["wikidata_id"], row["version"] or 0)
    )


def administration_of(row: Row, city_id: str) -> AdministrationRow:
    """An administration read without its city (one collected, or a city's own)."""
    row["city_id"] = city_id
    row["term_start"], row["term_end"] = day(row["term_start"]), day(row["term_end"])
    return _administration(row)


def all_cities(store: GraphStore) -> list[CityRow]:
    """Every city, by name."""
    return [city_of(row) for row in store.read(cypher.CITIES)]


def cities_with_administrations_query(dialect: Dialect | None) -> str:
    # Thousands of dates and nested rows: Neo4j answers in one record of lists, dates as text,
    # faster to decode (see graph.cypher).
    if dialect == "neo4j":
        return cypher.NEO4J_CITIES_WITH_ADMINISTRATIONS
    return cypher.CITIES_WITH_ADMINISTRATIONS


def cities_with_administrations(
    store: GraphStore,
) -> list[tuple[CityRow, list[AdministrationRow]]]:
    """Every city by name with its administrations, oldest first, in one read."""
    rows = store.read(cities_with_administrations_query(store.dialect))
    if store.dialect == "neo4j":
        (answer,) = rows
        return [_listed_city(values) for values in answer["cities"]]
    found = []
    for row in rows:
        # The query collects them unordered, and a city without any as one all-null entry.
        terms = sorted(
            (a for a in row["administrations"] if a["id"] is not None),
            key=lambda a: str(a["sort_key"]),
        )
        found.append((city_of(row), [administration_of(a, row["id"]) for a in terms]))
    return found


def _listed_city(values: list[Any]) -> tuple[CityRow, list[AdministrationRow]]:
    """A city and its administrations from their values in Neo4j's one-record answer, in
    the order its query lists them."""
    city_id, name, country, wikidata_id, version, terms = values
    city = tuple.__new__(CityRow, (city_id, name, country, wikidata_id, version or 0))
    return city, [
        tuple.__new__(AdministrationRow, (id_, city_id, mayor, party, day(start), day(end)))
        for id_, mayor, party, start, end in terms
    ]


def cities_by_id(store: GraphStore, ids: Sequence[str]) -> list[CityRow | None]:
    return per_id(store, cypher.CITIES_BY_ID, ids, city_of)


def administrations_of_cities(
    store: GraphStore, city_ids: Sequence[str]
) -> list[list[AdministrationRow]]:
    """Each city's administrations, oldest first."""
    return per_key(store, cypher.ADMINISTRATIONS_BY_CITY, city_ids, _administration)


def administrations_by_id(store: GraphStore, ids: Sequence[str]) -> list[AdministrationRow | None]:
    return per_id(store, cypher.ADMINISTRATIONS_BY_ID, ids, _administration)
