"""The OWL API's OWL 2 DL profile check, of the ontology alone and with the seed record.

    .venv/bin/python -m tests.benchmarks.owl_profile

Builds the small Java checker in ``owl_profile/`` with Maven (OWL API 5.5.1 from Maven
Central, the first time only), exports the seed record and the Springfield story with their
events, and prints the violations by kind. Figures, not verdicts: the data's dates
(xsd:date, xsd:gYearMonth, xsd:gYear) are outside OWL 2's datatype map, so each date literal
counts as a violation however the ontology declares them.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from api.seed import SEED_FILES
from events.application import MissionAtlas
from events.importing import import_events
from events.settings import event_store_env
from ontology.export import export_graphs
from ontology.iris import Iris
from ontology.writers import FORMATS, serialize
from tests.stories import springfield_story

HERE = Path(__file__).with_name("owl_profile")
ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "atlas.ttl"


def main() -> None:
    subprocess.run(
        ["mvn", "-q", "-B", "compile", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt"],
        cwd=HERE,
        check=True,
    )
    classpath = (HERE / "cp.txt").read_text().strip() + ":" + str(HERE / "target" / "classes")
    folder = Path(tempfile.mkdtemp(prefix="atlas-owl-"))
    app = MissionAtlas(env=event_store_env("sqlite", folder / "e.sqlite"))
    for seed in SEED_FILES:
        with seed.open() as lines:
            import_events(app, lines)
    app.execute(springfield_story())
    graphs = export_graphs(app, Iris("http://atlas.test/id/"), with_events=True)
    data = "".join(serialize(FORMATS["ttl"], graphs))
    app.close()
    combined = folder / "ontology-and-record.ttl"
    combined.write_text(ONTOLOGY.read_text() + data)
    for document in (ONTOLOGY, combined):
        subprocess.run(["java", "-cp", classpath, "Profile", str(document)], check=True)


if __name__ == "__main__":
    main()
