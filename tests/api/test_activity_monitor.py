"""/am: Activity Monitor statistics, per-object limits and server settings through the Flask test client."""

from __future__ import annotations

import uuid

import pytest

from core.identity.sender_objects import SenderObject, sender_objects
from core.models import ScriptHeader, Sender
from core.store.limits import HELD, SETTING_FIELDS, LimitStore
from tests.api.conftest import ApiEnv, Caller

REFERENCE_SETTINGS = ["account", "domain", "limit_mode", "script", "sender_email"]


def objs(email: str, account: str = "alice", script: str = "") -> list[SenderObject]:
    domain, _, path = script.partition("/")
    header = ScriptHeader(raw=script, domain=domain, path="/" + path) if script else ScriptHeader()
    return sender_objects(Sender(account=account, domain=email.rpartition("@")[2], email=email, script=header))


@pytest.fixture
def limits(api_env: ApiEnv) -> LimitStore:
    return api_env.app.extensions["mailward.services"].limits


@pytest.fixture
def mail(limits: LimitStore) -> dict[str, SenderObject]:
    """Some mail from alice and bob in the last minutes; returns alice's objects by type."""
    acc, dom, email, script = objs("news@alice.example", script="alice.example/wp/mail.php")
    limits.admit([acc, dom, email, script], 1)
    limits.record([acc, dom, email, script], HELD)
    limits.admit(objs("info@bob.example", account="bob"), 1)
    return {"account": acc, "domain": dom, "sender_email": email, "script": script}


def test_stats_shape_and_defaults(api_env: ApiEnv, mail: dict[str, SenderObject]) -> None:
    r = api_env.admin("GET", "/am/stats")
    assert r.status_code == 200 and r.json["max_count"] == 2
    alice, bob = r.json["accounts"]
    assert (alice["name"], bob["name"]) == ("alice", "bob")
    assert list(alice) == ["domains", "exclusion", "id", "limit", "messages", "name", "quarantined", "rateLimited",
                           "scripts", "whitelisted"], "the reference's keys in its order"
    assert (alice["id"], alice["messages"], alice["quarantined"]) == (mail["account"].id, 1, 1)
    domain = alice["domains"][0]
    assert list(domain) == ["account_id", "exclusion", "id", "limit", "messages", "name", "quarantined",
                            "rateLimited", "sender_emails", "whitelisted"]
    assert domain["sender_emails"][0] == {
        "account_id": mail["account"].id, "domain_id": mail["domain"].id, "exclusion": False,
        "id": mail["sender_email"].id, "limit": 0, "messages": 1, "name": "news@alice.example", "quarantined": 1,
        "rateLimited": False, "whitelisted": False}
    assert [s["name"] for s in alice["scripts"]] == ["alice.example/wp/mail.php"]
    assert bob["scripts"] is None


def test_stats_filters_and_pages(api_env: ApiEnv, mail: dict[str, SenderObject]) -> None:
    def accounts(query: dict[str, str | int]) -> list[str]:
        r = api_env.admin("GET", "/am/stats", query_string=query)
        assert r.status_code == 200, r.json
        return [a["name"] for a in r.json["accounts"]]

    assert accounts({"account_name": "bob"}) == ["bob"]
    assert accounts({"domain": "alice.example"}) == ["alice"]
    assert accounts({"sender_email": "INFO@bob.example"}) == ["bob"]
    assert accounts({"script_name": "wp/"}) == ["alice"]
    assert accounts({"limit": 1, "offset": 1}) == ["bob"]
    assert accounts({"since": "30d"}) == ["alice", "bob"]
    assert accounts({"since": ""}) == ["alice", "bob"], "empty since is the default hour"
    for bad in ({"since": "yesterday"}, {"limit": -1}, {"limit": "many"}):
        r = api_env.admin("GET", "/am/stats", query_string=bad)
        assert r.status_code in (400, 422) and r.json["code"] == r.status_code, bad


def test_an_account_sees_only_itself(api_env: ApiEnv, alice: Caller, mail: dict[str, SenderObject]) -> None:
    r = alice("GET", "/am/stats")
    assert r.status_code == 200 and [a["name"] for a in r.json["accounts"]] == ["alice"]
    assert r.json["max_count"] == 1
    assert [a["name"] for a in alice("GET", "/am/stats?account_name=alice").json["accounts"]] == ["alice"]
    r = alice("GET", "/am/stats?account_name=bob")
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    assert alice("GET", "/am/stats?domain=bob.example").json["accounts"] == []
    assert alice("GET", "/am/stats?sender_email=info@bob.example").json["accounts"] == []


def test_admin_sets_an_object_limit_and_it_is_audited(api_env: ApiEnv, mail: dict[str, SenderObject]) -> None:
    email = mail["sender_email"]
    r = api_env.admin("POST", "/am/limit", json={"id": email.id, "limit": 7, "so_type": "sender_email"})
    assert r.status_code == 200
    assert r.json == {"id": email.id, "so_type": "sender_email", "name": "news@alice.example",
                      "account_name": "alice", "account_id": mail["account"].id, "domain_id": mail["domain"].id,
                      "limit": 7, "exclusion": True}
    row = api_env.admin("GET", "/am/stats").json["accounts"][0]["domains"][0]["sender_emails"][0]
    assert (row["limit"], row["exclusion"]) == (7, True)
    api_env.admin("PATCH", "/am/server-settings", json={"sender_email": 50})
    r = api_env.admin("POST", "/am/limit", json={"id": email.id, "limit": -1, "so_type": "sender_email"})
    assert (r.json["limit"], r.json["exclusion"]) == (50, False), "-1: back to the server default"
    r = api_env.admin("POST", "/am/limit", json={"id": mail["account"].id, "limit": 0, "so_type": "account"})
    assert (r.json["limit"], r.json["exclusion"]) == (0, True), "0: unlimited, whatever the default"

    entries = api_env.admin("GET", "/audit?action=am.limit").json["items"]
    assert [(e["account"], e["target"], e["details"]["limit"]) for e in entries] == [
        ("alice", mail["account"].id, {"from": 0, "to": 0}),
        ("alice", email.id, {"from": 7, "to": 50}),
        ("alice", email.id, {"from": 0, "to": 7}),
    ]
    assert entries[-1]["details"]["so_type"] == "sender_email" and entries[-1]["interface"] == "pytest"


