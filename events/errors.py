"""Errors raised by the event side of Mission Atlas.

Every error derives from :class:`AtlasError`, so an entry point can translate the whole family
in one place. Each carries the name of the input field it concerns (when there is one) and a
problem statement written for the person who sent the command.
"""

from __future__ import annotations


class AtlasError(Exception):
    """Root of every error the ``events`` package raises on purpose."""

    def __init__(self, problem: str, field: str | None = None) -> None:
        self.problem = problem
        self.field = field
        super().__init__(f"{field}: {problem}" if field else problem)


class InvalidInput(AtlasError):
    """A command was malformed: a missing field, a wrong type, a value outside its range."""


class RuleViolated(AtlasError):
    """A command was well formed but would break an invariant of the mission record."""


class NotFound(AtlasError):
    """A command or query named a city, mission or item that has not been recorded."""


class AlreadyExists(AtlasError):
    """A command tried to create something that has already been recorded."""


class Conflict(AtlasError):
    """The record changed since the caller read it (optimistic concurrency)."""


class EventStoreUnavailable(AtlasError):
    """The event store could not be reached or refused the write; nothing was stored."""
