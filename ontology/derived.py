"""The links no single event states, derived in the RDF store from its corrected view.

Every dated item is linked to the administration in office on its date
(``atlas:underAdministration``) and to the mayoral transitions either side of it
(``atlas:beforeTransition``, ``atlas:afterTransition``); a roadblock to each transition it was
carried over (``atlas:openAcross``). Asking these of the raw record needs interval joins over
every item and every term (minutes at a million triples); materialised, they are one hop.

The rule is the graph's and GraphQL's (``api.cities.types.administration_on``,
``graph.transitions``): a date counts by its earliest day; a year or a month names an
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

# The items in scope: those named, and every item of the cities named.
_SCOPE = """{ VALUES ?i { %(items)s } } UNION
  { VALUES ?city { %(cities)s } ?i atlas:mission/atlas:runBy ?city }"""

_ITEM_DATE = """
  ?i atlas:mission/atlas:runBy ?c .
  { ?i a ?kind ; dcterms:date ?d .
    VALUES ?kind { atlas:Decision atlas:OutcomeMeasurement atlas:Spillover atlas:StatusChange } }
  UNION { ?i a atlas:Roadblock ; atlas:startedOn ?d }
  UNION { ?i a atlas:Iteration ; atlas:endedOn ?d }
  UNION { ?i a atlas:Iteration ; atlas:startedOn ?d FILTER NOT EXISTS { ?i atlas:endedOn ?e0 } }
  BIND(atlas:fn-earliest(?d) AS ?first)
"""

# An administration of city ?c: its start, its end if known, and the position it was recorded at.
_TERM = """
  %(a)s a atlas:Administration ; org:organization ?c ;
     org:memberDuring/time:hasBeginning/time:inXSDDate %(start)s ;
     atlas:recordedIn %(g)s . %(g)s atlas:eventKind "AdministrationBegan" ; atlas:position %(p)s .
  OPTIONAL { %(a)s org:memberDuring/time:hasEnd/time:inXSDDate %(end)s }
"""


def _term(n: str) -> str:
    return _TERM % {"a": f"?a{n}", "start": f"?s{n}", "g": f"?g{n}", "p": f"?p{n}", "end": f"?e{n}"}


def _covers(n: str) -> str:
    return f"?s{n} <= ?first && (!BOUND(?e{n}) || ?last <= ?e{n})"


_TRANSITION = (
    "%(t)s a atlas:MayoralTransition ; dcterms:date %(on)s ; atlas:incoming/org:organization ?c ."
)
_T2 = _TRANSITION % {"t": "?t2", "on": "?on2"}

UNDER_ADMINISTRATION = f"""
INSERT {{ ?i atlas:underAdministration ?a1 }} WHERE {{
  {_SCOPE}
  {_ITEM_DATE}
  BIND(atlas:fn-latest(?d) AS ?last)
  {_term("1")}
  FILTER({_covers("1")})
  FILTER NOT EXISTS {{
    {_term("2")}
    FILTER({_covers("2")} && (?s2 > ?s1 || (?s2 = ?s1 && ?p2 > ?p1)))
  }}
}}"""

BEFORE_TRANSITION = f"""
INSERT {{ ?i atlas:beforeTransition ?t }} WHERE {{
  {_SCOPE}
  {_ITEM_DATE}
  {_TRANSITION % {"t": "?t", "on": "?on"}}
  FILTER(?first < ?on)
  FILTER NOT EXISTS {{ {_T2} FILTER(?first < ?on2 && ?on2 < ?on) }}
}}"""

AFTER_TRANSITION = f"""
INSERT {{ ?i atlas:afterTransition ?t }} WHERE {{
  {_SCOPE}
  {_ITEM_DATE}
  {_TRANSITION % {"t": "?t", "on": "?on"}}
  FILTER(?on <= ?first)
  FILTER NOT EXISTS {{ {_T2} FILTER(?on < ?on2 && ?on2 <= ?first) }}
}}"""

OPEN_ACROSS = f"""
INSERT {{ ?i atlas:openAcross ?t }} WHERE {{
  {_SCOPE}
  ?i a atlas:Roadblock ; atlas:startedOn ?d ; atlas:mission/atlas:runBy ?c .
  OPTIONAL {{ ?i atlas:endedOn ?resolved }}
  {_TRANSITION % {"t": "?t", "on": "?on"}}
  FILTER(atlas:fn-earliest(?d) < ?on && (!BOUND(?resolved) || atlas:fn-earliest(?resolved) >= ?on))
}}"""

CLEAR = f"""
DELETE {{ ?i ?link ?x }} WHERE {{
  {_SCOPE}
  VALUES ?link {{ {" ".join(f"atlas:{p}" for p in DERIVED)} }}
  ?i ?link ?x
}}"""


def derive(items: Iterable[str], cities: Iterable[str]) -> str | None:
    """The update that derives the links again for ``items`` and for every item of
    ``cities`` (IRIs in N-Triples form), or None if there is nothing in scope."""
    scope = {"items": " ".join(sorted(set(items))), "cities": " ".join(sorted(set(cities)))}
    if not scope["items"] and not scope["cities"]:
        return None
    steps = (CLEAR, UNDER_ADMINISTRATION, BEFORE_TRANSITION, AFTER_TRANSITION, OPEN_ACROSS)
    return " ;\n".join(step.replace("%(items)s", scope["items"]).replace(
        "%(cities)s", scope["cities"]) for step in steps)  # fmt: skip
