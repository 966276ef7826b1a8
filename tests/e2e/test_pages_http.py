"""The Mission Explorer's pages over HTTP, on the demo: each page kind says what the API
says, offers its RDF and its GraphQL query, stays under 100 kB, and answers a wrong id with
a 404 page and a wrong parameter with a 400 page naming it.

In-process (Starlette's test client) on SQLite and the embedded graph: the pages read
through the schema, whose answers on both store pairs the GraphQL tests already cover. One
test serves the demo on Neo4j with `mission-atlas serve` and finds every page saying the same."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.bootstrap import bootstrap
from api.cli import _import
from api.seed import SEED_FILES
from api.settings import Settings
from events.commands import Command
from tests import factories as f
from tests.e2e.conftest import atlas_env
from tests.e2e.server import serve

PAGES = {
    "home": "/",
    "city": "/cities/valencia",
    "mission": "/missions/valencia-climate-neutral",
    "approach": "/approaches/cross-sector-alliance",
    "lessons": "/lessons?cityId=valencia",
    "handover": "/cities/valencia/handover?day=2023-06-17",
    "audit": "/audit",
    "trail": "/audit/gm-retrofit",
}


def explorer(data_dir: Path, commands: list[Command] | None = None) -> TestClient:
    """The app on a fresh record: the demo's seed files, or the commands given."""
    settings = Settings.from_env({"MISSION_ATLAS_DATA_DIR": str(data_dir)})
    atlas = bootstrap(settings)
    if commands is None:
        for seed in SEED_FILES:
            _import(atlas.events, seed)
    else:
        atlas.events.execute(commands)
    atlas.projector.catch_up()
    return TestClient(create_app(settings, poll=False, build=lambda _: atlas))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with explorer(tmp_path_factory.mktemp("data")) as client:
        yield client


