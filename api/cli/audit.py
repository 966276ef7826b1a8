"""``mission-atlas verify``, ``audit`` and ``erase-person``: the auditor's commands."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer
from rich.console import Console

from api.bootstrap import open_events
from api.cli.opening import fail, settings_of
from api.cli.plurals import count
from api.cli.progress import progress
from api.settings import Settings
from events.audit import AuditEntry, audit_trail
from events.chain import ChainHead, verify_log

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def verify(
    ctx: typer.Context,
    head_out: Annotated[
        Path | None, typer.Option(help="Write the chain head (position and digest) to this file.")
    ] = None,
    against: Annotated[
        Path | None, typer.Option(help="A head written earlier: prove the record still extends it.")
    ] = None,
) -> None:
    """Recompute the hash chain over the event store; exit 1 at the first altered event."""
    settings = settings_of(ctx)
    events = open_events(settings)
    try:
        head = ChainHead(**json.loads(against.read_text())) if against else None
        last = events.last_position
        with progress("verified", console=err) as told:
            report = verify_log(
                events.recorder, against=head, progress=lambda position: told(position, last)
            )
    finally:
        events.close()
    if report.broken is not None:
        b = report.broken
        err.print(
            f"[red]broken at position {b.position}[/red] ({_named(settings, b.originator_id)}, "
            f"version {b.version}): {b.problem}"
        )
        err.print(
            f"the first {count(report.head.events, 'event')} (to position {report.head.position}) "
            "verify"
        )
        raise typer.Exit(1)
    out.print(
        f"intact: {count(report.head.events, 'event')}, head {report.head.digest} "
        f"at position {report.head.position}"
    )
    if head is not None:
        out.print(f"the record extends the head taken at position {head.position}")
    if head_out is not None:
        head_out.write_text(json.dumps(asdict(report.head), indent=2) + "\n")
        out.print(f"wrote the head to {head_out}")


def _named(settings: Settings, originator_id: str) -> str:
    """The readable id of a city or mission, from its first stored event if that still reads."""
    if not originator_id:
        return "end of the record"
    events = open_events(settings)
    try:
        first = events.recorder.select_events(UUID(originator_id), lte=1)
        state = json.loads(first[0].state) if first else {}
        return str(state.get("mission_id") or state.get("city_id") or f"aggregate {originator_id}")
    except (ValueError, KeyError, IndexError):
        return f"aggregate {originator_id}"
    finally:
        events.close()


def _plain(entry: AuditEntry) -> dict[str, Any]:
    def value(v: Any) -> Any:
        return v.isoformat() if isinstance(v, (date, datetime)) else v

    return {
        k: {dk: value(dv) for dk, dv in v.items()} if isinstance(v, dict) else value(v)
        for k, v in asdict(entry).items()
    }


def audit(
    ctx: typer.Context,
    mission_id: Annotated[str, typer.Argument(help="The mission to audit.")],
    format: Annotated[str, typer.Option("--format", help="jsonl or md.")] = "md",
    since: Annotated[
        datetime | None,
        typer.Option(
            "--from", formats=["%Y-%m-%d"], help="Only events recorded on or after this day."
        ),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(
            "--to", formats=["%Y-%m-%d"], help="Only events recorded on or before this day."
        ),
    ] = None,
) -> None:
    """A mission's audit trail, for a file (jsonl) or a printout (md)."""
    if format not in ("jsonl", "md"):
        raise fail(f"--format {format!r}: expected jsonl or md")
    events = open_events(settings_of(ctx))
    try:
        entries = audit_trail(
            events, mission_id, since.date() if since else None, until.date() if until else None
        )
    finally:
        events.close()
    if format == "jsonl":
        for entry in entries:
            print(json.dumps(_plain(entry), ensure_ascii=False))
        return
    print(f"# Audit trail of {mission_id}\n")
    columns = (
        "position",
        "version",
        "kind",
        "occurred",
        "recorded at",
        "recorded by",
        "source",
        "hash",
        "correction",
    )
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for e in entries:
        note = f"retracted by v{e.retracted_by}" if e.retracted_by else ""
        if e.superseded_by:
            note += f", superseded by v{e.superseded_by}"
        print(
            f"| {e.position} | {e.version} | {e.kind} | {e.occurred_on or ''} | "
            f"{e.recorded_at:%Y-%m-%d %H:%M:%S} | {e.recorded_by} | {e.source} | "
            f"{e.hash[:12]} | {note} |"
        )


def erase_person(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The name exactly as it was recorded.")],
) -> None:
    """Erase a person's personal data: their key goes, the events stay and still verify.

    The graph holds no names, only references to the key store, so it shows [erased] at once
    (a running server within 30 seconds) and needs no rebuild; this works beside a server.
    """
    events = open_events(settings_of(ctx))
    try:
        if not events.people.forget(name):
            raise fail(f"no personal data is recorded for {name!r}")
    finally:
        events.close()
    out.print(f"erased {name!r}: no store under the data directory holds the name any more")
