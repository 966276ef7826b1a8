"""The City aggregate: registration and the succession of administrations."""

from datetime import date

import pytest

from events.city import City
from events.errors import AlreadyExists, NotFound, RuleViolated
from events.identity import city_uuid
from events.provenance import Provenance

P = Provenance("test", "source")


def city() -> City:
    return City("springfield", "Springfield", "GB", None, P)


def test_a_registered_city_has_a_stable_id_derived_from_its_readable_id() -> None:
    assert city().id == city_uuid("springfield") == City("springfield", "X", "GB", None, P).id


def test_administrations_follow_one_another() -> None:
    c = city()
    c.begin_administration("first", "Ada", "Reform", date(2016, 5, 1), P)
    c.end_administration("first", date(2021, 5, 1), "election", P)
    c.begin_administration("second", "Bo", None, date(2021, 5, 2), P)

    assert [t.mayor for t in c.terms] == ["Ada", "Bo"]
    assert c.administration_on(date(2018, 1, 1)).mayor == "Ada"  # type: ignore[union-attr]
    assert c.administration_on(date(2024, 1, 1)).mayor == "Bo"  # type: ignore[union-attr]
    assert c.administration_on(date(2010, 1, 1)) is None
    assert len(c.collect_events()) == 4


def test_a_new_administration_cannot_begin_while_another_is_in_office() -> None:
    c = city()
    c.begin_administration("first", "Ada", None, date(2016, 5, 1), P)
    with pytest.raises(RuleViolated) as raised:
        c.begin_administration("second", "Bo", None, date(2021, 5, 2), P)
    assert raised.value.field == "term_start"
    assert len(c.terms) == 1


def test_terms_cannot_overlap_or_end_before_they_begin() -> None:
    c = city()
    c.begin_administration("first", "Ada", None, date(2016, 5, 1), P)
    with pytest.raises(RuleViolated, match="before the administration began"):
        c.end_administration("first", date(2015, 1, 1), None, P)
    c.end_administration("first", date(2021, 5, 1), None, P)
    with pytest.raises(RuleViolated, match="before the previous administration ended"):
        c.begin_administration("second", "Bo", None, date(2020, 1, 1), P)


def test_administrations_are_named_once_and_ended_once() -> None:
    c = city()
    c.begin_administration("first", "Ada", None, date(2016, 5, 1), P)
    with pytest.raises(NotFound):
        c.end_administration("other", date(2021, 5, 1), None, P)
    c.end_administration("first", date(2021, 5, 1), None, P)
    with pytest.raises(RuleViolated, match="already ended"):
        c.end_administration("first", date(2021, 5, 2), None, P)
    with pytest.raises(AlreadyExists):
        c.begin_administration("first", "Ada", None, date(2022, 1, 1), P)
