"""Quarantine defaults, whitelists, filter settings, whoami/version/status/health through the Flask test client."""

from __future__ import annotations

import json
import time
from importlib.metadata import version

from core import keys
from tests.api.conftest import ApiEnv, Caller

# ---- quarantine-defaults -------------------------------------------------------------------------------------


def test_defaults_start_from_the_settings_file(api_env: ApiEnv, alice: Caller) -> None:
    want = {"limit_bytes": api_env.settings.quarantine_limit_bytes,
            "releases_limit": api_env.settings.releases_limit, "release_by": api_env.settings.release_by}
    r = alice("GET", "/quarantine-defaults")
    assert r.status_code == 200 and r.json == want
    assert api_env.admin("GET", "/quarantine-defaults").json == want


def test_admin_sets_defaults_and_minus_one_restores_the_common_default(api_env: ApiEnv) -> None:
    r = api_env.admin("PATCH", "/quarantine-defaults", json={"limit_bytes": 5 << 20, "releases_limit": 20})
    policy = {"release_by": api_env.settings.release_by}  # tests/api/test_release_policy.py changes it
    assert r.status_code == 200 and r.json == {"limit_bytes": 5 << 20, "releases_limit": 20, **policy}
    assert api_env.admin("GET", "/quarantine-defaults").json == r.json
    r = api_env.admin("PATCH", "/quarantine-defaults", json={"releases_limit": -1})
    assert r.json == {"limit_bytes": 5 << 20, "releases_limit": api_env.settings.releases_limit, **policy}
    r = api_env.admin("PATCH", "/quarantine-defaults", json={"limit_bytes": -1})
    assert r.json == {"limit_bytes": api_env.settings.quarantine_limit_bytes,
                      "releases_limit": api_env.settings.releases_limit, **policy}
    assert api_env.admin("PATCH", "/quarantine-defaults", json={}).json == r.json


def test_unedited_accounts_follow_a_changed_default_and_edited_ones_keep_theirs(api_env: ApiEnv) -> None:
    api_env.admin("PATCH", "/accounts/bob", json={"limit_bytes": 1 << 20, "releases_limit": 2})
    api_env.admin("PATCH", "/quarantine-defaults", json={"limit_bytes": 7 << 20, "releases_limit": 9})
    alice = api_env.admin("GET", "/accounts/alice").json
    bob = api_env.admin("GET", "/accounts/bob").json
    assert (alice["limit_bytes"], alice["releases_limit"], alice["customized"]) == (7 << 20, 9, False)
    assert (bob["limit_bytes"], bob["releases_limit"], bob["customized"]) == (1 << 20, 2, True)
    api_env.admin("PATCH", "/accounts/bob", json={"limit_bytes": -1, "releases_limit": -1})
    bob = api_env.admin("GET", "/accounts/bob").json
    assert (bob["limit_bytes"], bob["releases_limit"], bob["customized"]) == (7 << 20, 9, False)


def test_only_the_admin_sets_defaults_and_bad_values_are_422(api_env: ApiEnv, alice: Caller) -> None:
    r = alice("PATCH", "/quarantine-defaults", json={"releases_limit": 100})
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    for body in ({"limit_bytes": 0}, {"releases_limit": -5}, {"releases_limit": "ten"}, {"limit_bytes": 1.5}):
        r = api_env.admin("PATCH", "/quarantine-defaults", json=body)
        assert r.status_code == 422 and set(r.json["errors"]["json"]) == set(body), body
    assert api_env.admin("GET", "/quarantine-defaults").json["releases_limit"] == api_env.settings.releases_limit


# ---- whitelist -----------------------------------------------------------------------------------------------


def test_authuser_takes_email_addresses_only(api_env: ApiEnv) -> None:
    r = api_env.admin("POST", "/whitelist/authuser", json={"values": ["Boss@Corp.Example"]})
    assert r.status_code == 200 and r.json == {"entries": [{"type": "email", "value": "boss@corp.example"}]}
    r = api_env.admin("POST", "/whitelist/authuser", json={"values": ["ok@corp.example", "corp.example"]})
    assert r.status_code == 400 and r.json["status"] == "invalid_argument" and "corp.example" in r.json["message"]
    assert api_env.admin("GET", "/whitelist/authuser").json == {"emails": ["boss@corp.example"], "domains": []}


