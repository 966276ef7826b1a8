"""Where every recorded fact came from: when it happened, who recorded it, and on what source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.persistence import Transcoding

from events.dates import PartialDate


@dataclass(frozen=True)
class Provenance:
    """Carried by every event.

    ``occurred_on`` is the real-world date and may be unknown: the record prefers an honest gap
    to an invented date. It is the earliest day the source's date can mean, and ``precision``
    says how much of it the source gave (``year``, ``month`` or ``day``), so that ordering
    works on days while nothing shows more than was known. The time of recording is the
    event's own timestamp. ``event_id`` is the id the client chose for the event, if any,
    which makes sending it twice harmless.
    """

    recorded_by: str
    source: str
    occurred_on: date | None = None
    event_id: str | None = None
    precision: str = "day"

    @property
    def occurred(self) -> PartialDate | None:
        """The real-world date as precise as the source gave it."""
        if self.occurred_on is None:
            return None
        return PartialDate.stored(self.occurred_on, self.precision)

    @property
    def latest(self) -> date | None:
        """The latest day the real-world date can mean."""
        if self.precision == "day":
            # A whole day means only itself: asked of every dated event a mission checks, and
            # making the partial date to learn so was about 7% of an import's checks.
            return self.occurred_on
        occurred = self.occurred
        return None if occurred is None else occurred.latest


class ProvenanceAsDict(Transcoding):
    type = Provenance
    name = "provenance"

    def encode(self, obj: Provenance) -> dict[str, Any]:
        encoded = {
            "recorded_by": obj.recorded_by,
            "source": obj.source,
            "occurred_on": obj.occurred_on,
            "event_id": obj.event_id,
        }
        if obj.precision != "day":  # events stored before partial dates read as whole days
            encoded["precision"] = obj.precision
        return encoded

    def decode(self, data: dict[str, Any]) -> Provenance:
        return Provenance(**data)


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)
