"""The links no single event states, derived in the RDF store from its corrected view.

Every dated item is linked to the administration in office on its date
(``atlas:underAdministration``) and to the mayoral transitions either side of it
(``atlas:beforeTransition``, ``atlas:afterTransition``); a roadblock to each transition it was
carried over (``atlas:openAcross``). Asking these of the raw record needs interval joins over
every item and every term (minutes at a million triples); materialised, they are one hop.

The rule is the graph's and GraphQL's (``api.graphql.cities.types.administration_on``,
``graph.reads.transitions``): a date counts by its earliest day; a year or a month names an
administration only if one was in office from its first day to its last; on a handover day the
administration taking office answers (the latest to begin, then the last recorded). Written as
SPARQL Update so that it runs inside the transaction that changes the facts it reads.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from ontology.vocabulary import ATLAS

XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
EARLIEST, LATEST = NamedNode(ATLAS + "fn-earliest"), NamedNode(ATLAS + "fn-latest")
DERIVED = ("underAdministration", "beforeTransition", "afterTransition", "openAcross")


def _earliest(term: object) -> Literal | None:
    """The first day a gYear, gYearMonth or date can mean."""
    value = getattr(term, "value", "")
    if len(value) == 4:
        return Literal(value + "-01-01", datatype=XSD_DATE)
    if len(value) == 7:
        return Literal(value + "-01", datatype=XSD_DATE)
    return Literal(value[:10], datatype=XSD_DATE) if len(value) >= 10 else None


def _latest(term: object) -> Literal | None:
    """The last day a gYear, gYearMonth or date can mean."""
    value = getattr(term, "value", "")
    if len(value) == 4:
        return Literal(value + "-12-31", datatype=XSD_DATE)
    if len(value) == 7:
        last = calendar.monthrange(int(value[:4]), int(value[5:7]))[1]
        return Literal(f"{value}-{last:02d}", datatype=XSD_DATE)
    return Literal(value[:10], datatype=XSD_DATE) if len(value) >= 10 else None


FUNCTIONS = {EARLIEST: _earliest, LATEST: _latest}

PREFIXES = f"""PREFIX atlas: <{ATLAS}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
"""

# The items in scope: those named, and every item of the cities named. Each step starts from
# them in a subquery of its own: left to itself, the optimiser joined every item and every term
# of the store before narrowing to the batch's few (seconds per batch instead of milliseconds).
_ITEMS = "VALUES ?i { %(items)s }"
_CITIES = (
    "{ VALUES ?i { %(items)s } } UNION "
    "{ VALUES ?city { %(cities)s } ?i atlas:mission/atlas:runBy ?city }"
)

_DATED = """{ SELECT ?i ?c ?d ?first WHERE {
  %(scope)s
  ?i atlas:mission/atlas:runBy ?c .
  { ?i a ?kind ; dcterms:date ?d .
    VALUES ?kind { atlas:Decision atlas:OutcomeMeasurement atlas:Spillover atlas:StatusChange } }
  UNION { ?i a atlas:Roadblock ; atlas:startedOn ?d }
  UNION { ?i a atlas:Iteration ; atlas:endedOn ?d }
  UNION { ?i a atlas:Iteration ; atlas:startedOn ?d FILTER NOT EXISTS { ?i atlas:endedOn ?e0 } }
  BIND(atlas:fn-earliest(?d) AS ?first)
} }"""

# Every administration with a key that orders them as the rule does: by the day it began, then
# by the position its beginning was recorded at (padded, so that text order is number order).
_TERMS = """{ SELECT ?c ?a ?s ?e ?key WHERE {
  ?a a atlas:Administration ; org:organization ?c ;
     org:memberDuring/time:hasBeginning/time:inXSDDate ?s ;
     atlas:recordedIn ?g . ?g atlas:eventKind "AdministrationBegan" ; atlas:position ?p .
  OPTIONAL { ?a org:memberDuring/time:hasEnd/time:inXSDDate ?e }
  BIND(CONCAT(STR(?s), "/", SUBSTR(CONCAT("000000000000", STR(?p)), STRLEN(STR(?p)) + 1)) AS ?key)
} }"""

_TRANSITIONS = """{ SELECT ?c ?t ?on WHERE {
  ?t a atlas:MayoralTransition ; dcterms:date ?on ; atlas:incoming/org:organization ?c .
} }"""

UNDER_ADMINISTRATION = f"""
INSERT {{ ?i atlas:underAdministration ?a }} WHERE {{
  {{ SELECT ?i ?c (MAX(?key) AS ?best) WHERE {{
      {_DATED}
      BIND(atlas:fn-latest(?d) AS ?last)
      {_TERMS}
      FILTER(?s <= ?first && (!BOUND(?e) || ?last <= ?e))
  }} GROUP BY ?i ?c }}
  {_TERMS}
  FILTER(?key = ?best)
}}"""

BEFORE_TRANSITION = f"""
INSERT {{ ?i atlas:beforeTransition ?t }} WHERE {{
  {{ SELECT ?i ?c (MIN(?on) AS ?next) WHERE {{
      {_DATED}
      {_TRANSITIONS}
      FILTER(?first < ?on)
  }} GROUP BY ?i ?c }}
  {_TRANSITIONS}
  FILTER(?on = ?next)
}}"""

AFTER_TRANSITION = f"""
INSERT {{ ?i atlas:afterTransition ?t }} WHERE {{
  {{ SELECT ?i ?c (MAX(?on) AS ?last) WHERE {{
      {_DATED}
      {_TRANSITIONS}
      FILTER(?on <= ?first)
  }} GROUP BY ?i ?c }}
  {_TRANSITIONS}
  FILTER(?on = ?last)
}}"""

OPEN_ACROSS = f"""
INSERT {{ ?i atlas:openAcross ?t }} WHERE {{
  {{ SELECT ?i ?c ?d ?resolved WHERE {{
      %(scope)s
      ?i a atlas:Roadblock ; atlas:startedOn ?d ; atlas:mission/atlas:runBy ?c .
      OPTIONAL {{ ?i atlas:endedOn ?resolved }}
  }} }}
  {_TRANSITIONS}
  FILTER(atlas:fn-earliest(?d) < ?on && (!BOUND(?resolved) || atlas:fn-earliest(?resolved) >= ?on))
}}"""

CLEAR = f"""
DELETE {{ ?i ?link ?x }} WHERE {{
  %(scope)s
  VALUES ?link {{ {" ".join(f"atlas:{p}" for p in DERIVED)} }}
  ?i ?link ?x
}}"""


def derive(items: Iterable[str], cities: Iterable[str]) -> str | None:
    """The update that derives the links again for ``items`` and for every item of
    ``cities`` (IRIs in N-Triples form), or None if there is nothing in scope."""
    scope = {"items": " ".join(sorted(set(items))), "cities": " ".join(sorted(set(cities)))}
    if not scope["items"] and not scope["cities"]:
        return None
    within = (_CITIES if scope["cities"] else _ITEMS) % scope
    steps = (CLEAR, UNDER_ADMINISTRATION, BEFORE_TRANSITION, AFTER_TRANSITION, OPEN_ACROSS)
    return " ;\n".join(step.replace("%(scope)s", within) for step in steps)
