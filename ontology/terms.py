"""RDF terms as N-Triples text, written directly: exports stream millions of triples, and
building an rdflib object for each term would cost more than writing it out."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
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


@lru_cache(maxsize=1 << 16)
def segment(value: str) -> str:
    """A path segment safe in an IRI, whatever the id a client chose. (Cached: an export
    spells the same ids over and over, and ``quote`` was a fifth of its time.)"""
    return quote(value, safe="-._~")


def _escaped(value: str) -> str:
    # Most values need no escape, and four scans for one character each cost less than the
    # character-by-character translate.
    if "\\" in value or '"' in value or "\n" in value or "\r" in value:
        return value.translate(_ESCAPES)
    return value


def literal(value: str) -> Term:
    return f'"{_escaped(value)}"'


def text(value: str | None) -> Term | None:
    return None if value is None else f'"{_escaped(value)}"'


def is_web_address(value: str) -> bool:
    return _URL.fullmatch(value) is not None


def link_or_text(value: str | None) -> Term | None:
    """A source as an IRI when it is a web address, else as the text it was recorded as."""
    if value is not None and is_web_address(value):
        return iri(value)
    return text(value)


def lang(value: str, tag: str = "en") -> Term:
    return f'"{_escaped(value)}"@{tag}'


def typed(lexical: str, datatype: str) -> Term:
    return f'"{_escaped(lexical)}"^^<{XSD}{datatype}>'


# The datatyped terms below spell lexical forms that never need an escape (digits, signs,
# dashes, colons, dots).
_DATE = f"^^<{XSD}date>"


@lru_cache(maxsize=1 << 14)  # a record's dates fall on a few thousand days
def day(value: date | None) -> Term | None:
    return None if value is None else f'"{value.isoformat()}"{_DATE}'


XSD_OF_PRECISION = {"year": "gYear", "month": "gYearMonth", "day": "date"}


@lru_cache(maxsize=1 << 14)
def partial_day(value: PartialDate | None) -> Term | None:
    """A date as precise as its source: xsd:gYear, xsd:gYearMonth or xsd:date."""
    if value is None:
        return None
    return f'"{value}"^^<{XSD}{XSD_OF_PRECISION[value.precision]}>'


_DATE_TIME = f"^^<{XSD}dateTime>"


def day_start(value: PartialDate | None) -> Term | None:
    """The start of a day, as prov:startedAtTime and prov:endedAtTime need an xsd:dateTime;
    None when the source gave only a year or a month (no instant can be named honestly)."""
    if value is None or value.precision != "day":
        return None
    return typed(f"{value}T00:00:00", "dateTime")


def instant(value: datetime) -> Term:
    return f'"{value.isoformat()}"{_DATE_TIME}'


_INTEGER = f"^^<{XSD}integer>"


def whole(value: int) -> Term:
    return f'"{value:d}"{_INTEGER}'


def integer(value: int | None) -> Term | None:
    return None if value is None else f'"{value:d}"{_INTEGER}'


_DECIMAL = f"^^<{XSD}decimal>"


def decimal(value: float | None) -> Term | None:
    if value is None:
        return None
    shortest = repr(float(value))
    if "e" in shortest or "n" in shortest:
        # xsd:decimal has no exponent: 1e-05 must be written 0.00001. (inf and nan, with
        # their "n", take this path too, and read as they always did.)
        shortest = format(Decimal(shortest), "f")
    return f'"{shortest}"{_DECIMAL}'


def year(value: int | None) -> Term | None:
    return None if value is None else f'"{value:04d}"^^<{XSD}gYear>'
