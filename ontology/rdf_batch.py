"""One batch of changes to the RDF store, in order, and the default graph as it will leave it.

The changes are kept as runs of insertions and deletions, applied in the order they were made
(one SPARQL Update while the store follows the log; loads and deletions while it is built from
the first event), never as two sets applied one after the other: a quad read back from the
store is spelt as pyoxigraph prints it (``"24"`` for a decimal ``"24.0"``, ``Z`` for
``+00:00``), so two spellings of one quad can be inserted and deleted in one batch, and only
their order says which stands.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import DefaultGraph, NamedNode, Store

from ontology import vocabulary as v
from ontology.derived import Facts
from ontology.terms import Term, Triple

DEFAULT = ""  # the default graph, in a quad's graph position
Quad = tuple[Term, Term, Term, str]
# Predicates whose change moves an item's derived links, or what its window data copies.
DATING = frozenset({v.DATE, v.atlas("startedOn"), v.atlas("endedOn"), v.atlas("mission"),
                    v.TITLE, v.DESCRIPTION, v.atlas("result")})  # fmt: skip


class Batch:
    def __init__(self) -> None:
        self.steps: list[tuple[bool, list[Quad]]] = []  # runs of insertions (True), deletions
        self.changes: dict[Quad, bool] = {}  # each quad's last change: True inserted
        self.stated: dict[Term, list[Quad]] = {}  # the quads inserted into each named graph
        self.items: set[Term] = set()  # whose derived links may have moved
        self.cities: set[Term] = set()  # every item of which may have moved

    def _change(self, quads: Iterable[Quad], inserted: bool) -> None:
        quads = list(quads)
        if not quads:
            return
        if self.steps and self.steps[-1][0] is inserted:
            self.steps[-1][1].extend(quads)
        else:
            self.steps.append((inserted, quads))
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
        """The batch as one SPARQL Update."""
        kinds = {True: "INSERT", False: "DELETE"}
        return " ;\n".join(
            f"{kinds[inserted]} DATA {{\n{_data(quads)}\n}}" for inserted, quads in self.steps
        )


def nquads(quads: Iterable[Quad]) -> bytes:
    """Quads as N-Quads, for a load."""
    return "".join(
        f"{s} {p} {o} .\n" if g == DEFAULT else f"{s} {p} {o} {g} .\n" for s, p, o, g in quads
    ).encode()


def deletion(quads: list[Quad]) -> str:
    return f"DELETE DATA {{\n{_data(quads)}\n}}"


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
