"""Reading event files: one JSON object a line, each naming its ``event`` kind.

A file is all or nothing: every line is parsed and checked against the aggregates before
anything is saved, and a bad line is reported with its number and field.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from events.application import CommandRejected, Executed, MissionAtlas
from events.commands import Command
from events.errors import AtlasError, InvalidInput
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
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise InvalidInput("each line must be a JSON object")
    kind = data.pop("event", None)
    return parse_command(command_type(kind), data)


def read_event_file(lines: Iterable[str]) -> tuple[list[Command], list[int]]:
    """The commands in a file, with the line number each came from (blank lines skipped)."""
    commands: list[Command] = []
    numbers: list[int] = []
    for number, text in enumerate(lines, start=1):
        if number == 1:
            text = text.removeprefix("\ufeff")  # a byte-order mark read as text
        if not text.strip():
            continue
        try:
            commands.append(parse_line(text))
        except AtlasError as error:
            raise BadLine(number, error) from error
        numbers.append(number)
    return commands, numbers


def import_events(
    app: MissionAtlas,
    lines: Iterable[str],
    progress: Callable[[int, int], None] | None = None,
) -> Executed:
    """Store every event of the file in one transaction; lines whose ``event_id`` is already
    stored are skipped, so importing a file twice stores its events once.

    ``progress(done, total)`` is called as each event is checked against the aggregates.
    """
    commands, numbers = read_event_file(lines)
    total = len(commands)
    try:
        return app.execute(
            commands, None if progress is None else (lambda done: progress(done, total))
        )
    except CommandRejected as rejected:
        raise BadLine(numbers[rejected.index], rejected.cause) from rejected
