"""Writing named graphs in the five RDF formats Mission Atlas serves.

All five are written as the graphs stream past, so memory does not grow with the export:
N-Triples, N-Quads, Turtle and TriG line by line, JSON-LD a graph object at a time
(ontology/jsonld.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ontology.export import Graph
from ontology.jsonld import jsonld
from ontology.terms import Term
from ontology.vocabulary import PREFIXES
from ontology.vocabulary import A as RDF_TYPE

CHUNK = 1 << 16  # characters gathered before a chunk is handed on
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@lru_cache(maxsize=4096)
def _short(term: Term) -> Term:
    """``prov:Activity`` for ``<http://www.w3.org/ns/prov#Activity>``, where Turtle allows."""
    if term == RDF_TYPE:
        return "a"
    if term.startswith("<"):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace, 1):
                local = term[len(namespace) + 1 : -1]
                if _LOCAL.match(local):
                    return f"{prefix}:{local}"
    return term


def _node(term: Term) -> Term:
    """A subject or object: ``a`` stands for rdf:type only as a predicate (a reified
    statement's rdf:predicate may be rdf:type)."""
    return "rdf:type" if term == RDF_TYPE else _short(term)


def _prefixes() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n"


def _chunked(lines: Iterable[str]) -> Iterator[str]:
    buffer: list[str] = []
    size = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        if size >= CHUNK:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


# A graph's lines are joined in one go: a generator step per line cost more than the line.
def _ntriples(graphs: Iterable[Graph]) -> Iterator[str]:
    for _, triples in graphs:
        yield "".join([f"{s} {p} {o} .\n" for s, p, o in triples])


def _nquads(graphs: Iterable[Graph]) -> Iterator[str]:
    for g, triples in graphs:
        yield "".join([f"{s} {p} {o} {g} .\n" for s, p, o in triples])


def _turtle_block(triples: Iterable[tuple[Term, Term, Term]], indent: str = "") -> Iterator[str]:
    """Triples with consecutive repeats of a subject folded with ``;``."""
    subject = None
    for s, p, o in triples:
        if s == subject:
            yield f" ;\n{indent}    {_short(p)} {_node(o)}"
        else:
            if subject is not None:
                yield " .\n"
            subject = s
            yield f"{indent}{_node(s)} {_short(p)} {_node(o)}"
    if subject is not None:
        yield " .\n"


def _turtle(graphs: Iterable[Graph]) -> Iterator[str]:
    yield _prefixes()
    for _, triples in graphs:
        yield from _turtle_block(triples)


def _trig(graphs: Iterable[Graph]) -> Iterator[str]:
    yield _prefixes()
    for g, triples in graphs:
        yield f"{_short(g)} {{\n"
        yield from _turtle_block(triples, "    ")
        yield "}\n"


@dataclass(frozen=True)
class RdfFormat:
    name: str
    media_type: str
    write: Callable[[Iterable[Graph]], Iterator[str]]
    quads: bool  # whether graph names (the recording events) are kept


FORMATS = {
    f.name: f
    for f in (
        RdfFormat("ttl", "text/turtle", _turtle, False),
        RdfFormat("nt", "application/n-triples", _ntriples, False),
        RdfFormat("nq", "application/n-quads", _nquads, True),
        RdfFormat("trig", "application/trig", _trig, True),
        RdfFormat("jsonld", "application/ld+json", jsonld, True),
    )
}
BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS.values()}


def serialize(fmt: RdfFormat, graphs: Iterable[Graph]) -> Iterator[str]:
    """The export as text, in chunks of about CHUNK characters."""
    return _chunked(fmt.write(graphs))
