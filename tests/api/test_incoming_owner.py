"""An account turns its own incoming filtration off when the admin allows it (issue 18 item 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings, load_settings
from tests.api.conftest import ApiEnv, Caller
from tests.redis_server import RedisServer


@pytest.fixture
def settings(tmp_path: Path, redis_server: RedisServer) -> Settings:
    """The admin allows owners to turn incoming filtration off ([incoming] accounts_may_turn_off = true)."""
    return load_settings(environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"), "MAILWARD_REDIS_URL": redis_server.url,
                                  "MAILWARD_INCOMING__ACCOUNTS_MAY_TURN_OFF": "true"})


def test_owner_turns_its_own_incoming_off_and_on_when_allowed(api_env: ApiEnv, alice: Caller) -> None:
    me = alice("GET", "/accounts/alice").json
    assert me["incoming"] is True and me["incoming_owner_may_change"] is True
    r = alice("PATCH", "/accounts/alice", json={"incoming": False})
    assert r.status_code == 200 and r.json["incoming"] is False
    assert api_env.admin("GET", "/accounts/alice").json["incoming"] is False
    assert alice("PATCH", "/accounts/bob", json={"incoming": False}).status_code == 403, "only its own"
    assert alice("PATCH", "/accounts/alice", json={"incoming": True, "releases_limit": 50}).status_code == 403
    assert alice("PATCH", "/accounts/alice", json={"incoming": True}).json["incoming"] is True
    (edit, *_) = api_env.admin("GET", "/audit?action=account.edit&account=alice").json["items"]
    assert edit["details"]["incoming"] == {"from": False, "to": True}
