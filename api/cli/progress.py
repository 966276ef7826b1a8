"""How far a long command has got, on standard error: standard output stays data (``export``
writes RDF there). A bar on a terminal; when stderr is a pipe or a file, a plain line every
few seconds and one at the end, which a log or a CI job can read."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# done, and the total when known.
Report = Callable[[int, int | None], None]

PLAIN_EVERY = 2.0  # seconds between two plain lines


class _Lines:
    """Plain lines, at most one per ``every`` seconds: callers may report every batch, and
    the cost of a report that prints nothing is one clock read."""

    def __init__(self, console: Console, verb: str, noun: str, every: float) -> None:
        self.console, self.verb, self.noun, self.every = console, verb, noun, every
        self.done, self.shown = 0, 0  # nothing done, nothing to say (a quiet ``project``)
        self.total: int | None = None
        self.next_at = time.monotonic() + every

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total
        if time.monotonic() >= self.next_at:
            self.show()

    def show(self) -> None:
        of = "" if self.total is None else f" of {self.total:,}"
        self.console.print(f"{self.verb} {self.done:,}{of} {self.noun}", markup=False)
        self.shown, self.next_at = self.done, time.monotonic() + self.every

    def finish(self) -> None:
        if self.done != self.shown:
            self.show()


@contextmanager
def progress(
    verb: str,
    noun: str = "events",
    console: Console | None = None,
    every: float = PLAIN_EVERY,
    quiet: bool = False,
) -> Iterator[Report]:
    """A ``report(done, total)`` for the work inside the block, e.g. ``progress("exported")``
    prints "exported 40,000 of 200,000 events" when piped; ``quiet`` shows nothing."""
    console = console or Console(stderr=True, soft_wrap=True, highlight=False)
    if quiet:
        yield lambda done, total: None
        return
    if console.is_terminal:
        with Progress(
            TextColumn(verb),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(noun),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(verb, total=None)
            yield lambda done, total: bar.update(task, completed=done, total=total)
        return
    lines = _Lines(console, verb, noun, every)
    yield lines
    lines.finish()
