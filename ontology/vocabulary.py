"""The namespaces Mission Atlas writes, and the terms it uses from each, as N-Triples IRIs."""

from __future__ import annotations

from functools import lru_cache

from ontology.terms import Term, iri

ATLAS = "https://w3id.org/mission-atlas/ontology#"
PREFIXES = {
    "atlas": ATLAS,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _term(prefix: str, local: str) -> Term:
    return iri(PREFIXES[prefix] + local)


@lru_cache(maxsize=1024)  # the mapping names its properties with this, for every triple
def atlas(local: str) -> Term:
    return _term("atlas", local)


A = _term("rdf", "type")
LABEL = _term("rdfs", "label")

TITLE = _term("dcterms", "title")
DESCRIPTION = _term("dcterms", "description")
SOURCE = _term("dcterms", "source")
CREATED = _term("dcterms", "created")
DATE = _term("dcterms", "date")
LICENSE = _term("dcterms", "license")

ACTIVITY = _term("prov", "Activity")
AGENT = _term("prov", "Agent")
PERSON = _term("prov", "Person")
ENTITY = _term("prov", "Entity")
STARTED_AT = _term("prov", "startedAtTime")
ENDED_AT = _term("prov", "endedAtTime")
GENERATED_BY = _term("prov", "wasGeneratedBy")
INVALIDATED_BY = _term("prov", "wasInvalidatedBy")
INVALIDATED_AT = _term("prov", "invalidatedAtTime")
ASSOCIATED_WITH = _term("prov", "wasAssociatedWith")
SPECIALIZATION_OF = _term("prov", "specializationOf")
REVISION_OF = _term("prov", "wasRevisionOf")

ORGANIZATION = _term("org", "Organization")
MEMBERSHIP = _term("org", "Membership")
MEMBER = _term("org", "member")
ORG_OF = _term("org", "organization")
ROLE = _term("org", "role")
MEMBER_DURING = _term("org", "memberDuring")

CONCEPT = _term("skos", "Concept")
SCHEME = _term("skos", "ConceptScheme")
PREF_LABEL = _term("skos", "prefLabel")
DEFINITION = _term("skos", "definition")
IN_SCHEME = _term("skos", "inScheme")
TOP_CONCEPT_OF = _term("skos", "topConceptOf")
BROADER = _term("skos", "broader")

INTERVAL = _term("time", "Interval")
INSTANT = _term("time", "Instant")
HAS_BEGINNING = _term("time", "hasBeginning")
HAS_END = _term("time", "hasEnd")
IN_XSD_DATE = _term("time", "inXSDDate")
HAS_TIME = _term("time", "hasTime")

# The classes and values of the Mission Atlas ontology (ontology/atlas.ttl).
CITY, ADMINISTRATION, TRANSITION = (
    atlas("City"),
    atlas("Administration"),
    atlas("MayoralTransition"),
)
MISSION, INSTRUMENT, PARTNER = atlas("Mission"), atlas("Instrument"), atlas("Partner")
DECISION, ITERATION, ROADBLOCK = atlas("Decision"), atlas("Iteration"), atlas("Roadblock")
OUTCOME, SPILLOVER = atlas("OutcomeMeasurement"), atlas("Spillover")
STATUS_CHANGE, RECORDED_EVENT, MAYOR = atlas("StatusChange"), atlas("RecordedEvent"), atlas("Mayor")

WIKIDATA = "http://www.wikidata.org/entity/"
