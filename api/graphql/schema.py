"""The GraphQL schema, assembled from the features."""

from __future__ import annotations

import strawberry

from api.graphql.atlas_schema import AtlasSchema
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
    # For the operations strawberry runs itself (the WebSocket's); AtlasSchema.execute does
    # the same for queries and mutations without them. Classes, not instances: strawberry
    # makes fresh ones for every operation. CheckedDocuments parses and validates (limits
    # first) off the event loop and keeps each document's outcome.
    extensions=[CheckedDocuments, MaskUnexpectedErrors],
    scalar_overrides=SCALAR_OVERRIDES,
    execution_context_class=PlainValuesDirect,
)
