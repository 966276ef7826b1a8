"""Help screens as click printed them, for every ``mission-atlas`` command.

typer 0.26 and later (which carry their own copy of click) show a type beside every flag
(``--help <bool>``, ``--demo --no-demo <bool>``) and a required argument in braces
(``import [OPTIONS] {file}``). A flag takes no value, and braces read as a literal, so these
commands show flags bare and arguments in capitals (``import [OPTIONS] FILE``).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


def _bare_flags(params: list[Any]) -> list[Any]:
    for param in params:
        # An empty metavar leaves the type column of the help screen blank.
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


def _usage_piece(param: Any, ctx: Any) -> list[str]:
    if not isinstance(param, TyperArgument):
        pieces: list[str] = param.get_usage_pieces(ctx)
        return pieces
    name = (param.metavar or param.name or "").upper()
    name = name if param.required else f"[{name}]"
    return [name + ("..." if param.nargs != 1 else "")]


class AtlasCommand(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _bare_flags(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces.extend(_usage_piece(param, ctx))
        return pieces


class AtlasGroup(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _bare_flags(super().get_params(ctx))
