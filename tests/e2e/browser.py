"""Debian's chromium, driven by Playwright, on a network where only the server under test
answers: what a city team behind a locked-down network sees."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, WebSocket, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# Debian's build (tests/run installs it): Playwright downloads no browser of its own here.
CHROMIUM = Path("/usr/bin/chromium")


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless chromium; a browser that cannot start fails the test, it never skips it."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: tests/run installs Debian's chromium package", pytrace=False
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
        except PlaywrightError as error:
            pytest.fail(f"chromium could not start: {error}", pytrace=False)
        try:
            yield browser
        finally:
            browser.close()


def origin(url: str) -> tuple[str, str]:
    """Scheme and host:port, with WebSockets counted as the HTTP origin they upgrade from."""
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    return scheme, parts.netloc


@dataclass
class Visit:
    """A page opened on one origin: every URL it asked for, and those it was refused."""

    page: Page
    requested: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)


@contextmanager
def visit(browser: Browser, url: str, timeout_ms: float = 60_000) -> Iterator[Visit]:
    """Open ``url`` as if no other host were reachable: a request to another origin is
    recorded and refused, as a network without internet would refuse it."""
    context = browser.new_context()
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    seen = Visit(page)

    def record(requested: str) -> bool:
        seen.requested.append(requested)
        if origin(requested) == origin(url):
            return True
        seen.elsewhere.append(requested)
        return False

    def only_this_origin(route: Route) -> None:
        if record(route.request.url):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def websocket(socket: WebSocket) -> None:
        # WebSockets bypass routing: record them too, so that one to another host is seen.
        record(socket.url)

    context.route("**/*", only_this_origin)
    page.on("websocket", websocket)
    try:
        page.goto(url)
        yield seen
    finally:
        context.close()
