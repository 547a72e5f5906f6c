"""/accounts through the Flask test client: who sees which account, edits (admin; an account its own digest
choices), -1 defaults, purge."""

from __future__ import annotations

import re

from api.accounts.schemas import DIGEST_ADDRESS_PATTERN
from core.errors import ValidationError
from core.models import AccountState
from core.store.digest_prefs import DigestPrefs, DigestPrefsStore, valid_digest_address
from tests.api.conftest import ApiEnv, Caller

ACCOUNT_KEYS = {"name", "limit_bytes", "used_bytes", "state", "releases_limit", "customized", "own_fields", "messages",
                "next_release_at", "evicted_last_hour", "expired_last_day", "releases_last_hour", "incoming",
                "incoming_owner_may_change", "digest", "digest_address"}


def _names(r: object) -> list[str]:
    return [a["name"] for a in r.json["items"]]  # type: ignore[attr-defined]


def test_admin_lists_cpanel_accounts_quarantine_accounts_and_root(api_env: ApiEnv) -> None:
    api_env.hold("carol")  # held for an account that is not (or no longer) a cPanel account
    api_env.hold("alice")
    r = api_env.admin("GET", "/accounts")
    assert r.status_code == 200
    assert _names(r) == ["alice", "bob", "carol", "root"] and r.json["max_count"] == 4
    assert all(set(a) == ACCOUNT_KEYS for a in r.json["items"])
    carol = r.json["items"][2]
    assert carol["messages"] == 1 and carol["used_bytes"] > 0 and carol["state"] == "active"
    page = api_env.admin("GET", "/accounts?limit=2&offset=1")
    assert _names(page) == ["bob", "carol"] and page.json["max_count"] == 4
    one = api_env.admin("GET", "/accounts?name=bob")
    assert _names(one) == ["bob"] and one.json["max_count"] == 1
    assert api_env.admin("GET", "/accounts?name=nobody-here").json == {"items": [], "max_count": 0}


def test_an_account_lists_only_itself(api_env: ApiEnv, alice: Caller) -> None:
    api_env.hold("bob")
    r = alice("GET", "/accounts")
    assert r.status_code == 200 and _names(r) == ["alice"] and r.json["max_count"] == 1
    assert alice("GET", "/accounts?name=bob").json == {"items": [], "max_count": 0}


def test_get_one_account_as_admin_or_as_itself(api_env: ApiEnv, alice: Caller) -> None:
    api_env.hold("alice")
    r = alice("GET", "/accounts/alice")
    assert r.status_code == 200 and set(r.json) == ACCOUNT_KEYS
    assert r.json["name"] == "alice" and r.json["messages"] == 1 and r.json["customized"] is False
    assert r.json["limit_bytes"] == api_env.settings.quarantine_limit_bytes
    assert r.json["releases_limit"] == api_env.settings.releases_limit
    assert api_env.admin("GET", "/accounts/alice").json == r.json
    assert api_env.admin("GET", "/accounts/root").status_code == 200
    r = alice("GET", "/accounts/bob")
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    r = api_env.admin("GET", "/accounts/zed")
    assert r.status_code == 404 and r.json["status"] == "not_found" and "zed" in r.json["message"]
    r = api_env.admin("GET", "/accounts/Bad%21Name")
    assert r.status_code == 400 and r.json["status"] == "invalid_argument"


def test_admin_edits_limit_state_and_releases_limit_and_minus_one_restores_the_default(api_env: ApiEnv) -> None:
    r = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 1 << 20, "state": "block",
                                                        "releases_limit": 50})
    assert r.status_code == 200
    assert (r.json["limit_bytes"], r.json["state"], r.json["releases_limit"], r.json["customized"]) == (
        1 << 20, "block", 50, True)
    assert api_env.admin("GET", "/accounts/alice").json == r.json
    # one field at a time leaves the others alone
    r = api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": 0})
    assert (r.json["limit_bytes"], r.json["state"], r.json["releases_limit"]) == (1 << 20, "block", 0)
    r = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": -1})
    assert r.json["limit_bytes"] == api_env.settings.quarantine_limit_bytes and r.json["releases_limit"] == 0
    r = api_env.admin("PATCH", "/accounts/alice", json={"releases_limit": -1, "state": "active"})
    assert r.json["releases_limit"] == api_env.settings.releases_limit
    assert r.json["state"] == "active" and r.json["customized"] is False
    # an empty edit changes nothing
    assert api_env.admin("PATCH", "/accounts/alice", json={}).json == r.json


