"""Comparing the graph with the event store: does every event show, and nothing else?

The expected graph is computed from every stored event with the projector's own mapping; the
actual one is read back node by node. A graph that lags behind the event store does not match
it: events it does not show are reported missing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from events.application import MissionAtlas
from events.notification_log import event_pages
from graph import cypher
from graph.port import GraphStore
from graph.projection import Names, batch_writes, replayed
from graph.projector import PROJECTION, Progress
from graph.writes import WriteKind

# The labels of the nodes the projection creates: the ones compared.
LABELS = sorted({kind.creates for kind in WriteKind if kind.creates is not None})


@dataclass
class Difference:
    label: str
    missing: list[str]  # recorded in the event store, absent from the graph
    unexpected: list[str]  # in the graph, produced by no event


@dataclass
class Report:
    position: int  # the graph's projection position
    last_position: int  # the event store's latest position
    expected: dict[str, int] = field(default_factory=dict)  # nodes per label
    actual: dict[str, int] = field(default_factory=dict)
    kinds_expected: Counter[str] = field(default_factory=Counter)
    kinds_actual: Counter[str] = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)

    @property
    def lag(self) -> int:
        return self.last_position - self.position

    @property
    def consistent(self) -> bool:
        return self.lag == 0 and not self.differences and self.kinds_expected == self.kinds_actual

    def as_json(self) -> dict[str, Any]:
        """The report as plain JSON values, for a process that asks another to compare."""
        return {
            "position": self.position,
            "last_position": self.last_position,
            "expected": self.expected,
            "actual": self.actual,
            "kinds_expected": dict(self.kinds_expected),
            "kinds_actual": dict(self.kinds_actual),
            "differences": [asdict(difference) for difference in self.differences],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        return cls(
            position=int(data["position"]),
            last_position=int(data["last_position"]),
            expected={label: int(n) for label, n in data["expected"].items()},
            actual={label: int(n) for label, n in data["actual"].items()},
            kinds_expected=Counter(data["kinds_expected"]),
            kinds_actual=Counter(data["kinds_actual"]),
            differences=[Difference(**difference) for difference in data["differences"]],
        )


def _expected(
    app: MissionAtlas, store: GraphStore, upto: int, page: int, progress: Progress | None
) -> tuple[dict[str, set[str]], Counter[str]]:
    ids: dict[str, set[str]] = defaultdict(set)
    kinds: Counter[str] = Counter()
    names = Names()
    for events in event_pages(app, size=page, upto=upto):
        names.learn(store, [e for _, e in events])
        for write in batch_writes(events, names, replayed(app)):
            assert write.kind is not None  # every projection write has one
            label, withdrawn = write.kind.creates, write.kind.deletes
            if label is not None:
                ids[label].update(row["id"] for row in write.rows)
            if withdrawn is not None:
                ids[withdrawn].difference_update(row["id"] for row in write.rows)
            if label == "Event":
                kinds.update(row["kind"] for row in write.rows)
        if progress is not None:
            progress(events[-1][0], upto)
    return ids, kinds


def verify_graph(
    app: MissionAtlas, store: GraphStore, page: int = 5000, progress: Progress | None = None
) -> Report:
    report = Report(position=store.position(PROJECTION), last_position=app.last_position)
    expected, report.kinds_expected = _expected(app, store, report.last_position, page, progress)
    for label in LABELS:
        actual = {row["id"] for row in store.read(cypher.NODE_IDS.format(label=label))}
        report.expected[label], report.actual[label] = len(expected[label]), len(actual)
        missing, unexpected = expected[label] - actual, actual - expected[label]
        if missing or unexpected:
            report.differences.append(Difference(label, sorted(missing), sorted(unexpected)))
    report.kinds_actual = Counter({row["kind"]: row["n"] for row in store.read(cypher.EVENT_KINDS)})
    return report
