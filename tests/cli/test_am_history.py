"""`ie-cli am stats --wide` and `ie-cli am history --id`: a sender's baseline, against a fake API and the real one."""

from __future__ import annotations

import time

import pytest

from core.identity.caller import account, admin
from core.identity.sender_objects import sender_objects
from core.models import Sender
from tests.api.conftest import ApiEnv
from tests.cli.conftest import Call, FakeTransport, Run, api_runner, error
from tests.core.history_support import DAY, grow

OBJ = "33333333-3333-3333-3333-333333333333"
HISTORY = {"id": OBJ, "so_type": "sender_email", "name": "test@domain.com", "account_name": "domain",
           "history": {"established": True, "clean": 412, "held": 1, "usual_per_hour": 6.0, "this_hour": 2},
           "recent_domains": ["customer.example"]}


def test_stats_wide_asks_for_history(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/am/stats", {"accounts": [{"name": "domain", "history": None}], "max_count": 1})
    res = run("am", "stats", "--wide", "--since=2d")
    assert res.code == 0, res.err
    assert res.json == {"accounts": [{"name": "domain", "history": None}]}
    assert fake.calls == [Call("GET", "/api/v1/am/stats", {"since": "2d", "limit": "25", "offset": "0",
                                                         "history": "true", "contained": "true"}, None)]
    run("am", "stats", "--wide=false")
    assert "history" not in fake.calls[-1].query
    assert run("am", "stats", "--wide=maybe").code == 2


def test_history_prints_the_objects_history(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/am/history", HISTORY)
    res = run("am", "history", f"--id={OBJ}")
    assert res.code == 0, res.err
    assert res.out.startswith('{\n    "id": "33333333-3333-3333-3333-333333333333",\n') and res.json == HISTORY
    assert fake.calls == [Call("GET", "/api/v1/am/history", {"id": OBJ}, None)]
    res = run("am", "history")
    assert (res.code, res.err) == (2, "ie-cli: error: --id is required\n")
    fake.on("GET", "/am/history", error(404, "not_found", f"no sender object with id {OBJ}"))
    res = run("am", "history", "--id", OBJ)
    assert (res.code, res.err) == (1, f"ie-cli: error: no sender object with id {OBJ}\n")
    assert "      --id string   The id of sender object (from ie-cli am stats)\n" in run("am", "history", "--help").out


def test_baseline_through_the_api(api_env: ApiEnv, capsys: pytest.CaptureFixture[str]) -> None:
    services = api_env.app.extensions["mailward.services"]
    objs = sender_objects(Sender(account="alice", domain="alice.example", email="test@alice.example"))
    grow(services.history, objs, start=time.time() - 22 * DAY)
    services.limits.admit(objs, 1)
    root = api_runner(api_env, admin(0), capsys)
    as_bob = api_runner(api_env, account("bob", 1002), capsys)

    plain = root("am", "stats").json["accounts"][0]
    assert "history" not in plain
    email = root("am", "stats", "--wide").json["accounts"][0]["domains"][0]["sender_emails"][0]
    assert email["history"]["established"] is True and email["history"]["usual_per_hour"] == 4.0
    res = root("am", "history", f"--id={email['id']}")
    assert res.code == 0, res.err
    assert res.json["name"] == "test@alice.example" and res.json["history"]["clean"] == 80
    res = as_bob("am", "history", f"--id={email['id']}")
    assert res.code == 1 and "no sender object with id" in res.err
