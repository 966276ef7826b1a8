"""Reading event files: one JSON object a line, each naming its ``event`` kind.

A file is all or nothing: every line is parsed and checked against the aggregates before
anything is saved, and a bad line is reported with its number and field. The lines are read
as they are checked, so neither the file nor its events are ever held whole.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from eventsourcing.persistence import IntegrityError

from events import json_text
from events.application import ATTEMPTS, CommandRejected, MissionAtlas
from events.commands import Command
from events.errors import AtlasError, Conflict, InvalidInput
from events.import_run import Imported, import_commands
from events.parsing import command_type, parse_command


class BadLine(AtlasError):
    """A line of an event file was rejected; nothing from the file was stored."""

    def __init__(self, line: int, cause: AtlasError) -> None:
        super().__init__(cause.problem, cause.field)
        self.line = line
        self.cause = cause

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", field {self.field!r}" if self.field else "")
        return f"{where}: {self.problem}"


def decode_lines(lines: Iterable[bytes]) -> Iterator[str]:
    """The text of a file's lines: UTF-8, with or without the byte-order mark some editors
    write first; a line in another encoding is refused with its number."""
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            column = len(raw[: error.start].decode("utf-8", "replace")) + 1
            problem = (
                f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at column {column}); "
                "save the file as UTF-8"
            )
            raise BadLine(number, InvalidInput(problem)) from None


def parse_line(text: str) -> Command:
    try:
        data: Any = json_text.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise InvalidInput("each line must be a JSON object")
    kind = data.pop("event", None)
    return parse_command(command_type(kind), data)


def numbered_commands(lines: Iterable[str]) -> Iterator[tuple[int, Command]]:
    """The commands of a file as its lines are read, each with its line number (blank lines
    skipped); a bad line raises :class:`BadLine` when it is reached."""
    for number, text in enumerate(lines, start=1):
        if number == 1:
            text = text.removeprefix("\ufeff")  # a byte-order mark read as text
        if not text.strip():
            continue
        try:
            command = parse_line(text)
        except AtlasError as error:
            raise BadLine(number, error) from error
        yield number, command


class EventFile:
    """The lines of an event file on disk, read afresh each time they are iterated: an import
    overtaken by another writer runs again from the first line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[str]:
        with self.path.open("rb") as file:
            yield from decode_lines(file)

    def count(self) -> int:
        """Its lines that are not blank: the events a progress bar counts to."""
        with self.path.open("rb") as file:
            return sum(1 for raw in file if raw.strip())


def import_events(
    app: MissionAtlas,
    lines: Iterable[str],
    progress: Callable[[int, int | None], None] | None = None,
    total: int | None = None,
) -> Imported:
    """Store every event of the file, or none of them: the file is read, checked, sealed and
    staged a batch at a time, then stored in one transaction (see ``events.import_run``).
    Lines whose ``event_id`` is already stored are skipped, so importing a file twice stores
    its events once.

    When another writer stores to the same city or mission first, the file is checked
    again against what it stored, up to ``ATTEMPTS`` times, if ``lines`` can be read again
    (a list, an :class:`EventFile`); a one-pass iterator cannot, and the conflict is raised.
    ``progress(done, total)`` is called as the lines are checked.
    """
    report = None if progress is None else (lambda done: progress(done, total))
    for _attempt in range(ATTEMPTS):
        try:
            return import_commands(app, numbered_commands(lines), report)
        except CommandRejected as rejected:
            raise BadLine(rejected.index, rejected.cause) from rejected
        except IntegrityError as error:
            if iter(lines) is lines:
                raise Conflict(
                    "another writer stored to a city or mission of this file while it was "
                    "checked; import it again"
                ) from error
    raise Conflict(f"the record kept changing while this file was imported ({ATTEMPTS} attempts)")
