"""Errors raised by the graph side; :class:`GraphError` is the root."""

from __future__ import annotations


class GraphError(Exception):
    """Root of every error the ``graph`` package raises on purpose."""


class GraphUnavailable(GraphError):
    """The graph store cannot be reached or opened (down, locked by another process...)."""


class ProjectionLagging(GraphError):
    """The projector did not reach a position in time; the events are stored regardless."""
