"""The Mission Explorer in Debian's headless chromium, on a network where only the server
answers: a reader follows Valencia from the home page to its mission's story, filters the
lessons, prints a handover to PDF, and checks each page kind for accessibility with axe-core.

One browser session for every page kind keeps it to seconds. With MISSION_ATLAS_SCREENSHOTS
set to a directory, the Home, City, Mission and Handover pages are saved there as PNG."""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page
from pypdf import PdfReader

from api.pages.mission import SHOWN
from events.commands import AdoptApproach, Command, LaunchMission, RecordDecision
from tests.e2e.browser import chromium, visit
from tests.e2e.server import Server, run_cli, serve
from tests.synthetic import as_event_lines, synthetic_commands

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
SCREENSHOTS = os.environ.get("MISSION_ATLAS_SCREENSHOTS")


@pytest.fixture
def embedded_demo(embedded_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    server = serve(embedded_env, tmp_path / "serve.log", "--demo")
    yield server
    server.stop()


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings on the page as it stands."""
    page.add_script_tag(content=AXE.read_text())
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => ({id: v.id, impact: v.impact, where: v.nodes.map(n => n.target)}))"""
    )
    return found


def screenshot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def test_a_reader_follows_valencia_filters_lessons_and_prints_a_handover(
    embedded_demo: Server,
) -> None:
    errors: list[str] = []
    violations: dict[str, list[dict[str, Any]]] = {}

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url')})")

    def checked(page: Page, kind: str) -> None:
        page.wait_for_load_state("load")
        assert page.locator("h1").count() == 1, kind
        violations[kind] = serious_violations(page)

    with chromium() as browser, visit(browser, f"{embedded_demo.url}/health") as opened:
        page = opened.page
        page.set_viewport_size({"width": 1200, "height": 900})
        page.on("console", console)
        page.on("pageerror", lambda error: errors.append(str(error)))

        page.goto(f"{embedded_demo.url}/")
        checked(page, "home")
        screenshot(page, "home")

        page.get_by_role("link", name="Valencia", exact=True).first.click()
        checked(page, "city")
        assert page.get_by_text("Greater Manchester score").is_visible()
        screenshot(page, "city")

        page.get_by_role("link", name="Climate-neutral Valencia by 2030").first.click()
        checked(page, "mission")
        screenshot(page, "mission")
        # The mark of the third decision opens its entry: its why and its source.
        page.locator('svg.story a.mark[href="#decision-2"]').click()
        assert page.url.endswith("#decision-2")
        entry = page.locator("#decision-2")
        entry.locator("summary").click()
        assert entry.get_by_text("Why:").is_visible()
        assert entry.locator(".source a").first.is_visible()

        page.get_by_role("link", name="Cross-sector alliance").first.click()
        checked(page, "approach")

        page.goto(f"{embedded_demo.url}/lessons")
        page.get_by_label("City").select_option(label="Valencia")
        page.get_by_label("Text").fill("EU")
        page.get_by_role("button", name="Show the lessons").click()
        page.wait_for_load_state("load")
        assert "cityId=valencia" in page.url
        assert "text=EU" in page.url
        listed = page.locator("ol.lessons > li.lesson")
        assert listed.count() >= 1
        for meta in listed.locator(".meta").all_inner_texts():
            assert "Valencia" in meta
        checked(page, "lessons")

        page.goto(f"{embedded_demo.url}/cities/valencia/handover?day=2023-06-17")
        checked(page, "handover")
        screenshot(page, "handover")
        printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
        text = " ".join(p.extract_text() for p in printed.pages)
        assert "Handover report: Valencia" in text
        assert "Climate City Contract" in text
        assert "Lessons" not in text.split("Handover report")[0], "the site's menu was printed"

        page.goto(f"{embedded_demo.url}/audit")
        checked(page, "audit")
        assert page.get_by_text("Intact:").is_visible()
        page.get_by_role("link", name="Climate-neutral Valencia by 2030").click()
        checked(page, "audit trail")

    assert errors == []
    assert opened.elsewhere == [], "a page asked another host"
    assert {kind: found for kind, found in violations.items() if found} == {}


@pytest.fixture
def synthetic_record(
    embedded_env: dict[str, str], tmp_path: Path
) -> Iterator[tuple[Server, list[Command]]]:
    """A synthetic record of a few hundred events (two cities of six terms, two missions):
    enough that the mission's lists, the lessons and the audit trail are cut into pages."""
    commands = synthetic_commands(cities=2, missions=2, events=500, seed=7)
    record = tmp_path / "synthetic.jsonl"
    record.write_text("\n".join(as_event_lines(commands)) + "\n")
    imported = run_cli("import", str(record), env=embedded_env)
    assert imported.returncode == 0, imported.stderr
    server = serve(embedded_env, tmp_path / "serve.log")
    yield server, commands
    server.stop()


def test_every_page_kind_holds_on_a_larger_synthetic_record(
    synthetic_record: tuple[Server, list[Command]],
) -> None:
    server, commands = synthetic_record
    decisions = Counter(c.mission_id for c in commands if isinstance(c, RecordDecision))
    mission, recorded = decisions.most_common(1)[0]
    assert recorded > SHOWN["decisions"], "the record is too small to cut the mission's lists"
    launch = next(c for c in commands if isinstance(c, LaunchMission) and c.mission_id == mission)
    approach = next(c.approach_id for c in commands if isinstance(c, AdoptApproach))
    errors: list[str] = []
    violations: dict[str, list[dict[str, Any]]] = {}
    with chromium() as browser, visit(browser, f"{server.url}/health") as opened:
        page = opened.page
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))

        def load(kind: str, path: str) -> None:
            response = page.goto(f"{server.url}{path}")
            assert response is not None
            assert response.status == 200, kind
            assert len(response.body()) < 100_000, kind
            violations[kind] = serious_violations(page)

        load("home", "/")
        load("city", f"/cities/{launch.city_id}")
        assert page.locator("svg.axis .transition").count() == 5, "six terms, five changes"
        load("mission", f"/missions/{mission}")
        note = f"The newest {SHOWN['decisions']} of {recorded} decisions"
        assert page.get_by_text(note).is_visible()
        load("approach", f"/approaches/{approach}")
        load("lessons", f"/lessons?cityId={launch.city_id}")
        assert page.locator("ol.lessons > li.lesson").count() == 20
        page.get_by_role("link", name="Older lessons").click()
        page.wait_for_load_state("load")
        assert "after=" in page.url
        assert page.locator("ol.lessons > li.lesson").count() > 0
        load("handover", f"/cities/{launch.city_id}/handover?day=2010-06-01")
        load("audit trail", f"/audit/{mission}")
        page.get_by_role("link", name="Later events").click()
        page.wait_for_load_state("load")
        assert page.locator("table tbody tr").count() > 0
    assert errors == []
    assert opened.elsewhere == [], "a page asked another host"
    assert {kind: found for kind, found in violations.items() if found} == {}
