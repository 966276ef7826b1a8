"""Documents checked before they run: limits first, each refusal naming what it hit."""

from __future__ import annotations

import pytest
from graphql import specified_rules
from graphql.validation.rules import overlapping_fields_can_be_merged

from api.graphql.documents import check
from api.graphql.schema import schema


def refusals(query: str) -> list[str]:
    checked = check(schema._schema, query, specified_rules)
    return [error.message for error in checked.refusals]


def test_a_fragment_spread_many_times_is_counted_once_per_spread() -> None:
    # 4 ** 5 = 1,024 names and the `cities` field around them: just over the limit.
    fragments = " ".join(
        f"fragment F{n} on City {{ ...F{n - 1} ...F{n - 1} ...F{n - 1} ...F{n - 1} }}"
        for n in range(1, 6)
    )
    query = f"{{ cities {{ ...F5 }} }} fragment F0 on City {{ name }} {fragments}"
    assert refusals(query) == [
        "the document selects 1,025 fields once its fragments are expanded; "
        "the query cost limit is 1,000 fields"
    ]


def test_when_graphql_core_gives_up_validating_the_refusal_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The budget is graphql-core's own, read when the rule starts: a small one stands in for
    # a document that would need half a million comparisons.
    monkeypatch.setattr(overlapping_fields_can_be_merged, "MAX_COMPLEXITY_BUDGET", 10)
    (refusal,) = refusals("{ cities { " + "name " * 30 + "} }")
    assert refusal != "Validation aborted."
    assert "needs more work than graphql-core allows" in refusal
