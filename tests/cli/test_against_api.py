"""ie-cli against the real API in-process (Flask test client transport) on a real Redis."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cli import bulk
from cli.ie_cli import main
from core.identity.caller import admin
from tests.api.conftest import ApiEnv
from tests.cli.conftest import FlaskTransport


def test_list_show_and_release_through_the_api(api_env: ApiEnv, as_root: Any) -> None:
    a1 = api_env.hold("alice", subject="cheap pills")
    b1 = api_env.hold("bob", subject="FWD: Xanax")
    res = as_root("emails", "list", "-a", "root", "\u2013-json")
    assert res.code == 0, res.err
    assert res.json["max_count"] == 2 and [i["email_id"] for i in res.json["items"]] == [b1, a1]
    assert all(list(i) == ["email_id", "size_bytes", "account_name", "recipients", "subject", "script_header"]
               for i in res.json["items"])
    res = as_root("emails", "list", "-a", "alice", "-s", "1h")
    assert f"Email_ID {a1}" in res.out and b1 not in res.out and res.out.endswith("Max Count\t     1\n")

    res = as_root("emails", "show", "--id", a1, "-a", "root")
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    assert lines[0] == f"EmailID:                      {a1}" and "Subject:                      cheap pills" in lines
    assert "X-ImunifyEmail-Filter-Score:  9.5" in lines and "X-ImunifyEmail-Filter-Action: quarantine" in lines
    assert lines[-1] == "Body: " + base64.b64encode(b"<p>Buy <b>now</b></p>\r\n").decode()
    res = as_root("emails", "show", "--id", a1, "-a", "root", "--text")
    assert "Body: Buy now" in res.out
    res = as_root("emails", "release", "--ids", f"{a1},{b1}", "-a", "root")
    assert (res.code, res.out, res.err) == (0, "OK\n", "")
    assert sorted(r.email_id for r, _ in api_env.reinjector.sent) == sorted([a1, b1])
    res = as_root("emails", "release", "--ids", a1)
    assert res.code == 1 and res.err.startswith(f"{a1}: ")
    assert res.err.splitlines()[-1] == "ie-cli: error: 1 of 1 emails were not released"


def test_raw_message_bytes_through_the_api(api_env: ApiEnv, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    a1 = api_env.hold("alice")
    assert main(["emails", "show", "--id", a1, "--raw"], transport=FlaskTransport(api_env.app, admin(0))) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b"From: <a@shop.example>\r\n") and raw.endswith(b"<p>Buy <b>now</b></p>\r\n")


def test_bulk_remove_in_chunks_against_the_api(api_env: ApiEnv, as_root: Any) -> None:
    ids = [api_env.hold("bob") for _ in range(60)]
    res = as_root("emails", "remove", "--ids", ",".join(ids), "--json")
    assert res.code == 0, res.err
    assert res.json["succeeded"] == 60 and res.json["failed"] == 0
    assert res.err == "removed 50/60\nremoved 60/60\n"
    assert as_root("emails", "list", "--json").json["max_count"] == 0


def test_an_account_sees_only_itself_and_errors_carry_the_api_message(api_env: ApiEnv, as_alice: Any) -> None:
    mine = api_env.hold("alice")
    theirs = api_env.hold("bob")
    res = as_alice("emails", "list", "--json")
    assert [i["email_id"] for i in res.json["items"]] == [mine]
    res = as_alice("emails", "list", "-a", "bob")
    assert res.code == 1 and res.err == "ie-cli: error: account alice may not see account bob\n"
    res = as_alice("emails", "show", "--id", theirs)
    assert res.code == 1 and res.err.startswith("ie-cli: error: ")
    res = as_alice("whitelist", "sender", "list")
    assert res.code == 1 and "administrator" in res.err
    res = as_alice("accounts", "list", "--json")
    assert [a["name"] for a in res.json["items"]] == ["alice"]


def test_accounts_edit_and_purge_against_the_api(api_env: ApiEnv, as_root: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(5):
        api_env.hold("alice")
    res = as_root("accounts", "edit", "-a", "alice", "--limit", "8096", "--state=block", "--releases-limit", "50",
                  "--json")
    assert res.code == 0, res.err
    assert res.json == {"name": "alice", "limit_bytes": 8096, "used_bytes": res.json["used_bytes"],
                        "state": "block", "releases_limit": 50}
    row = as_root("accounts", "list", "--name", "alice").out.splitlines()[1].split()
    assert (row[0], row[1], row[3], row[4]) == ("alice", "8096", "block", "50")
    as_root("accounts", "edit", "-a", "alice", "--limit=-1", "--releases-limit=-1", "--state", "active")
    res = as_root("accounts", "list", "-a", "alice", "--json")
    item = res.json["items"][0]
    assert (item["limit_bytes"], item["releases_limit"], item["state"]) == (
        api_env.settings.quarantine_limit_bytes, api_env.settings.releases_limit, "active")

    monkeypatch.setattr(bulk, "PURGE_BATCH", 2)
    res = as_root("accounts", "remove", "-a", "alice")
    assert (res.code, res.out) == (0, "OK\n"), res.err
    assert res.err == "purged 2/5\npurged 4/5\npurged 5/5\n"
    assert as_root("emails", "list", "-a", "alice", "--json").json["max_count"] == 0


def test_an_account_sets_its_own_digest_but_not_its_limits_against_the_api(api_env: ApiEnv, as_alice: Any,
                                                                           as_root: Any) -> None:
    res = as_alice("accounts", "edit", "-a", "alice", "--digest", "weekly", "--digest-address", "me@alice.example",
                   "--json")
    assert res.code == 0, res.err
    assert (res.json["digest"], res.json["digest_address"]) == ("weekly", "me@alice.example")
    item = as_root("accounts", "list", "-a", "alice", "--wide", "--json").json["items"][0]
    assert (item["digest"], item["digest_address"]) == ("weekly", "me@alice.example")
    res = as_alice("accounts", "edit", "-a", "alice", "--digest-address", "not-an-address")
    assert res.code == 1 and "digest_address" in res.err
    res = as_alice("accounts", "edit", "-a", "alice", "--releases-limit", "500", "--digest", "hourly")
    assert res.code == 1 and res.err == (
        "ie-cli: error: changing releases_limit is for the server administrator only\n")
    res = as_alice("accounts", "edit", "-a", "bob", "--digest", "off")
    assert res.code == 1 and res.err == "ie-cli: error: account alice may not edit account bob\n"
    res = as_alice("accounts", "edit", "-a", "alice", "--digest-address", "default")
    assert res.code == 0 and res.out.splitlines()[1].split()[-3:] == ["weekly", "(cPanel", "contact)"]


def test_whitelist_defaults_filter_settings_and_audit_against_the_api(api_env: ApiEnv, as_root: Any) -> None:
    res = as_root("whitelist", "sender", "add", "domain.com", "some_email@domain.com")
    assert res.out == ("Adding sender(s) to the whitelist:\n1. domain    domain.com\n"
                       "2. email     some_email@domain.com\nOK\n"), res.err
    assert as_root("whitelist", "sender", "list").out == "EMAILS\nsome_email@domain.com\n\nDOMAINS\ndomain.com\n"
    res = as_root("whitelist", "sender", "remove", "domain.com")
    assert res.out == "Removing sender(s) from the whitelist:\n1. domain    domain.com\nOK\n"
    assert as_root("whitelist", "sender", "list", "--json").json == {
        "success": True, "emails": ["some_email@domain.com"], "domains": []}

    res = as_root("quarantine-defaults", "set", "--releases-limit", "50", "--storage-capacity", "120")
    assert res.out == "Setting          IntValue\nlimit_bytes      125829120\nreleases_limit   50\n", res.err
    as_root("quarantine-defaults", "set", "-r", "-1", "-s", "-1")
    assert as_root("quarantine-defaults", "list", "--json").json == {
        "limit_bytes": api_env.settings.quarantine_limit_bytes, "releases_limit": api_env.settings.releases_limit}

    res = as_root("filter-settings", "--allow-winexec", "true")
    assert "allow_winexec    true" in res.out.splitlines(), res.err
    assert as_root("filter-settings", "--json").json["allow_winexec"] is True

    res = as_root("audit", "list", "--json")
    actions = [e["action"] for e in res.json["items"]]
    assert {"whitelist.add", "whitelist.remove", "defaults.set", "filter.set"} <= set(actions)
    assert {e["interface"] for e in res.json["items"]} == {"ie-cli"}
    res = as_root("audit", "list", "--action", "filter.set")
    assert res.code == 0 and "unix/ie-cli" in res.out and "filter.set" in res.out
    assert res.out.endswith("Max Count 1\n")
