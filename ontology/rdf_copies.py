"""One RDF store per server process, so that every worker of ``serve --workers N`` answers
/sparql.

The store's directory admits one process (RocksDB's lock), and pyoxigraph 0.5 opens no
secondary that follows a writer (``Store.read_only`` beside a writer is undefined behaviour).
So before the workers start, the server copies the store once per extra worker: a copy is a
RocksDB checkpoint (``Store.backup``), hard links to the same immutable files, made in moments
whatever the store's size. A copy carries its own position, as the store does, so each worker
opens the first store no other process holds and follows the event log into it from there, as
the single server does: all of them say what the record says, each within its polling
interval. A worker restarted after a crash takes the store its predecessor left.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ontology.errors import RdfStoreError, RdfStoreHeld
from ontology.rdf_store import RdfStore


def copies_of(primary: Path) -> Path:
    """The folder of the workers' copies, beside the store."""
    return primary.with_name(primary.name + "-workers")


def make_copies(primary: Path, count: int) -> list[Path]:
    """Replace the workers' copies with ``count`` fresh ones of the store at ``primary``;
    :class:`RdfStoreHeld` if a running server holds it."""
    store = RdfStore(primary)
    try:
        folder = copies_of(primary)
        # Copies left by an earlier run were caught up by workers gone since, each its own way:
        # fresh ones cost moments and start where the store is.
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        copies = [folder / str(n) for n in range(1, count + 1)]
        for copy in copies:
            try:
                store.store.backup(str(copy))
            except OSError as error:
                raise RdfStoreError(
                    f"the RDF store could not be copied to {copy}: {error}"
                ) from error
        return copies
    finally:
        store.close()


def open_free(primary: Path) -> RdfStore:
    """The store at ``primary``, or else the first of its copies no other process holds;
    :class:`RdfStoreHeld` if every one is held."""
    folder = copies_of(primary)
    copies = (
        sorted(folder.iterdir(), key=lambda p: (len(p.name), p.name)) if folder.is_dir() else []
    )
    for path in [primary, *copies]:
        try:
            return RdfStore(path)
        except RdfStoreHeld:
            continue
    if not copies:
        raise RdfStoreHeld(f"the RDF store at {primary} is held by another process")
    raise RdfStoreHeld(
        f"the RDF store at {primary} and its {len(copies)} copies in {folder} are held by "
        "other processes"
    )
