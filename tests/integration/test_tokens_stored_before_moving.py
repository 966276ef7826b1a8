"""API tokens stored while they lived in the domain package (topic ``events.tokens:...``)
still sign in and list, now that they live beside the API's auth."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from api.auth.tokens import Tokens
from events.application import MissionAtlas
from events.settings import event_store_env
from events.vocabulary import Role


def test_a_token_stored_under_the_former_topic_still_signs_in(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite"
    app = MissionAtlas(env=event_store_env("sqlite", path))
    secret, issued = Tokens(app).issue(Role.ADMIN, None, "ops")
    app.close()
    with sqlite3.connect(path) as db:  # as the code before the move wrote them
        for rowid, topic, state in db.execute("SELECT rowid, topic, state FROM stored_events"):
            db.execute(
                "UPDATE stored_events SET topic = ?, state = ? WHERE rowid = ?",
                (
                    topic.replace("api.auth.tokens:", "events.tokens:"),
                    bytes(state).replace(b"api.auth.tokens:", b"events.tokens:"),
                    rowid,
                ),
            )
        assert db.execute("SELECT topic FROM stored_events").fetchone()[0] == (
            "events.tokens:ApiToken.Issued"
        )
    reopened = MissionAtlas(env=event_store_env("sqlite", path))
    try:
        found = Tokens(reopened).find(secret)
        assert found is not None
        assert found.id == issued.id
        assert found.may_record_anywhere
        assert [t.label for t in Tokens(reopened).all()] == ["ops"]
    finally:
        reopened.close()
