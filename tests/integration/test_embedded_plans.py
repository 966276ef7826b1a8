"""The embedded store finds what a projection write touches by key, never by reading a table
that grows with the record.

LadybugDB plans a node matched by its key alone in its pattern as a primary-key lookup, but
two such MATCH clauses in a row as one pattern: it then scans both tables and filters the
product, at a cost that grows with every item recorded. These tests read the plan LadybugDB
makes of each write, as the store sends it (its batch as columns), and name the tables it
would scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.columns import as_columns
from graph.embedded import EmbeddedGraphStore
from graph.model import NODES, RELATIONSHIPS
from graph.port import Row
from graph.writes import WriteKind

# Nodes that only CREATE brings into being: one or more per event, so their tables, and the
# relationships that end at them, grow with the record. Cities, missions, their themes and
# the catalogue's approaches are as many as the record's cities and missions.
GROWING = {
    kind.creates
    for kind in WriteKind
    if kind.creates and re.search(rf"CREATE \(\w+:{kind.creates} \{{", kind.statement)
}
GROWING_RELATIONSHIPS = {
    rel for rel, ends in RELATIONSHIPS.items() for a, b in ends if {a, b} & GROWING
}
# A theme corrected moves the mission's lessons, found by their mission: one scan per
# correction, which is rare, against a property every lesson carries for the lessons' filters.
MAY_SCAN = {WriteKind.RETHEME_LESSONS}

ASSIGNED = re.compile(r"(\w+)\.(\w+) = row\.(\w+)\b")
BOUND = re.compile(r"\((\w+):(\w+)\b")
SAMPLES = {"STRING": "mission-1", "INT64": 1, "DOUBLE": 1.5, "DATE": "2024-03-01"}


def sample_row(statement: str) -> Row:
    """One row holding every field ``statement`` reads, each of the type it is stored as."""
    labels = dict(BOUND.findall(statement))
    row: Row = {field: "mission-1" for field in re.findall(r"row\.(\w+)", statement)}
    for variable, prop, field in ASSIGNED.findall(statement):
        kind = NODES.get(labels.get(variable, ""), {}).get(prop, "STRING")
        row[field] = SAMPLES.get(kind, "mission-1")
    for field in re.findall(r"date\(row\.(\w+)\)", statement):
        row[field] = SAMPLES["DATE"]
    return row


def scanned(store: EmbeddedGraphStore, statement: str) -> set[str]:
    query, parameters = as_columns(statement, [sample_row(statement)])
    plan = "".join(
        str(v) for row in store.read("EXPLAIN " + query, parameters) for v in row.values()
    )
    return {
        t.strip() for found in re.findall(r"Tables: ([\w, ]+?)\s*│", plan) for t in found.split(",")
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedGraphStore]:
    graph = EmbeddedGraphStore(Path(tmp_path_factory.mktemp("plans")) / "graph.lbug")
    graph.setup()
    yield graph
    graph.close()


def test_the_plan_names_the_tables_a_statement_scans(store: EmbeddedGraphStore) -> None:
    """The reading of plans the other tests rely on: two MATCH clauses in a row scan both
    tables; a WITH between them makes each a lookup by key."""
    in_a_row = """
UNWIND $rows AS row
MATCH (m:Mission {id: row.mission_id})
MATCH (i:Iteration {id: row.id})
RETURN m.id, i.id
"""
    assert scanned(store, in_a_row) == {"Mission", "Iteration"}
    assert scanned(store, in_a_row.replace("\nMATCH (i", "\nWITH m, row\nMATCH (i")) == set()


@pytest.mark.parametrize(
    "kind", [k for k in WriteKind if k not in MAY_SCAN], ids=lambda kind: kind.name
)
def test_a_projection_write_scans_no_table_that_grows_with_the_record(
    store: EmbeddedGraphStore, kind: WriteKind
) -> None:
    assert scanned(store, kind.statement) & (GROWING | GROWING_RELATIONSHIPS) == set()
