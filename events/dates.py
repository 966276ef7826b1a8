"""Dates as precise as the source: a year, a month, or a day.

Annual reports give a year, minutes a day. The record keeps what the source says rather than
inventing the rest: ``2020`` stays a year. Where an order is needed, a partial date counts as
the earliest day it can mean; a rule that something cannot be before something else is broken
only when even the latest day it can mean is before.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from events.errors import InvalidInput

PRECISIONS = ("year", "month", "day")
_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, raw: object, field: str) -> PartialDate:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a ``date``), refused with the field."""
        if isinstance(raw, PartialDate):
            return raw
        if isinstance(raw, date):
            return cls.of(raw)
        if type(raw) is str and len(raw) == 10 and raw[4] == raw[7] == "-":
            # Most dates are whole days. At this length, with dashes there, the C parser takes
            # only YYYY-MM-DD in ASCII digits, a real day: the form below, in a tenth of the
            # time. Anything it refuses is read by the form below, as before.
            try:
                whole = date.fromisoformat(raw)
            except ValueError:
                pass
            else:
                return cls(whole.year, whole.month, whole.day)
        match = _FORM.match(raw) if isinstance(raw, str) else None
        if match is None:
            raise InvalidInput(f"{raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", field)
        years, months, days = match.groups()
        year = int(years)
        month = None if months is None else int(months)
        day = None if days is None else int(days)
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            raise InvalidInput(
                f"{raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", field
            ) from None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def stored(cls, earliest: date, precision: str) -> PartialDate:
        """From the form events store: the earliest day, and how much of it is known."""
        if precision == "year":
            return cls(earliest.year)
        if precision == "month":
            return cls(earliest.year, earliest.month)
        return cls.of(earliest)

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return self.earliest.isoformat()
