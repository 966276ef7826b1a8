"""Sealed events waiting in a temporary file while the rest of an import is checked.

A file is stored all or nothing, and only once every line has been checked; keeping its
sealed events in memory until then took a gigabyte for 200,000 lines. They wait on disk
instead, a batch at a time, and are read back a batch at a time to be stored.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import IO, Any

from events.sealing import Sealed
from events.storage.dialect import Dialect

# A sealed event, its id as the events table keeps it (see ``Dialect.uuid``): a row to insert.
Row = tuple[Any, int, str, bytes]


class Staging:
    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        self._file: IO[bytes] | None = None
        self.count = 0

    def __enter__(self) -> Staging:
        self._file = tempfile.TemporaryFile(prefix="atlas-import-")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self._file is not None
        self._file.close()  # a temporary file: closing it deletes it

    def add(self, batch: Sequence[Sealed]) -> None:
        assert self._file is not None, "use Staging as a context manager"
        # Staged as rows: on SQLite an id is its hex text, which pickles in a tenth of the
        # time a UUID object takes, and is what the insert needs anyway.
        as_stored = self._dialect.uuid
        rows = [(as_stored(uuid), version, topic, state) for uuid, version, topic, state in batch]
        # One pickle per batch: a pickler kept open would remember every object it wrote.
        pickle.dump(rows, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(rows)

    def batches(self) -> Iterator[list[Row]]:
        """The batches as they were added, in order, as rows of the events table."""
        assert self._file is not None, "use Staging as a context manager"
        self._file.flush()
        self._file.seek(0)
        read = 0
        while read < self.count:
            # Our own temporary file, written above: not data from elsewhere.
            rows: list[Row] = pickle.load(self._file)  # noqa: S301
            read += len(rows)
            yield rows
