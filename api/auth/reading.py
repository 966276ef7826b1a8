"""Who may read the record: anyone, or with ``MISSION_ATLAS_READ_ACCESS=token`` only the holders
of a live API token, sent as ``Authorization: Bearer <token>`` wherever the record is served
(GraphQL, the pages, /rdf and the dumps, every IRI dereferenced, /sparql).

What stays public in token mode describes the vocabulary and the dataset, not the record: the
ontology (/ontology, its JSON-LD context) and the dataset description (/.well-known/void), whose
triple count alone comes from the record and is given to token holders only (see
``api.rdf.dataset_description``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from anyio import to_thread
from starlette.requests import HTTPConnection, Request
from starlette.responses import PlainTextResponse, Response

from api.auth.tokens import ApiToken, Tokens
from api.bootstrap import Atlas

REALM = "Mission Atlas"
Endpoint = Callable[[Request], Awaitable[Response]]


def bearer_token(request: HTTPConnection) -> str | None:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


async def live_token(request: HTTPConnection) -> ApiToken | None:
    """The caller's live API token, if the request carries one."""
    secret = bearer_token(request)
    if secret is None:
        return None
    atlas: Atlas = request.app.state.atlas
    return await to_thread.run_sync(Tokens(atlas.events).find, secret)


async def may_read(request: HTTPConnection) -> bool:
    atlas: Atlas = request.app.state.atlas
    return atlas.settings.read_access == "open" or await live_token(request) is not None


def token_problem(needs: str, token_sent: bool) -> str:
    """Why a request was refused, the same words on every route; ``needs`` says what wanted
    a token ("reading", "recording")."""
    problem = (
        "the API token sent is unknown or revoked" if token_sent else f"{needs} needs an API token"
    )
    return (
        f"Authorization: {problem}; send a live one as `Authorization: Bearer <token>` "
        "(an administrator creates one with `mission-atlas token create`)."
    )


def challenge(request: HTTPConnection) -> dict[str, str]:
    """The headers of a 401: how to authenticate (RFC 6750's Bearer scheme, saying that a
    token sent was refused), and that the answer depends on the Authorization header, so no
    cache hands one caller's answer to another."""
    scheme = f'Bearer realm="{REALM}"'
    if bearer_token(request) is not None:
        scheme += ', error="invalid_token", error_description="unknown or revoked"'
    return {"www-authenticate": scheme, "vary": "accept, authorization"}


async def read_refused(request: Request) -> Response | None:
    """A 401 for a caller who may not read the record; None for one who may."""
    if await may_read(request):
        return None
    message = token_problem("reading", bearer_token(request) is not None)
    return PlainTextResponse(message + "\n", status_code=401, headers=challenge(request))


def readers_only(endpoint: Endpoint) -> Endpoint:
    """``endpoint``, answered only to those who may read the record. In token mode its answers
    vary with Authorization too."""

    async def guarded(request: Request) -> Response:
        if (refused := await read_refused(request)) is not None:
            return refused
        response = await endpoint(request)
        atlas: Atlas = request.app.state.atlas
        if atlas.settings.read_access == "token":
            response.headers.add_vary_header("authorization")
        return response

    guarded.__name__ = guarded.__qualname__ = endpoint.__name__
    guarded.__doc__ = endpoint.__doc__
    return guarded
