"""A generated history stored and exported with nothing left to chance, in any process.

The clock and new people's ids are the two inputs a store rightly takes from outside: each
event's recording time, and a random id per person (so an id tells nothing of a name). Fixed
here, a seed's history must export the same bytes whatever the process, its hash seed
included: `python -m tests.reproducible FOLDER SEED` stores it in FOLDER and prints the
sha256 of each format's export.
"""

from __future__ import annotations

import hashlib
import random
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import eventsourcing.domain

from events.application import MissionAtlas
from events.settings import event_store_env
from events.storage import keys
from ontology.export import export_graphs
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests.histories import seeded_history

IRIS = Iris("http://atlas.test/id/")


@contextmanager
def fixed_clock_and_people(seed: int) -> Iterator[None]:
    """Events recorded a second apart from 2024-01-01, people's ids drawn from ``seed``."""
    ticks = count()
    ids = random.Random(seed)

    def now() -> datetime:
        return datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=next(ticks))

    def person_id() -> uuid.UUID:
        return uuid.UUID(int=ids.getrandbits(128), version=4)

    # eventsourcing stamps an event through this module-level function, looked up per call.
    with (
        mock.patch.object(eventsourcing.domain, "datetime_now_with_tzinfo", now),
        mock.patch.object(keys, "uuid", SimpleNamespace(uuid4=person_id)),
    ):
        yield


def exported(app: MissionAtlas, fmt: str) -> bytes:
    """Everything the export can say: the facts, the events, and what corrections took back."""
    graphs = export_graphs(app, IRIS, with_events=True, history=True)
    return "".join(serialize(FORMATS[fmt], graphs)).encode()


def digests(folder: Path, seed: int) -> dict[str, str]:
    """Store the history of ``seed`` in a new event store in ``folder``; each export's sha256."""
    with fixed_clock_and_people(seed):
        app = MissionAtlas(env=event_store_env("sqlite", folder / "events.sqlite"))
        try:
            app.execute(seeded_history(seed).commands)
            return {fmt: hashlib.sha256(exported(app, fmt)).hexdigest() for fmt in FORMATS}
        finally:
            app.close()


if __name__ == "__main__":
    for fmt, digest in digests(Path(sys.argv[1]), int(sys.argv[2])).items():
        print(fmt, digest)
