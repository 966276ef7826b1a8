"""What a Mission Atlas IRI says about itself when it is dereferenced.

A city or a mission is described by the facts of its own events (so by everything the record
says of it and of the things under its IRI) and by the links that point at it (a city lists
the missions it runs); an event by the facts it stated and its own description; an approach,
a capability or the catalogue by the catalogue; a person by their name.
"""

from __future__ import annotations

from typing import cast
from urllib.parse import unquote

from events.application import MissionAtlas
from events.mission import Mission
from events.notification_log import each_decoded, stored_pages
from events.recorded import stored_topics
from ontology import vocabulary as v
from ontology.catalogue import catalogue_triples
from ontology.export import Graph, aggregate_graphs
from ontology.iris import Iris
from ontology.terms import Triple, iri, segment, text

LAUNCHES = stored_topics(Mission.MissionLaunched)


def normalised(path: str) -> str:
    """``path`` (relative to the base) percent-encoded as the IRIs are minted, however the
    client encoded it: ``a b``, ``a%20b`` and ``über`` or ``%C3%BCber`` name the same thing."""
    return "/".join(segment(unquote(part)) for part in path.strip("/").split("/"))


def describe(app: MissionAtlas, iris: Iris, path: str, history: bool = False) -> list[Graph]:
    """The graphs describing the resource at ``path`` (relative to the base, percent-encoded
    or not); empty if none. With ``history``, what corrections took back from it too."""
    path = normalised(path)
    parts = [unquote(part) for part in path.split("/")]
    subject = iri(iris.base + path)
    if parts[0] in ("approaches", "approach", "capability"):
        # The catalogue's IRIs are the ontology's (the same for every deployment); each
        # deployment still answers for its copy under its own base.
        subject = iris.catalogue() if len(parts) < 2 else iris.approach(parts[1])
        if parts[0] == "capability" and len(parts) >= 2:
            subject = iris.capability(parts[1])
        graphs: list[Graph] = [(iris.catalogue(), catalogue_triples(iris))]
    elif parts[0] in ("city", "mission") and len(parts) >= 2:
        graphs = aggregate_graphs(app, iris, parts[0], parts[1], history)
        if parts[0] == "city" and len(parts) == 2:
            graphs += _missions_run_by(app, iris, parts[1])
    elif parts[0] == "event" and len(parts) >= 4 and parts[1] in ("city", "mission"):
        event = iri(iris.base + "/".join(path.split("/")[:4]))
        graphs = aggregate_graphs(app, iris, parts[1], parts[2], history)
        graphs = [g for g in graphs if g[0] == event]
    elif parts[0] == "person" and len(parts) == 2:
        return _person(app, iris, parts[1])
    else:
        return []
    return [described for g in graphs if (described := _about(g, subject))[1]]


def _about(graph: Graph, subject: str) -> Graph:
    """The triples of ``graph`` about ``subject``, about things under its IRI, or pointing at
    it (the history's statements about it included)."""
    under = subject[:-1] + "/"
    name, triples = graph
    about = {
        s
        for s, _, o in triples
        if s == subject or s.startswith(under) or o == subject or o.startswith(under)
    }
    return name, [t for t in triples if t[0] in about]


def _missions_run_by(app: MissionAtlas, iris: Iris, city_id: str) -> list[Graph]:
    """The link from each mission the city runs, in the graph of the launch that stated it.

    Missions live in streams of their own, so the launches are read from the log (by topic,
    so only the launches are read); a launch is never withdrawn, only its details corrected."""
    graphs: list[Graph] = []
    city = iris.city(city_id)
    for launches in stored_pages(app, size=500, topics=LAUNCHES):
        for _, e in each_decoded(app, launches):
            if getattr(e, "city_id", None) == city_id:
                mission_id: str = getattr(e, "mission_id")  # noqa: B009 (made by @event)
                launch = iris.event("mission", mission_id, e.originator_version)
                triples: list[Triple] = [(iris.mission(mission_id), v.atlas("runBy"), city)]
                graphs.append((launch, triples))
    return graphs


def _person(app: MissionAtlas, iris: Iris, person_id: str) -> list[Graph]:
    """A person is only their name: where they appear is in the cities' descriptions. An
    erased person is not described at all."""
    name = app.people.keys.name_of(person_id)
    if name is None:
        return []
    person = iris.person(person_id)
    return [(person, [(person, v.A, v.AGENT), (person, v.LABEL, cast(str, text(name)))])]
