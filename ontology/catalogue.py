"""The approach catalogue as a SKOS concept scheme: capabilities at the top, approaches below."""

from __future__ import annotations

from events.catalogue import APPROACHES, CAPABILITIES
from ontology import vocabulary as v
from ontology.iris import Iris
from ontology.terms import Triple, lang


def catalogue_triples(iris: Iris) -> list[Triple]:
    scheme = iris.catalogue()
    triples: list[Triple] = [
        (scheme, v.A, v.SCHEME),
        (scheme, v.PREF_LABEL, lang("Mission Atlas approach catalogue")),
        (scheme, v.DEFINITION, lang(
            "The approaches city missions adopt, grouped under the four capabilities of "
            "Mariana Mazzucato's report Mission Critical."
        )),
    ]  # fmt: skip
    for capability in CAPABILITIES.values():
        k = iris.capability(capability.id)
        triples += [
            (k, v.A, v.CONCEPT),
            (k, v.PREF_LABEL, lang(capability.label)),
            (k, v.DEFINITION, lang(capability.definition)),
            (k, v.IN_SCHEME, scheme),
            (k, v.TOP_CONCEPT_OF, scheme),
        ]
    for approach in APPROACHES.values():
        a = iris.approach(approach.id)
        triples += [
            (a, v.A, v.CONCEPT),
            (a, v.PREF_LABEL, lang(approach.label)),
            (a, v.DEFINITION, lang(approach.definition)),
            (a, v.IN_SCHEME, scheme),
            (a, v.BROADER, iris.capability(approach.capability)),
        ]
    return triples
