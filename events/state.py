"""An event's state written as JSON twice in one walk: canonical for the hash, as stored.

Most states are written by orjson instead (``events.plain_state``); this walk writes those
holding a value orjson could write otherwise than json.

Sealing needs both texts of the same values, with the named people's fields encrypted in both:
canonical (keys sorted at every level, as ``chain.CANONICAL`` writes it) and as stored (keys in
the event's order, as the transcoder writes it). Making the values as plain JSON values, then
giving them to the json encoder once per text, walked every value three times, two of them
with the encoder's set-up per call; this walks them once, writes each leaf once, and puts the
pieces together in both orders. The leaves are written by the functions the json encoder uses
(so the texts are the encoder's, byte for byte); a value it cannot be sure of writing the same
(a dict whose keys are not all text, which the encoder would sort before making them text) is
first written and read back by the transcoder, as the library would store it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import INFINITY, encode_basestring
from operator import itemgetter
from typing import Any

from eventsourcing.persistence import JSONTranscoder

from events.plain_state import PlainState

Texts = tuple[str, str]  # (canonical, as stored)
# Where the named people's fields are: a field's name leads to True (a field to seal when its
# value is text) or to the fields within it.
Personal = dict[str, "Personal | bool"]
Seal = Callable[[str], dict[str, str]]  # a name -> the value stored in its place
# How a value of one type is written: (writer, value, its personal fields) -> its texts.
Write = Callable[["StateWriter", Any, "Personal | bool | None"], Texts]


def _float(value: float) -> str:
    # As the json encoder writes a float, any float subclass included (allow_nan).
    if value != value:
        return "NaN"
    if value == INFINITY:
        return "Infinity"
    if value == -INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_LEAVES: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _value: "null",
}
_BY_KEY = itemgetter(0)


class _NotPlain(Exception):
    """A dict whose keys are not all text: the encoder writes it differently from its values."""


def personal_paths(paths: tuple[tuple[str, ...], ...]) -> Personal:
    """The paths of the personal fields in a stored state, as a tree."""
    tree: Personal = {}
    for path in paths:
        node = tree
        for step in path[:-1]:
            child = node.setdefault(step, {})
            assert isinstance(child, dict), f"{path} runs through a personal field"
            node = child
        node[path[-1]] = True
    return tree


class StateWriter:
    """Writes events' states: ``texts(event)`` is the state's canonical JSON and its JSON as
    stored, the personal fields named by ``personal`` replaced by ``seal(value)`` in both."""

    def __init__(self, transcoder: JSONTranscoder, personal: Personal, seal: Seal) -> None:
        self.transcoder, self.personal, self.seal = transcoder, personal, seal
        self._names: dict[str, str] = {}  # each key as written before its value
        self._plain = PlainState(transcoder, seal)
        self._resealed: list[dict[str, str]] = []  # sealed by orjson's try, last first

    def texts(self, event: object) -> Texts:
        """The state as ``Mapper.to_stored_event`` would store it (without its originator's id
        and version, with its class version when above 1), written canonically and as stored.
        """
        state = dict(vars(event))
        del state["originator_id"], state["originator_version"]
        class_version = getattr(type(event), "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        written = self._plain.texts(state, self.personal)  # by orjson, most states
        if written is not None:
            return written
        # The names orjson's try sealed are used again, in the order this walk seals them: a
        # name is encrypted once per field, as before.
        self._resealed = self._plain.sealed[::-1]
        try:
            return self._dict(state, self.personal)
        except _NotPlain:
            # Read back as the transcoder writes it: every key text, in the order written.
            loaded: dict[str, Any] = json.loads(self.transcoder.encode(state))
            return self._dict(loaded, self.personal)
        finally:
            self._resealed = []

    def _dict(self, value: dict[str, Any], personal: Personal | bool | None) -> Texts:
        inner = personal if isinstance(personal, dict) else None
        names, writers = self._names, _WRITERS
        pairs = []
        for key, item in value.items():
            name = names.get(key)
            if name is None:
                if type(key) is not str:
                    raise _NotPlain
                name = names[key] = encode_basestring(key) + ":"
            within = None if inner is None else inner.get(key)
            kind = type(item)
            if kind is str and within is not True:
                # Most values: the same text in both orders, written once.
                piece = name + encode_basestring(item)
                pairs.append((key, piece, piece))
            elif item is None:
                piece = name + "null"
                pairs.append((key, piece, piece))
            else:
                write = writers.get(kind) or _writer_for(kind)
                canonical, stored = write(self, item, within)
                pairs.append((key, name + canonical, name + stored))
        stored = "{" + ",".join([pair[2] for pair in pairs]) + "}"
        pairs.sort(key=_BY_KEY)
        return "{" + ",".join([pair[1] for pair in pairs]) + "}", stored

    def _write(self, value: Any, personal: Personal | bool | None) -> Texts:
        kind = type(value)
        return (_WRITERS.get(kind) or _writer_for(kind))(self, value, personal)

    def _text(self, value: str, personal: Personal | bool | None) -> Texts:
        if personal is True:
            sealed = self._resealed.pop() if self._resealed else self.seal(value)
            return self._dict(sealed, None)
        text = encode_basestring(value)
        return text, text

    def _list(self, value: list[Any] | tuple[Any, ...], _personal: object) -> Texts:
        items = [self._write(item, None) for item in value]
        return (
            "[" + ",".join([canonical for canonical, _ in items]) + "]",
            "[" + ",".join([stored for _, stored in items]) + "]",
        )

    def _transcoded(self, value: Any, personal: Personal | bool | None) -> Texts:
        """``{"_type_": name, "_data_": data}``, as the transcoder writes a value of a
        registered type (its error for any other)."""
        transcoding = self.transcoder.types.get(type(value))
        if transcoding is None:
            self.transcoder._encode_obj(value)  # raises, naming the type
            raise AssertionError("the transcoder wrote a type it does not know")
        name = encode_basestring(transcoding.name)
        data = transcoding.encode(value)
        within = personal.get("_data_") if isinstance(personal, dict) else None
        if type(data) is str and within is not True:  # a date, a time: written once
            canonical = stored = encode_basestring(data)
        else:
            canonical, stored = self._write(data, within)
        # Sorted, "_data_" comes before "_type_".
        return f'{{"_data_":{canonical},"_type_":{name}}}', f'{{"_type_":{name},"_data_":{stored}}}'


# How to write a value, by its type: chosen on the type's first value, as the json encoder
# would choose (see ``_writer_for``). Functions of the writer, not its bound methods: a writer
# holding its own methods would be a cycle that only the garbage collector frees, one per
# save (``events.import_run`` turns the collector off while an import runs).
_WRITERS: dict[type, Write] = {}


def _writer_for(kind: type) -> Write:
    """In the order the json encoder tries them: text and numbers first, even an Enum built
    on them (written as its plain value), then lists and dicts, then the transcoder's own
    hook for anything else."""
    write: Write
    if kind is bool or kind is type(None):
        write = _same(_LEAVES[kind])
    elif issubclass(kind, str):
        write = StateWriter._text
    elif issubclass(kind, int):
        write = _same(int.__repr__)
    elif issubclass(kind, float):
        write = _same(_float)
    elif issubclass(kind, (list, tuple)):
        write = StateWriter._list
    elif issubclass(kind, dict):
        write = StateWriter._dict
    else:
        write = StateWriter._transcoded
    _WRITERS[kind] = write
    return write


def _same(write: Callable[[Any], str]) -> Write:
    def both(_writer: StateWriter, value: Any, _personal: object) -> Texts:
        text = write(value)
        return text, text

    return both
