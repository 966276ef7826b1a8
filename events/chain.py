"""The hash chain that makes the record tamper-evident.

Each stored event carries ``{"previous": ..., "hash": ...}``: a SHA-256 over the hash of the
event before it in the same city or mission and over its own content (aggregate id, version,
topic and stored state, as canonical JSON). The chain is per aggregate, so that commands on
different missions never wait for one another; a running digest over all hashes in log order
gives the whole record one head, which can be exported and later checked.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder

from events.storage.log_rows import LogRow, LogRows

GENESIS = "0" * 64
CHAIN = "_chain"


# The canonical JSON: keys sorted at every level, no spaces, text as it is.
CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_TOPICS: dict[str, str] = {}  # each topic as canonical JSON


def event_hash(
    previous: str, originator_id: UUID | str, version: int, topic: str, state: dict[str, Any]
) -> str:
    return hash_of_canonical(previous, originator_id, version, topic, CANONICAL.encode(state))


def hash_of_canonical(
    previous: str, originator_id: UUID | str, version: int, topic: str, canonical_state: str
) -> str:
    """The hash of an event whose state is already written as canonical JSON: the canonical
    JSON of ``{"id", "version", "topic", "state"}`` is that text with the other three around
    it, in sorted order, so the state need not be written a second time."""
    written = _TOPICS.get(topic)
    if written is None:
        written = _TOPICS[topic] = CANONICAL.encode(topic)
    # A UUID's text and an int are written as they are; a topic once per kind of event.
    if isinstance(originator_id, UUID):
        ident = f'"{originator_id}"'
    else:
        ident = CANONICAL.encode(originator_id)
    content = (
        f'{{"id":{ident},"state":{canonical_state},"topic":{written},"version":{int(version)}}}'
    )
    return hashlib.sha256((previous + content).encode()).hexdigest()


def extend(digest: str, event_digest: str) -> str:
    """The running digest of the whole record, one event further."""
    return hashlib.sha256((digest + event_digest).encode()).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    """The state of the whole record at one position: a copy can later be proven a prefix."""

    position: int
    events: int
    digest: str


@dataclass(frozen=True)
class Break:
    position: int
    originator_id: str
    version: int
    problem: str


@dataclass
class ChainReport:
    head: ChainHead
    broken: Break | None = None
    checked_against: ChainHead | None = None
    versions: dict[str, tuple[int, str]] = field(default_factory=dict, repr=False)

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify_chain(
    rows: Callable[[int], Sequence[LogRow]],
    against: ChainHead | None = None,
    progress: Callable[[int], None] | None = None,
) -> ChainReport:
    """Recompute every hash in log order; stop at the first event that does not fit.

    ``rows(after)`` returns the next page of the log's rows after a position.
    """
    report = ChainReport(ChainHead(0, 0, GENESIS), checked_against=against)
    digest, events, position = GENESIS, 0, 0
    while page := rows(position):
        for row in page:
            at, originator_id, version, _, _ = row
            problem = _check(row, report.versions)
            if problem is not None:
                report.broken = Break(at, str(originator_id), version, problem)
                report.head = ChainHead(position, events, digest)
                return report
            digest, events, position = (
                extend(digest, report.versions[str(originator_id)][1]),
                events + 1,
                at,
            )
            if against is not None and position == against.position and digest != against.digest:
                report.broken = Break(
                    at,
                    str(originator_id),
                    version,
                    "the record up to here differs from the exported head",
                )
                report.head = ChainHead(position, events, digest)
                return report
        if progress is not None:
            progress(position)
    report.head = ChainHead(position, events, digest)
    if against is not None and (position < against.position or events < against.events):
        report.broken = Break(
            position,
            "",
            0,
            f"the record ends before the exported head (position {against.position})",
        )
    return report


def verify_log(
    recorder: ApplicationRecorder,
    against: ChainHead | None = None,
    progress: Callable[[int], None] | None = None,
    page: int = 5000,
) -> ChainReport:
    """The chain of the whole log, as ``mission-atlas verify`` and the audit page check it:
    the log read as its rows, ``page`` at a time, to whatever is stored when it gets there."""
    reader = LogRows(recorder)
    return verify_chain(lambda after: reader.after(after, page), against, progress)


def _check(row: LogRow, versions: dict[str, tuple[int, str]]) -> str | None:
    _, originator_id, version, topic, stored = row
    try:
        state = json.loads(stored)
        chain = state.pop(CHAIN)
        previous, claimed = chain["previous"], chain["hash"]
    except (ValueError, KeyError, TypeError):
        return "the stored event is unreadable or carries no hash: it was altered"
    last_version, last_hash = versions.get(str(originator_id), (0, GENESIS))
    if version != last_version + 1:
        return (
            f"version {version} follows version {last_version}: an event was removed or reordered"
        )
    if previous != last_hash:
        return "it does not follow the event before it: an event was removed, swapped or altered"
    if event_hash(previous, originator_id, version, topic, state) != claimed:
        return "its content does not match its hash: it was changed after it was recorded"
    versions[str(originator_id)] = (version, claimed)
    return None
