"""The GraphQL schema, assembled from the features."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError

from api.audit.queries import AuditQueries
from api.catalogue.queries import CatalogueQueries
from api.cities.queries import CityQueries
from api.document_extension import CheckedDocuments
from api.errors import MaskUnexpectedErrors
from api.lessons.queries import LessonQueries
from api.missions.queries import MissionQueries
from api.peers.queries import PeerQueries
from api.recording.mutations import Mutation
from api.scalars import SCALAR_OVERRIDES
from api.subscriptions.subscriptions import Subscription
from api.transitions.queries import TransitionQueries


class AtlasSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Expected errors are answers, not incidents; MaskUnexpectedErrors logs the rest."""


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
)