def test_sender_and_recipient_take_emails_and_domains(api_env: ApiEnv) -> None:
    for kind in ("sender", "recipient"):
        r = api_env.admin("POST", f"/whitelist/{kind}", json={"values": ["news@shop.example", "Partner.Example."]})
        assert r.status_code == 200
        assert r.json["entries"] == [{"type": "email", "value": "news@shop.example"},
                                     {"type": "domain", "value": "partner.example"}]
        r = api_env.admin("GET", f"/whitelist/{kind}")
        assert r.status_code == 200 and r.json == {"emails": ["news@shop.example"], "domains": ["partner.example"]}
    r = api_env.admin("POST", "/whitelist/sender/remove", json={"values": ["partner.example"]})
    assert r.status_code == 200 and r.json == {"entries": [{"type": "domain", "value": "partner.example"}]}
    assert api_env.admin("GET", "/whitelist/sender").json == {"emails": ["news@shop.example"], "domains": []}
    assert api_env.admin("GET", "/whitelist/recipient").json["domains"] == ["partner.example"], "kinds are apart"


def test_invalid_values_are_400_and_nothing_is_written(api_env: ApiEnv) -> None:
    for bad in ("not a domain", "@nolocal.example", "a@b@", "-bad-.example", "x@", "localhost"):
        r = api_env.admin("POST", "/whitelist/sender", json={"values": ["good.example", bad]})
        assert r.status_code == 400 and r.json["status"] == "invalid_argument", bad
        assert r.json["code"] == 400 and r.json["errors"] == {}
    assert api_env.admin("GET", "/whitelist/sender").json == {"emails": [], "domains": []}
    api_env.admin("POST", "/whitelist/sender", json={"values": ["good.example"]})
    r = api_env.admin("POST", "/whitelist/sender/remove", json={"values": ["good.example", "bad value"]})
    assert r.status_code == 400
    assert api_env.admin("GET", "/whitelist/sender").json["domains"] == ["good.example"], "remove is all or nothing"
    for body in ({"values": []}, {"values": "good.example"}, {}, {"values": [""]}, {"values": ["x" * 321]}):
        r = api_env.admin("POST", "/whitelist/sender", json=body)
        assert r.status_code == 422 and r.json["status"] == "unprocessable_entity", body


def test_the_whitelist_is_for_the_admin_only_and_unknown_kinds_are_404(api_env: ApiEnv, alice: Caller) -> None:
    for method, path, body in (("GET", "/whitelist/sender", None),
                               ("POST", "/whitelist/sender", {"values": ["alice.example"]}),
                               ("POST", "/whitelist/sender/remove", {"values": ["alice.example"]})):
        r = alice(method, path, json=body)
        assert r.status_code == 403 and r.json["status"] == "forbidden", path
    assert api_env.admin("GET", "/whitelist/sender").json["domains"] == []
    for method, path in (("GET", "/whitelist/helo"), ("POST", "/whitelist/helo"), ("POST", "/whitelist/helo/remove")):
        r = api_env.admin(method, path, json={"values": ["x.example"]} if method == "POST" else None)
        assert r.status_code == 404 and r.json["status"] == "not_found" and "helo" in r.json["message"], path


# ---- filter-settings -----------------------------------------------------------------------------------------


def test_filter_settings_read_by_anyone_changed_by_the_admin(api_env: ApiEnv, alice: Caller) -> None:
    assert alice("GET", "/filter-settings").json == {"allow_winexec": api_env.settings.allow_winexec}
    r = api_env.admin("PATCH", "/filter-settings", json={"allow_winexec": True})
    assert r.status_code == 200 and r.json == {"allow_winexec": True}
    assert alice("GET", "/filter-settings").json == {"allow_winexec": True}
    r = alice("PATCH", "/filter-settings", json={"allow_winexec": False})
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    assert api_env.admin("GET", "/filter-settings").json == {"allow_winexec": True}
    for body in ({"allow_winexec": "yes"}, {"allow_winexec": 0}, {"allow_winexec": None}, {"greylist": True}):
        r = api_env.admin("PATCH", "/filter-settings", json=body)
        assert r.status_code == 422 and set(r.json["errors"]["json"]) == set(body), body
    assert api_env.admin("PATCH", "/filter-settings", json={"allow_winexec": False}).json == {"allow_winexec": False}


# ---- whoami, version, status, health -------------------------------------------------------------------------


def test_whoami_says_who_the_api_thinks_you_are(api_env: ApiEnv, alice: Caller) -> None:
    assert api_env.admin("GET", "/whoami").json == {"role": "admin", "account": "root", "uid": 0, "token": None,
                                                    "via": "unix"}
    assert alice("GET", "/whoami").json == {"role": "account", "account": "alice", "uid": 1001, "token": None,
                                            "via": "unix"}


def test_version_for_anyone(alice: Caller) -> None:
    r = alice("GET", "/version")
    assert r.status_code == 200 and r.json == {"version": version("mailward")}


def _components(r: object) -> dict[str, dict]:
    return {c["name"]: c for c in r.json["components"]}  # type: ignore[attr-defined]


