"""Turning untrusted mappings (an event-file line, GraphQL input) into typed commands.

Every problem is reported as :class:`InvalidInput` naming the field, before any aggregate is
touched.
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from events.commands import COMMANDS, Command
from events.dates import PartialDate
from events.errors import InvalidInput
from events.identity import check_readable_id

MAX_TEXT = 10_000


def command_type(kind: object) -> type[Command]:
    if not isinstance(kind, str) or kind not in COMMANDS:
        raise InvalidInput(
            f"{kind!r} is not a kind of event; expected one of {', '.join(COMMANDS)}", "event"
        )
    return COMMANDS[kind]


Coerce = Callable[[Any, str], Any]  # (raw value, field name) -> typed value


@dataclass(frozen=True)
class _Field:
    name: str
    coerce: Coerce  # for the type a value must have: ``X`` for a field declared ``X | None``
    required: bool
    readable_id: bool


def _bare(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        (hint,) = [a for a in get_args(hint) if a is not type(None)]
    return hint


Shape = tuple[frozenset[str], tuple[_Field, ...]]
# By command class. (Not functools.cache: mypy takes a frozen dataclass's class for unhashable.)
_SHAPES: dict[type[Command], Shape] = {}


def _fields(cls: type[Command]) -> Shape:
    """A command class's field names and how to coerce each: worked out once per class, since
    resolving the type hints, then choosing a coercion by type, was most of the cost of
    parsing a line."""
    if cls not in _SHAPES:
        hints = get_type_hints(cls)
        shape = tuple(
            _Field(
                f.name,
                _coercion(_bare(hints[f.name])),
                f.default is MISSING,
                bool(f.metadata.get("readable_id")),
            )
            for f in fields(cls)
        )
        _SHAPES[cls] = frozenset(f.name for f in shape), shape
    return _SHAPES[cls]


def parse_command(cls: type[Command], data: Mapping[str, Any]) -> Command:
    known, shape = _fields(cls)
    if not known.issuperset(data):
        raise InvalidInput(f"unknown field for {cls.event}", sorted(set(data) - known)[0])
    values: dict[str, Any] = {}
    for f in shape:
        raw = data.get(f.name)
        if raw is None:
            if f.required:
                raise InvalidInput("is required", f.name)
            continue
        values[f.name] = f.coerce(raw, f.name)
        if f.readable_id:
            check_readable_id(values[f.name], f.name)
    return cls(**values)


def _coercion(hint: Any) -> Coerce:
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    coercions: dict[Any, Coerce] = {
        str: _text,
        date: _date,
        PartialDate: PartialDate.parse,
        int: _whole,
        float: _number,
    }
    if hint not in coercions:
        raise TypeError(f"no coercion for {hint!r}")  # a programming error, not bad input
    return coercions[hint]


def _enum(kind: type[Enum]) -> Coerce:
    by_value = {member.value: member for member in kind}

    def coerce(raw: Any, name: str) -> Enum:
        if not isinstance(raw, str) or raw not in by_value:
            raise InvalidInput(f"{raw!r} is not one of {', '.join(by_value)}", name)
        return by_value[raw]

    return coerce


def _text(raw: Any, name: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidInput("must be a non-empty string", name)
    if len(raw) > MAX_TEXT:
        raise InvalidInput(f"is longer than {MAX_TEXT} characters", name)
    return raw.strip()


def _whole(raw: Any, name: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InvalidInput(f"{raw!r} is not a whole number", name)
    return raw


def _number(raw: Any, name: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        raise InvalidInput(f"{raw!r} is not a finite number", name)
    return float(raw)


def _date(raw: Any, name: str) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise InvalidInput(f"{raw!r} is not a date (YYYY-MM-DD)", name)
