"""Errors raised by the graph side; :class:`GraphError` is the root."""

from __future__ import annotations


class GraphError(Exception):
    """Root of every error the ``graph`` package raises on purpose."""


class GraphUnavailable(GraphError):
    """The graph store cannot be reached or opened (down, locked by another process...)."""


class GraphLocked(GraphUnavailable):
    """Another process holds the embedded graph's file: only one may open it at a time."""

    def __init__(self, message: str, holder: int | None) -> None:
        super().__init__(message)
        self.holder = holder  # the holding process's id, when the store names it


class GraphDamaged(GraphError):
    """The embedded graph's file cannot be read as a graph. Waiting will not help; building it
    again from the events will (``mission-atlas rebuild``)."""


class ProjectionFailed(GraphError):
    """A batch could not be projected for a reason other than an unreachable store (a bug,
    a value the store refused). The graph stays at its last consistent position."""

    def __init__(self, after: int, cause: BaseException) -> None:
        super().__init__(f"projecting the events after position {after} failed: {cause}")
        self.after = after
        self.cause = cause


class ProjectionLagging(GraphError):
    """The projector did not reach a position in time; the events are stored regardless."""
