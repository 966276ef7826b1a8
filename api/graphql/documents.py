"""Query documents parsed and validated off the event loop, and kept by their text.

A document just under the body limit takes up to half a second to parse (a megabyte-long
string argument, say). On the event loop that would stall every other request and /health
with it, so parsing and validation run in worker threads of their own, at most
``WORKERS`` at a time, so that they never take the threads that resolvers and /health use.
A valid document is kept for the next request with the same text, which then needs no thread
at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from anyio import CapacityLimiter, to_thread
from anyio.lowlevel import RunVar
from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    parse,
)
from graphql.validation.validate import ValidationAbortedError
from strawberry.schema.schema import validate_document

from api.graphql.limits import MAX_TOKENS, refusals

DOCUMENTS_CACHED = 512
# Longer texts are checked each time rather than kept: 512 of a megabyte each would hold
# half a gigabyte, and no client of ours sends the same long document twice.
CACHEABLE_LENGTH = 20_000
WORKERS = 2

_workers: RunVar[CapacityLimiter] = RunVar("document_workers")


def _limiter() -> CapacityLimiter:
    """One limiter per event loop (anyio's own default limiter is kept the same way)."""
    try:
        return _workers.get()
    except LookupError:
        limiter = CapacityLimiter(WORKERS)
        _workers.set(limiter)
        return limiter


@dataclass(frozen=True)
class Checked:
    """A document parsed and validated, or the syntax error that stopped it."""

    document: DocumentNode | None
    syntax_error: GraphQLError | None = None
    refusals: list[GraphQLError] = field(default_factory=list)


VALIDATION_ABORTED = (
    "validation stopped: checking this document for conflicting fields or through its "
    "fragments needs more work than graphql-core allows (500,000 comparisons, 50,000 fragment "
    "steps); send a smaller document"
)


def _explained(error: GraphQLError) -> GraphQLError:
    """graphql-core's budgets end validation with a bare "Validation aborted."; say which."""
    if isinstance(error, ValidationAbortedError) and error.message == "Validation aborted.":
        return GraphQLError(
            VALIDATION_ABORTED, extensions={"code": "LIMIT_EXCEEDED", "limit": "validation"}
        )
    return error


def check(schema: GraphQLSchema, query: str, rules: Sequence[type[ASTValidationRule]]) -> Checked:
    """Parse within the token limit; refuse by the limits, and only then run the
    specification's rules, so that an abusive document costs no more than reading it."""
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLError as error:
        return Checked(None, syntax_error=error)
    refused = refusals(document) or [
        _explained(e) for e in validate_document(schema, document, tuple(rules))
    ]
    return Checked(document, refusals=refused)


class _Kept:
    """A small least-recently-used store, safe to use from the loop and the workers."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[str, tuple[object, ...]], Checked] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, tuple[object, ...]]) -> Checked | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple[str, tuple[object, ...]], checked: Checked) -> None:
        with self._lock:
            self._entries[key] = checked
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


_kept = _Kept(DOCUMENTS_CACHED)


async def checked(
    schema: GraphQLSchema, query: str, rules: Sequence[type[ASTValidationRule]]
) -> Checked:
    key = (query, tuple(rules))
    found = _kept.get(key)
    if found is not None:
        return found
    result = await to_thread.run_sync(partial(check, schema, query, rules), limiter=_limiter())
    # Only valid documents are kept: those are the ones clients send again, and refused ones
    # would let an abusive client fill the store with objects that every full collection of
    # the garbage collector then walks (pauses of half a second were seen).
    if len(query) <= CACHEABLE_LENGTH and result.syntax_error is None and not result.refusals:
        _kept.put(key, result)
    return result
