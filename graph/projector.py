"""The projector: follows the notification log and applies it to a graph store in batches.

Its position lives in the graph, written in the same transaction as each batch, so after a
crash it resumes exactly where the graph is. SQLite cannot push notifications, so the
projector polls; a command that needs to read its own write calls :meth:`Projector.catch_up`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

from events.application import MissionAtlas
from events.notification_log import each_decoded
from events.references import resolved
from events.storage.log_rows import LogRows
from graph import model
from graph.errors import GraphError, GraphUnavailable, ProjectionFailed, ProjectionLagging
from graph.port import GraphStore, Write
from graph.projection import Names, batch_writes, replayed
from graph.pseudonyms import pseudonymised
from graph.reads.events import EventRow, written_event

# How far a catch-up has got: the position reached, and the one it is heading for.
Progress = Callable[[int, int | None], None]

log = logging.getLogger(__name__)

PROJECTION = "graph"
# The Projection row whose position is the version of the graph model the graph was built by.
MODEL_STAMP = "graph-model"

# Events per batch, at most: a batch is one transaction. Following the log, a batch holds the
# few events just stored; catching up (a rebuild, a first start on a long record) it is full.
# Part of a statement's cost in the embedded store grows with the graph, not with the batch
# (links from missions: 1,000 events' RECORDED links took 50 ms on a 10,000-event graph and
# 450 ms on a 200,000-event one): 5,000 events per batch pay it a fifth as often as 1,000 did.
BATCH_SIZE = 5000


class Projector:
    def __init__(self, app: MissionAtlas, store: GraphStore, batch_size: int = BATCH_SIZE) -> None:
        self.app = app
        self.store = store
        self.batch_size = batch_size
        self._names = Names()
        self._rows = LogRows(app.recorder)
        self._lock = threading.Lock()
        # The last failure to project, until a batch goes through again: shown by /health.
        self.failure: ProjectionFailed | None = None
        # Told of the events of each batch once it is committed (e.g. the API's feed).
        self.listeners: list[Callable[[Sequence[EventRow]], None]] = []
        # The last position this projector applied or told its listeners of; None until it
        # first catches up (listeners hear of what is projected after that).
        self._told: int | None = None

    @property
    def position(self) -> int:
        return self.store.position(PROJECTION)

    @property
    def outdated(self) -> bool:
        """Whether the graph holds events projected by another version of the graph model, or
        has tables an older model made (whatever its stamp says: it cannot hold this one's)."""
        stamped = self.position > 0 and self.store.position(MODEL_STAMP) != model.VERSION
        return stamped or bool(self.store.missing_properties())

    def _stamp(self) -> None:
        stamped = self.store.position(MODEL_STAMP)
        if stamped != model.VERSION:
            self.store.apply([], MODEL_STAMP, stamped, model.VERSION)

    def catch_up(
        self,
        until: int | None = None,
        stop: threading.Event | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Apply every stored event not yet in the graph (or at least up to ``until``), or
        until ``stop`` is set: each batch is committed with its position, so stopping
        between two batches leaves nothing half done.

        The next batch is read and decoded in a second thread while the current one is
        written, so the event store and the graph store work at the same time.
        ``progress`` is told the position after each batch. Once it has applied what there
        was (or was stopped), the store is told it has caught up.
        """
        with self._lock, ThreadPoolExecutor(1, thread_name_prefix="projector-read") as reader:
            position = self._start()
            if position == 0:  # a new graph: built by this version of the model
                self._stamp()
            ahead = reader.submit(self._read, position)
            target = None if progress is None else until or self.app.last_position
            while (until is None or position < until) and not (stop and stop.is_set()):
                batch = self._result(ahead, position)
                if batch is None:
                    self.failure = None
                    break
                last, writes = batch
                ahead = reader.submit(self._read, last)
                if self._apply(writes, position, last):
                    position = last
                    self._tell(writes)
                else:
                    log.info("batch after %d was applied elsewhere; re-reading position", position)
                    ahead.cancel()
                    position = self._applied_elsewhere(writes, position, last)
                    ahead = reader.submit(self._read, position)
                self._told = position
                if progress is not None:
                    progress(position, target)
            self.store.caught_up()
            return position

    def _start(self) -> int:
        """Where a catch-up starts: the graph's position, or, for a projector with listeners,
        the last event it told them of if another process has projected beyond it since."""
        position = self.store.position(PROJECTION)
        if self.listeners and self._told is not None and self._told < position:
            return self._told
        return position

    def _applied_elsewhere(self, writes: Sequence[Write], after: int, last: int) -> int:
        """The graph was not at ``after``: where to go on from.

        When another process (the projector service, another API worker) got there first,
        the events are in the graph all the same: this projector's listeners hear of those
        of the batch, and it goes on from the last one without writing them again."""
        now = self.store.position(PROJECTION)
        if now <= after:
            return now  # the graph was cleared or rebuilt: project again from there
        self._tell(writes, up_to=now)
        return min(now, last)

    def _result(
        self, ahead: Future[tuple[int, list[Write]] | None], after: int
    ) -> tuple[int, list[Write]] | None:
        try:
            return ahead.result()
        except GraphUnavailable as error:
            self.failure = ProjectionFailed(after, error)
            raise
        except Exception as error:
            raise self._failed(after, error, f"reading the events after {after} failed") from error

    def _apply(self, writes: Sequence[Write], after: int, last: int) -> bool:
        try:
            applied = self.store.apply(writes, PROJECTION, after, last)
        except GraphUnavailable as error:
            self.failure = ProjectionFailed(after, error)
            raise
        except Exception as error:
            # Never let one batch take the process down with it: the graph keeps its last
            # consistent position, readers keep reading it, and the error is reported.
            raise self._failed(
                after, error, f"projecting events {after + 1}..{last} failed"
            ) from error
        self.failure = None
        return applied

    def _failed(self, after: int, error: Exception, what: str) -> ProjectionFailed:
        """Record a failure; log its traceback the first time, and one line on each retry
        that fails the same way, so a stuck projector does not flood the log."""
        failure = ProjectionFailed(after, error)
        if self.failure is not None and str(self.failure) == str(failure):
            log.warning("%s again: %s", what, error)
        else:
            log.exception(what)
        self.failure = failure
        return failure

    def _tell(self, writes: Sequence[Write], up_to: int | None = None) -> None:
        if not self.listeners:
            return
        events = [
            written_event(resolved(row, self.app.people))  # listeners are readers: they see names
            for w in writes
            if w.kind is not None and w.kind.creates == "Event"
            for row in w.rows
            if up_to is None or int(row["position"]) <= up_to
        ]
        events.sort(key=lambda event: event.position)
        for listener in self.listeners:
            try:
                listener(events)
            except Exception:
                log.exception("a projection listener failed; the graph is written regardless")

    def _read(self, after: int) -> tuple[int, list[Write]] | None:
        """The writes for the batch of events after position ``after``, and its last position."""
        events = list(each_decoded(self.app, self._rows.after(after, self.batch_size)))
        if not events:
            return None
        self._names.learn(self.store, [e for _, e in events])
        writes = batch_writes(events, self._names, replayed(self.app))
        return events[-1][0], pseudonymised(writes, self.app.people)

    def wait_for(self, position: int, timeout: float = 10.0) -> None:
        """Catch up until ``position`` is in the graph, retrying while the store is down."""
        deadline = time.monotonic() + timeout
        delay = 0.05
        while True:
            try:
                if self.catch_up(until=position) >= position:
                    return
            except ProjectionFailed as error:
                # Retrying at once would fail the same way: the caller learns it now.
                raise ProjectionLagging(f"the graph cannot show event {position} yet") from error
            except GraphError as error:
                log.warning("projection to %d failed, retrying: %s", position, error)
            if time.monotonic() + delay > deadline:
                raise ProjectionLagging(
                    f"the graph has not caught up to event {position} within {timeout:.0f}s"
                )
            time.sleep(delay)
            delay = min(delay * 2, 1.0)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Hold projection off (a batch in hand is finished first), so that whoever reads
        the graph inside the block sees it at one position throughout."""
        with self._lock:
            yield

    def rebuild(self, progress: Progress | None = None) -> int:
        """Drop the graph and project it again from the first event."""
        with self._lock:
            self.store.clear()
            self.store.setup()
            self._names = Names()
        return self.catch_up(progress=progress)

    def run(
        self,
        stop: threading.Event,
        interval: float = 0.5,
        max_backoff: float = 10.0,
        progress: Progress | None = None,
    ) -> None:
        """Poll until ``stop`` is set, backing off while the graph store is unavailable."""
        delay = interval
        while not stop.is_set():
            try:
                self.catch_up(stop=stop, progress=progress)
                delay = interval
            except GraphError as error:
                log.warning("projector paused (retrying in %.1fs): %s", delay, error)
                delay = min(delay * 2, max_backoff)
            except Exception:
                log.exception("projector failed (retrying in %.1fs)", delay)
                delay = min(delay * 2, max_backoff)
            stop.wait(delay)