def test_blocked_state_is_visible_to_the_account_and_to_the_scan_path(api_env: ApiEnv, alice: Caller) -> None:
    assert api_env.admin("PATCH", "/accounts/alice", json={"state": "block"}).status_code == 200
    assert alice("GET", "/accounts/alice").json["state"] == "block"
    assert alice("GET", "/accounts").json["items"][0]["state"] == "block"
    assert api_env.store.account_state("alice") is AccountState.BLOCK
    assert api_env.store.account_state("bob") is AccountState.ACTIVE
    api_env.admin("PATCH", "/accounts/alice", json={"state": "active"})
    assert api_env.store.account_state("alice") is AccountState.ACTIVE


def test_only_the_admin_edits_accounts(api_env: ApiEnv, alice: Caller) -> None:
    for name in ("alice", "bob"):
        r = alice("PATCH", f"/accounts/{name}", json={"releases_limit": 500})
        assert r.status_code == 403 and r.json["status"] == "forbidden"
    assert alice("GET", "/accounts/alice").json["releases_limit"] == api_env.settings.releases_limit


def test_admin_switches_incoming_scanning_per_account(api_env: ApiEnv, alice: Caller) -> None:
    assert api_env.admin("GET", "/accounts/alice").json["incoming"] is True
    r = api_env.admin("PATCH", "/accounts/alice", json={"incoming": False})
    assert r.status_code == 200 and r.json["incoming"] is False
    assert api_env.admin("GET", "/accounts/alice").json["incoming"] is False
    assert api_env.admin("GET", "/accounts/bob").json["incoming"] is True
    assert alice("PATCH", "/accounts/alice", json={"incoming": True}).status_code == 403
    assert alice("GET", "/accounts/alice").json["incoming"] is False
    assert api_env.admin("PATCH", "/accounts/alice", json={"incoming": True}).json["incoming"] is True


def test_editing_or_purging_an_unknown_account_is_404(api_env: ApiEnv) -> None:
    r = api_env.admin("PATCH", "/accounts/zed", json={"limit_bytes": 1000})
    assert r.status_code == 404 and r.json["status"] == "not_found"
    r = api_env.admin("DELETE", "/accounts/zed/emails")
    assert r.status_code == 404 and r.json["status"] == "not_found"
    assert "zed" not in _names(api_env.admin("GET", "/accounts"))
    assert api_env.admin("GET", "/audit").json["max_count"] == 0


def test_bad_values_are_422_with_an_error_per_field_and_nothing_changes(api_env: ApiEnv) -> None:
    before = api_env.admin("GET", "/accounts/alice").json
    r = api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 0, "state": "frozen", "releases_limit": -2})
    assert r.status_code == 422
    assert r.json["code"] == 422 and r.json["status"] == "unprocessable_entity"
    assert set(r.json["errors"]["json"]) == {"limit_bytes", "state", "releases_limit"}
    assert "limit_bytes" in r.json["message"]
    for body in ({"limit_bytes": 2**40 + 1}, {"limit_bytes": "big"}, {"limit_bytes": 1.5}, {"releases_limit": 2.5},
                 {"releases_limit": 1_000_001}, {"state": None}, {"colour": "blue"}, {"incoming": "on"},
                 {"incoming": 1}):
        r = api_env.admin("PATCH", "/accounts/alice", json=body)
        assert r.status_code == 422, body
        assert set(r.json["errors"]["json"]) == set(body), body
    assert api_env.admin("GET", "/accounts/alice").json == before


