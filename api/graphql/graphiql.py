"""GraphiQL from the package: the page strawberry serves to browsers at /graphql, and its
pinned assets under /graphiql/, so that the IDE works on a network without internet.

strawberry's own page loads React and GraphiQL from a CDN; ours loads the same files from
``static/graphiql/`` (listed, with their sources and digests, in its README.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).parents[1] / "static"
ASSETS = STATIC / "graphiql"
PAGE = STATIC / "graphiql.html"

# Where the page's relative asset URLs (graphiql/...) resolve from /graphql.
ASSETS_PATH = "/graphiql"


@cache
def graphiql_page() -> str:
    """The page's HTML, read once per process."""
    return PAGE.read_text(encoding="utf-8")


def graphiql_assets() -> Mount:
    return Mount(ASSETS_PATH, app=StaticFiles(directory=ASSETS), name="graphiql")
