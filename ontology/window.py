"""What the question of a transition's window reads, copied onto the items in a window.

The question (``ontology/queries/transitions.rq``) lists, for each transition, the decisions
and concluded iterations just before and just after it and the roadblocks left open across it,
each with its date, a detail and its mission. Joined from the record's own predicates
(``dcterms:date``, ``dcterms:title``, ``atlas:mission``...), it reads them whole, about 300,000
index entries at 100,000 events, for an answer of 27,000 rows. Copied here, on predicates held
only by the items of a window, it reads predicates the size of its answer.

Each copy is the term the record holds (the same literal, the same mission), so the question
answers as the record would; derived with the links, in the same update, it moves and goes
when they do (``ontology.derived.relinked``).
"""

from __future__ import annotations

from ontology import vocabulary as v
from ontology.terms import Term, Triple, text

# How an item is listed is in the predicate of its date: the question joins one predicate
# fewer than with a separate "how" (and no filter on it).
NAMES = (
    "windowDecidedOn",
    "windowConcludedOn",
    "windowLeftOpenOn",
    "windowDetail",
    "windowMission",
)
DECIDED, CONCLUDED, LEFT_OPEN, DETAIL, MISSION = (v.atlas(p) for p in NAMES)
PREDICATES = (DECIDED, CONCLUDED, LEFT_OPEN, DETAIL, MISSION)
JUST_BEFORE, JUST_AFTER, OPEN_ACROSS = (
    v.atlas(p) for p in ("justBefore", "justAfter", "openAcross")
)
RESULT, STARTED, ENDED = v.atlas("result"), v.atlas("startedOn"), v.atlas("endedOn")
ITEM_MISSION = v.atlas("mission")

Facts = dict[Term, list[Term]]


def local_name(term: Term) -> Term:
    """What the question shows of a result, ``STRAFTER(STR(?result), "#")``: the text after
    the IRI's first ``#``, empty if it has none."""
    _, _, after = term[1:-1].partition("#") if term.startswith("<") else ("", "", "")
    return text(after) or '""'


def entries(item: Term, facts: Facts, links: set[Triple]) -> set[Triple]:
    """The window data of ``item``, given its facts and the links derived for it (``links``):
    none unless the question would list it."""
    linked = {p for _, p, _ in links}
    kinds = facts.get(v.A, [])
    found: list[tuple[Term, list[Term], list[Term]]] = []  # (date predicate, dates, details)
    if linked & {JUST_BEFORE, JUST_AFTER}:
        if v.DECISION in kinds and facts.get(v.DATE):
            found.append((DECIDED, facts[v.DATE], facts.get(v.TITLE, [])))
        if facts.get(RESULT) and facts.get(ENDED):
            found.append((CONCLUDED, facts[ENDED], [local_name(r) for r in facts[RESULT]]))
    if OPEN_ACROSS in linked and facts.get(STARTED):
        found.append((LEFT_OPEN, facts[STARTED], facts.get(v.DESCRIPTION, [])))
    if not found or not facts.get(ITEM_MISSION):
        return set()
    if len(found) > 1:
        # One item listed two ways (a decision that is also a concluded iteration, say)
        # would pair one way's date with the other's detail on the shared atlas:windowDetail.
        # The mapping cannot make one: an item's IRI carries its kind.
        raise ValueError(f"{item}: listed in a transition's window in more than one way")
    listed, dates, details = found[0]
    return (
        {(item, listed, d) for d in dates}
        | {(item, DETAIL, d) for d in details}
        | {(item, MISSION, m) for m in facts[ITEM_MISSION]}
    )