def test_purge_in_batches_by_the_account_itself_but_not_another(api_env: ApiEnv, alice: Caller, bob: Caller) -> None:
    mine = [api_env.hold("alice", received=1_700_000_000 + n) for n in range(3)]
    theirs = api_env.hold("bob")
    r = alice("DELETE", "/accounts/alice/emails?batch=2")
    assert r.status_code == 200 and r.json == {"name": "alice", "removed": 2, "remaining": 1}
    assert [i["email_id"] for i in alice("GET", "/emails").json["items"]] == [mine[2]], "oldest go first"
    assert alice("DELETE", "/accounts/alice/emails").json == {"name": "alice", "removed": 1, "remaining": 0}
    assert alice("DELETE", "/accounts/alice/emails").json == {"name": "alice", "removed": 0, "remaining": 0}
    assert alice("GET", "/accounts/alice").json["used_bytes"] == 0
    r = alice("DELETE", "/accounts/bob/emails")
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    assert bob("GET", f"/emails/{theirs}").status_code == 200, "bob's mail untouched"
    assert bob("DELETE", "/accounts/alice/emails").status_code == 403
    assert api_env.admin("DELETE", "/accounts/bob/emails").json == {"name": "bob", "removed": 1, "remaining": 0}
    for bad in ("batch=0", "batch=-1", "batch=lots"):
        r = api_env.admin("DELETE", f"/accounts/bob/emails?{bad}")
        assert r.status_code == 422 and "batch" in r.json["errors"]["query"], bad


def test_account_changes_are_audited_with_who_what_and_interface(api_env: ApiEnv, alice: Caller) -> None:
    api_env.hold("alice")
    api_env.admin("PATCH", "/accounts/alice", json={"limit_bytes": 1 << 20, "state": "block"})
    alice("DELETE", "/accounts/alice/emails", headers={"X-Mailward-Client": "cpanel"})
    items = api_env.admin("GET", "/audit").json["items"]
    assert [e["action"] for e in items] == ["account.purge", "account.edit"]
    purge, edit = items
    assert edit["actor"] == {"role": "admin", "account": "root", "uid": 0, "token": None}
    assert edit["via"] == "unix" and edit["interface"] == "pytest" and edit["result"] == "ok"
    assert edit["account"] == "alice" and edit["target"] == "alice"
    assert edit["details"] == {"limit_bytes": {"from": api_env.settings.quarantine_limit_bytes, "to": 1 << 20},
                               "state": {"from": "active", "to": "block"}}
    assert purge["actor"]["account"] == "alice" and purge["actor"]["role"] == "account"
    assert purge["interface"] == "cpanel" and purge["details"] == {"removed": 1, "remaining": 0}
    assert [e["action"] for e in alice("GET", "/audit").json["items"]] == ["account.purge", "account.edit"]
    # refused edits write nothing
    alice("PATCH", "/accounts/alice", json={"state": "active"})
    api_env.admin("PATCH", "/accounts/alice", json={"state": "melted"})
    assert api_env.admin("GET", "/audit").json["max_count"] == 2


def test_the_owner_chooses_its_own_digest_frequency_and_address(api_env: ApiEnv, alice: Caller) -> None:
    r = alice("GET", "/accounts/alice")
    assert (r.json["digest"], r.json["digest_address"]) == ("default", "")
    r = alice("PATCH", "/accounts/alice", json={"digest": "hourly", "digest_address": "me@alice.example"},
              headers={"X-Mailward-Client": "cpanel"})
    assert r.status_code == 200, r.json
    assert (r.json["digest"], r.json["digest_address"]) == ("hourly", "me@alice.example")
    assert api_env.admin("GET", "/accounts/alice").json == r.json
    assert DigestPrefsStore(api_env.client).get("alice") == DigestPrefs("hourly", "me@alice.example")
    # one field at a time; "default" and "" go back to the server's frequency and cPanel's contact address
    assert alice("PATCH", "/accounts/alice", json={"digest": "off"}).json["digest_address"] == "me@alice.example"
    r = alice("PATCH", "/accounts/alice", json={"digest": "default", "digest_address": ""})
    assert (r.json["digest"], r.json["digest_address"]) == ("default", "")
    assert DigestPrefsStore(api_env.client).all() == {}
    (edit, *_) = alice("GET", "/audit?action=account.edit").json["items"]
    assert edit["actor"]["account"] == "alice" and edit["actor"]["role"] == "account"
    assert edit["details"] == {"digest": {"from": "off", "to": "default"},
                               "digest_address": {"from": "me@alice.example", "to": ""}}
    first = alice("GET", "/audit?action=account.edit").json["items"][-1]
    assert first["interface"] == "cpanel" and first["details"]["digest"] == {"from": "default", "to": "hourly"}


