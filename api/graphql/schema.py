"""The GraphQL schema, assembled from the features."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.schema import StreamResult
from strawberry.types.execution import PreExecutionError

from api.graphql.audit.queries import AuditQueries
from api.graphql.catalogue.queries import CatalogueQueries
from api.graphql.cities.queries import CityQueries
from api.graphql.document_extension import CheckedDocuments
from api.graphql.errors import MaskUnexpectedErrors
from api.graphql.execution import PlainValuesDirect
from api.graphql.lessons.queries import LessonQueries
from api.graphql.missions.queries import MissionQueries
from api.graphql.peers.queries import PeerQueries
from api.graphql.recording.mutations import Mutation
from api.graphql.scalars import SCALAR_OVERRIDES
from api.graphql.subscriptions.subscriptions import Subscription
from api.graphql.transitions.queries import TransitionQueries


class AtlasSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Expected errors are answers, not incidents; MaskUnexpectedErrors logs the rest."""

    async def stream(self, *args: Any, **kwargs: Any) -> StreamResult:
        """A document that does not parse raises out of the parsing step, which strawberry's
        ``execute`` answers as an error but its ``stream`` (WebSocket) lets escape, so that
        the client got a bare ``complete``: make it the error result the transports send."""
        return _parse_errors_as_results(await super().stream(*args, **kwargs))


async def _parse_errors_as_results(results: StreamResult) -> AsyncGenerator[Any, None]:
    try:
        async for result in results:
            yield result
    except GraphQLError as error:
        # Not the GraphQLSyntaxError itself: on that strawberry's graphql-transport-ws handler
        # closes the whole connection (4400), where the protocol's answer to an operation
        # that cannot run is an `error` message for that operation alone.
        plain = GraphQLError(error.message, source=error.source, positions=error.positions)
        yield PreExecutionError(data=None, errors=[plain])
    finally:
        await results.aclose()


@strawberry.type(description="What cities learned from their missions, and from each other.")
class Query(
    CityQueries,
    MissionQueries,
    LessonQueries,
    PeerQueries,
    TransitionQueries,
    CatalogueQueries,
    AuditQueries,
):
    pass


schema = AtlasSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    # Classes, not instances: strawberry makes fresh ones for every request. CheckedDocuments
    # parses and validates (limits first) off the event loop and keeps each document's outcome.
    extensions=[CheckedDocuments, MaskUnexpectedErrors],
    scalar_overrides=SCALAR_OVERRIDES,
    execution_context_class=PlainValuesDirect,
)
