"""RDF terms as N-Triples text, written directly: exports stream millions of triples, and
building an rdflib object for each term would cost more than writing it out."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from events.dates import PartialDate

Term = str  # an IRI or a literal, in N-Triples syntax
Triple = tuple[Term, Term, Term]

XSD = "http://www.w3.org/2001/XMLSchema#"
# An absolute http(s) URL that can stand as an IRI as it is: no space, no character N-Triples
# and Turtle forbid inside <...>.
_URL = re.compile(r"https?://[^\x00-\x20<>\"{}|\\^`]+")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> Term:
    return f"<{value}>"


def segment(value: str) -> str:
    """A path segment safe in an IRI, whatever the id a client chose."""
    return quote(value, safe="-._~")


def text(value: str | None) -> Term | None:
    return None if value is None else f'"{value.translate(_ESCAPES)}"'


def is_web_address(value: str) -> bool:
    return _URL.fullmatch(value) is not None


def link_or_text(value: str | None) -> Term | None:
    """A source as an IRI when it is a web address, else as the text it was recorded as."""
    if value is not None and is_web_address(value):
        return iri(value)
    return text(value)


def lang(value: str, tag: str = "en") -> Term:
    return f'"{value.translate(_ESCAPES)}"@{tag}'


def typed(lexical: str, datatype: str) -> Term:
    return f'"{lexical.translate(_ESCAPES)}"^^<{XSD}{datatype}>'


def day(value: date | None) -> Term | None:
    return None if value is None else typed(value.isoformat(), "date")


XSD_OF_PRECISION = {"year": "gYear", "month": "gYearMonth", "day": "date"}


def partial_day(value: PartialDate | None) -> Term | None:
    """A date as precise as its source: xsd:gYear, xsd:gYearMonth or xsd:date."""
    return None if value is None else typed(str(value), XSD_OF_PRECISION[value.precision])


def day_start(value: PartialDate | None) -> Term | None:
    """The start of a day, as prov:startedAtTime and prov:endedAtTime need an xsd:dateTime;
    None when the source gave only a year or a month (no instant can be named honestly)."""
    if value is None or value.precision != "day":
        return None
    return typed(f"{value}T00:00:00", "dateTime")


def instant(value: datetime) -> Term:
    return typed(value.isoformat(), "dateTime")


def integer(value: int | None) -> Term | None:
    return None if value is None else typed(str(value), "integer")


def decimal(value: float | None) -> Term | None:
    # xsd:decimal has no exponent: 1e-05 must be written 0.00001.
    return None if value is None else typed(format(Decimal(repr(float(value))), "f"), "decimal")


def year(value: int | None) -> Term | None:
    return None if value is None else typed(f"{value:04d}", "gYear")
