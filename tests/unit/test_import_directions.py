"""Imports point one way: events imports none of the others; graph imports events; ontology
imports events (beside graph, both fed from the log); api sits on top and may import all.

Read from the source, so a new import against the grain fails here, naming the module and the
line, before anyone has to hold two directions in mind.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("events", "graph", "ontology", "api")
MAY_IMPORT = {
    "events": {"events"},
    "graph": {"events", "graph"},
    "ontology": {"events", "ontology"},
    "api": set(ROOMS),
}


def imported_rooms(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, n.split(".")[0]) for n in names if n.split(".")[0] in ROOMS]
    return found


@pytest.mark.parametrize("room", ROOMS)
def test_a_room_imports_only_the_rooms_below_it(room: str) -> None:
    against = [
        f"{path.relative_to(ROOT)}:{line} imports {other}"
        for path in sorted((ROOT / room).rglob("*.py"))
        for line, other in imported_rooms(path)
        if other not in MAY_IMPORT[room]
    ]
    assert against == []


def test_the_check_sees_an_import_against_the_grain(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import json\nfrom graph.port import GraphStore\nimport api.app\n")
    assert imported_rooms(module) == [(2, "graph"), (3, "api")]
