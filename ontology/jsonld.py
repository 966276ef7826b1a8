"""Compact JSON-LD, written as the graphs stream past.

The document carries the published context (``ontology/context.jsonld``, served at
``/ontology/context.jsonld``) inline, so that a dump expands offline, and holds one named graph
object per recording event: in it, one node object per subject. Only the graph in hand is in
memory, as for the line formats. Properties the context does not name are written as compact
IRIs with explicit values, so a new property reads right before the context learns it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ontology.export import Graph
from ontology.terms import Term
from ontology.vocabulary import A as RDF_TYPE

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ESCAPE = re.compile(r'\\(["\\nrtbf]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})')
_UNESCAPED = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}

Value = str | dict[str, str]


@cache
def context() -> dict[str, Any]:
    """The published context: prefixes, and a short name for each property."""
    published: dict[str, Any] = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    return published


def _unescape(lexical: str) -> str:
    if "\\" not in lexical:
        return lexical
    return _ESCAPE.sub(
        lambda m: _UNESCAPED.get(m[1]) or chr(int(m[1][1:], 16)),
        lexical,
    )


class _Compactor:
    """N-Triples terms to compact JSON-LD under the context."""

    def __init__(self, terms: dict[str, Any]) -> None:
        self.prefixes = {ns: p for p, ns in terms.items() if isinstance(ns, str)}
        self._starts = tuple(self.prefixes)
        self.properties: dict[Term, tuple[str, bool]] = {}
        for key, definition in terms.items():
            if isinstance(definition, dict):
                prefix, local = definition["@id"].split(":", 1)
                full = f"<{terms[prefix]}{local}>"
                self.properties[full] = (key, definition.get("@type") == "@id")
        self._vocabulary: dict[str, str] = {}  # vocabulary IRIs, compacted: a bounded set

    def iri(self, term: Term) -> str:
        full = term[1:-1] if term.startswith("<") else term
        if not full.startswith(self._starts):
            return full  # the record's own things: absolute IRIs (no @base to resolve)
        short = self._vocabulary.get(full)
        if short is None:
            short = full
            for namespace, prefix in self.prefixes.items():
                local = full[len(namespace) :]
                if full.startswith(namespace) and _LOCAL.match(local):
                    short = f"{prefix}:{local}"
                    break
            self._vocabulary[full] = short
        return short

    def value(self, term: Term, as_iri: bool) -> Value:
        if not term.startswith('"'):
            return self.iri(term) if as_iri else {"@id": self.iri(term)}
        end = term.rindex('"')
        lexical, suffix = _unescape(term[1:end]), term[end + 1 :]
        if not suffix:
            return {"@value": lexical} if as_iri else lexical
        if suffix.startswith("@"):
            return {"@value": lexical, "@language": suffix[1:]}
        return {"@value": lexical, "@type": self.iri(suffix[2:])}

    def graph(self, name: Term, triples: Iterable[tuple[Term, Term, Term]]) -> dict[str, Any]:
        nodes: dict[Term, dict[str, Any]] = {}
        for s, p, o in triples:
            value: Value
            node = nodes.get(s)
            if node is None:
                node = nodes[s] = {"@id": self.iri(s)}
            if p == RDF_TYPE:
                key, value = "@type", self.iri(o)
            else:
                key, as_iri = self.properties.get(p) or (self.iri(p), False)
                value = self.value(o, as_iri)
            # One value stays a value, more become a list: a value is never a list itself.
            before = node.get(key)
            if before is None:
                node[key] = value
            elif type(before) is list:
                before.append(value)
            else:
                node[key] = [before, value]
        return {"@id": self.iri(name), "@graph": list(nodes.values())}


def jsonld(graphs: Iterable[Graph]) -> Iterator[str]:
    """The document, a graph object at a time."""
    terms = context()
    compactor = _Compactor(terms)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield '{"@context":' + dumps(terms) + ',\n"@graph":['
    separator = "\n"
    for name, triples in graphs:
        yield separator + dumps(compactor.graph(name, triples))
        separator = ",\n"
    yield "\n]}\n"
