"""A row spelled out field by field for speed says the same as one built by column name, and a
date read as text for speed is the date it names."""

from __future__ import annotations

from datetime import date

import pytest

from graph.reads.batched import by_name
from graph.reads.cities import CityRow, city_of
from graph.reads.days import day


def test_a_city_row_takes_each_field_from_the_column_of_its_name() -> None:
    columns = {"id": "i", "name": "n", "country": "c", "wikidata_id": "w", "version": 3}
    assert city_of(dict(columns)) == by_name(CityRow)(columns)
    assert city_of({**columns, "version": None}).version == 0


def test_a_date_read_as_text_is_the_date_it_names() -> None:
    assert day("2019-05-01") == date(2019, 5, 1)
    assert day(date(2019, 5, 1)) == date(2019, 5, 1)
    assert day(None) is None
    with pytest.raises(TypeError, match="a date was expected from the graph, not int: 20190501"):
        day(20190501)  # type: ignore[arg-type]
