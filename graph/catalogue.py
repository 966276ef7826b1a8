"""The approach catalogue as graph writes, so every store starts with the same concepts."""

from __future__ import annotations

from events.catalogue import APPROACHES, CAPABILITIES
from graph import cypher
from graph.port import Write


def catalogue_writes() -> list[Write]:
    return [
        Write(
            cypher.UPSERT_CAPABILITIES,
            [
                {"id": k.id, "label": k.label, "definition": k.definition}
                for k in CAPABILITIES.values()
            ],
        ),
        Write(
            cypher.UPSERT_APPROACHES,
            [
                {
                    "id": a.id,
                    "label": a.label,
                    "definition": a.definition,
                    "capability": a.capability,
                }
                for a in APPROACHES.values()
            ],
        ),
    ]
