"""The catalogue of approaches a mission can adopt.

Grouped under the four capabilities that Mazzucato's "Mission Critical" report asks of
governments (as summarised in the seed article, Bloomberg Cities, 20 June 2024). Cities are
linked through the approaches, and more loosely through the capabilities, that they share.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Capability:
    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class Approach:
    id: str
    label: str
    capability: str
    definition: str


BUDGET_AND_ACCOUNTABILITY = Capability(
    "long-term-budget-and-accountability",
    "Long-term budget and accountability frameworks",
    "Funding and accountability mechanisms that match a mission's time horizon, so that work "
    "can iterate and learn instead of being shelved at the first roadblock or the next election.",
)
ORCHESTRATION = Capability(
    "city-as-orchestrator",
    "The city as orchestrator",
    "A light-touch government role that sets guideposts and convenes actors from every sector "
    "around a shared purpose, rather than prescribing each element from the top down.",
)
STORYTELLING = Capability(
    "storytelling",
    "Storytelling capacity",
    "Keeping public support over the long term by connecting small, visible changes to the "
    "transformation they add up to.",
)
INVESTMENT_AND_PROCUREMENT = Capability(
    "mission-aligned-investment-and-procurement",
    "Mission-aligned investment and procurement",
    "Directing public investment and purchasing so that they pull in the direction of the "
    "mission's goals.",
)

CAPABILITIES: dict[str, Capability] = {
    c.id: c
    for c in (BUDGET_AND_ACCOUNTABILITY, ORCHESTRATION, STORYTELLING, INVESTMENT_AND_PROCUREMENT)
}

APPROACHES: dict[str, Approach] = {
    a.id: a
    for a in (
        Approach(
            "multi-year-budget",
            "Multi-year mission budget",
            BUDGET_AND_ACCOUNTABILITY.id,
            "A budget that covers several years, so that an incoming administration inherits "
            "funded work rather than a reason to stop it.",
        ),
        Approach(
            "capacity-and-net-impact-indicators",
            "Capacity and net-impact indicators",
            BUDGET_AND_ACCOUNTABILITY.id,
            "Judging a mission by the capacity it builds and its net impact instead of a "
            "short-term count of units delivered.",
        ),
        Approach(
            "cross-sector-alliance",
            "Cross-sector alliance",
            ORCHESTRATION.id,
            "A standing alliance the city convenes with companies, academia, civil society and "
            "residents around the mission.",
        ),
        Approach(
            "challenge-groups",
            "Challenge groups",
            ORCHESTRATION.id,
            "Cross-sector partnerships, each focused on one part of the mission, that draw "
            "organisations outside government into delivering it.",
        ),
        Approach(
            "catalyst-projects",
            "Catalyst projects and system demonstrators",
            STORYTELLING.id,
            "Small-scale prototypes that make a bold goal tangible to residents along the way "
            "and give the mission stories to tell.",
        ),
        Approach(
            "engagement-kit",
            "Community engagement kit",
            STORYTELLING.id,
            "A fund or toolkit for engagement activities that bring residents with diverse "
            "interests into the mission and help them see its steps.",
        ),
        Approach(
            "outcome-based-procurement",
            "Outcome-based procurement",
            INVESTMENT_AND_PROCUREMENT.id,
            "Buying against the outcomes or impacts a mission seeks rather than against a "
            "fixed specification of requirements.",
        ),
        Approach(
            "demand-creating-contracts",
            "Long-term contracts that create demand",
            INVESTMENT_AND_PROCUREMENT.id,
            "Long-term public contracts that create a market for the products a mission needs, "
            "such as clean-energy products.",
        ),
        Approach(
            "community-wealth-fund",
            "Community wealth fund",
            INVESTMENT_AND_PROCUREMENT.id,
            "Loans and investment for local businesses whose practices serve the mission, with "
            "residents involved in deciding where awards go.",
        ),
    )
}
