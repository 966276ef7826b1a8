"""A small, fictional record with three administrations, for tests of lessons and transitions.

Springfield (three mayors) runs a retrofit mission that is paused by the second mayor and a
food mission halted by the third and later renewed; Shelbyville (one mayor) runs a transit
mission that shares an approach and a theme with Springfield's retrofit.
"""

from __future__ import annotations

from datetime import date

from events import commands as c
from events.dates import PartialDate
from events.vocabulary import IndicatorKind, MissionStatus, Result
from tests import factories as f

D = date.fromisoformat


def springfield_story() -> list[c.Command]:
    return [
        f.register_city("springfield"),
        f.register_city("shelbyville"),
        f.begin_term("springfield", "ada", D("2014-05-01"), mayor="Ada", party="Reform"),
        f.end_term("springfield", "ada", D("2018-04-30"), reason="election"),
        f.begin_term("springfield", "bo", D("2018-05-01"), mayor="Bo", party="Green"),
        f.end_term("springfield", "bo", D("2022-04-30"), reason="election"),
        f.begin_term("springfield", "cy", D("2022-05-01"), mayor="Cy", party="Blue"),
        f.begin_term("shelbyville", "dee", D("2016-05-01"), mayor="Dee"),
        # Retrofit: paused by the second mayor, continued by the third.
        f.launch("retrofit", "springfield", occurred_on=D("2015-01-10"), theme="climate"),
        f.adopt("retrofit", "capacity-and-net-impact-indicators", occurred_on=D("2015-01-10")),
        f.adopt("retrofit", "challenge-groups", occurred_on=D("2015-02-01")),
        f.decide(
            "retrofit",
            "Judge by capacity",
            decision_id="d1",
            occurred_on=D("2015-03-01"),
            rationale="Units delivered reward the short term",
        ),
        f.start_iteration(
            "retrofit",
            "pilot",
            title="Street-by-street pilot",
            approach_id="challenge-groups",
            occurred_on=D("2015-06-01"),
        ),
        f.conclude(
            "retrofit",
            "pilot",
            result=Result.WORKED,
            why="Local installers joined",
            lessons="Start with one street",
            occurred_on=D("2016-06-01"),
        ),
        f.roadblock(
            "retrofit", "supply", description="Supply chain gaps", occurred_on=D("2017-09-01")
        ),
        c.RecordOutcome(
            mission_id="retrofit",
            outcome_id="capacity-2017",
            indicator="Retrofit capacity",
            kind=IndicatorKind.CAPACITY,
            value=120.0,
            unit="homes/year",
            baseline=0.0,
            target=1000.0,
            occurred_on=PartialDate.of(D("2017-12-31")),
            **f.WHO,
        ),
        f.decide("retrofit", "Extend the pilot", decision_id="d2", occurred_on=D("2018-03-01")),
        f.decide("retrofit", "Review the budget", decision_id="d3", occurred_on=D("2018-06-01")),
        f.status(
            "retrofit",
            MissionStatus.PAUSED,
            reason="New mayor reviewing budgets",
            occurred_on=D("2018-07-01"),
        ),
        f.resolve("retrofit", "supply", occurred_on=D("2019-01-15")),
        f.status(
            "retrofit", MissionStatus.ACTIVE, reason="Review concluded", occurred_on=D("2019-02-01")
        ),
        f.start_iteration(
            "retrofit", "loans", title="Heat-pump loans", occurred_on=D("2019-03-01")
        ),
        f.conclude(
            "retrofit",
            "loans",
            result=Result.DID_NOT_WORK,
            why="Take-up too low",
            lessons="Pair loans with advice",
            occurred_on=D("2020-03-01"),
        ),
        f.decide("retrofit", "Keep the programme", decision_id="d4", occurred_on=D("2022-06-01")),
        # Food: halted by the third mayor, renewed a year later.
        f.launch("food", "springfield", occurred_on=D("2019-01-01"), theme="food"),
        f.adopt("food", "community-wealth-fund", occurred_on=D("2019-01-01")),
        f.start_iteration("food", "meals", title="School meals", occurred_on=D("2019-05-01")),
        f.conclude(
            "food",
            "meals",
            result=Result.MIXED,
            why="Popular but costly",
            occurred_on=D("2021-05-01"),
        ),
        f.status(
            "food",
            MissionStatus.HALTED,
            reason="Cut by the new administration",
            occurred_on=D("2022-07-01"),
        ),
        f.status(
            "food", MissionStatus.RENEWED, reason="Cross-party support", occurred_on=D("2023-03-01")
        ),
        # Shelbyville's transit mission shares an approach and a theme with the retrofit.
        f.launch("transit", "shelbyville", occurred_on=D("2017-01-01"), theme="climate"),
        f.adopt("transit", "challenge-groups", occurred_on=D("2017-01-01")),
        f.start_iteration("transit", "lanes", title="Bus lanes", occurred_on=D("2017-03-01")),
        f.conclude(
            "transit",
            "lanes",
            result=Result.WORKED,
            why="Buses ran faster",
            lessons="Consult early",
            occurred_on=D("2018-03-01"),
        ),
    ]