def text_of(html: str) -> str:
    """The page's words, as a reader sees them (tags out, entities decoded, spaces folded)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def graphql(client: TestClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def shown_queries(html: str) -> list[tuple[str, dict[str, Any]]]:
    """The queries a page says it ran, read back from its links to GraphiQL."""
    found = []
    for href in re.findall(r'href="(/graphql\?[^"]+)"', html):
        params = parse_qs(urlsplit(unescape(href)).query)
        found.append((params["query"][0], json.loads(params.get("variables", ["{}"])[0])))
    return found


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_every_page_kind_answers_html_under_100_kb_with_its_query_and_its_rdf(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert len(response.content) < 100_000
    assert shown_queries(response.text), "the page shows no GraphQL query"
    alternates = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)">', response.text)
    assert {t for t, _ in alternates} >= {"text/turtle", "application/n-triples"}
    for media_type, href in alternates[:2]:
        rdf = client.get(unescape(href))
        assert rdf.status_code == 200, href
        assert rdf.headers["content-type"].startswith(media_type)


def test_every_query_a_page_shows_runs_as_shown_against_the_api(client: TestClient) -> None:
    for url in PAGES.values():
        for query, variables in shown_queries(client.get(url).text):
            graphql(client, query, variables)


def test_the_city_page_ranks_the_peers_as_the_api_does_with_the_reason_for_each(
    client: TestClient,
) -> None:
    page = text_of(client.get("/cities/valencia").text)
    peers = graphql(client, '{ peers(cityId: "valencia") { city { name } reason } }', {})["peers"]
    assert peers, "the demo gives Valencia peers"
    places = [page.index(f"{p['city']['name']} score") for p in peers]
    assert places == sorted(places), "the peers are not in the API's order"
    for peer in peers:
        assert peer["reason"] in page
    for mayor in ("Joan Ribó", "María José Catalá"):
        assert mayor in page


def test_the_city_page_pictures_its_peers_linked_by_the_approaches_the_api_says_they_share(
    client: TestClient,
) -> None:
    html = client.get("/cities/valencia").text
    figure = html[html.index('<figure class="peer-picture">') :]
    figure = figure[: figure.index("</ul>")]
    svg = figure[: figure.index("</svg>")]
    assert 'role="img" aria-labelledby="peer-picture-title peer-picture-desc"' in svg
    query = '{ peers(cityId: "valencia") { city { name } sharedApproaches { label } } }'
    peers = graphql(client, query, {})["peers"]
    expected = {(a["label"], p["city"]["name"]) for p in peers for a in p["sharedApproaches"]}
    assert expected, "Valencia shares approaches with its peers"
    drawn = re.findall(r"<title>([^<]+), shared with ([^<]+)</title>", unescape(svg))
    assert sorted(drawn) == sorted(expected)
    words = text_of(figure[figure.index('<ul class="peer-links">') :])
    for label, name in expected:
        assert re.search(rf"{re.escape(label)} ?: shared with [^:]*{re.escape(name)}", words)


def test_a_filtered_lessons_page_lists_what_the_api_answers_for_the_same_filter(
    client: TestClient,
) -> None:
    query = (
        "query($f: LessonFilter) { lessons(filter: $f, first: 20) { edges { node { title } } } }"
    )
    for params, lesson_filter in [
        ("cityId=valencia", {"cityId": "valencia"}),
        ("result=WORKED", {"result": "WORKED"}),
        ("text=funding&cityId=", {"text": "funding"}),
    ]:
        html = client.get(f"/lessons?{params}").text
        listed = [text_of(h) for h in re.findall(r"<h3><a [^>]+>(.*?)</a></h3>", html)]
        edges = graphql(client, query, {"f": lesson_filter})["lessons"]["edges"]
        assert listed == [text_of(e["node"]["title"]) for e in edges], params


def test_the_lessons_form_keeps_its_filters_so_the_url_can_be_shared(client: TestClient) -> None:
    html = client.get("/lessons?result=MIXED&cityId=camden&occurredFrom=2020-01-01").text
    assert '<option value="MIXED" selected>' in html
    assert '<option value="camden" selected>' in html
    assert 'name="occurredFrom" type="date" value="2020-01-01"' in html


def test_the_mission_story_places_its_items_across_the_mayors_and_opens_each_to_its_why(
    client: TestClient,
) -> None:
    html = client.get("/missions/valencia-climate-neutral").text
    story = html[html.index('<svg class="axis story"') : html.index("</svg>", html.index("story"))]
    assert story.count('class="transition"') == 2, "Valencia changed mayor twice"
    assert "Joan Ribó" in story
    assert "María José Catalá" in story
    marks = re.findall(r'<a href="#([a-z]+-\d+)" class="mark ([a-z-]+)">', story)
    assert ("decision-0", "decision") in marks  # 2020 is a year: placed on its first day
    kinds = {css for _, css in marks}
    assert {"decision", "open", "open-roadblock"} <= kinds
    for anchor, _ in marks:
        assert f'id="{anchor}"' in html, f"mark {anchor} opens nothing"
    entry = html[html.index('id="decision-2"') :]
    entry = entry[: entry.index("</details>")]
    assert "Why:" in entry
    assert 'Source: <a href="https://' in entry


def entry(html: str, anchor: str) -> str:
    """The text of one item's entry in the mission's story."""
    found = html[html.index(f'id="{anchor}"') :]
    return text_of(found[: found.index("</details>")])


def test_each_item_cites_the_events_the_api_says_recorded_it(client: TestClient) -> None:
    html = client.get("/missions/valencia-climate-neutral").text
    source = "{ position source }"
    mission = graphql(
        client,
        '{ mission(id: "valencia-climate-neutral") { '
        f"decisions {{ recordedIn {source} }} "
        f"iterations {{ recordedIn {source} concludedIn {source} }} "
        f"roadblocks {{ recordedIn {source} resolvedIn {source} }} }} }}",
        {},
    )["mission"]
    for key, anchor in [("decisions", "decision"), ("iterations", "iteration"),
                        ("roadblocks", "roadblock")]:  # fmt: skip
        assert mission[key], f"the demo's mission has {key}"
        for n, item in enumerate(mission[key]):
            cited = entry(html, f"{anchor}-{n}")
            raw = html[html.index(f'id="{anchor}-{n}"') :]
            raw = unescape(raw[: raw.index("</details>")])
            events = [item[k] for k in ("recordedIn", "concludedIn", "resolvedIn") if item.get(k)]
            assert events, f"{anchor}-{n} names no event"
            for event in events:
                assert f"event #{event['position']}" in cited, f"{anchor}-{n}"
                assert f'href="{event["source"]}"' in raw, f"{anchor}-{n}"


def test_items_of_the_same_wording_each_cite_only_their_own_source(tmp_path: Path) -> None:
    def said(source: str) -> dict[str, str]:
        return {"source": f"https://example.org/{source}"}

    commands: list[Command] = [
        f.register_city("springfield"),
        f.launch("retrofit", "springfield"),
        f.decide("retrofit", "Review the budget", decision_id="first", **said("minutes-2019")),
        f.decide("retrofit", "Review the budget", decision_id="again", **said("minutes-2023")),
        f.start_iteration("retrofit", "pilot", **said("pilot-plan")),
        f.conclude("retrofit", "pilot", **said("pilot-report")),
        f.roadblock("retrofit", "gap", **said("gap-found")),
        f.resolve("retrofit", "gap", **said("gap-closed")),
        f.start_iteration("retrofit", "trial", **said("trial-report")),
        f.conclude("retrofit", "trial", **said("trial-report")),
    ]
    with explorer(tmp_path / "data", commands) as client:
        html = client.get("/missions/retrofit").text
    first, again = entry(html, "decision-0"), entry(html, "decision-1")
    assert ("minutes-2019" in first, "minutes-2023" in first) == (True, False)
    assert ("minutes-2019" in again, "minutes-2023" in again) == (False, True)
    pilot = entry(html, "iteration-0")
    assert "Source: https://example.org/pilot-plan" in pilot
    assert "Source (IterationConcluded): https://example.org/pilot-report" in pilot
    gap = entry(html, "roadblock-0")
    assert "Source: https://example.org/gap-found" in gap
    assert "Source (RoadblockResolved): https://example.org/gap-closed" in gap
    trial = entry(html, "iteration-1")  # one report for both: cited once, with both events
    assert trial.count("https://example.org/trial-report") == 1
    assert "(IterationStarted)" in trial
    assert "(IterationConcluded)" in trial


def test_the_handover_page_is_the_api_handover_laid_out_to_print(client: TestClient) -> None:
    page = text_of(client.get("/cities/valencia/handover?day=2023-06-17").text)
    data = graphql(
        client,
        '{ handover(cityId: "valencia", day: "2023-06-17") { administration { mayor } '
        "missions { mission { title } lastDecisions { title } } } }",
        {},
    )["handover"]
    assert data["administration"]["mayor"] in page
    for mission in data["missions"]:
        assert mission["mission"]["title"] in page
        for decision in mission["lastDecisions"]:
            assert text_of(decision["title"]) in page
    css = client.get("/pages/pages.css").text
    assert "@media print" in css


def test_the_audit_page_says_the_chain_verifies_and_gives_its_head(client: TestClient) -> None:
    page = text_of(client.get("/audit").text)
    assert "Intact: every one of the 57 events verifies." in page
    assert re.search(r"Head digest [0-9a-f]{64}", page)


@pytest.mark.parametrize(
    "url",
    ["/cities/atlantis", "/missions/nope", "/approaches/nope", "/audit/nope",
     "/cities/atlantis/handover"],
)  # fmt: skip
def test_an_unknown_id_answers_a_404_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert "nope" in response.text or "atlantis" in response.text


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/lessons?occurredFrom=yesterday", "occurredFrom"),
        ("/lessons?result=GREAT", "result"),
        ("/lessons?text=" + "x" * 201, "text"),
        ("/cities/valencia/handover?day=2023-13-01", "day"),
        ("/cities/valencia/handover?asKnownThen=maybe", "asKnownThen"),
    ],
)
def test_a_bad_parameter_answers_a_400_page_naming_it(
    client: TestClient, url: str, parameter: str
) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert f"The parameter &#39;{parameter}&#39;" in response.text


def test_the_pages_ask_no_other_host_for_anything(client: TestClient) -> None:
    for url in PAGES.values():
        html = client.get(url).text
        for ref in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            # Links a reader may follow (sources, Wikidata) are fine; loaded assets are not.
            assert not re.search(rf'<(?:link|script|img)[^>]+"{re.escape(ref)}"', html), ref


def test_the_assets_come_from_the_package(client: TestClient) -> None:
    assert Path("api/pages/static/pages.css").exists()
    for asset in ("/pages/pages.css", "/pages/favicon.svg"):
        assert client.get(asset).status_code == 200


def as_read(html: str) -> list[str]:
    """A page's words block by block, less what differs between two records of the same
    events: when each was stored, hence the digests that chain them."""
    blocks = re.split(r"<(?:/?(?:p|li|dt|dd|h[1-6]|tr|summary|figcaption|title)\b)[^>]*>", html)
    words = [text_of(block) for block in blocks]
    stamped = [re.sub(r"\b[0-9a-f]{16}(?:[0-9a-f]{48}\b|…)", "<digest>", w) for w in words]
    return [w for w in stamped if w]


@pytest.mark.usefixtures("neo4j_server")  # started first, so its start is not the test's time
def test_every_page_kind_says_the_same_served_on_neo4j(
    client: TestClient, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    env = atlas_env("sqlite+neo4j", request, tmp_path / "data")
    server = serve(env, tmp_path / "serve.log", "--demo", "--no-access-log")
    try:
        for kind, url in PAGES.items():
            response = httpx.get(server.url + url, timeout=30)
            assert response.status_code == 200, f"{kind}: {response.text}"
            assert as_read(response.text) == as_read(client.get(url).text), kind
    finally:
        server.stop()
