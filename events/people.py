"""Personal data in events: encrypted per person before it is stored (and hashed).

The fields that name people are the mayor of an administration, who took a decision, and who
recorded an event. Each is stored as ``{"_sealed_": person_id, "_data_": ciphertext}`` under
that person's own key; once the key is erased the value reads as ERASED.
"""

from __future__ import annotations

import base64
import binascii
import os
import time
from collections.abc import Iterable
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from events.storage.keys import KeyStore

ERASED = "[erased]"
# Paths in the stored (encoded) state: a transcoded value's fields sit under its "_data_".
TRANSCODED = "_data_"
PERSONAL_FIELDS = (("mayor",), ("decided_by",), ("provenance", TRANSCODED, "recorded_by"))
DECODED_PERSONAL_FIELDS = tuple(
    tuple(step for step in path if step != TRANSCODED) for path in PERSONAL_FIELDS
)
KEY_CACHE_SECONDS = 30.0  # how long a running process may go on reading an erased name


class People:
    def __init__(self, keys: KeyStore) -> None:
        self.keys = keys
        self._cache: dict[str, tuple[float, bytes | None]] = {}
        self._ciphers: dict[str, tuple[float, AESGCM | None]] = {}
        self._names: dict[str, tuple[float, tuple[str, bytes]]] = {}
        self._ids: dict[str, tuple[float, str | None]] = {}
        self._named: dict[str, tuple[float, str]] = {}
        self._sealing: dict[bytes, AESGCM] = {}

    def sealed(self, name: str) -> dict[str, str]:
        """What is stored in place of ``name``: the person's id and the name encrypted under
        their key, with a nonce of its own."""
        person_id, key = self._key_for(name)
        cipher = self._sealing.get(key)
        if cipher is None:  # made once per key: making one cost as much as encrypting
            cipher = self._sealing[key] = AESGCM(key)
        nonce = os.urandom(12)
        sealed = nonce + cipher.encrypt(nonce, name.encode(), None)
        return {"_sealed_": person_id, "_data_": base64.b64encode(sealed).decode()}

    def prepare(self, events: Iterable[object]) -> None:
        """Make sure every person named in ``events`` has a key, before sealing them one by
        one: the keys an import needs are made in one transaction, not one commit each."""
        # In the order first named, not a set's (a set orders strings by a hash salted per
        # process): the same events then make their people's keys in the same order anywhere.
        names: dict[str, None] = {}
        for event in events:
            for path in DECODED_PERSONAL_FIELDS:
                value: Any = event
                for step in path:
                    value = getattr(value, step, None)
                if isinstance(value, str) and value not in self._names:
                    names[value] = None
        if names:
            now = time.monotonic()
            for name, found in self.keys.keys_for(names).items():
                self._names[name] = (now, found)

    def opened(self, sealed: dict[str, str]) -> str:
        """The name a sealed value (``{"_sealed_": person_id, "_data_": ...}``) holds, or
        ERASED once its person's key is gone."""
        cipher = self._cipher(sealed["_sealed_"])
        if cipher is None:
            return ERASED
        # binascii's decoder itself: base64.b64decode only wraps it, in two Python calls that
        # cost as much as the decoding (every stored event opens a name).
        data = binascii.a2b_base64(sealed["_data_"])
        return cipher.decrypt(data[:12], data[12:], None).decode()

    def _cipher(self, person_id: str) -> AESGCM | None:
        cached = self._ciphers.get(person_id)
        if cached is not None and time.monotonic() - cached[0] < KEY_CACHE_SECONDS:
            return cached[1]
        key = self._key(person_id)
        cipher = None if key is None else AESGCM(key)
        self._ciphers[person_id] = (time.monotonic(), cipher)
        return cipher

    def _key_for(self, name: str) -> tuple[str, bytes]:
        cached = self._names.get(name)
        if cached is not None and time.monotonic() - cached[0] < KEY_CACHE_SECONDS:
            return cached[1]
        found = self.keys.key_for(name)
        self._names[name] = (time.monotonic(), found)
        return found

    def _key(self, person_id: str) -> bytes | None:
        cached = self._cache.get(person_id)
        if cached is not None and time.monotonic() - cached[0] < KEY_CACHE_SECONDS:
            return cached[1]
        key = self.keys.key_of(person_id)
        self._cache[person_id] = (time.monotonic(), key)
        return key

    def person_of(self, name: str) -> str | None:
        """The person id standing for ``name`` in read models (None once erased)."""
        if name == ERASED:
            return None
        cached = self._ids.get(name)
        if cached is not None and time.monotonic() - cached[0] < KEY_CACHE_SECONDS:
            return cached[1]
        person_id = self.keys.person_of(name)
        self._ids[name] = (time.monotonic(), person_id)
        return person_id

    def name_of(self, person_id: str) -> str:
        """The name ``person_id`` stands for, or ERASED."""
        cached = self._named.get(person_id)
        if cached is not None and time.monotonic() - cached[0] < KEY_CACHE_SECONDS:
            return cached[1]
        name = self.keys.name_of(person_id) or ERASED
        self._named[person_id] = (time.monotonic(), name)
        return name

    def forget(self, name: str) -> bool:
        """Erase ``name``'s key, and stop reading it in this process at once."""
        for cache in (
            self._cache,
            self._ciphers,
            self._names,
            self._ids,
            self._named,
            self._sealing,
        ):
            cache.clear()
        return self.keys.erase(name)
