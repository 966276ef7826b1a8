"""eventsourcing's ``@event`` methods, with the reflection it does on every call done once.

A method decorated ``@event("Name")`` is, in the library's own words, equivalent to a method
that calls ``self.trigger_event(self.Name, **arguments)``, whose event applies itself by
calling the decorated body with the event's fields. The decorator gets there by reflection on
each call and each apply: the method's signature turned into keyword arguments, then those
filtered against the event class, then the event's fields filtered against the body's
parameters, through a bound wrapper made anew each time. That was a fifth of an import's
checks. Here each method's parameters are read once, when its class is made, and the calls
go straight to ``trigger_event``; the event still goes through the library's ``mutate``,
which checks its aggregate and version, so every invariant runs as before.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from eventsourcing.domain import Aggregate, CommandMethodDecorator, DecoratedFuncCaller


def prepare_events(cls: type[Aggregate]) -> None:
    """Replace each ``@event`` command method of ``cls`` (its ``__init__`` aside, which the
    library calls once per aggregate) with a prepared one, and give each event class made
    from one an ``apply`` that calls its body with the fields it names."""
    if getattr(cls, "TOPIC", None):  # trigger_event checks explicit topics: keep its path
        return
    for name, decorator in list(vars(cls).items()):
        if not isinstance(decorator, CommandMethodDecorator):
            continue
        body = decorator.decorated_func
        if decorator.decorated_property is not None or body.__name__ == "__init__":
            continue
        assert decorator.event_cls_name is not None
        event_class = getattr(cls, decorator.event_cls_name)
        names = _parameters(body)
        setattr(cls, name, _trigger(event_class, names))
        event_class.apply = _apply(body, names)


def _parameters(body: Callable[..., None]) -> tuple[str, ...]:
    """The names of a method's parameters after ``self``: plain ones only, since a default
    would have to be filled in as the library does, and no @event method of ours has one."""
    parameters = list(inspect.signature(body).parameters.values())[1:]
    for parameter in parameters:
        if parameter.kind is not parameter.POSITIONAL_OR_KEYWORD or (
            parameter.default is not parameter.empty
        ):
            raise TypeError(f"{body.__qualname__}: parameter {parameter.name} is not plain")
    return tuple(parameter.name for parameter in parameters)


def _trigger(event_class: type[Aggregate.Event], names: tuple[str, ...]) -> Any:
    def trigger(self: Aggregate, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):  # as the library refuses it, rather than drop the rest
            raise TypeError(f"{event_class.__name__} takes {len(names)} arguments")
        kwargs.update(zip(names, args, strict=False))
        self.trigger_event(event_class, **kwargs)

    return trigger


def _apply(body: Callable[..., None], names: tuple[str, ...]) -> Any:
    def apply(self: DecoratedFuncCaller, aggregate: Aggregate) -> None:
        fields = self.__dict__
        body(aggregate, *[fields[name] for name in names])
        # What the library's apply does after the body: the aggregate's own event classes'.
        super(DecoratedFuncCaller, self).apply(aggregate)

    return apply
