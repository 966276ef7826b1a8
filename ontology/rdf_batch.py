"""One batch of changes to the RDF store: what it does to each quad, and the default graph as
it will leave it.

A batch keeps only each quad's last change (inserted or deleted), so that its deletions and
insertions are two sets that can be applied in either order: one SPARQL Update while the
store follows the log, or a deletion and a bulk load while it is built from the first event.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import DefaultGraph, NamedNode, Store

from ontology import vocabulary as v
from ontology.derived import Facts
from ontology.terms import Term, Triple

DEFAULT = ""  # the default graph, in a quad's graph position
Quad = tuple[Term, Term, Term, str]
# Predicates whose change moves an item's derived links.
DATING = frozenset({v.DATE, v.atlas("startedOn"), v.atlas("endedOn"), v.atlas("mission")})


class Batch:
    def __init__(self) -> None:
        self.changes: dict[Quad, bool] = {}  # each quad's last change: True inserted
        self.stated: dict[Term, list[Quad]] = {}  # the quads inserted into each named graph
        self.items: set[Term] = set()  # whose derived links may have moved
        self.cities: set[Term] = set()  # every item of which may have moved

    def _change(self, quads: Iterable[Quad], inserted: bool) -> None:
        for quad in quads:
            s, p, _, g = quad
            self.changes[quad] = inserted
            if g != DEFAULT:
                self.stated.setdefault(g, []).append(quad)
            elif p in DATING:
                self.items.add(s)

    def insert(self, quads: Iterable[Quad]) -> None:
        self._change(quads, True)

    def delete(self, quads: Iterable[Quad]) -> None:
        self._change(quads, False)

    def relink(self, stale: Iterable[Triple], fresh: Iterable[Triple]) -> None:
        """Take the derived links that moved: they are changes like any other."""
        self.delete((s, p, o, DEFAULT) for s, p, o in stale)
        self.insert((s, p, o, DEFAULT) for s, p, o in fresh)

    def update(self) -> str:
        """The batch as SPARQL Update: its deletions, then its insertions."""
        parts = []
        for kind, inserted in (("DELETE", False), ("INSERT", True)):
            quads = [q for q, change in self.changes.items() if change is inserted]
            if quads:
                parts.append(f"{kind} DATA {{\n{_data(quads)}\n}}")
        return " ;\n".join(parts)

    def deletions(self) -> str:
        """The batch's deletions alone, as SPARQL Update (empty if none)."""
        quads = [q for q, inserted in self.changes.items() if not inserted]
        return f"DELETE DATA {{\n{_data(quads)}\n}}" if quads else ""

    def insertions(self) -> bytes:
        """The batch's insertions as N-Quads, for a bulk load."""
        lines = [
            f"{s} {p} {o} .\n" if g == DEFAULT else f"{s} {p} {o} {g} .\n"
            for (s, p, o, g), inserted in self.changes.items()
            if inserted
        ]
        return "".join(lines).encode()


def _data(quads: list[Quad]) -> str:
    lines = []
    for s, p, o, g in quads:
        triple = f"{s} {p} {o} ."
        lines.append(triple if g == DEFAULT else f"GRAPH {g} {{ {triple} }}")
    return "\n".join(lines)


def node(term: Term) -> NamedNode:
    return NamedNode(term[1:-1])


class AfterBatch:
    """The store's default graph as ``batch`` will leave it (a ``derived.Graph``)."""

    def __init__(self, store: Store, batch: Batch) -> None:
        self.store = store
        self.by_subject: dict[Term, dict[tuple[Term, Term], bool]] = {}
        self.by_object: dict[tuple[Term, Term], dict[Term, bool]] = {}
        for (s, p, o, g), inserted in batch.changes.items():
            if g == DEFAULT:
                self.by_subject.setdefault(s, {})[p, o] = inserted
                self.by_object.setdefault((p, o), {})[s] = inserted

    def about(self, subject: Term) -> Facts:
        changes = self.by_subject.get(subject, {})
        facts: Facts = {}
        for q in self.store.quads_for_pattern(node(subject), None, None, DefaultGraph()):
            p, o = str(q.predicate), str(q.object)
            if changes.get((p, o), True):
                facts.setdefault(p, []).append(o)
        for (p, o), inserted in changes.items():
            if inserted and o not in facts.get(p, []):
                facts.setdefault(p, []).append(o)
        return facts

    def subjects(self, predicate: Term, obj: Term) -> list[Term]:
        changes = self.by_object.get((predicate, obj), {})
        pattern = self.store.quads_for_pattern(None, node(predicate), node(obj), DefaultGraph())
        found = [s for q in pattern if changes.get(s := str(q.subject), True)]
        return found + [s for s, inserted in changes.items() if inserted and s not in found]
