"""DataLoaders named for what they load, made fresh for each request: one read of the graph
per kind of nested field, whatever the number of parents. Each is made on first use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial
from typing import TypeVar

from strawberry.dataloader import DataLoader

from api.graphql.off_loop import off_loop
from graph.port import GraphStore
from graph.reads import approaches, cities, events, learning, missions

T = TypeVar("T")
BatchRead = Callable[[GraphStore, Sequence[str]], list[T]]


class Loaders:
    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._missions_with_lists: dict[
            tuple[str, ...], DataLoader[str, list[missions.MissionWithLists]]
        ] = {}

    def _batched(self, read: BatchRead[T]) -> DataLoader[str, T]:
        store = self._store

        async def load(keys: list[str]) -> list[T]:
            return await off_loop(read, store, keys)

        return DataLoader(load_fn=load)

    @cached_property
    def city(self) -> DataLoader[str, cities.CityRow | None]:
        return self._batched(cities.cities_by_id)

    @cached_property
    def administrations_of_city(self) -> DataLoader[str, list[cities.AdministrationRow]]:
        return self._batched(cities.administrations_of_cities)

    @cached_property
    def administration(self) -> DataLoader[str, cities.AdministrationRow | None]:
        return self._batched(cities.administrations_by_id)

    @cached_property
    def mission(self) -> DataLoader[str, missions.MissionRow | None]:
        return self._batched(missions.missions_by_id)

    @cached_property
    def missions_of_city(self) -> DataLoader[str, list[missions.MissionRow]]:
        return self._batched(missions.missions_of_cities)

    def missions_with_lists_of_city(
        self, lists: tuple[str, ...]
    ) -> DataLoader[str, list[missions.MissionWithLists]]:
        """A city's missions with ``lists`` collected: one loader per set of lists, as each is
        its own read (``lists`` in :data:`graph.reads.missions.LISTS` order)."""
        loader = self._missions_with_lists.get(lists)
        if loader is None:
            loader = self._missions_with_lists[lists] = self._batched(
                partial(missions.missions_with_lists_of_cities, lists=lists)
            )
        return loader

    @cached_property
    def approaches_of_mission(self) -> DataLoader[str, list[str]]:
        return self._batched(missions.approaches_of_missions)

    @cached_property
    def instruments_of_mission(self) -> DataLoader[str, list[missions.InstrumentRow]]:
        return self._batched(missions.instruments_of_missions)

    @cached_property
    def partners_of_mission(self) -> DataLoader[str, list[missions.PartnerRow]]:
        return self._batched(missions.partners_of_missions)

    @cached_property
    def status_changes_of_mission(self) -> DataLoader[str, list[missions.StatusChangeRow]]:
        return self._batched(missions.status_changes_of_missions)

    @cached_property
    def decisions_of_mission(self) -> DataLoader[str, list[learning.DecisionRow]]:
        return self._batched(learning.decisions_of_missions)

    @cached_property
    def iterations_of_mission(self) -> DataLoader[str, list[learning.IterationRow]]:
        return self._batched(learning.iterations_of_missions)

    @cached_property
    def roadblocks_of_mission(self) -> DataLoader[str, list[learning.RoadblockRow]]:
        return self._batched(learning.roadblocks_of_missions)

    @cached_property
    def outcomes_of_mission(self) -> DataLoader[str, list[learning.OutcomeRow]]:
        return self._batched(learning.outcomes_of_missions)

    @cached_property
    def spillovers_of_mission(self) -> DataLoader[str, list[learning.SpilloverRow]]:
        return self._batched(learning.spillovers_of_missions)

    @cached_property
    def timeline_of_mission(self) -> DataLoader[str, list[events.EventRow]]:
        return self._batched(events.timelines_of_missions)

    @cached_property
    def event(self) -> DataLoader[str, events.EventRow | None]:
        return self._batched(events.events_by_id)

    @cached_property
    def cities_of_approach(self) -> DataLoader[str, list[cities.CityRow]]:
        return self._batched(approaches.cities_of_approaches)

    @cached_property
    def missions_of_approach(self) -> DataLoader[str, list[str]]:
        return self._batched(approaches.missions_of_approaches)

    @cached_property
    def iteration_results_of_approach(self) -> DataLoader[str, approaches.IterationResults]:
        return self._batched(approaches.iteration_results_of_approaches)

    @cached_property
    def indicators_of_approach(self) -> DataLoader[str, list[approaches.IndicatorRow]]:
        return self._batched(approaches.indicators_of_approaches)

    @cached_property
    def roadblocks_of_approach(self) -> DataLoader[str, approaches.RoadblockCount]:
        return self._batched(approaches.roadblocks_of_approaches)
