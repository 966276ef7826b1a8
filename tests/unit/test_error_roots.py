"""Each package raises its errors from one root, so that an entry point translates the whole
family in one place: ``AtlasError`` for events, ``GraphError`` for graph, ``OntologyError`` for
ontology. (A private exception a module raises and catches itself is no error of the package.)"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from events.errors import AtlasError
from graph.errors import GraphError
from ontology.errors import OntologyError

ROOTS = {"events": AtlasError, "graph": GraphError, "ontology": OntologyError}


def errors_defined_in(package: str) -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        module = importlib.import_module(info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, BaseException)
                and value.__module__ == info.name
                and not name.startswith("_")
            ):
                found[f"{info.name}.{name}"] = value
    return found


@pytest.mark.parametrize("package", ROOTS)
def test_every_error_a_package_raises_descends_from_its_root(package: str) -> None:
    errors = errors_defined_in(package)
    assert errors  # the package's own errors were found
    assert [name for name, error in errors.items() if not issubclass(error, ROOTS[package])] == []
