"""``mission-atlas token``: issue, list and revoke API tokens."""

from __future__ import annotations

import uuid
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.auth.tokens import Tokens
from api.bootstrap import open_events
from api.cli.help_screens import AtlasCommand, AtlasGroup
from api.cli.opening import settings_of
from events.vocabulary import Role

tokens_cli = typer.Typer(
    help="Issue, list and revoke API tokens.", no_args_is_help=True, cls=AtlasGroup
)
out = Console(soft_wrap=True)


def _tokens(ctx: typer.Context) -> Tokens:
    return Tokens(open_events(settings_of(ctx)))


def _role(value: str) -> Role:
    # typer's own check of an Enum option answers in pydantic's words ("Value error, ...").
    try:
        return Role(value)
    except ValueError:
        allowed = " or ".join(r.value for r in Role)
        raise typer.BadParameter(f"{value!r} is not a role: expected {allowed}") from None


@tokens_cli.command("create", cls=AtlasCommand)
def create(
    ctx: typer.Context,
    role: Annotated[
        Role,
        typer.Option(
            parser=_role,
            metavar="editor|admin",
            help="editor: record for one city; admin: for all.",
        ),
    ],
    city: Annotated[str | None, typer.Option(help="The city an editor may record for.")] = None,
    label: Annotated[str, typer.Option(help="Who or what the token is for.")] = "",
) -> None:
    """Issue a token and print its secret, once: only a digest of it is kept."""
    tokens = _tokens(ctx)
    try:
        secret, token = tokens.issue(role, city, label or f"{role.value} token")
    finally:
        tokens.app.close()
    out.print(f"token id  {token.id}")
    out.print(f"secret    {secret}")
    out.print(
        "Keep the secret now: it cannot be shown again. Send it as `Authorization: Bearer ...`."
    )


@tokens_cli.command("list", cls=AtlasCommand)
def list_tokens(ctx: typer.Context) -> None:
    """Every token issued, with its role, city and whether it was revoked."""
    tokens = _tokens(ctx)
    try:
        table = Table(box=None)
        # Whole ids, never cut to fit the terminal: they are what `token revoke` takes.
        table.add_column("token id", no_wrap=True, min_width=len(str(uuid.UUID(int=0))))
        for heading in ("role", "city", "label", "revoked"):
            table.add_column(heading)
        for t in tokens.all():
            table.add_row(
                str(t.id), t.role.value, t.city_id or "-", t.label, "yes" if t.revoked else ""
            )
    finally:
        tokens.app.close()
    out.print(table)


@tokens_cli.command("revoke", cls=AtlasCommand)
def revoke(
    ctx: typer.Context,
    token_id: Annotated[str, typer.Argument(help="The token id printed by `token create`.")],
    reason: Annotated[str, typer.Option(help="Why it is revoked.")] = "revoked",
) -> None:
    """Revoke a token: requests carrying it are refused from now on."""
    tokens = _tokens(ctx)
    try:
        tokens.revoke(token_id, reason)
    finally:
        tokens.app.close()
    out.print(f"revoked {token_id}")
