"""Long streamed answers (the RDF export) that stop when their client goes or the server stops.

A whole record takes minutes to write. Starlette cancels a streaming response when the client
disconnects, but uvicorn, stopping, waits for every open response to finish: an export to a
slow client would hold the shutdown for as long as the client cared to read. So each stream
also watches the server's stop signal, and every stream says in the log how it ended. What a
stopped stream had already queued for a client that no longer reads is dropped when `serve`'s
shutdown grace runs out.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import anyio
from anyio import to_thread
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

log = logging.getLogger(__name__)
log.setLevel(logging.INFO)  # how each stream ended is worth a line even when the rest is quiet
WATCH_SECONDS = 0.1  # how often an open stream looks at the stop signal


@dataclass
class Streams:
    """The process's open streams, and whether it is stopping."""

    stopping: threading.Event = field(default_factory=threading.Event)
    open: int = 0

    @contextmanager
    def stop_on_signals(self) -> Iterator[None]:
        """While open, SIGINT and SIGTERM also tell the streams to stop, before the server's
        own handler (uvicorn's) begins its graceful shutdown."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

        def stop(sig: int, frame: FrameType | None) -> None:
            self.stopping.set()
            handler = previous[signal.Signals(sig)]
            if callable(handler):
                handler(sig, frame)
            elif handler == signal.SIG_DFL and sig == signal.SIGINT:
                raise KeyboardInterrupt

        for sig in previous:
            signal.signal(sig, stop)
        try:
            yield
        finally:
            for sig, handler in previous.items():
                if signal.getsignal(sig) is stop:
                    signal.signal(sig, handler)

    def response(
        self, chunks: Iterator[str], media_type: str, headers: dict[str, str], what: str
    ) -> StreamingResponse:
        return _Stream(self, chunks, what, media_type=media_type, headers=headers)


class _Stream(StreamingResponse):
    def __init__(self, streams: Streams, chunks: Iterator[str], what: str, **kw: Any) -> None:
        self.streams, self.chunks, self.what = streams, chunks, what
        self.sent, self.complete = 0, False
        super().__init__(self._produce(), **kw)

    async def _produce(self) -> Any:
        end = object()
        while (chunk := await to_thread.run_sync(next, self.chunks, end)) is not end:
            self.sent += 1
            yield chunk
        self.complete = True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        streams = self.streams
        streams.open += 1
        try:
            async with anyio.create_task_group() as group:

                async def watch() -> None:
                    while not streams.stopping.is_set():
                        await anyio.sleep(WATCH_SECONDS)
                    group.cancel_scope.cancel()

                group.start_soon(watch)
                await super().__call__(scope, receive, send)
                group.cancel_scope.cancel()
        finally:
            ended = (
                "complete"
                if self.complete
                else "the server is stopping"
                if streams.stopping.is_set()
                else "the client left"
            )
            streams.open -= 1
            _close(self.chunks)
            log.info("%s: stopped after %d chunks (%s)", self.what, self.sent, ended)


def _close(chunks: Iterator[str]) -> None:
    """Stop the writer and the export under it (their generators end here, not at the next
    garbage collection). The worker thread has returned: ``run_sync`` waits for it."""
    close: Callable[[], None] | None = getattr(chunks, "close", None)
    if close is not None:
        with suppress(ValueError):
            close()
