"""The feed of events the projector has just written to the graph, fanned out to the
subscriptions of this process.

The projector runs in worker threads and each subscription on the event loop, so events cross
over with ``call_soon_threadsafe``; a slow subscriber's queue is bounded and drops its oldest
news rather than holding the projector up.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from graph.reads.events import EventRow

QUEUE_SIZE = 1000


class EventFeed:
    def __init__(self) -> None:
        self._subscribers: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[EventRow]]] = set()
        self._lock = threading.Lock()

    def publish(self, rows: Sequence[EventRow]) -> None:
        """Called by the projector, from its thread, after each batch it wrote."""
        with self._lock:
            subscribers = list(self._subscribers)
        for loop, queue in subscribers:
            for row in rows:
                loop.call_soon_threadsafe(self._offer, queue, row)

    @staticmethod
    def _offer(queue: asyncio.Queue[EventRow], row: EventRow) -> None:
        if queue.full():
            queue.get_nowait()
        queue.put_nowait(row)

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[EventRow]]:
        entry = (asyncio.get_running_loop(), asyncio.Queue[EventRow](maxsize=QUEUE_SIZE))
        with self._lock:
            self._subscribers.add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                self._subscribers.discard(entry)
