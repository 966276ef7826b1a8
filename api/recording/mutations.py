"""One mutation per kind of event, each taking the input derived from its command."""

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import strawberry
from anyio import to_thread

from api.context import Info
from api.errors import to_graphql_error
from api.recording.inputs import input_type, values_of
from api.recording.types import RecordedEvent
from events.application import CommandRejected
from events.commands import COMMANDS, Command
from events.errors import AtlasError
from events.parsing import parse_command
from graph.errors import ProjectionLagging

# How long a mutation waits for the graph to show its write before answering projected=false.
READ_YOUR_WRITES_TIMEOUT = 5.0


async def record(info: Info, command: Command) -> RecordedEvent:
    atlas = info.context.atlas
    try:
        recordings = await to_thread.run_sync(atlas.events.execute, [command])
    except CommandRejected as rejected:
        raise to_graphql_error(rejected.cause) from rejected
    except AtlasError as error:
        raise to_graphql_error(error) from error
    recording = recordings[-1]
    try:
        await to_thread.run_sync(
            partial(atlas.projector.wait_for, recording.notification.id, READ_YOUR_WRITES_TIMEOUT)
        )
        projected = True
    except ProjectionLagging:
        projected = False
    return RecordedEvent.of(command, recording, projected)


def _mutation(command_type: type[Command]) -> Any:
    given_type = input_type(command_type)

    async def resolve(info: Info, input: Any) -> RecordedEvent:
        try:
            command = parse_command(command_type, values_of(command_type, input))
        except AtlasError as error:
            raise to_graphql_error(error) from error
        return await record(info, command)

    resolve.__annotations__ = {"info": Info, "input": given_type, "return": RecordedEvent}
    name = command_type.__name__[0].lower() + command_type.__name__[1:]
    return strawberry.mutation(
        resolver=resolve, name=name, description=f"Record a new {command_type.event} event."
    )


def _mutation_type() -> Any:
    resolvers: dict[str, Callable[..., Awaitable[RecordedEvent]]] = {
        command.__name__: _mutation(command) for command in COMMANDS.values()
    }
    return strawberry.type(type("Mutation", (), resolvers), name="Mutation")


Mutation = _mutation_type()
