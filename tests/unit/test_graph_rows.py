"""A row spelled out field by field for speed says the same as one built by column name."""

from __future__ import annotations

from graph.reads.batched import by_name
from graph.reads.cities import CityRow, city_of


def test_a_city_row_takes_each_field_from_the_column_of_its_name() -> None:
    columns = {"id": "i", "name": "n", "country": "c", "wikidata_id": "w", "version": 3}
    assert city_of(dict(columns)) == by_name(CityRow)(columns)
    assert city_of({**columns, "version": None}).version == 0
