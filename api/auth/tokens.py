"""API tokens: who may record events over the API.

Tokens are event-sourced like everything else, so issuing and revoking one leaves a record.
Only a SHA-256 digest of the secret is stored; the secret is shown once, when issued. The
secrets are 256 random bits, so a plain digest (no slow hash) is enough to make a stolen
event store useless for signing in.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar
from uuid import UUID, uuid5

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import get_topic, register_topic

from events.errors import InvalidInput, NotFound, RuleViolated
from events.identity import NAMESPACE
from events.notification_log import stored_pages
from events.vocabulary import Role

PREFIX = "mat_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(Aggregate):
    Issued: ClassVar[type[Aggregate.Created]]
    Revoked: ClassVar[type[Aggregate.Event]]

    @staticmethod
    def create_id(secret_digest: str, **_: Any) -> UUID:
        return uuid5(NAMESPACE, f"token/{secret_digest}")

    @event("Issued")
    def __init__(self, secret_digest: str, role: str, city_id: str | None, label: str) -> None:
        self.role = Role(role)
        self.city_id = city_id
        self.label = label
        self.revoked = False

    def may_record_for(self, city_id: str) -> bool:
        return self.may_record_anywhere or (not self.revoked and self.city_id == city_id)

    @property
    def may_record_anywhere(self) -> bool:
        return not self.revoked and self.role is Role.ADMIN

    def revoke(self, reason: str) -> None:
        if self.revoked:
            raise RuleViolated("the token is already revoked", "token_id")
        self._revoked(reason)

    @event("Revoked")
    def _revoked(self, reason: str) -> None:
        self.revoked = True


class Tokens:
    """Issuing, finding and revoking tokens in an application's event store."""

    def __init__(self, app: Any) -> None:  # a MissionAtlas; Any keeps this module import-light
        self.app = app

    def issue(self, role: Role, city_id: str | None, label: str) -> tuple[str, ApiToken]:
        if role is Role.EDITOR and city_id is None:
            raise InvalidInput("an editor token needs the city it may record for", "city_id")
        if role is Role.ADMIN and city_id is not None:
            raise InvalidInput("an admin token records for every city; give no city", "city_id")
        if city_id is not None:
            self.app.city(city_id)  # the city must exist
        secret = PREFIX + secrets.token_urlsafe(32)
        token = ApiToken(digest(secret), role.value, city_id, label)
        self.app.save(token)
        return secret, token

    def find(self, secret: str) -> ApiToken | None:
        """The live token with this secret, or None for an unknown or revoked one."""
        try:
            token = self.app.repository.get(ApiToken.create_id(digest(secret)))
        except AggregateNotFoundError:
            return None
        return token if isinstance(token, ApiToken) and not token.revoked else None

    def revoke(self, token_id: str, reason: str) -> None:
        try:
            token = self.app.repository.get(UUID(token_id))
        except (ValueError, AggregateNotFoundError):
            raise NotFound(f"no token {token_id!r}", "token_id") from None
        if not isinstance(token, ApiToken):
            raise NotFound(f"no token {token_id!r}", "token_id")
        token.revoke(reason)
        self.app.save(token)

    def all(self) -> list[ApiToken]:
        topics = [get_topic(ApiToken.Issued), f"{FORMER_TOPIC}.Issued"]
        issued = [row for page in stored_pages(self.app, topics=topics) for row in page]
        return [self.app.repository.get(originator_id) for _, originator_id, *_ in issued]


# Tokens lived in the domain package until they moved beside the API's auth: tokens stored
# then carry this topic (their events ``...ApiToken.Issued`` resolve through it).
FORMER_TOPIC = "events.tokens:ApiToken"
register_topic(FORMER_TOPIC, ApiToken)
