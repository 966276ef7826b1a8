"""Untrusted input becomes a command or an error that names the field."""

import codecs
import re
from datetime import date

import hypothesis
import pytest
from hypothesis import example
from hypothesis import strategies as st

from events.commands import LaunchMission, RecordOutcome, RegisterCity
from events.dates import PartialDate
from events.errors import InvalidInput
from events.importing import BadLine, decode_lines, parse_line
from events.parsing import command_type, parse_command
from events.vocabulary import IndicatorKind

WHO = {"recorded_by": "me", "source": "doc"}


def test_a_valid_mapping_becomes_a_typed_command() -> None:
    command = parse_command(
        RecordOutcome,
        {
            "mission_id": "m",
            "indicator": "Capacity",
            "kind": "capacity",
            "value": 3,
            "unit": "MW",
            "period_start": "2024-01-01",
            "occurred_on": "2024-06-30",
            **WHO,
        },
    )
    assert isinstance(command, RecordOutcome)
    assert command.kind is IndicatorKind.CAPACITY
    assert command.value == 3.0
    assert command.period_start == date(2024, 1, 1)


@pytest.mark.parametrize(
    ("data", "field", "problem"),
    [
        ({"name": "X", "country": "GB", **WHO}, "city_id", "is required"),
        ({"city_id": "x", "name": "  ", "country": "GB", **WHO}, "name", "non-empty"),
        ({"city_id": "X Y", "name": "X", "country": "GB", **WHO}, "city_id", "not a valid id"),
        ({"city_id": "x", "name": "X", "country": "gbr", **WHO}, "country", "ISO 3166"),
        (
            {"city_id": "x", "name": "X", "country": "GB", "colour": "red", **WHO},
            "colour",
            "unknown",
        ),
        (
            {"city_id": "x", "name": "X", "country": "GB", "occurred_on": "2024-13-01", **WHO},
            "occurred_on",
            "not a date",
        ),
        (
            {"city_id": "x", "name": "X", "country": "GB", "wikidata_id": "Z1", **WHO},
            "wikidata_id",
            "Wikidata",
        ),
    ],
)
def test_bad_input_names_the_field_and_the_problem(
    data: dict[str, object], field: str, problem: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_command(RegisterCity, data)
    assert raised.value.field == field
    assert problem in raised.value.problem


def test_numbers_and_enums_are_checked() -> None:
    base = {"mission_id": "m", "city_id": "c", "title": "T", "goal": "G", "theme": "t", **WHO}
    with pytest.raises(InvalidInput) as year:
        parse_command(LaunchMission, {**base, "horizon_year": "2030"})
    assert year.value.field == "horizon_year"
    with pytest.raises(InvalidInput, match="plausible"):
        parse_command(LaunchMission, {**base, "horizon_year": 30})
    with pytest.raises(InvalidInput) as kind:
        parse_command(
            RecordOutcome,
            {"mission_id": "m", "indicator": "i", "kind": "vibes", "value": 1, "unit": "u", **WHO},
        )
    assert kind.value.field == "kind"
    assert "capacity" in kind.value.problem


def test_event_file_lines_name_their_kind() -> None:
    assert command_type("CityRegistered") is RegisterCity
    with pytest.raises(InvalidInput) as raised:
        parse_line('{"event": "CityExploded"}')
    assert raised.value.field == "event"
    with pytest.raises(InvalidInput, match="not valid JSON"):
        parse_line("{nope")
    with pytest.raises(InvalidInput, match="JSON object"):
        parse_line("[1, 2]")


def test_a_date_keeps_the_precision_its_source_gave() -> None:
    for given, precision, earliest, latest in [
        ("2020", "year", date(2020, 1, 1), date(2020, 12, 31)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-06-17", "day", date(2023, 6, 17), date(2023, 6, 17)),
    ]:
        parsed = PartialDate.parse(given, "occurred_on")
        assert (str(parsed), parsed.precision) == (given, precision)
        assert (parsed.earliest, parsed.latest) == (earliest, latest)
    for wrong in ["20", "2020-13", "2023-02-30", "June 2020", 2020]:
        with pytest.raises(InvalidInput) as refused:
            PartialDate.parse(wrong, "occurred_on")
        assert refused.value.field == "occurred_on"


def form_of(raw: str) -> PartialDate | None:
    """A day written YYYY-MM-DD as the form reads it: digits of any script, a real day."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})\n?", raw)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


@hypothesis.given(
    st.one_of(
        st.dates().map(date.isoformat),
        st.text(alphabet="0123456789-W+: \n\u0661", min_size=10, max_size=10),
    )
)
@example("2008-02-30")
@example("\u0662\u0660\u0662\u0660-\u0660\u0661-\u0660\u0661")  # Arabic-Indic digits
@example("2020-W01-1")
def test_a_whole_day_is_read_as_the_form_reads_it(raw: str) -> None:
    expected = form_of(raw)
    if expected is None:
        with pytest.raises(InvalidInput):
            PartialDate.parse(raw, "occurred_on")
    else:
        assert PartialDate.parse(raw, "occurred_on") == expected


def test_an_event_file_may_start_with_a_byte_order_mark_but_must_be_utf8() -> None:
    line = '{"event": "CityRegistered", "city_id": "a", "name": "À", "country": "ES"}\n'
    decoded = list(decode_lines([codecs.BOM_UTF8 + line.encode(), line.encode()]))
    assert decoded == [line, line]
    with pytest.raises(BadLine) as refused:
        list(decode_lines([line.encode(), line.encode("latin-1")]))
    assert str(refused.value) == (
        "line 2: is not UTF-8 text (byte 0xc0 at column 54); save the file as UTF-8"
    )
