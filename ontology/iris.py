"""Stable IRIs: the same thing always gets the same IRI, under a configurable base."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ontology.errors import BaseIriError
from ontology.terms import Term, iri, segment

DEFAULT_BASE = "http://localhost:8000/id/"
# The approach catalogue and the themes are the same for every deployment: their IRIs live in
# the ontology's namespace, not under a deployment's base, so that two cities' records join on
# the approaches they share (and one deployment's SPARQL can ask another's with SERVICE).
CATALOGUE = "https://w3id.org/mission-atlas/ontology/"


@dataclass(frozen=True)
class Iris:
    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.startswith(("http://", "https://")) or " " in self.base:
            raise BaseIriError(f"MISSION_ATLAS_BASE_IRI={self.base!r}: expected an http(s) IRI")
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def _at(self, *path: str) -> Term:
        return _at(self.base, path)

    def _under(self, parent: Term, last: str) -> Term:
        return f"{parent[:-1]}/{segment(last)}>"

    def city(self, city_id: str) -> Term:
        return self._at("city", city_id)

    def administration(self, city_id: str, administration_id: str) -> Term:
        return self._at("city", city_id, "administration", administration_id)

    def mayor(self, city_id: str, administration_id: str) -> Term:
        return self._at("city", city_id, "administration", administration_id, "mayor")

    def term(self, city_id: str, administration_id: str) -> Term:
        return self._at("city", city_id, "administration", administration_id, "term")

    def transition(self, city_id: str, incoming_id: str) -> Term:
        return self._at("city", city_id, "administration", incoming_id, "transition")

    def person(self, person_id: str) -> Term:
        """A person or body, by the stable id the key store gives the name (never the name)."""
        return self._at("person", person_id)

    def dataset(self) -> Term:
        return self._at("dataset")

    def mission(self, mission_id: str) -> Term:
        return self._at("mission", mission_id)

    def item(self, mission_id: str, kind: str, item_id: str) -> Term:
        return self._under(self._at("mission", mission_id, kind), item_id)

    def event(self, owner_kind: str, owner_id: str, version: int) -> Term:
        return f"{self._at('event', owner_kind, owner_id)[:-1]}/{version}>"

    def approach(self, approach_id: str) -> Term:
        return _shared("approach", approach_id)

    def capability(self, capability_id: str) -> Term:
        return _shared("capability", capability_id)

    def theme(self, theme: str) -> Term:
        """Themes are free text; one IRI per theme whatever its case, as the graph keys them."""
        return _shared("theme", theme.strip().lower())

    def catalogue(self) -> Term:
        return _shared("approaches")


@lru_cache(maxsize=1 << 14)
def _at(base: str, path: tuple[str, ...]) -> Term:
    """The IRI of ``path`` under ``base``. Cached by its parts: an export names the same
    cities, missions and kinds of item over and over; items and events, of which there is one
    IRI each, are spelled under a cached parent instead."""
    return iri(base + "/".join(segment(p) for p in path))


@lru_cache(maxsize=1 << 10)
def _shared(*path: str) -> Term:
    """The IRI of a catalogue entry, the same in every deployment (the ontology's namespace)."""
    return iri(CATALOGUE + "/".join(segment(p) for p in path))
