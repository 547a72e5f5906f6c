"""Both rspamd wire protocols: parsing request heads and rendering replies."""

from __future__ import annotations

import io
import json

import pytest

from core.errors import ProtocolError
from core.models import Action, Reason, Symbol, Verdict
from workers.rspamd_protocol import http_reply, legacy_reply, read_request, verdict_json

EXIM_HEAD = (
    b"CHECK RSPAMC/1.3\r\nContent-length: 5\r\nQueue-Id: 1rABCD-000123-XY\r\nFrom: <alice@shop.example>\r\n"
    b"Recipient-Number: 2\r\nRcpt: <bob@example.net>\r\nRcpt: <hidden@example.org>\r\nHelo: client.example\r\n"
    b"IP: 192.0.2.7\r\nUser: alice@shop.example\r\n\r\nhello"
)


def test_legacy_head_from_exim() -> None:
    f = io.BytesIO(EXIM_HEAD)
    req = read_request(f)
    assert (req.protocol, req.command, req.content_length) == ("rspamc", "CHECK", 5)
    env = req.envelope
    assert env.sender == "alice@shop.example"
    assert env.recipients == ["bob@example.net", "hidden@example.org"]
    assert (env.queue_id, env.helo, env.ip, env.user) == ("1rABCD-000123-XY", "client.example", "192.0.2.7",
                                                          "alice@shop.example")
    assert f.read() == b"hello"


def test_http_head_from_rspamc() -> None:
    head = (b"POST /checkv2 HTTP/1.1\r\nContent-Length: 3\r\nFrom: a@b.c\r\nRcpt: x@y.z\r\nRcpt: w@y.z\r\n"
            b"User: a@b.c\r\nIP: ::1\r\n\r\nabc")
    req = read_request(io.BytesIO(head))
    assert (req.protocol, req.command) == ("http", "POST /checkv2")
    assert req.envelope.recipients == ["x@y.z", "w@y.z"]
    assert req.envelope.ip == "::1"


def test_ping() -> None:
    assert read_request(io.BytesIO(b"PING RSPAMC/1.3\r\n\r\n")).is_ping
    assert read_request(io.BytesIO(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")).is_ping


@pytest.mark.parametrize("raw", [
    b"", b"HELLO\r\n\r\n", b"CHECK SPAMC/1.2 extra\r\n\r\n", b"FROB RSPAMC/1.3\r\n\r\n",
    b"CHECK RSPAMC/1.3\r\nContent-length: -1\r\n\r\n", b"CHECK RSPAMC/1.3\r\nno colon here\r\n\r\n",
    b"POST /checkv2 HTTP/1.1\r\nFrom: a@b\r\n\r\n", b"CHECK RSPAMC/1.3\r\nFrom: " + b"a" * 10_000 + b"\r\n\r\n",
])
def test_bad_heads_are_protocol_errors(raw: bytes) -> None:
    with pytest.raises(ProtocolError):
        read_request(io.BytesIO(raw))


def test_legacy_reply_shape_exim_parses() -> None:
    v = Verdict(Action.QUARANTINE, score=12.5, required_score=6.0, reasons=[Reason.SPAM],
                symbols=[Symbol("GTUBE", 1000.0, "", ["a\r\nAction: no action"])], quarantine_id="q1")
    lines = legacy_reply(v).decode().split("\r\n")
    assert lines[0] == "RSPAMD/1.3 0 EX_OK"
    assert lines[1] == "Metric: default; True; 12.50 / 6.00 / 13.50"
    assert lines[2] == "Action: quarantine"  # Exim reads the line right after Metric
    assert sum(1 for x in lines if x.startswith("Action:")) == 1  # options cannot inject a second Action
    assert lines[-2:] == ["", ""]


def test_json_reply_shape() -> None:
    v = Verdict(Action.ACCEPT, score=1.0, required_score=6.0, symbols=[Symbol("X", 1.0, "d", ["o"])])
    body = verdict_json(v)
    assert body["action"] == "no action" and body["symbols"]["X"]["options"] == ["o"]
    raw = http_reply(200, body)
    head, _, payload = raw.partition(b"\r\n\r\n")
    assert b"Content-Length: %d" % len(payload) in head
    assert json.loads(payload)["required_score"] == 6.0
