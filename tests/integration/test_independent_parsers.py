"""The five RDF formats, read by parsers that share no code with ours: rapper (Raptor, C) and
Jena's riot (Java). Each reads every format it knows without a warning or an error, and counts
the statements pyoxigraph counts. A parser that cannot be found or fetched fails the test: it
is installed by tests/run (rapper from Debian's raptor2-utils, riot from Maven Central)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest

from api.seed import SEED_FILES
from events.application import MissionAtlas
from events.importing import import_events
from events.settings import event_store_env
from ontology.export import export_graphs
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests.services.jena_riot import riot
from tests.stories import springfield_story

OXIGRAPH = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
# Raptor reads four of the five: it writes JSON-LD's ancestor but parses no JSON-LD.
RAPPER = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig"}
RAPPER_COUNT = re.compile(r"Parsing returned (\d+) triples")


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed record and the Springfield story (its corrections make the history's
    withdrawn statements), with their events and history, in each format."""
    folder = tmp_path_factory.mktemp("dumps")
    app = MissionAtlas(env=event_store_env("sqlite", folder / "events.sqlite"))
    try:
        for seed in SEED_FILES:
            with seed.open() as lines:
                import_events(app, lines)
        app.execute(springfield_story())
        files = {}
        for name, fmt in FORMATS.items():
            iris = Iris("http://atlas.test/id/")
            graphs = export_graphs(app, iris, with_events=True, history=True)
            files[name] = folder / f"atlas.{name}"
            with files[name].open("w", encoding="utf-8") as out:
                out.writelines(serialize(fmt, graphs))
    finally:
        app.close()
    return files


def oxigraph_count(path: Path, name: str) -> int:
    return sum(1 for _ in pyoxigraph.parse(path=path, format=OXIGRAPH[name]))


def test_every_format_is_written(dumps: dict[str, Path]) -> None:
    assert set(dumps) == set(OXIGRAPH) == {"ttl", "nt", "nq", "trig", "jsonld"}
    counts = {name: oxigraph_count(path, name) for name, path in dumps.items()}
    # The history's statements included: every format carries the same ones.
    assert len(set(counts.values())) == 1, counts
    assert counts["nt"] > 1000


def test_rapper_reads_each_format_it_knows_as_pyoxigraph_does(dumps: dict[str, Path]) -> None:
    rapper = shutil.which("rapper")
    assert rapper, "rapper not found: install Debian's raptor2-utils (tests/run does)"
    for name, parser in RAPPER.items():
        command = [rapper, "--count", "--input", parser, str(dumps[name])]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, (name, done.stderr)
        problems = [
            line for line in done.stderr.splitlines() if "Error" in line or "Warning" in line
        ]
        assert problems == [], (name, problems)
        counted = RAPPER_COUNT.search(done.stderr)
        assert counted, (name, done.stderr)
        assert int(counted[1]) == oxigraph_count(dumps[name], name), name


def test_riot_validates_all_five_and_counts_as_pyoxigraph_does(dumps: dict[str, Path]) -> None:
    folder = dumps["nt"].parent
    ran = riot("--validate", "--count", *(path.name for path in dumps.values()), cwd=folder)
    assert ran.returncode == 0, ran.output
    assert ran.problems == [], ran.problems
    assert ran.counts == {path.name: oxigraph_count(path, name) for name, path in dumps.items()}
