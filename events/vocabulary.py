"""The closed lists of values that commands and events may carry."""

from __future__ import annotations

from enum import StrEnum


class Result(StrEnum):
    """How an iteration turned out."""

    WORKED = "worked"
    DID_NOT_WORK = "did_not_work"
    MIXED = "mixed"


class Sector(StrEnum):
    """The part of society a mission partner comes from."""

    BUSINESS = "business"
    ACADEMIA = "academia"
    CIVIL_SOCIETY = "civil_society"
    PUBLIC_BODY = "public_body"
    RESIDENTS = "residents"


class MissionStatus(StrEnum):
    """Where a mission stands; ``renewed`` marks a mission taken up again after a pause, a halt
    or a closing. ``halted``, ``achieved`` and ``closed`` end a mission, each with its reason."""

    ACTIVE = "active"
    PAUSED = "paused"
    HALTED = "halted"
    ACHIEVED = "achieved"  # the goal was met: the mission ends in success
    CLOSED = "closed"  # ended for another reason (merged into another, made obsolete...)
    RENEWED = "renewed"


class IndicatorKind(StrEnum):
    """What an outcome indicator measures.

    Missions are judged by capacity built and net impact, not only by units delivered.
    """

    CAPACITY = "capacity"
    NET_IMPACT = "net_impact"
    UNITS_DELIVERED = "units_delivered"
    OTHER = "other"


class Role(StrEnum):
    """What an API token may do: record for one city's missions, or for every city."""

    EDITOR = "editor"
    ADMIN = "admin"
