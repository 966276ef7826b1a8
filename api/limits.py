"""Limits against abusive queries, and caches that spare well-behaved ones the repeated
parsing and validation; extension classes, so that each request gets fresh ones."""

from __future__ import annotations

from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

MAX_DEPTH = 12
MAX_TOKENS = 2000
MAX_ALIASES = 20
DOCUMENTS_CACHED = 512

# The limiters make a new rule class each time they are built, and the validation cache is
# keyed by the rules: built once here, the rules let a repeated query skip validation.
LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]


class ShapeLimits(AddValidationRules):
    """Refuse queries nested deeper than MAX_DEPTH or with more than MAX_ALIASES aliases."""

    def __init__(self) -> None:
        super().__init__(LIMIT_RULES)


class TokenLimit(MaxTokensLimiter):
    def __init__(self) -> None:
        super().__init__(max_token_count=MAX_TOKENS)


class ParseCache(ParserCache):
    def __init__(self) -> None:
        super().__init__(maxsize=DOCUMENTS_CACHED)


class ValidateCache(ValidationCache):
    def __init__(self) -> None:
        super().__init__(maxsize=DOCUMENTS_CACHED)
