"""From recorded events to RDF: the facts each event states, in the named graph of that event.

Replaying the event log through this mapping is the export: every fact carries the event that
stated it (the graph name in N-Quads and TriG; ``atlas:recordedIn`` on every resource in the
triple formats). The only state kept is each city's latest administration, to name the
transition when the next one begins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventsourcing.domain import Aggregate

from events.city import City
from events.mission import Mission
from graph.projection.names import Owner
from ontology import vocabulary as v
from ontology.iris import Iris
from ontology.terms import (
    Term,
    Triple,
    day,
    decimal,
    instant,
    integer,
    iri,
    partial_day,
    text,
    year,
)


class Facts:
    """The triples of one event, skipping the values that were not recorded."""

    def __init__(self, graph: Term, superseded: frozenset[str] = frozenset()) -> None:
        self.graph = graph
        self.triples: list[Triple] = []
        self.superseded = superseded  # details a later correction replaced: not stated here

    def add(
        self, subject: Term, predicate: Term, obj: Term | None, detail: str | None = None
    ) -> None:
        if obj is not None and detail not in self.superseded:
            self.triples.append((subject, predicate, obj))

    def resource(self, subject: Term, *classes: Term) -> Term:
        for cls in classes:
            self.add(subject, v.A, cls)
        self.add(subject, v.atlas("recordedIn"), self.graph)
        return subject


class RdfMapping:
    def __init__(self, iris: Iris, with_events: bool = False) -> None:
        self.iris = iris
        self.with_events = with_events
        self._latest_term: dict[str, str] = {}  # city id -> administration id
        self._mappers: dict[type, Callable[[Facts, Any, Owner], None]] = {
            City.Registered: self._city, City.AdministrationBegan: self._term_began,
            City.AdministrationEnded: self._term_ended, Mission.Launched: self._mission,
            Mission.ApproachAdopted: self._approach, Mission.PartnerJoined: self._partner,
            Mission.PartnerLeft: self._partner_left,
            Mission.InstrumentEnded: self._instrument_ended,
            Mission.InstrumentExtended: self._instrument_extended,
            Mission.DecisionRecorded: self._decision, Mission.IterationStarted: self._started,
            Mission.IterationConcluded: self._concluded, Mission.RoadblockEncountered: self._met,
            Mission.RoadblockResolved: self._resolved, Mission.OutcomeMeasured: self._outcome,
            Mission.SpilloverObserved: self._spillover, Mission.StatusChanged: self._status,
            Mission.EventRetracted: self._retracted, City.EventRetracted: self._retracted,
            Mission.DetailsCorrected: self._mission_details,
            City.DetailsCorrected: self._city_details,
        }  # fmt: skip

    def facts(
        self,
        e: Aggregate.Event,
        owner: Owner,
        position: int | None = None,
        withdrawn: bool = False,
        superseded: frozenset[str] = frozenset(),
    ) -> Facts | None:
        """The facts ``e`` states, or None for events that are not part of the record.

        A ``withdrawn`` event states nothing about the record any more (the corrected view):
        it keeps only its own description, with the correction that invalidated it. The
        ``superseded`` details (a title, a name...) were replaced by a later correction: the
        event states the others."""
        mapper = self._mappers.get(type(e))
        if mapper is None:
            return None
        is_city = isinstance(e, City.Event)
        facts = Facts(
            self.iris.event("city" if is_city else "mission", owner.id, e.originator_version),
            superseded,
        )
        if not withdrawn:
            mapper(facts, e, owner)
        if self.with_events:
            self._event(facts, e, type(e).__name__, position)
        return facts

    def _event(self, f: Facts, e: Any, name: str, position: int | None) -> None:
        kind = {"Registered": "CityRegistered", "Launched": "MissionLaunched",
                "StatusChanged": "MissionStatusChanged"}.get(name, name)  # fmt: skip
        p = e.provenance
        f.add(f.graph, v.A, v.ACTIVITY)
        f.add(f.graph, v.A, v.RECORDED_EVENT)
        f.add(f.graph, v.atlas("eventKind"), text(kind))
        f.add(f.graph, v.atlas("version"), integer(e.originator_version))
        f.add(f.graph, v.atlas("position"), integer(position))
        f.add(f.graph, v.ENDED_AT, instant(e.timestamp))
        f.add(f.graph, v.atlas("occurredOn"), partial_day(p.occurred))
        f.add(f.graph, v.SOURCE, text(p.source))
        f.add(f.graph, v.atlas("recordedBy"), text(p.recorded_by))

    # --- cities -----------------------------------------------------------------------------

    def _city(self, f: Facts, e: Any, city: Owner) -> None:
        s = f.resource(self.iris.city(city.id), v.CITY, v.ORGANIZATION)
        self._city_facts(f, s, e)

    def _city_details(self, f: Facts, e: Any, city: Owner) -> None:
        s = self.iris.city(city.id)
        f.add(s, v.atlas("recordedIn"), f.graph)
        self._city_facts(f, s, e)

    def _city_facts(self, f: Facts, s: Term, e: Any) -> None:
        f.add(s, v.PREF_LABEL, text(e.name), "name")
        f.add(s, v.atlas("countryCode"), text(e.country), "country")
        if e.wikidata_id:
            f.add(s, v.SAME_AS, iri(v.WIKIDATA + e.wikidata_id), "wikidata_id")

    def _term_began(self, f: Facts, e: Any, city: Owner) -> None:
        i, adm = self.iris, e.administration_id
        s = f.resource(i.administration(city.id, adm), v.ADMINISTRATION, v.MEMBERSHIP)
        mayor = f.resource(i.mayor(city.id, adm), v.PERSON, v.AGENT)
        f.add(mayor, v.LABEL, text(e.mayor))
        f.add(s, v.MEMBER, mayor)
        f.add(s, v.ORG_OF, i.city(city.id))
        f.add(s, v.ROLE, v.MAYOR)
        f.add(s, v.atlas("party"), text(e.party))
        term = f.resource(i.term(city.id, adm), v.INTERVAL)
        f.add(s, v.MEMBER_DURING, term)
        f.add(term, v.HAS_BEGINNING, self._instant(f, term, "start", e.term_start))
        previous = self._latest_term.get(city.id)
        if previous is not None:
            t = f.resource(i.transition(city.id, adm), v.TRANSITION, v.CHANGE_EVENT)
            f.add(t, v.ORIGINAL_ORG, i.city(city.id))
            f.add(t, v.RESULTING_ORG, i.city(city.id))
            f.add(t, v.atlas("outgoing"), i.administration(city.id, previous))
            f.add(t, v.atlas("incoming"), s)
            f.add(t, v.DATE, day(e.term_start))
        self._latest_term[city.id] = adm

    def _term_ended(self, f: Facts, e: Any, city: Owner) -> None:
        s = self.iris.administration(city.id, e.administration_id)
        f.add(s, v.atlas("recordedIn"), f.graph)
        f.add(s, v.atlas("endReason"), text(e.reason))
        term = self.iris.term(city.id, e.administration_id)
        f.add(term, v.HAS_END, self._instant(f, term, "end", e.term_end))

    def _instant(self, f: Facts, term: Term, which: str, when: Any) -> Term:
        node = f"{term[:-1]}/{which}>"
        f.add(node, v.A, v.INSTANT)
        f.add(node, v.IN_XSD_DATE, day(when))
        return node

    # --- missions -----------------------------------------------------------------------------

    def _mission(self, f: Facts, e: Any, mission: Owner) -> None:
        s = f.resource(self.iris.mission(mission.id), v.MISSION)
        self._mission_facts(f, s, e)
        f.add(s, v.atlas("runBy"), self.iris.city(e.city_id))
        f.add(s, v.CREATED, partial_day(e.provenance.occurred))

    def _mission_details(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self.iris.mission(mission.id)
        f.add(s, v.atlas("recordedIn"), f.graph)
        self._mission_facts(f, s, e)

    def _mission_facts(self, f: Facts, s: Term, e: Any) -> None:
        f.add(s, v.TITLE, text(e.title), "title")
        f.add(s, v.atlas("goal"), text(e.goal), "goal")
        f.add(s, v.atlas("horizonYear"), year(e.horizon_year), "horizon_year")
        f.add(s, v.atlas("theme"), text(e.theme), "theme")
        if e.theme:
            f.add(s, v.atlas("hasTheme"), self.iris.theme(e.theme), "theme")

    def _approach(self, f: Facts, e: Any, mission: Owner) -> None:
        m, approach = self.iris.mission(mission.id), self.iris.approach(e.approach_id)
        f.add(m, v.atlas("usesApproach"), approach)
        f.add(m, v.atlas("recordedIn"), f.graph)
        if e.instrument:
            kinds = [v.INSTRUMENT]
            if e.approach_id in v.COLLABORATIVE_APPROACHES:
                kinds.append(v.COLLABORATION)
            s = f.resource(
                self.iris.item(mission.id, "instrument", str(e.originator_version)), *kinds
            )
            f.add(s, v.TITLE, text(e.instrument))
            f.add(s, v.DESCRIPTION, text(e.description))
            f.add(s, v.atlas("realises"), approach)
            f.add(m, v.atlas("hasInstrument"), s)

    def _instrument_ended(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self.iris.item(mission.id, "instrument", str(e.adopted_in))
        f.add(s, v.atlas("recordedIn"), f.graph)
        f.add(s, v.atlas("endedOn"), partial_day(e.provenance.occurred))
        f.add(s, v.atlas("endReason"), text(e.reason))

    def _instrument_extended(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self.iris.item(mission.id, "instrument", str(e.adopted_in))
        f.add(s, v.atlas("recordedIn"), f.graph)
        f.add(s, v.atlas("extendedUntil"), day(e.runs_until))

    def _partner(self, f: Facts, e: Any, mission: Owner) -> None:
        s = f.resource(self.iris.item(mission.id, "partner", e.partner_id), v.PARTNER, v.AGENT)
        f.add(s, v.LABEL, text(e.name))
        f.add(s, v.atlas("sector"), v.atlas(e.sector))
        f.add(s, v.atlas("role"), text(e.role))
        f.add(s, v.atlas("partnerIn"), self.iris.mission(mission.id))

    def _partner_left(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self.iris.item(mission.id, "partner", e.partner_id)
        f.add(s, v.atlas("recordedIn"), f.graph)
        f.add(s, v.atlas("leftOn"), partial_day(e.provenance.occurred))
        f.add(s, v.atlas("leftReason"), text(e.reason))

    def _item(self, f: Facts, mission: Owner, kind: str, local: str, *classes: Term) -> Term:
        s = f.resource(self.iris.item(mission.id, kind, local), *classes)
        f.add(s, v.atlas("mission"), self.iris.mission(mission.id))
        return s

    def _decision(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self._item(f, mission, "decision", e.decision_id, v.DECISION, v.ACTIVITY)
        f.add(s, v.TITLE, text(e.title))
        f.add(s, v.atlas("rationale"), text(e.rationale))
        f.add(s, v.atlas("decidedBy"), text(e.decided_by))
        f.add(s, v.atlas("inForceFrom"), day(e.in_force_from))
        if e.answers_roadblock:
            roadblock = self.iris.item(mission.id, "roadblock", e.answers_roadblock)
            f.add(s, v.atlas("answers"), roadblock)
        f.add(s, v.DATE, partial_day(e.provenance.occurred))

    def _started(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self._item(f, mission, "iteration", e.iteration_id, v.ITERATION, v.ACTIVITY)
        f.add(s, v.TITLE, text(e.title))
        f.add(s, v.atlas("hypothesis"), text(e.hypothesis))
        f.add(s, v.atlas("startedOn"), partial_day(e.provenance.occurred))
        if e.approach_id:
            f.add(s, v.atlas("tests"), self.iris.approach(e.approach_id))

    def _concluded(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self.iris.item(mission.id, "iteration", e.iteration_id)
        f.add(s, v.atlas("recordedIn"), f.graph)
        f.add(s, v.atlas("result"), v.atlas(e.result))
        f.add(s, v.atlas("why"), text(e.why))
        f.add(s, v.atlas("lesson"), text(e.lessons))
        f.add(s, v.atlas("endedOn"), partial_day(e.provenance.occurred))

    def _met(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self._item(f, mission, "roadblock", e.roadblock_id, v.ROADBLOCK)
        f.add(s, v.DESCRIPTION, text(e.description))
        f.add(s, v.atlas("startedOn"), partial_day(e.provenance.occurred))

    def _resolved(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self.iris.item(mission.id, "roadblock", e.roadblock_id)
        f.add(s, v.atlas("recordedIn"), f.graph)
        f.add(s, v.atlas("resolution"), text(e.resolution))
        f.add(s, v.atlas("endedOn"), partial_day(e.provenance.occurred))

    def _outcome(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self._item(f, mission, "outcome", e.outcome_id, v.OUTCOME)
        f.add(s, v.atlas("indicator"), text(e.indicator))
        f.add(s, v.atlas("indicatorKind"), v.atlas(e.kind))
        f.add(s, v.atlas("value"), decimal(e.value))
        f.add(s, v.atlas("unit"), text(e.unit))
        f.add(s, v.atlas("baseline"), decimal(e.baseline))
        f.add(s, v.atlas("target"), decimal(e.target))
        f.add(s, v.DATE, partial_day(e.provenance.occurred))
        if e.period_start or e.period_end:
            period = f"{s[:-1]}/period>"
            f.add(s, v.atlas("period"), period)
            f.add(period, v.A, v.INTERVAL)
            if e.period_start:
                f.add(period, v.HAS_BEGINNING, self._instant(f, period, "start", e.period_start))
            if e.period_end:
                f.add(period, v.HAS_END, self._instant(f, period, "end", e.period_end))

    def _spillover(self, f: Facts, e: Any, mission: Owner) -> None:
        s = self._item(f, mission, "spillover", e.spillover_id, v.SPILLOVER)
        f.add(s, v.DESCRIPTION, text(e.description))
        f.add(s, v.atlas("beneficiaries"), text(e.beneficiaries))
        f.add(s, v.DATE, partial_day(e.provenance.occurred))

    def _status(self, f: Facts, e: Any, mission: Owner) -> None:
        local = str(e.originator_version)
        s = self._item(f, mission, "status", local, v.STATUS_CHANGE, v.ACTIVITY)
        f.add(s, v.atlas("status"), v.atlas(e.status))
        f.add(s, v.atlas("reason"), text(e.reason))
        f.add(s, v.DATE, partial_day(e.provenance.occurred))

    def _retracted(self, f: Facts, e: Any, owner: Owner) -> None:
        kind = "city" if owner.is_city else "mission"
        target = self.iris.event(kind, owner.id, e.version)
        f.add(target, v.atlas("retractedBy"), f.graph)
        f.add(target, v.INVALIDATED_BY, f.graph)
        f.add(target, v.INVALIDATED_AT, instant(e.timestamp))
        f.add(f.graph, v.atlas("reason"), text(e.reason))
        if e.superseded_by:
            replacement = self.iris.event(kind, owner.id, e.superseded_by)
            f.add(target, v.atlas("supersededBy"), replacement)
