"""Envelope.to_dict (what the gateway puts in every scan job) built field by field gives exactly what
dataclasses.asdict gave, for every field the dataclass has, and round-trips through from_dict (issue 16)."""

from __future__ import annotations

from dataclasses import asdict, fields

import pytest

from core.models import Direction, Envelope

ENVELOPES = [
    Envelope(),
    Envelope(sender="a@alice.example", recipients=["x@y.example"], queue_id="1abcDE-000001-AB", helo="mx.test",
             ip="192.0.2.7", user="alice"),
    Envelope(sender="", recipients=[f"r{i}@z.example" for i in range(500)], direction=Direction.INCOMING,
             forwarded_by="info@shop.example", user="bob@shop.example"),
]


@pytest.mark.parametrize("env", ENVELOPES)
def test_to_dict_is_what_asdict_gave_for_every_field(env: Envelope) -> None:
    want = asdict(env)
    want["direction"] = str(env.direction)
    got = env.to_dict()
    assert got == want
    assert set(got) == {f.name for f in fields(Envelope)}  # a field added later must be added to to_dict too
    assert Envelope.from_dict(got) == env


def test_to_dict_copies_the_recipients() -> None:
    env = Envelope(recipients=["x@y.example"])
    env.to_dict()["recipients"].append("intruder@evil.example")
    assert env.recipients == ["x@y.example"]
