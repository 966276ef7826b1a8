"""GraphiQL in a real headless browser, on a network where only the Mission Atlas server
answers: the page renders, runs a query and a subscription, and asks no other host for
anything."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.browser import Visit, chromium, visit
from tests.e2e.conftest import issue_token
from tests.e2e.server import Server, serve

EDITOR = ".graphiql-query-editor .CodeMirror"
RESPONSE = ".graphiql-response .CodeMirror"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def embedded_demo(embedded_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    """``serve --demo`` on SQLite and the embedded graph only: the page is the same whatever
    the stores, and GraphQL over both pairs is covered by the HTTP tests."""
    token = issue_token(embedded_env, "--role", "admin", "--label", "browser e2e")
    server = serve(embedded_env, tmp_path / "serve.log", "--demo", token=token)
    yield server
    server.stop()


@pytest.fixture
def graphiql(browser: Browser, embedded_demo: Server) -> Iterator[Visit]:
    with visit(browser, f"{embedded_demo.url}/graphql") as opened:
        try:
            opened.page.wait_for_selector(EDITOR)
        except PlaywrightTimeoutError:
            text = opened.page.inner_text("body")[:200]
            pytest.fail(f"GraphiQL did not render ({text!r}); refused: {opened.elsewhere}")
        yield opened


def type_query(page: Page, text: str) -> None:
    """Replace the editor's text, as pasting would: through the editor's own CodeMirror, so
    GraphiQL's closing of brackets and quotes as they are typed cannot race keystrokes on a
    loaded machine (typing key by key failed that way now and then).

    GraphiQL parses the text 100 ms after the last change, and a run sooner would go out with
    the previous parse (a subscription would then be sent over HTTP): wait until the page has
    written the parsed text into its URL, which it does in the same step."""
    page.wait_for_selector(EDITOR)
    page.evaluate(
        "([selector, text]) => document.querySelector(selector).CodeMirror.setValue(text)",
        [EDITOR, text],
    )
    page.wait_for_function(
        "text => new URLSearchParams(location.search).get('q') === text", arg=text
    )


def wait_until(page: Page, condition: Callable[[], bool], seconds: float = 60) -> None:
    """Let the page run (and its events reach us) until ``condition`` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(50)


def editor_text(page: Page, selector: str) -> str:
    text: str = page.eval_on_selector(selector, "element => element.CodeMirror.getValue()")
    return text


def test_graphiql_renders_and_runs_a_query_with_nothing_from_another_host(
    graphiql: Visit, embedded_demo: Server
) -> None:
    page = graphiql.page
    type_query(page, "{ cities { name } }")
    assert editor_text(page, EDITOR) == "{ cities { name } }"
    page.click(".graphiql-execute-button")
    page.wait_for_selector(f"{RESPONSE} .CodeMirror-code:has-text('Greater Manchester')")
    assert '"name": "Valencia"' in editor_text(page, RESPONSE)
    assert graphiql.elsewhere == []
    assets = {url for url in graphiql.requested if "/graphiql/" in url}
    assert f"{embedded_demo.url}/graphiql/graphiql/graphiql.min.js" in assets
    assert f"{embedded_demo.url}/graphiql/react/react.production.min.js" in assets


def test_a_subscription_run_in_graphiql_shows_an_event_recorded_meanwhile(
    graphiql: Visit, embedded_demo: Server
) -> None:
    page = graphiql.page
    sent: list[str] = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda f: sent.append(str(f))))
    type_query(page, 'subscription { eventRecorded(cityId: "camden") { summary } }')
    page.click(".graphiql-execute-button")
    wait_until(page, lambda: any('"type":"subscribe"' in frame for frame in sent))
    recorded = embedded_demo.graphql(
        'mutation { recordDecision(input: {missionId: "we-make-camden", '
        'title: "Seen in GraphiQL", recordedBy: "e2e", source: "https://example.org/minutes"}) '
        "{ position } }"
    )
    assert "errors" not in recorded, recorded
    page.wait_for_selector(f"{RESPONSE} .CodeMirror-code:has-text('Decision: Seen in GraphiQL')")
    assert embedded_demo.url.replace("http://", "ws://") + "/graphql" in graphiql.requested
    assert graphiql.elsewhere == []
