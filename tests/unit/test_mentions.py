"""A person's name in a text is replaced by their reference where it stands as whole words,
the longest name first: what one regular expression alternating every name did, found
without trying every name at every place."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from events.application import MissionAtlas
from events.references import Mentions, reference, resolve_in_place, resolved

REFS = {"Ann": "[A]", "Ann Lee": "[AL]", "Lee": "[L]", "O'Neil": "[O]", "(Bo)": "[B]"}


def test_a_name_is_replaced_only_as_whole_words() -> None:
    mentions = Mentions(REFS)
    assert mentions("Ann Lee met Ann, Anna and Leeds.") == "[AL] met [A], Anna and Leeds."
    assert mentions("Ann_Lee, xAnn, Ann2 and O'Neil's") == "Ann_Lee, xAnn, Ann2 and [O]'s"
    assert mentions("(Bo), x(Bo) and x (Bo)") == "[B], x(Bo) and x [B]"
    assert mentions("nobody here") == "nobody here"


# Texts made of the names' own pieces and what may stand next to them, so that names meet,
# overlap and touch letters far more often than in any record.
PIECES = st.sampled_from(
    ["Ann", "Lee", "Ann Lee", "O'Neil", "(Bo)", "a", "é", "_", "1", " ", ",", "'", "("]
)
# Every name most of the time, so that a longer name and the shorter it begins with meet.
SOME = st.lists(st.sampled_from(sorted(REFS)), min_size=1, unique=True)
NAMES = st.one_of(st.just(sorted(REFS)), SOME)


@given(names=NAMES, text=st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_the_same_as_one_expression_alternating_the_names_longest_first(
    names: list[str], text: str
) -> None:
    refs = {name: REFS[name] for name in names}
    alternation = re.compile(
        "|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(refs, key=len, reverse=True))
    )
    assert Mentions(refs)(text) == alternation.sub(lambda m: refs[m.group(0)], text)


class Text(str):
    """A str subclass, which resolved keeps as it is inside a row."""


def test_references_in_a_stores_rows_are_resolved_in_place_as_resolved_answers(
    sqlite_events: MissionAtlas,
) -> None:
    people = sqlite_events.people
    ann = reference(people.sealed("Ann Lee")["_sealed_"])
    bo = reference(people.sealed("Bo")["_sealed_"])
    assert people.forget("Bo")
    rows: list[dict[str, Any]] = [
        {"id": "c1", "mayor": ann, "count": 3, "since": date(2020, 1, 2), "party": None,
         "administrations": [{"mayor": bo, "note": f"after {ann}"}, {"mayor": None}],
         "tags": ["a", ann, ["b", Text(ann)]], "summary": f"{ann} met {bo}"},
        {"id": "c2", "mayor": "[person:not-a-reference]", "administrations": []},
    ]  # fmt: skip
    expected = [resolved(row, people) for row in rows]
    same_rows = [id(row) for row in rows]
    resolve_in_place(rows, people)
    assert rows == expected
    assert [id(row) for row in rows] == same_rows
    assert rows[0]["administrations"][0] == {"mayor": "[erased]", "note": "after Ann Lee"}
    assert rows[0]["summary"] == "Ann Lee met [erased]"
