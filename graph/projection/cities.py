"""Mappers for the events of a city: its registration and its administrations."""

from __future__ import annotations

from typing import Any

from events.owners import Owner
from graph.projection.change import Change, chronological_key, item_id
from graph.writes import WriteKind


def city_registered(e: Any, city: Owner, _: int) -> Change:
    row = {
        "id": city.id,
        "uuid": e.originator_id.hex,
        "name": e.name,
        "country": e.country,
        "wikidata_id": e.wikidata_id,
    }
    summary = f"{e.name} ({e.country}) registered"
    return Change(summary, [(WriteKind.UPSERT_CITIES, row)])


def administration_began(e: Any, city: Owner, position: int) -> Change:
    row = {
        "id": item_id(city, e.administration_id),
        "sort_key": chronological_key(e.term_start, position),
        "city_id": city.id,
        "mayor": e.mayor,
        "party": e.party,
        "term_start": e.term_start,
    }
    party = f" ({e.party})" if e.party else ""
    summary = f"{e.mayor}{party} took office"
    return Change(summary, [(WriteKind.BEGIN_ADMINISTRATIONS, row)])


def administration_ended(e: Any, city: Owner, _: int) -> Change:
    row = {"id": item_id(city, e.administration_id), "term_end": e.term_end, "reason": e.reason}
    summary = f"Administration {e.administration_id} ended" + (f": {e.reason}" if e.reason else "")
    return Change(summary, [(WriteKind.END_ADMINISTRATIONS, row)])
