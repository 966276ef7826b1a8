"""GraphiQL's assets ship with the package, pinned: every file is listed with its source and
digest, every library keeps its license, and the page loads nothing from elsewhere."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from api.graphql.graphiql import ASSETS, ASSETS_PATH, PAGE

MANIFEST = ASSETS / "README.md"


def listed_digests() -> dict[str, str]:
    """The files table of the manifest: path under the assets folder -> sha256."""
    rows = re.findall(r"^\| `([^`]+)` \| .* \| `([0-9a-f]{64})` \|$", MANIFEST.read_text(), re.M)
    return dict(rows)


class AssetReferences(HTMLParser):
    """Every URL the page loads (scripts, stylesheets, icons) with its integrity attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        url = attributes.get("src") if tag == "script" else attributes.get("href")
        if tag in ("script", "link") and url is not None:
            self.references.append((url, attributes.get("integrity")))


def page_references() -> list[tuple[str, str | None]]:
    parser = AssetReferences()
    parser.feed(PAGE.read_text())
    return parser.references


def test_every_vendored_file_is_listed_with_the_sha256_of_its_bytes() -> None:
    on_disk = {
        path.relative_to(ASSETS).as_posix()
        for path in ASSETS.rglob("*")
        if path.is_file() and path != MANIFEST
    }
    listed = listed_digests()
    assert set(listed) == on_disk
    for name, digest in listed.items():
        assert hashlib.sha256((ASSETS / name).read_bytes()).hexdigest() == digest, name


def test_every_library_keeps_its_license_beside_it_and_names_its_npm_tarball() -> None:
    libraries = [folder for folder in ASSETS.iterdir() if folder.is_dir()]
    assert {folder.name for folder in libraries} == {
        "react",
        "react-dom",
        "graphiql",
        "plugin-explorer",
    }
    for folder in libraries:
        assert (folder / "LICENSE").read_text().startswith("MIT License"), folder.name
    tarballs = re.findall(r"https://registry\.npmjs\.org/\S+\.tgz", MANIFEST.read_text())
    assert len(tarballs) == 5


def test_the_page_loads_only_vendored_files_from_its_own_server() -> None:
    references = page_references()
    urls = [url for url, _ in references if not url.startswith("data:")]
    assert len(urls) == 6
    for url in urls:
        # Relative to /graphql, so that it resolves under /graphiql/ on the same origin.
        assert not re.match(r"^([a-z]+:)?//", url), url
        assert url.startswith(ASSETS_PATH.lstrip("/") + "/"), url
        assert url.removeprefix("graphiql/") in listed_digests(), url


def test_the_pages_integrity_attributes_match_the_vendored_bytes() -> None:
    for url, integrity in page_references():
        if url.startswith("data:"):
            continue
        body = (ASSETS / url.removeprefix("graphiql/")).read_bytes()
        expected = "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()
        assert integrity == expected, url


def test_the_page_names_no_other_host_at_all() -> None:
    text = PAGE.read_text()
    hosts = set(re.findall(r"https?://([^/\s\"'%]+)", text)) - {"www.w3.org"}
    # www.w3.org is the SVG namespace of the inline icon, never fetched.
    assert hosts == set()
