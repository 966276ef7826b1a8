"""Reads of the graph run off the event loop, in a pool of threads of their own: both store
drivers block.

``loop.run_in_executor`` on a plain ``ThreadPoolExecutor`` rather than anyio's
``to_thread.run_sync``: anyio's hop checks a capacity limiter, opens a cancel scope and copies
the context on every call, and took twice the CPU and 2.7× the time of this one per read
(0.17 against 0.08 ms of CPU, under load; issue 12). A read does not look at context
variables. A request cancelled while its read runs no longer waits for the read to end; the
read's thread finishes it and its answer is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# As many as anyio lent before: its default limit of worker threads.
_pool = ThreadPoolExecutor(max_workers=40, thread_name_prefix="graph-read")


async def off_loop(fetch: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fetch(*args, **kwargs)`` in a thread of the pool, awaited on the running loop."""
    return await asyncio.get_running_loop().run_in_executor(_pool, partial(fetch, *args, **kwargs))
