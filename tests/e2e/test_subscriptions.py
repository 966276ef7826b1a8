"""Subscriptions over graphql-transport-ws: events of a city as they reach the graph."""

from __future__ import annotations

import json
from typing import Any

from websockets.sync.client import connect

from tests.e2e.server import Server

WHO = 'recordedBy: "e2e", source: "https://example.org/minutes"'


def test_a_subscriber_sees_its_citys_events_and_no_others(demo: Server) -> None:
    url = demo.url.replace("http://", "ws://") + "/graphql"
    with connect(url, subprotocols=["graphql-transport-ws"], open_timeout=10) as ws:  # type: ignore[list-item]
        ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
        query = 'subscription { eventRecorded(cityId: "camden") { kind summary position } }'
        ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        for mission, title in (
            ("gm-retrofit", "Not for Camden"),
            ("we-make-camden", "Second round"),
        ):
            recorded = demo.graphql(
                f'mutation {{ recordDecision(input: {{missionId: "{mission}", title: "{title}", '
                f"{WHO}}}) {{ position }} }}"
            )
            assert "errors" not in recorded, recorded
        message: dict[str, Any] = json.loads(ws.recv(timeout=10))
        assert message["type"] == "next"
        event = message["payload"]["data"]["eventRecorded"]
        assert event["kind"] == "DecisionRecorded"
        assert event["summary"] == "Decision: Second round"
        assert event["position"] == recorded["data"]["recordDecision"]["position"]


def test_a_subscription_that_does_not_parse_is_answered_with_the_syntax_error(
    demo: Server,
) -> None:
    url = demo.url.replace("http://", "ws://") + "/graphql"
    with connect(url, subprotocols=["graphql-transport-ws"], open_timeout=10) as ws:  # type: ignore[list-item]
        ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
        broken = 'subscription { eventRecorded(cityId: "camden") { position }'
        ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": broken}}))
        message: dict[str, Any] = json.loads(ws.recv(timeout=10))
    assert message["type"] == "error"
    assert message["id"] == "1"
    (error,) = message["payload"]
    assert error["message"] == "Syntax Error: Expected Name, found <EOF>."
    assert error["locations"] == [{"line": 1, "column": len(broken) + 1}]
