"""The domain's closed vocabularies, exposed as GraphQL enums."""

from __future__ import annotations

import strawberry

from events.vocabulary import IndicatorKind, MissionStatus, Result, Sector

strawberry.enum(Result, description="How an iteration turned out.")
strawberry.enum(Sector, description="The part of society a mission partner comes from.")
strawberry.enum(MissionStatus, description="Where a mission stands.")
strawberry.enum(IndicatorKind, description="What an outcome indicator measures.")

__all__ = ["IndicatorKind", "MissionStatus", "Result", "Sector"]
