"""Content negotiation: which of the offered media types a client's Accept header picks."""

from __future__ import annotations

import pytest

from api.rdf.conneg import ranked

RDF_AND_HTML = ["text/turtle", "application/n-triples", "application/ld+json", "text/html"]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("*/*", "text/turtle"),  # a wildcard gets the first offered
        ("text/*", "text/turtle"),
        ("application/*", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("text/turtle;q=0.5, application/n-triples", "application/n-triples"),
        ("application/n-triples, */*", "application/n-triples"),  # named beats a wildcard tie
        ("*/*, application/ld+json", "application/ld+json"),
        # What a browser sends: the page, not the data.
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("text/turtle;q=abc", "text/turtle"),  # an unreadable q counts as 1
    ],
)
def test_the_client_gets_the_type_it_ranks_first(accept: str, chosen: str) -> None:
    assert ranked(accept, RDF_AND_HTML) == chosen


@pytest.mark.parametrize("accept", ["application/pdf", "text/turtle;q=0", "image/*"])
def test_nothing_is_chosen_when_the_client_accepts_none_of_them(accept: str) -> None:
    assert ranked(accept, RDF_AND_HTML) is None
