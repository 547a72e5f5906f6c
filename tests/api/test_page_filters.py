"""What the plugin pages need from the API (issue 18): script and root-only quarantine filters, which account
values are the account's own, and where a sender object stands against its hourly limit."""

from __future__ import annotations

import time

from core.identity.sender_objects import sender_objects
from core.models import ScriptHeader, Sender
from core.store.limits import LimitStore
from tests.api.conftest import ApiEnv, Caller

SCRIPT = ScriptHeader(raw="alice.example/wp/contact.php", domain="alice.example", path="/wp/contact.php")


def ids(api_env: ApiEnv, query: str) -> list[str]:
    r = api_env.admin("GET", "/emails?" + query)
    assert r.status_code == 200, r.json
    return [i["email_id"] for i in r.json["items"]]


def test_script_filter_finds_what_the_activity_monitor_names_the_script(api_env: ApiEnv) -> None:
    by_script = api_env.hold("alice", subject="form mail", script=SCRIPT)
    api_env.hold("alice", subject="plain smtp")
    api_env.hold("bob", subject="other script", script=ScriptHeader(raw="bob.example/x.php", domain="bob.example",
                                                                     path="/x.php"))
    (script_obj,) = [o for o in sender_objects(Sender(account="alice", domain="alice.example",
                                                      email="a@alice.example", script=SCRIPT))
                     if o.type.value == "script"]
    assert script_obj.name == "alice.example/wp/contact.php"
    assert ids(api_env, "script=alice.example/wp/contact.php") == [by_script]
    assert ids(api_env, "script=CONTACT.PHP&account=alice") == [by_script]
    assert ids(api_env, "script=nothing-like-it") == []


def test_root_only_lists_roots_own_mail_not_every_account(api_env: ApiEnv, alice: Caller) -> None:
    mine = api_env.hold("root", subject="unattributed")
    other = api_env.hold("alice", subject="alice's")
    assert set(ids(api_env, "account=root")) == {mine, other}, "the CLI's convention: root means every account"
    assert ids(api_env, "account=root&account_only=true") == [mine]
    assert ids(api_env, "account=alice&account_only=true") == [other]
    assert [i["email_id"] for i in alice("GET", "/emails?account_only=true").json["items"]] == [other]
    assert alice("GET", "/emails?account=root&account_only=true").status_code == 403


def test_own_fields_say_which_values_are_the_accounts_own(api_env: ApiEnv) -> None:
    assert api_env.admin("GET", "/accounts/alice").json["own_fields"] == []
    r = api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": 9})
    assert r.json["own_fields"] == ["releases_limit"] and r.json["customized"] is True
    r = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 5 * 1024 * 1024})
    assert r.json["own_fields"] == ["limit_bytes", "releases_limit"]
    r = api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": -1})
    assert r.json["own_fields"] == ["limit_bytes"]
    api_env.admin("PATCH", "/quarantine-defaults", json={"releases_limit": 2})
    assert api_env.admin("GET", "/accounts/alice").json["releases_limit"] == 2, "follows the default again"


def test_window_tells_at_its_limit_now_from_held_earlier(api_env: ApiEnv) -> None:
    limits: LimitStore = api_env.app.extensions["mailward.services"].limits
    objs = sender_objects(Sender(account="alice", domain="alice.example", email="news@alice.example"))
    email = objs[2]
    assert not limits.admit(objs, 1).held  # the first message makes the object known
    r = api_env.admin("POST", "/am/limit", json={"id": email.id, "so_type": "sender_email", "limit": 2})
    assert r.status_code == 200, r.json
    assert [limits.admit(objs, 1).held for _ in range(2)] == [False, True]

    def row() -> dict:
        doc = api_env.admin("GET", "/am/stats?window=true").json
        return doc["accounts"][0]["domains"][0]["sender_emails"][0]

    at_limit = row()
    assert "window" not in api_env.admin("GET", "/am/stats").json["accounts"][0], "the reference's shape by default"
    assert at_limit["window"] == {"sent": 2, "held_for_limit": 1} and at_limit["limit"] == 2
    api_env.admin("POST", "/am/limit", json={"id": email.id, "so_type": "sender_email", "limit": 50})
    raised = row()
    assert raised["limit"] == 50 and raised["window"]["sent"] < raised["limit"]
    assert raised["window"]["held_for_limit"] == 1, "the earlier hold stays visible as history"


def test_next_release_at_says_when_an_account_may_release_again(api_env: ApiEnv, alice: Caller) -> None:
    api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": 2})
    ids = [api_env.hold("alice") for _ in range(3)]
    assert alice("GET", "/accounts/alice").json["next_release_at"] is None
    before = time.time()
    assert alice("POST", f"/emails/{ids[0]}/release").status_code == 200
    assert alice("GET", "/accounts/alice").json["next_release_at"] is None, "one release of two: it may release"
    assert alice("POST", f"/emails/{ids[1]}/release").status_code == 200
    at = alice("GET", "/accounts/alice").json["next_release_at"]
    assert before + 3600 <= at <= time.time() + 3601, "an hour after the oldest release of the window"
    assert alice("POST", f"/emails/{ids[2]}/release").status_code == 429
    api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": 0})
    assert alice("GET", "/accounts/alice").json["next_release_at"] is None, "0: releases are off, no next time"


def test_owner_may_not_turn_incoming_off_unless_the_admin_allows(api_env: ApiEnv, alice: Caller) -> None:
    assert alice("GET", "/accounts/alice").json["incoming_owner_may_change"] is False
    r = alice("PATCH", "/accounts/alice", json={"incoming": False})
    assert r.status_code == 403 and "incoming" in r.json["message"]
    assert api_env.admin("GET", "/accounts/alice").json["incoming"] is True


def test_a_lowered_capacity_evicts_at_once_oldest_first(api_env: ApiEnv) -> None:
    """Item 18: lowering a quota applies now, not at the next hold; the account's own value is kept."""
    now = time.time()
    ids = [api_env.hold("alice", received=now - 100 + i) for i in range(6)]
    bob = [api_env.hold("bob", received=now - 50 + i) for i in range(3)]
    size = api_env.admin("GET", "/accounts/alice").json["used_bytes"] // 6
    api_env.admin("PATCH", "/accounts/bob", json={"limit_bytes": 10 * size})  # bob's own: not the default's
    r = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 4 * size})
    assert r.status_code == 200 and r.json["messages"] == 4 and r.json["evicted_last_hour"] == 2
    assert [i["email_id"] for i in api_env.admin("GET", "/emails?account=alice").json["items"]] == ids[:1:-1]
    (edit, *_) = api_env.admin("GET", "/audit?action=account.edit&account=alice").json["items"]
    assert edit["details"]["evicted"] == 2
    assert api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": -1}).json["messages"] == 4
    r = api_env.admin("PATCH", "/quarantine-defaults", json={"limit_bytes": 2 * size})
    assert r.status_code == 200
    assert api_env.admin("GET", "/accounts/alice").json["messages"] == 2, "follows the lowered default"
    assert api_env.admin("GET", "/accounts/bob").json["messages"] == 3, "its own capacity is kept"
    assert len(bob) == 3
