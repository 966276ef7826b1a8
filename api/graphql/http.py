"""GraphQL over HTTP as the GraphQL-over-HTTP specification asks.

Clients that accept ``application/graphql-response+json`` get that media type, and a request
that never reached execution (unparsable, invalid, bad variables) gets 400 without a ``data``
entry: stock strawberry answers 200 with ``data: null`` there. Older clients asking for
``application/json`` keep 200 for every well-formed request, as that media type expects.
A request that is not well formed (a body that is not a JSON object, too large, no query,
several operations and no ``operationName``) is refused with its 4xx status and a
GraphQL-shaped error, where strawberry answers plain text, fails with 500 or runs the first
operation. A mutation sent with GET is 405; a subscription over GET or POST is refused: it
needs the WebSocket.
"""

from __future__ import annotations

import json
from typing import Any

# The HTTP exception strawberry's views raise comes from its cross-framework layer.
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from api.auth.reading import bearer_token
from api.body_limit import counting, refuse_declared_length
from api.bootstrap import Atlas
from api.graphql.codes import unauthenticated
from api.graphql.context import Context
from api.graphql.graphiql import graphiql_page
from api.graphql.json_posts import is_json_post, operation_of
from api.graphql.refusals import (
    GRAPHQL_RESPONSE,
    Refused,
    json_kind,
    refusal,
    wants_graphql_response,
)
from api.graphql.subscriptions.feed import EventFeed

# Subscriptions are served over the WebSocket only: strawberry would run one sent over HTTP
# as a query, whose resolver's stream then fails as an internal error.
ALLOWED_OPERATIONS = {
    "GET": {OperationType.QUERY},
    "POST": {OperationType.QUERY, OperationType.MUTATION},
}


def is_request_error(result: ExecutionResult) -> bool:
    """Errors raised before execution carry no path: parse, validation, variables."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


class AtlasGraphQL(GraphQL[Context, None]):
    async def render_graphql_ide(self, request: Request) -> Response:
        """Our GraphiQL page, whose assets come from this server rather than a CDN."""
        return HTMLResponse(graphiql_page())

    def __init__(self, schema: BaseSchema, *, max_body_bytes: int) -> None:
        super().__init__(schema)
        self.max_body_bytes = max_body_bytes
        # A streaming transport is chosen by the Accept header, which only ``run`` reads.
        self.answers_json_posts_itself = not self._stream_transport_map

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive=counting(receive, self.max_body_bytes))
        try:
            refuse_declared_length(request.headers, self.max_body_bytes)
            if self.answers_json_posts_itself and is_json_post(request):
                response: Response | WebSocket = await self.answer_json_post(request)
            else:
                response = await self.run(request)
            assert isinstance(response, Response)  # an HTTP request gets an HTTP response
        except HTTPException as error:
            response = refusal(request, error)
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        """A request body (or a GET parameter) as JSON: an object, or a 400 that says why."""
        try:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
        except UnicodeDecodeError as error:
            raise Refused(400, f"the body is not UTF-8 (byte {error.start})") from error
        try:
            decoded = json.loads(text)
        except json.JSONDecodeError as error:
            raise Refused(400, f"not valid JSON: {error}") from error
        except RecursionError as error:
            raise Refused(400, "the JSON is nested too deeply to read") from error
        if not isinstance(decoded, dict):
            raise Refused(
                400,
                'a GraphQL request is a JSON object such as {"query": "{ cities { id } }"}, '
                f"not {json_kind(decoded)}",
            )
        return decoded

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        atlas: Atlas = request.app.state.atlas
        feed: EventFeed = request.app.state.feed
        context = Context(atlas=atlas, request=request, feed=feed)
        if atlas.settings.read_access == "token" and await context.token() is None:
            error = unauthenticated("reading", bearer_token(request) is not None)
            raise Refused(401, error.message, **(error.extensions or {}))
        return context

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if is_request_error(result):
            response.pop("data", None)
            request.state.graphql_request_error = True
        return response

    async def answer_json_post(self, request: Request) -> Response:
        """What ``run`` answers to a POST of a JSON body, in the same steps and order (the
        caller's token, the body, the operation, its result), without the adapters and spare
        response it makes for every kind of request (issue 12: a request's fixed cost)."""
        context = await self.get_context(request, response=None)
        operation = operation_of(self.parse_json(await request.body()))
        result = await self.execute_operation_of(request.method, context, operation)
        answer = await self.process_result(request, result)
        if result.errors:
            self._handle_errors(result.errors, answer)
        return self.json_response(request, answer)

    def json_response(self, request: Request, answer: GraphQLHTTPResponse) -> Response:
        """The answer as ``create_response`` and ``run`` below make it: JSON, or the GraphQL
        response media type when the client prefers it, with 400 for a request error."""
        media_type, status = "application/json", 200
        if wants_graphql_response(request):
            media_type = f"{GRAPHQL_RESPONSE}; charset=utf-8"
            if getattr(request.state, "graphql_request_error", False):
                status = 400
        return Response(self.encode_json(answer), status_code=status, media_type=media_type)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        return await self.execute_operation_of(request_adapter.method, context, request_data)

    async def execute_operation_of(
        self, method: str, context: Context, request_data: GraphQLRequestData
    ) -> ExecutionResult:
        """One operation, allowed by the request's method; the refusals of a request that
        cannot run raised for the caller to answer."""
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=None,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=ALLOWED_OPERATIONS[method],
                operation_extensions=request_data.extensions,
            )
        except CannotGetOperationTypeError as error:
            raise Refused(400, error.as_http_error_reason(), field="operationName") from error
        except InvalidOperationTypeError as error:
            if error.operation_type is OperationType.SUBSCRIPTION:
                raise Refused(
                    400,
                    "query: a subscription needs the WebSocket at /graphql "
                    "(graphql-transport-ws); GET and POST answer queries and mutations",
                    code="BAD_USER_INPUT",
                    field="query",
                ) from error
            status = 405 if method == "GET" else 400
            raise Refused(status, error.as_http_error_reason(method)) from error
        except MissingQueryError as error:
            raise Refused(
                400, "query: no GraphQL query found in the request", field="query"
            ) from error

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Any = UNSET, root_value: Any = UNSET
    ) -> Response | WebSocket:
        response = await super().run(request, context, root_value)
        json_answer = isinstance(response, Response) and response.media_type == "application/json"
        if isinstance(request, Request) and json_answer and wants_graphql_response(request):
            assert isinstance(response, Response)
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
            if getattr(request.state, "graphql_request_error", False):
                response.status_code = 400
        return response
