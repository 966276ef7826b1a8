"""Each projection write's kind says what its statement brings into being or withdraws: that
is all verification and the projector's listeners go by, so it must agree with the Cypher."""

from __future__ import annotations

import re

import pytest

from graph.writes import WriteKind

# A node brought into being by id: CREATE (x:Label {id: ...}) or MERGE (x:Label {id: ...}).
MADE = re.compile(r"(?:CREATE|MERGE) \(\w+:(\w+) \{id:")
# A node matched by id and deleted with its relationships.
WITHDRAWN = re.compile(r"MATCH \(\w+:(\w+) \{id: row\.id\}\) DETACH DELETE")
# Themes are named by the missions that address them, not recorded by any one event: the
# comparison with the event store leaves them out.
UNCOUNTED = {"Theme"}


@pytest.mark.parametrize("kind", list(WriteKind), ids=lambda kind: kind.name)
def test_a_kind_names_the_nodes_its_statement_creates(kind: WriteKind) -> None:
    made = set(MADE.findall(kind.statement)) - UNCOUNTED
    assert made == ({kind.creates} if kind.creates else set())


@pytest.mark.parametrize("kind", list(WriteKind), ids=lambda kind: kind.name)
def test_a_kind_names_the_nodes_its_statement_deletes(kind: WriteKind) -> None:
    withdrawn = set(WITHDRAWN.findall(kind.statement))
    assert withdrawn == ({kind.deletes} if kind.deletes else set())


def test_every_label_created_is_created_before_any_write_that_matches_it() -> None:
    """A batch runs its writes in the kinds' order: a node must exist before a later row of
    the same batch updates, links or closes it."""
    order = list(WriteKind)
    for kind in order:
        if kind.creates is None:
            continue
        first = min(order.index(k) for k in order if k.creates == kind.creates)
        matching = re.compile(rf"MATCH [^\n]*\(\w+:{kind.creates} \{{id: row\.")
        for later in order[:first]:
            assert not matching.search(later.statement), (later.name, kind.creates)
