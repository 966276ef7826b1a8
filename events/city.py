"""The City aggregate: a city and the administrations that have governed it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from events import kinds
from events.errors import AlreadyExists, NotFound, RuleViolated
from events.identity import city_uuid
from events.provenance import Provenance
from events.recorded import RecordedAggregate, keep_former_names
from events.triggering import prepare_events

# The city events a correction can withdraw; a city's own details are replaced instead.
RETRACTABLE = kinds.retractable("City")


@dataclass
class Term:
    administration_id: str
    mayor: str
    party: str | None
    term_start: date
    term_end: date | None = None


class City(RecordedAggregate):
    RETRACTABLE = RETRACTABLE
    # Event classes are made by @event below; declared here so type checkers see them.
    CityRegistered: ClassVar[type[Aggregate.Created]]
    AdministrationBegan: ClassVar[type[Aggregate.Event]]
    AdministrationEnded: ClassVar[type[Aggregate.Event]]
    CityEventRetracted: ClassVar[type[Aggregate.Event]]
    CityDetailsCorrected: ClassVar[type[Aggregate.Event]]

    @staticmethod
    def create_id(city_id: str, **_: Any) -> UUID:
        return city_uuid(city_id)

    @event("CityRegistered")
    def __init__(
        self,
        city_id: str,
        name: str,
        country: str,
        wikidata_id: str | None,
        provenance: Provenance,
    ) -> None:
        self.city_id = city_id
        self.name = name
        self.country = country
        self.wikidata_id = wikidata_id
        self.terms: list[Term] = []
        self.detail_versions.update(dict.fromkeys(("name", "country", "wikidata_id"), 1))

    def administration_on(self, day: date) -> Term | None:
        """The administration in office on ``day``, if the record knows one. On the day of a
        handover both were in office: the one taking office that day answers."""
        in_office = [
            t
            for t in self.terms
            if t.term_start <= day and (t.term_end is None or day <= t.term_end)
        ]
        # The latest to take office; of two taking office the same day, the one recorded last.
        return sorted(in_office, key=lambda t: t.term_start)[-1] if in_office else None

    def begin_administration(
        self,
        administration_id: str,
        mayor: str,
        party: str | None,
        term_start: date,
        provenance: Provenance,
    ) -> None:
        if any(t.administration_id == administration_id for t in self.terms):
            raise AlreadyExists(
                f"administration {administration_id!r} is already recorded for {self.city_id}",
                "administration_id",
            )
        if self.terms:
            last = self.terms[-1]
            if last.term_end is None:
                raise RuleViolated(
                    f"administration {last.administration_id!r} ({last.mayor}) is still in "
                    "office; record its end first",
                    "term_start",
                )
            if term_start < last.term_end:
                raise RuleViolated(
                    f"{term_start} is before the previous administration ended ({last.term_end})",
                    "term_start",
                )
        self._administration_began(administration_id, mayor, party, term_start, provenance)

    @event("AdministrationBegan")
    def _administration_began(
        self,
        administration_id: str,
        mayor: str,
        party: str | None,
        term_start: date,
        provenance: Provenance,
    ) -> None:
        self.terms.append(Term(administration_id, mayor, party, term_start))

    def end_administration(
        self, administration_id: str, term_end: date, reason: str | None, provenance: Provenance
    ) -> None:
        term = next((t for t in self.terms if t.administration_id == administration_id), None)
        if term is None:
            raise NotFound(
                f"no administration {administration_id!r} in {self.city_id}", "administration_id"
            )
        if term.term_end is not None:
            raise RuleViolated(
                f"administration {administration_id!r} already ended on {term.term_end}",
                "administration_id",
            )
        if term_end < term.term_start:
            raise RuleViolated(
                f"{term_end} is before the administration began ({term.term_start})", "term_end"
            )
        self._administration_ended(administration_id, term_end, reason, provenance)

    @event("AdministrationEnded")
    def _administration_ended(
        self, administration_id: str, term_end: date, reason: str | None, provenance: Provenance
    ) -> None:
        for term in self.terms:
            if term.administration_id == administration_id:
                term.term_end = term_end

    @event("CityEventRetracted")
    def _event_retracted(
        self,
        version: int,
        kind: str,
        item: str | None,
        reason: str,
        superseded_by: int | None,
        provenance: Provenance,
    ) -> None:
        self.retracted.add(version)
        if kind == "AdministrationBegan":
            self.terms = [t for t in self.terms if t.administration_id != item]
        elif kind == "AdministrationEnded":
            for term in self.terms:
                if term.administration_id == item:
                    term.term_end = None

    def correct_details(
        self,
        name: str | None,
        country: str | None,
        wikidata_id: str | None,
        reason: str,
        provenance: Provenance,
    ) -> None:
        """Replace details given at registration that were wrong; it stays on record."""
        given = {"name": name, "country": country, "wikidata_id": wikidata_id}
        self.check_details(self.city_id, given)
        self._details_corrected(name, country, wikidata_id, reason, provenance)

    @event("CityDetailsCorrected")
    def _details_corrected(
        self,
        name: str | None,
        country: str | None,
        wikidata_id: str | None,
        reason: str,
        provenance: Provenance,
    ) -> None:
        self.set_details({"name": name, "country": country, "wikidata_id": wikidata_id})


keep_former_names(City, "City")
prepare_events(City)
