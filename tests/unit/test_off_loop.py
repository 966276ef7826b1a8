"""A read runs in a thread of its own, off the event loop, and its caller gets its answer or
its error."""

from __future__ import annotations

import asyncio
import threading

import pytest

from api.graphql.off_loop import off_loop


def where_and(value: int) -> tuple[int, int]:
    return threading.get_ident(), value


def refuse() -> None:
    raise LookupError("no such city")


def test_a_read_runs_off_the_loop_and_answers() -> None:
    thread, value = asyncio.run(off_loop(where_and, 7))
    assert (thread != threading.get_ident(), value) == (True, 7)


def test_a_reads_error_reaches_its_caller() -> None:
    with pytest.raises(LookupError, match="no such city"):
        asyncio.run(off_loop(refuse))
