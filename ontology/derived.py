"""The links no single event states, derived from the RDF store's corrected view.

Every dated item is linked to the administration in office on its date
(``atlas:underAdministration``) and to the mayoral transitions either side of it
(``atlas:beforeTransition``, ``atlas:afterTransition``), and to the same transitions as
``atlas:justBefore`` and ``atlas:justAfter`` when it falls within 180 days of them; a roadblock
to each transition it was carried over (``atlas:openAcross``). Asking these of the raw record
needs interval joins over every item and every term (minutes at a million triples);
materialised, they are one hop. The items in a window also carry what the question of that
window lists of them (``ontology.window``), derived with the links and moving with them.

The rule is the graph's and GraphQL's (``api.graphql.cities.types.administration_on``,
``graph.reads.transitions``): a date counts by its earliest day; a year or a month names an
administration only if one was in office from its first day to its last; on a handover day the
administration taking office answers (the latest to begin, then the last recorded).

Derived in Python from what the default graph will hold once a batch is applied (``Graph``),
so that the links go into the same update as the facts they follow. (As SPARQL Update they
were a third of the projection's time, and grew with the store: the optimiser joined the
batch's items with every term of the store before narrowing.)
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from ontology import vocabulary as v
from ontology import window
from ontology.terms import Term, Triple

LINK_NAMES = (
    "underAdministration", "beforeTransition", "afterTransition", "openAcross",
    "justBefore", "justAfter",
)  # fmt: skip
DERIVED = LINK_NAMES + window.NAMES  # every predicate derived here, the links first
UNDER, BEFORE, AFTER, ACROSS, JUST_BEFORE, JUST_AFTER = (v.atlas(p) for p in LINK_NAMES)
LINKS = (UNDER, BEFORE, AFTER, ACROSS, JUST_BEFORE, JUST_AFTER)
# "Just before" and "just after" a transition: the days either side of it that the question
# of what happened across a transition looks at. Materialised, so that the question reads the
# items of the window only, not every item of every administration and then a date filter.
WINDOW = timedelta(days=180)
MISSION, RUN_BY, INCOMING = v.atlas("mission"), v.atlas("runBy"), v.atlas("incoming")
STARTED, ENDED = v.atlas("startedOn"), v.atlas("endedOn")
RECORDED_IN, KIND, POSITION = v.atlas("recordedIn"), v.atlas("eventKind"), v.atlas("position")
# What dates an item: its dcterms:date, a roadblock the day it was met, an iteration its
# conclusion (its start while it runs).
DATED_BY_DATE = frozenset({v.DECISION, v.OUTCOME, v.SPILLOVER, v.STATUS_CHANGE})
BEGAN = '"AdministrationBegan"'

Facts = dict[Term, list[Term]]  # a subject's predicates, each with its objects


class Graph(Protocol):
    """The default graph the links are derived from, every term in N-Triples form."""

    def about(self, subject: Term) -> Facts:
        """Every fact of ``subject``."""
        ...

    def subjects(self, predicate: Term, obj: Term) -> list[Term]:
        """The subjects that have ``predicate`` ``obj``."""
        ...


def lexical(term: Term) -> str:
    """A literal's lexical form (dates and numbers here need no unescaping)."""
    return term[1 : term.rindex('"')] if term.startswith('"') else ""


def earliest(value: str) -> str | None:
    """The first day a gYear, gYearMonth or date can mean, as YYYY-MM-DD."""
    if len(value) == 4:
        return value + "-01-01"
    if len(value) == 7:
        return value + "-01"
    return value[:10] if len(value) >= 10 else None


