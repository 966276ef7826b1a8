"""Writers of the same city or mission within one process take turns.

Two writers that load the same aggregate at once both build on the same version, and the one
that saves second is refused by the event store and must load it again and start over: with
eight writers on one mission most of the work went that way. Waiting for the first writer
costs nothing the retry would not have cost. Writers in other processes still race, and the
event store's refusal still catches them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from uuid import UUID


class Turns:
    def __init__(self) -> None:
        self._locks: dict[UUID, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def taken(self, subjects: Iterable[UUID]) -> Iterator[None]:
        """Hold the turn of every subject; always in the same order, so that two writers
        of overlapping subjects cannot each hold one the other waits for."""
        with self._guard:
            locks = [self._locks.setdefault(s, threading.Lock()) for s in sorted(set(subjects))]
        with ExitStack() as held:
            for lock in locks:
                held.enter_context(lock)
            yield
