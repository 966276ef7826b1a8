"""The GraphQL schema, assembled from the features."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.tools import merge_types

from api.catalogue.queries import CatalogueQueries
from api.cities.queries import CityQueries
from api.errors import MaskUnexpectedErrors
from api.missions.queries import MissionQueries
from api.peers.queries import PeerQueries
from api.recording.mutations import Mutation
from api.scalars import SCALAR_OVERRIDES


class AtlasSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Expected errors are answers, not incidents; MaskUnexpectedErrors logs the rest."""


Query = merge_types("Query", (CityQueries, MissionQueries, PeerQueries, CatalogueQueries))

schema = AtlasSchema(
    query=Query,
    mutation=Mutation,
    extensions=[MaskUnexpectedErrors],
    scalar_overrides=SCALAR_OVERRIDES,
)
