"""A person as read models write them: a reference to the key store, never a name.

The event store keeps personal fields encrypted under each person's key, so erasing the key
erases the person. A read model that held names in plain text would keep them in its files
long after a rebuild, so the graph and the RDF store both write ``[person:<id>]`` in a name's
place (``reference``; ``Mentions`` for names inside free text) and turn references back into
names, or ``[erased]``, as they answer (``resolved``). Both read models take this from here,
beside the key store, rather than one from the other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from events.people import People

REFERENCE = re.compile(r"\[person:([0-9a-f]{32})\]")
WORD = re.compile(r"\w")


def reference(person_id: str) -> str:
    return f"[person:{person_id}]"


class Mentions:
    """Replaces each name in a text with its reference wherever it stands as whole words
    (no letter or digit joined to either end), the longest name first where two start at one
    place: "Ann Lee" is not half-replaced as "Ann".

    A batch can hold hundreds of names (the synthetic record's 600 mayors in its first
    batch), and one regular expression alternating them all tried each name at each place
    of each text: 12.5 s of a batch that took 16.7 s to read. Here a place is tried only
    where a name's first character starts a word, and only for the lengths names have,
    each length by one look-up."""

    def __init__(self, refs: Mapping[str, str]) -> None:
        self.refs = {name: ref for name, ref in refs.items() if name}
        self.lengths = sorted({len(name) for name in self.refs}, reverse=True)
        firsts = "".join(sorted({name[0] for name in self.refs}))
        self.starts = re.compile(rf"(?<!\w)[{re.escape(firsts)}]") if firsts else None

    def __call__(self, text: str) -> str:
        if self.starts is None:
            return text
        pieces: list[str] = []
        done = 0
        for start in self.starts.finditer(text):
            at = start.start()
            if at < done:  # inside a name just replaced
                continue
            for length in self.lengths:
                end = at + length
                if end <= len(text) and text[at:end] in self.refs and not WORD.match(text, end):
                    pieces += (text[done:at], self.refs[text[at:end]])
                    done = end
                    break
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)


def resolved(value: Any, people: People) -> Any:
    """``value`` with every reference to a person replaced by their name (or [erased]),
    looking into lists and maps (a row may carry collected items)."""
    if isinstance(value, str):
        if "[person:" not in value:
            return value
        if REFERENCE.fullmatch(value):  # a personal field: the reference and nothing else
            return people.name_of(value[8:-1])
        return REFERENCE.sub(lambda m: people.name_of(m.group(1)), value)
    # Most values (dates, numbers, text naming nobody) are kept without a call: a read of a
    # hundred cities with their terms holds thousands. (Both stores' drivers give plain str,
    # dict and list.)
    if isinstance(value, dict):
        return {k: resolved(v, people) if _may_name(v) else v for k, v in value.items()}
    if isinstance(value, list):
        return [resolved(v, people) if _may_name(v) else v for v in value]
    return value


def resolve_in_place(rows: list[dict[str, Any]], people: People) -> None:
    """Every reference in ``rows`` replaced by its person's name, as ``resolved`` does, in the
    rows themselves. For rows a store has just made for one reader: a read of a hundred
    cities with their terms holds thousands of values and few names, and rebuilding every
    map and list around them cost more than the read's own decoding."""
    for row in rows:
        _resolve_within(row, people)


def _resolve_within(container: Any, people: People) -> None:
    """``container``, a map or a list, with the references in its values resolved."""
    entries = container.items() if isinstance(container, dict) else enumerate(container)
    for key, value in entries:
        kind = type(value)
        if kind is str:
            if "[person:" in value:
                container[key] = resolved(value, people)
        elif kind is dict or kind is list:  # as resolved, which keeps their subclasses as they are
            _resolve_within(value, people)


def _may_name(value: Any) -> bool:
    kind = type(value)
    return kind is dict or kind is list or (kind is str and "[person:" in value)