def test_an_account_may_not_touch_another_account_nor_its_own_limits(api_env: ApiEnv, alice: Caller) -> None:
    r = alice("PATCH", "/accounts/bob", json={"digest": "hourly"})
    assert r.status_code == 403 and r.json["status"] == "forbidden"
    assert alice("PATCH", "/accounts/zed", json={"digest": "hourly"}).status_code == 403  # as GET: not even 404
    r = alice("PATCH", "/accounts/alice", json={"digest": "hourly", "releases_limit": 500})
    assert r.status_code == 403 and "releases_limit" in r.json["message"] and "administrator" in r.json["message"]
    for body in ({"incoming": False}, {"state": "block"}, {"limit_bytes": -1}):
        assert alice("PATCH", "/accounts/alice", json=body).status_code == 403, body
    assert DigestPrefsStore(api_env.client).all() == {}  # refused as a whole: nothing written
    assert api_env.admin("GET", "/audit").json["max_count"] == 0
    assert api_env.admin("GET", "/accounts/alice").json["releases_limit"] == api_env.settings.releases_limit


def test_the_admin_sets_any_accounts_digest_choices_and_bad_ones_are_422(api_env: ApiEnv) -> None:
    r = api_env.admin("PATCH", "/accounts/bob", json={"digest": "weekly", "digest_address": "ops@bob.example",
                                                      "releases_limit": 7})
    assert r.status_code == 200 and (r.json["digest"], r.json["digest_address"], r.json["releases_limit"]) == (
        "weekly", "ops@bob.example", 7)
    assert api_env.admin("PATCH", "/accounts/root", json={"digest": "off"}).json["digest"] == "off"
    listed = {a["name"]: (a["digest"], a["digest_address"]) for a in api_env.admin("GET", "/accounts").json["items"]}
    assert listed == {"alice": ("default", ""), "bob": ("weekly", "ops@bob.example"), "root": ("off", "")}
    before = api_env.admin("GET", "/accounts/bob").json
    for body in ({"digest": "monthly"}, {"digest": None}, {"digest": 1}, {"digest_address": "nobody"},
                 {"digest_address": "a@b@c"}, {"digest_address": "a@x.example, b@y.example"},
                 {"digest_address": "-oX@x.example"}, {"digest_address": "a@x.example\n"},
                 {"digest_address": "x" * 250 + "@x.example"}, {"digest_address": None}):
        r = api_env.admin("PATCH", "/accounts/bob", json=body)
        assert r.status_code == 422, body
        assert set(r.json["errors"]["json"]) == set(body), body
    assert api_env.admin("GET", "/accounts/bob").json == before


def test_the_documented_address_rule_is_the_stores() -> None:
    documented = re.compile(DIGEST_ADDRESS_PATTERN)
    for value in ("", "a@b", "Owner+mw@elsewhere.example", "x@[127.0.0.1", "\u00e9t\u00e9@caf\u00e9.example",
                  "a\ufeff@b", "nobody", "@b", "a@", "a@b@c", "-a@b", "a b@c", "a@b\n", "a\x85@b", "a@b\u2028",
                  "a\u3000@b", "<a@b>", "a;b@c", 'a"b@c', "a\\b@c", "a@b\x7f", "a\x1c@b", "a(b)@c"):
        try:
            valid_digest_address(value)
            store_says = True
        except ValidationError:
            store_says = False
        assert (documented.fullmatch(value) is not None) == store_says, repr(value)
