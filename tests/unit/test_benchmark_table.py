"""The table `python -m tests.benchmarks` writes: one Markdown row per goal, met or not."""

from tests.benchmarks.table import Limit, Row, markdown_table


def test_a_cost_goal_is_met_at_or_under_its_limit_and_a_rate_goal_at_or_over() -> None:
    assert Row("api", "g", "f", 1.0, Limit(1.0)).met is True
    assert Row("api", "g", "f", 1.01, Limit(1.0)).met is False
    assert Row("rdf", "g", "f", 2.0, Limit(2.0, at_least=True)).met is True
    assert Row("rdf", "g", "f", 1.99, Limit(2.0, at_least=True)).met is False
    assert Row("audit", "g", "f").met is None


def test_the_table_has_a_header_and_one_line_per_row_in_order() -> None:
    rows = [
        Row(
            "api",
            "approaches with their cities, 8 clients: p50 against @neo4j/graphql",
            "26.0 ms (24.1–30.2) against 214.0 ms (200.3–230.9)",
            26.0 / 214.0,
            Limit(1.0),
        ),
        Row(
            "importing",
            "import against a bare eventsourcing append",
            "2,100 against 15,700 events/s",
            2100 / 15700,
            Limit(0.5, at_least=True),
        ),
        Row("api", "peers: @neo4j/graphql", "cannot express it: a score | reasons"),
    ]

    assert markdown_table(rows).splitlines() == [
        "| benchmark | goal | figure | ratio | met |",
        "|---|---|---|---|---|",
        "| api | approaches with their cities, 8 clients: p50 against @neo4j/graphql "
        "| 26.0 ms (24.1–30.2) against 214.0 ms (200.3–230.9) | 0.12× (goal ≤ 1×) | met |",
        "| importing | import against a bare eventsourcing append "
        "| 2,100 against 15,700 events/s | 0.13× (goal ≥ 0.5×) | **not met** |",
        "| api | peers: @neo4j/graphql | cannot express it: a score \\| reasons | — | — |",
    ]
