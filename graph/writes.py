"""The kinds of projection write, in the order a batch applies them.

A mapper says which kind of write a row belongs to; the kind knows its statement, and what
those who read a batch back need to know of it: the label of the nodes it creates or deletes
(verification counts them; the projector tells its listeners of the Event rows). Nobody
recognises a write by its query text.

The order is the members' order: a node is created before it is updated, an item is closed
after it is opened, and every event's own node comes last but one, before the marks of
retraction that name it.
"""

from __future__ import annotations

from enum import Enum, unique

from graph import cypher


@unique
class WriteKind(Enum):
    """One projection statement. ``creates`` and ``deletes`` name the label of the nodes it
    brings into being or withdraws, where it does."""

    def __init__(self, statement: str, creates: str | None = None, deletes: str | None = None):
        self.statement = statement
        self.creates = creates
        self.deletes = deletes

    UPSERT_CITIES = (cypher.UPSERT_CITIES, "City")
    BEGIN_ADMINISTRATIONS = (cypher.BEGIN_ADMINISTRATIONS, "Administration")
    END_ADMINISTRATIONS = (cypher.END_ADMINISTRATIONS,)
    UPSERT_MISSIONS = (cypher.UPSERT_MISSIONS, "Mission")
    SET_MISSION_HORIZONS = (cypher.SET_MISSION_HORIZONS,)
    ADOPT_APPROACHES = (cypher.ADOPT_APPROACHES,)
    CREATE_INSTRUMENTS = (cypher.CREATE_INSTRUMENTS, "Instrument")
    EXTEND_INSTRUMENTS = (cypher.EXTEND_INSTRUMENTS,)
    END_INSTRUMENTS = (cypher.END_INSTRUMENTS,)
    CREATE_PARTNERS = (cypher.CREATE_PARTNERS, "Partner")
    END_PARTNERSHIPS = (cypher.END_PARTNERSHIPS,)
    CREATE_DECISIONS = (cypher.CREATE_DECISIONS, "Decision")
    CREATE_ITERATIONS = (cypher.CREATE_ITERATIONS, "Iteration")
    CONCLUDE_ITERATIONS = (cypher.CONCLUDE_ITERATIONS,)
    CREATE_ROADBLOCKS = (cypher.CREATE_ROADBLOCKS, "Roadblock")
    LINK_DECISION_ROADBLOCKS = (cypher.LINK_DECISION_ROADBLOCKS,)
    RESOLVE_ROADBLOCKS = (cypher.RESOLVE_ROADBLOCKS,)
    CREATE_OUTCOMES = (cypher.CREATE_OUTCOMES, "Outcome")
    SET_OUTCOME_BASELINES = (cypher.SET_OUTCOME_BASELINES,)
    SET_OUTCOME_TARGETS = (cypher.SET_OUTCOME_TARGETS,)
    CREATE_SPILLOVERS = (cypher.CREATE_SPILLOVERS, "Spillover")
    SET_MISSION_STATUSES = (cypher.SET_MISSION_STATUSES,)
    CREATE_STATUS_CHANGES = (cypher.CREATE_STATUS_CHANGES, "StatusChange")
    CREATE_DECISION_LESSONS = (cypher.CREATE_DECISION_LESSONS, "Lesson")
    CREATE_ITERATION_LESSONS = (cypher.CREATE_ITERATION_LESSONS, "Lesson")
    # Corrections: withdrawing what an event did.
    DELETE_PARTNERS = (cypher.DELETE_ITEMS["Partner"], None, "Partner")
    DELETE_DECISIONS = (cypher.DELETE_ITEMS["Decision"], None, "Decision")
    DELETE_ITERATIONS = (cypher.DELETE_ITEMS["Iteration"], None, "Iteration")
    DELETE_ROADBLOCKS = (cypher.DELETE_ITEMS["Roadblock"], None, "Roadblock")
    DELETE_OUTCOMES = (cypher.DELETE_ITEMS["Outcome"], None, "Outcome")
    DELETE_SPILLOVERS = (cypher.DELETE_ITEMS["Spillover"], None, "Spillover")
    DELETE_LESSONS = (cypher.DELETE_ITEMS["Lesson"], None, "Lesson")
    DELETE_INSTRUMENTS = (cypher.DELETE_ITEMS["Instrument"], None, "Instrument")
    DELETE_STATUS_CHANGES = (cypher.DELETE_ITEMS["StatusChange"], None, "StatusChange")
    DELETE_ADMINISTRATIONS = (cypher.DELETE_ITEMS["Administration"], None, "Administration")
    REOPEN_ITERATIONS = (cypher.REOPEN_ITERATIONS,)
    REOPEN_ROADBLOCKS = (cypher.REOPEN_ROADBLOCKS,)
    REOPEN_ADMINISTRATIONS = (cypher.REOPEN_ADMINISTRATIONS,)
    RESUME_PARTNERSHIPS = (cypher.RESUME_PARTNERSHIPS,)
    CORRECT_MISSION_DETAILS = (cypher.CORRECT_MISSION_DETAILS,)
    UNADDRESS_THEMES = (cypher.UNADDRESS_THEMES,)
    ADDRESS_THEMES = (cypher.ADDRESS_THEMES,)
    DROP_CITY_THEMES = (cypher.DROP_CITY_THEMES,)
    DROP_UNADDRESSED_THEMES = (cypher.DROP_UNADDRESSED_THEMES,)
    RETHEME_LESSONS = (cypher.RETHEME_LESSONS,)
    CORRECT_CITY_DETAILS = (cypher.CORRECT_CITY_DETAILS,)
    SET_INSTRUMENT_TERMS = (cypher.SET_INSTRUMENT_TERMS,)
    DROP_MISSION_APPROACHES = (cypher.DROP_MISSION_APPROACHES,)
    DROP_CITY_APPROACHES = (cypher.DROP_CITY_APPROACHES,)
    # Bookkeeping of every event: its owner's version, its node on the timeline.
    SET_CITY_VERSIONS = (cypher.SET_CITY_VERSIONS,)
    SET_MISSION_VERSIONS = (cypher.SET_MISSION_VERSIONS,)
    CREATE_CITY_EVENTS = (cypher.CREATE_CITY_EVENTS, "Event")
    CREATE_MISSION_EVENTS = (cypher.CREATE_MISSION_EVENTS, "Event")
    MARK_RETRACTED_EVENTS = (cypher.MARK_RETRACTED_EVENTS,)
