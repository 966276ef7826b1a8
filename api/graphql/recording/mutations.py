"""One mutation per kind of event, each taking the input derived from its command."""

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Annotated, Any

import strawberry
from anyio import to_thread
from graphql import GraphQLError

from api.auth.permissions import HasWriteToken, check_scope
from api.bootstrap import Atlas
from api.graphql.context import Info, read
from api.graphql.recording.inputs import input_type, values_of
from api.graphql.recording.types import RecordedEvent
from events.application import Replayed
from events.commands import COMMANDS, Command, MissionCommand
from events.owners import Owner
from events.parsing import parse_command
from graph.errors import ProjectionLagging
from graph.projection.change import event_key
from graph.reads.events import position_of

# How long a mutation waits for the graph to show its write before answering projected=false.
READ_YOUR_WRITES_TIMEOUT = 5.0


async def _projected(atlas: Atlas, position: int) -> bool:
    try:
        await to_thread.run_sync(
            partial(atlas.projector.wait_for, position, READ_YOUR_WRITES_TIMEOUT)
        )
    except ProjectionLagging:
        return False
    return True


async def _replayed(atlas: Atlas, command: Command, replayed: Replayed) -> RecordedEvent:
    """The answer to a command whose event id is already stored: the stored event."""
    event = await to_thread.run_sync(atlas.events.stored_event, command, replayed.version)
    await _projected(atlas, atlas.events.last_position)
    kind = "mission" if isinstance(command, MissionCommand) else "city"
    owner = Owner(replayed.subject_id, replayed.subject_id, kind=kind)
    graph_id = event_key(owner, replayed.version)
    position = await read(position_of, atlas.graph, graph_id)
    if position is None:
        raise GraphQLError(
            "this event id is already recorded; its position will be known once the graph "
            "store has caught up, so retry shortly",
            extensions={"code": "UNAVAILABLE", "field": "eventId"},
        )
    return RecordedEvent.of(command, event, position, projected=True, replayed=True)


async def record(info: Info, command: Command) -> RecordedEvent:
    atlas = info.context.atlas
    await check_scope(info, command)
    executed = await to_thread.run_sync(atlas.events.execute, [command])
    if executed.replayed:
        return await _replayed(atlas, command, executed.replayed[0])
    recording = executed.recordings[-1]
    position = recording.notification.id
    projected = await _projected(atlas, position)
    return RecordedEvent.of(command, recording.domain_event, position, projected, replayed=False)


def _mutation(command_type: type[Command]) -> Any:
    given_type = input_type(command_type)

    async def resolve(info: Info, input: Any) -> RecordedEvent | None:
        command = parse_command(command_type, values_of(command_type, input))
        return await record(info, command)

    # given_type is made at run time from the command class: a type mypy cannot see.
    argument = strawberry.argument(description="The event to record.")
    described = Annotated[given_type, argument]  # type: ignore[valid-type]
    # Nullable, so that in a document of several mutations a refused one does not null the
    # answers of those already stored (a non-null field's error propagates to `data`).
    resolve.__annotations__ = {"info": Info, "input": described, "return": RecordedEvent | None}
    name = command_type.__name__[0].lower() + command_type.__name__[1:]
    return strawberry.mutation(
        resolver=resolve,
        name=name,
        description=f"Record a new {command_type.event} event (needs an API token).",
        permission_classes=[HasWriteToken],
    )


def _mutation_type() -> Any:
    resolvers: dict[str, Callable[..., Awaitable[RecordedEvent | None]]] = {
        command.__name__: _mutation(command) for command in COMMANDS.values()
    }
    return strawberry.type(
        type("Mutation", (), resolvers),
        name="Mutation",
        description="Recording events: one mutation per kind, each needing an API token.",
    )


Mutation = _mutation_type()