def test_limit_errors(api_env: ApiEnv, alice: Caller, mail: dict[str, SenderObject]) -> None:
    email = mail["sender_email"]
    r = alice("POST", "/am/limit", json={"id": email.id, "limit": 1000, "so_type": "sender_email"})
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    r = api_env.admin("POST", "/am/limit", json={"id": str(uuid.uuid4()), "limit": 1, "so_type": "domain"})
    assert r.status_code == 404 and r.json["status"] == "not_found"
    r = api_env.admin("POST", "/am/limit", json={"id": email.id, "limit": 1, "so_type": "domain"})
    assert r.status_code == 400 and r.json["status"] == "invalid_argument" and "sender_email" in r.json["message"]
    for body in ({"id": "nope", "limit": 1, "so_type": "domain"}, {"id": email.id, "limit": -2, "so_type": "domain"},
                 {"id": email.id, "limit": "5", "so_type": "sender_email"},
                 {"id": email.id, "limit": 1, "so_type": "mailbox"}, {"id": email.id, "limit": 1}):
        r = api_env.admin("POST", "/am/limit", json=body)
        assert r.status_code == 422 and r.json["status"] == "unprocessable_entity", body
    assert api_env.admin("GET", "/audit?action=am.limit").json["max_count"] == 0
    assert limits_row(api_env)["exclusion"] is False


def limits_row(api_env: ApiEnv) -> dict:
    return api_env.admin("GET", "/am/stats").json["accounts"][0]["domains"][0]["sender_emails"][0]


def test_server_settings_read_by_anyone_and_set_by_the_admin(api_env: ApiEnv, alice: Caller) -> None:
    r = alice("GET", "/am/server-settings")
    assert r.status_code == 200
    assert list(r.json)[:5] == REFERENCE_SETTINGS and set(r.json) == set(SETTING_FIELDS)
    assert r.json == {**api_env.settings.limits.to_dict()}
    r = api_env.admin("PATCH", "/am/server-settings", json={"limit_mode": 2, "domain": 100, "account": -1})
    assert r.status_code == 200
    assert {k: r.json[k] for k in REFERENCE_SETTINGS} == {"account": 0, "domain": 100, "limit_mode": 2, "script": 0,
                                                          "sender_email": 0}
    r = api_env.admin("PATCH", "/am/server-settings", json={"limit_mode": 1, "dry_run": True, "daily_domain": 900})
    assert (r.json["limit_mode"], r.json["domain"], r.json["dry_run"], r.json["daily_domain"]) == (1, 100, True, 900)
    assert alice("GET", "/am/server-settings").json == r.json
    assert api_env.admin("PATCH", "/am/server-settings", json={}).json == r.json

    entries = api_env.admin("GET", "/audit?action=am.server_settings").json["items"]
    assert [e["details"] for e in entries] == [
        {},
        {"limit_mode": {"from": 2, "to": 1}, "dry_run": {"from": False, "to": True},
         "daily_domain": {"from": 0, "to": 900}},
        {"limit_mode": {"from": 1, "to": 2}, "domain": {"from": 0, "to": 100}, "account": {"from": 0, "to": 0}},
    ]
    assert entries[0]["actor"]["role"] == "admin" and entries[0]["account"] == ""


def test_server_settings_validation_and_admin_only(api_env: ApiEnv, alice: Caller) -> None:
    r = alice("PATCH", "/am/server-settings", json={"domain": 1})
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    for body in ({"limit_mode": 3}, {"limit_mode": 0}, {"domain": -2}, {"script": 1.5}, {"dry_run": "yes"},
                 {"sender_email": "10"}, {"daily_account": -5}, {"colour": 1}):
        r = api_env.admin("PATCH", "/am/server-settings", json=body)
        assert r.status_code == 422 and set(r.json["errors"]["json"]) == set(body), body
    assert api_env.admin("GET", "/am/server-settings").json == api_env.settings.limits.to_dict()
    assert api_env.admin("GET", "/audit").json["max_count"] == 0


def test_a_new_default_applies_at_once_to_objects_without_their_own(api_env: ApiEnv,
                                                                    mail: dict[str, SenderObject]) -> None:
    api_env.admin("PATCH", "/am/server-settings", json={"domain": 1})
    domain = api_env.admin("GET", "/am/stats").json["accounts"][0]["domains"][0]
    assert (domain["limit"], domain["rateLimited"]) == (1, True), "what it already sent this hour counts at once"
    api_env.admin("POST", "/whitelist/sender", json={"values": ["alice.example"]})
    domain = api_env.admin("GET", "/am/stats").json["accounts"][0]["domains"][0]
    assert domain["whitelisted"] is True and domain["sender_emails"][0]["whitelisted"] is True
