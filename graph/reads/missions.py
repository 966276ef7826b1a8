"""Missions, and what shapes them: approaches, instruments, partners, status changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from graph import cypher
from graph.port import GraphStore, Row
from graph.reads.batched import by_name, per_id, per_key


class MissionRow(NamedTuple):
    id: str
    city_id: str
    title: str
    goal: str
    theme: str
    horizon_year: int | None
    status: str
    launched_on: date | None
    version: int  # how many events the mission has


_mission = by_name(MissionRow)


class InstrumentRow(NamedTuple):
    id: str
    name: str
    description: str | None
    approach_id: str
    runs_until: date | None
    ended_on: date | None
    end_reason: str | None


class PartnerRow(NamedTuple):
    id: str
    name: str
    sector: str
    role: str | None
    left_on: date | None
    left_reason: str | None


class StatusChangeRow(NamedTuple):
    id: str
    status: str
    reason: str
    occurred_on: date | None


def mission_of(row: Row) -> MissionRow:
    row["version"] = row["version"] or 0
    return _mission(row)


def missions_by_id(store: GraphStore, ids: Sequence[str]) -> list[MissionRow | None]:
    return per_id(store, cypher.MISSIONS_BY_ID, ids, mission_of)


def missions_of_cities(store: GraphStore, city_ids: Sequence[str]) -> list[list[MissionRow]]:
    """Each city's missions, by title."""
    return per_key(store, cypher.MISSIONS_BY_CITY, city_ids, mission_of)


def approaches_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[str]]:
    """The ids of the approaches each mission has adopted, by label."""
    return per_key(store, cypher.APPROACHES_BY_MISSION, ids, lambda row: str(row["id"]))


def instruments_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[InstrumentRow]]:
    """Each mission's instruments, by name."""
    return per_key(store, cypher.INSTRUMENTS_BY_MISSION, ids, by_name(InstrumentRow))


def partners_of_missions(store: GraphStore, ids: Sequence[str]) -> list[list[PartnerRow]]:
    """Each mission's partners, by name."""
    return per_key(store, cypher.PARTNERS_BY_MISSION, ids, by_name(PartnerRow))


def status_changes_of_missions(
    store: GraphStore, ids: Sequence[str]
) -> list[list[StatusChangeRow]]:
    """Each mission's changes of status, oldest first."""
    return per_key(store, cypher.STATUS_CHANGES_BY_MISSION, ids, by_name(StatusChangeRow))
