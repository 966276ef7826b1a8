"""Settings from the environment: defaults, and errors that name the variable."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError
from events.settings import event_store_env


def test_the_body_limit_defaults_to_a_megabyte_and_can_be_set() -> None:
    assert Settings.from_env({}).max_body_bytes == 1_000_000
    assert Settings.from_env({"MISSION_ATLAS_MAX_BODY_BYTES": "5000"}).max_body_bytes == 5000


@pytest.mark.parametrize("value", ["1MB", "0", "-3"])
def test_a_body_limit_that_is_not_a_positive_number_is_refused_by_name(value: str) -> None:
    with pytest.raises(SettingsError, match=f"MISSION_ATLAS_MAX_BODY_BYTES='{value}'"):
        Settings.from_env({"MISSION_ATLAS_MAX_BODY_BYTES": value})


def test_the_data_licence_is_cc_by_4_unless_set_to_another_web_address() -> None:
    assert Settings.from_env({}).data_license == "https://creativecommons.org/licenses/by/4.0/"
    odbl = "https://opendatacommons.org/licenses/odbl/1-0/"
    assert Settings.from_env({"MISSION_ATLAS_DATA_LICENSE": odbl}).data_license == odbl
    with pytest.raises(SettingsError, match=r"MISSION_ATLAS_DATA_LICENSE='CC BY 4\.0'"):
        Settings.from_env({"MISSION_ATLAS_DATA_LICENSE": "CC BY 4.0"})


def test_the_postgres_connection_is_read_with_the_rest_and_handed_to_the_event_store() -> None:
    settings = Settings.from_env(
        {
            "MISSION_ATLAS_EVENT_STORE": "postgres",
            "POSTGRES_HOST": "db.internal",
            "POSTGRES_DBNAME": "atlas",
            "PGHOST": "elsewhere",  # libpq's own name, not eventsourcing's: not handed on
        }
    )
    assert settings.postgres == {"POSTGRES_HOST": "db.internal", "POSTGRES_DBNAME": "atlas"}
    env = event_store_env(settings.event_store, settings.sqlite_path, settings.postgres)
    assert env == {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_HOST": "db.internal",
        "POSTGRES_DBNAME": "atlas",
    }
