"""Errors raised by the ontology side; :class:`OntologyError` is the root, so that an entry
point translates the whole family in one place (``api.cli.opening.FailingPlainly`` on the
command line; the server names the RDF store's when it cannot open it, at /sparql)."""

from __future__ import annotations


class OntologyError(Exception):
    """Root of every error the ``ontology`` package raises on purpose."""


class BaseIriError(OntologyError):
    """MISSION_ATLAS_BASE_IRI is not an absolute http(s) IRI."""


class RdfStoreError(OntologyError):
    """The RDF store cannot be opened or written."""


class RdfStoreHeld(RdfStoreError):
    """Another process holds the store's directory (RocksDB admits one writer)."""


class ExportStopped(OntologyError):
    """A worker process of the export stopped before writing its part."""