def test_status_is_admin_only_and_names_every_component(api_env: ApiEnv, alice: Caller) -> None:
    r = alice("GET", "/status")
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    r = api_env.admin("GET", "/status")
    assert r.status_code == 200 and r.json["version"] == version("mailward")
    comps = _components(r)
    assert set(comps) == {"redis", "redis_memory", "workers", "state_disk", "gateway", "exim_hook", "quarantine_disk"}
    assert comps["redis"]["ok"] is True
    assert comps["workers"]["ok"] is False and comps["gateway"]["ok"] is False, "nothing runs in this test"
    assert r.json["status"] == "degraded"
    assert all(isinstance(c["detail"], str) and c["detail"] for c in r.json["components"])


def test_status_ok_when_every_component_reported_recently(api_env: ApiEnv) -> None:
    client, now = api_env.client, time.time()
    client.zadd(keys.worker_heartbeats(), {"mx1:100": now})
    client.hset(keys.gateway_heartbeats(), "mx1:101", json.dumps({"time": now, "listen": ["127.0.0.1:11333"]}))
    client.set(keys.host_status("mx1"), json.dumps({"time": now, "exim_hook": {
        "installed": True, "active": True, "consistent": True, "detail": "enabled"}}))
    api_env.settings.quarantine_dir.mkdir(parents=True, exist_ok=True)
    api_env.hold("alice")
    r = api_env.admin("GET", "/status")
    comps = _components(r)
    assert all(c["ok"] for c in comps.values()), comps
    assert r.json["status"] == "ok"
    assert "mx1" in comps["gateway"]["detail"] and comps["exim_hook"]["detail"] == "mx1: enabled"
    assert "1 worker" in comps["workers"]["detail"]
    # a stale host report is not trusted
    client.set(keys.host_status("mx1"), json.dumps({"time": now - 3600, "exim_hook": {
        "installed": True, "active": True, "consistent": True}}))
    comps = _components(api_env.admin("GET", "/status"))
    assert comps["exim_hook"]["ok"] is False and "stale" in comps["exim_hook"]["detail"]


def test_health_for_anyone(alice: Caller) -> None:
    r = alice("GET", "/health")
    # no worker runs in this test: degraded, so 503 with the same body
    assert r.status_code == 503 and [c["name"] for c in r.json["components"]] == ["redis", "workers", "state_disk"]


# ---- audit of every change -----------------------------------------------------------------------------------


def test_every_settings_change_is_audited_with_who_what_and_interface(api_env: ApiEnv, alice: Caller) -> None:
    admin = api_env.admin
    admin("PATCH", "/quarantine-defaults", json={"releases_limit": 12}, headers={"X-Mailward-Client": "whm"})
    admin("POST", "/whitelist/sender", json={"values": ["partner.example"]}, headers={"X-Mailward-Client": "ie-cli"})
    admin("POST", "/whitelist/sender/remove", json={"values": ["partner.example"]})
    admin("PATCH", "/filter-settings", json={"allow_winexec": True}, headers={"X-Mailward-Client": "Not Valid!"})
    # refused or invalid changes are not written
    alice("PATCH", "/quarantine-defaults", json={"releases_limit": 1})
    admin("POST", "/whitelist/authuser", json={"values": ["example.com"]})
    r = admin("GET", "/audit")
    assert r.json["max_count"] == 4
    entries = {e["action"]: e for e in r.json["items"]}
    assert [e["action"] for e in r.json["items"]] == ["filter.set", "whitelist.remove", "whitelist.add",
                                                      "defaults.set"]
    assert all(e["actor"] == {"role": "admin", "account": "root", "uid": 0, "token": None} for e in entries.values())
    assert all(e["via"] == "unix" and e["result"] == "ok" and e["time"] > 0 for e in entries.values())
    assert entries["defaults.set"]["interface"] == "whm"
    assert entries["defaults.set"]["details"] == {"releases_limit": {"from": api_env.settings.releases_limit,
                                                                     "to": 12}}
    assert entries["whitelist.add"]["interface"] == "ie-cli"
    assert entries["whitelist.add"]["target"] == "sender"
    assert entries["whitelist.add"]["details"] == {"values": ["partner.example"]}
    assert entries["whitelist.remove"]["interface"] == "pytest"
    assert entries["filter.set"]["interface"] == "api", "a malformed client name is recorded as plain api"
    assert entries["filter.set"]["details"] == {"allow_winexec": {"from": False, "to": True}}
    assert admin("GET", "/audit?action=whitelist.add").json["max_count"] == 1
    assert alice("GET", "/audit").json["max_count"] == 0, "server-wide changes are not about alice"