def latest(value: str) -> str | None:
    """The last day a gYear, gYearMonth or date can mean, as YYYY-MM-DD."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return f"{value}-{calendar.monthrange(int(value[:4]), int(value[5:7]))[1]:02d}"
    return value[:10] if len(value) >= 10 else None


@dataclass(frozen=True)
class Office:
    """An administration's term, with the key that orders terms as the rule does: the day it
    began, then the position its beginning was recorded at."""

    administration: Term
    begins: str
    ends: str | None
    key: tuple[str, int]


@dataclass
class City:
    offices: list[Office] = field(default_factory=list)
    transitions: list[tuple[str, Term]] = field(default_factory=list)  # (day, transition)


def _follow(graph: Graph, facts: Facts, *path: Term) -> list[Term]:
    """The objects at the end of ``path`` from the subject of ``facts``."""
    found = facts.get(path[0], [])
    for predicate in path[1:]:
        found = [o for node in found for o in graph.about(node).get(predicate, [])]
    return found


def _city(graph: Graph, city: Term) -> City:
    found = City()
    for administration in graph.subjects(v.ORG_OF, city):
        for transition in graph.subjects(INCOMING, administration):
            facts = graph.about(transition)
            if v.TRANSITION in facts.get(v.A, []):
                found.transitions += [(lexical(on), transition) for on in facts.get(v.DATE, [])]
        facts = graph.about(administration)
        if v.ADMINISTRATION not in facts.get(v.A, []):
            continue
        keys = [int(lexical(p)) for event in facts.get(RECORDED_IN, [])
                if BEGAN in (recorded := graph.about(event)).get(KIND, [])
                for p in recorded.get(POSITION, [])]  # fmt: skip
        ends: list[str | None] = [
            lexical(e) for e in _follow(graph, facts, v.MEMBER_DURING, v.HAS_END, v.IN_XSD_DATE)
        ]
        for begin in _follow(graph, facts, v.MEMBER_DURING, v.HAS_BEGINNING, v.IN_XSD_DATE):
            day = lexical(begin)
            found.offices += [Office(administration, day, end, (day, k))
                              for end in ends or [None] for k in keys]  # fmt: skip
    return found


def _days(facts: Facts) -> list[str]:
    kinds = facts.get(v.A, [])
    days = list(facts.get(v.DATE, [])) if DATED_BY_DATE.intersection(kinds) else []
    if v.ROADBLOCK in kinds:
        days += facts.get(STARTED, [])
    if v.ITERATION in kinds:
        days += facts.get(ENDED) or facts.get(STARTED, [])
    return [lexical(d) for d in days]


def _links(item: Term, facts: Facts, city: City) -> set[Triple]:
    found: set[Triple] = set()
    spans = [(first, latest(d)) for d in _days(facts) if (first := earliest(d)) is not None]
    keys = [o.key for first, last in spans for o in city.offices
            if o.begins <= first and _within(last, o.ends)]  # fmt: skip
    if keys:
        best = max(keys)
        found |= {(item, UNDER, o.administration) for o in city.offices if o.key == best}
    days = [on for on, _ in city.transitions]
    if after := [on for first, _ in spans for on in days if first < on]:
        next_on = min(after)
        found |= {(item, BEFORE, t) for on, t in city.transitions if on == next_on}
        if any(_shifted(next_on, -WINDOW) <= first < next_on for first, _ in spans):
            found |= {(item, JUST_BEFORE, t) for on, t in city.transitions if on == next_on}
    if before := [on for first, _ in spans for on in days if on <= first]:
        last_on = max(before)
        found |= {(item, AFTER, t) for on, t in city.transitions if on == last_on}
        if any(last_on <= first < _shifted(last_on, WINDOW) for first, _ in spans):
            found |= {(item, JUST_AFTER, t) for on, t in city.transitions if on == last_on}
    if v.ROADBLOCK in facts.get(v.A, []):
        resolved = [earliest(lexical(r)) for r in facts.get(ENDED, [])]
        for met in facts.get(STARTED, []):
            first = earliest(lexical(met))
            found |= {(item, ACROSS, t) for on, t in city.transitions
                      if first is not None and first < on and _open_on(on, resolved)}  # fmt: skip
    return found


def _shifted(day: str, by: timedelta) -> str:
    """The day ``by`` from ``day``; past the calendar's ends, the end itself."""
    try:
        return (date.fromisoformat(day) + by).isoformat()
    except OverflowError:
        return (date.max if by > timedelta(0) else date.min).isoformat()


def _within(last: str | None, ends: str | None) -> bool:
    """Whether a date's last day falls within a term that ``ends`` (None: still running)."""
    return ends is None or (last is not None and last <= ends)


def _open_on(day: str, resolved: list[str | None]) -> bool:
    """Whether a roadblock resolved on ``resolved`` (never, if empty) was open on ``day``."""
    return not resolved or any(r is not None and r >= day for r in resolved)


def scope(graph: Graph, items: Iterable[Term], cities: Iterable[Term]) -> set[Term]:
    """The items named and every item of the cities named: those whose links may move."""
    found = set(items)
    for city in cities:
        for mission in graph.subjects(RUN_BY, city):
            found.update(graph.subjects(MISSION, mission))
    return found


def relinked(
    graph: Graph, items: Iterable[Term], cities: dict[Term, City] | None = None
) -> tuple[set[Triple], set[Triple]]:
    """The links of ``items`` the graph holds that no longer stand, and those it lacks.

    ``cities`` keeps the terms and transitions of the cities read, for a caller to pass
    again, less the cities whose terms changed since: reading them is most of the work."""
    cities = {} if cities is None else cities
    runs: dict[Term, list[Term]] = {}  # mission -> the cities that run it
    stale: set[Triple] = set()
    fresh: set[Triple] = set()
    for item in items:
        facts = graph.about(item)
        held = {(item, p, o) for p in LINKS + window.PREDICATES for o in facts.get(p, [])}
        now: set[Triple] = set()
        for mission in facts.get(MISSION, []):
            if mission not in runs:
                runs[mission] = graph.about(mission).get(RUN_BY, [])
            for city in runs[mission]:
                if city not in cities:
                    cities[city] = _city(graph, city)
                now |= _links(item, facts, cities[city])
        now |= window.entries(item, facts, now)
        stale |= held - now
        fresh |= now - held
    return stale, fresh
