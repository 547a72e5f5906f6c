"""accounts, whitelist, quarantine-defaults, filter-settings, audit and version against a fake API."""

from __future__ import annotations

import time
from typing import Any

from tests.cli.conftest import Call, FakeTransport, Run, error


def account(name: str, limit: int = 104857600, used: int = 0, releases: int = 5) -> dict[str, Any]:
    return {"name": name, "limit_bytes": limit, "used_bytes": used, "state": "active", "releases_limit": releases,
            "customized": False, "messages": 3, "evicted_last_hour": 0, "releases_last_hour": 0}


def test_accounts_list_table_and_count(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/accounts", {"items": [account("mysite", 125829120, 810692), account("dentistcenter")],
                                 "max_count": 2})
    res = run("accounts", "list")
    assert res.code == 0
    assert res.out == (
        "Name             LimitBytes      UsedBytes       State           ReleasesLimit (hourly)\n"
        "mysite           125829120       810692          active          5\n"
        "dentistcenter    104857600       0               active          5\n"
        "\n"
        "Max Count 2\n")
    assert fake.calls == [Call("GET", "/api/v1/accounts", {"limit": "100", "offset": "0"}, None)]


def test_accounts_list_json_keys_and_name_synonym(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/accounts", {"items": [account("imunifyemail", used=8324)], "max_count": 1})
    res = run("accounts", "list", "--name=imunifyemail", "--json")
    assert fake.calls[0].query["name"] == "imunifyemail"
    assert res.json == {"items": [{"name": "imunifyemail", "limit_bytes": 104857600, "used_bytes": 8324,
                                   "state": "active", "releases_limit": 5}], "max_count": 1}


def test_accounts_list_follows_the_pages(run: Run, fake: FakeTransport) -> None:
    names = [f"user{n:03d}" for n in range(230)]

    def page(call: Call) -> dict[str, Any]:
        start, size = int(call.query["offset"]), int(call.query["limit"])
        return {"items": [account(n) for n in names[start:start + size]], "max_count": len(names)}

    fake.on("GET", "/accounts", page)
    res = run("accounts", "list", "--json")
    assert [c.query["offset"] for c in fake.calls] == ["0", "100", "200"]
    assert [a["name"] for a in res.json["items"]] == names and res.json["max_count"] == 230


def test_accounts_edit_patches_and_prints_one_row(run: Run, fake: FakeTransport) -> None:
    fake.on("PATCH", "/accounts/imunifyemail", account("imunifyemail", used=8324, releases=50))
    res = run("accounts", "edit", "--name=imunifyemail", "--releases-limit=50")
    assert res.code == 0, res.err
    assert fake.calls[0].body == {"releases_limit": 50}
    assert res.out.splitlines()[1].split() == ["imunifyemail", "104857600", "8324", "active", "50"]
    res = run("accounts", "edit", "-a", "imunifyemail", "--state=block", "--limit", "-1", "--json")
    assert fake.calls[1].body == {"state": "block", "limit_bytes": -1}
    assert set(res.json) == {"name", "limit_bytes", "used_bytes", "state", "releases_limit"}
    run("accounts", "edit", "-a", "imunifyemail", "--incoming", "off")
    assert fake.calls[2].body == {"incoming": False}
    run("accounts", "edit", "-a", "imunifyemail", "--incoming=on")
    assert fake.calls[3].body == {"incoming": True}


def test_accounts_edit_usage_errors(run: Run, fake: FakeTransport) -> None:
    assert run("accounts", "edit", "-a", "x").err == (
        "ie-cli: error: nothing to change: give --state, --limit, --releases-limit, --incoming, --digest and/or "
        "--digest-address\n")
    assert run("accounts", "edit", "--state", "active").err == "ie-cli: error: --account is required\n"
    assert run("accounts", "edit", "-a", "x", "--state", "frozen").code == 2
    assert run("accounts", "edit", "-a", "x", "--limit", "0").code == 2
    assert run("accounts", "edit", "-a", "x", "--incoming", "maybe").code == 2
    assert run("accounts", "edit", "-a", "x", "--digest", "monthly").err == (
        "ie-cli: error: --digest: expected one of hourly, daily, weekly, off, default, got 'monthly'\n")
    assert run("accounts", "edit", "-a", "x", "--digest-address", "a@b.example c@d.example").code == 2
    assert run("accounts", "edit", "-a", "x", "--digest-address").err == (
        "ie-cli: error: --digest-address needs a value\n")
    assert run("accounts", "edit", "-a", "x", "--name", "y", "--limit", "5").err == (
        "ie-cli: error: --account is given more than once\n")
    assert fake.calls == []


def test_accounts_digest_flags_and_the_wide_columns(run: Run, fake: FakeTransport) -> None:
    mine = {**account("alice", used=10), "incoming": True, "digest": "hourly", "digest_address": "me@x.example"}
    fake.on("PATCH", "/accounts/alice", mine)
    res = run("accounts", "edit", "-a", "alice", "--digest", "Hourly", "--digest-address", "me@x.example")
    assert res.code == 0, res.err
    assert fake.calls[0].body == {"digest": "hourly", "digest_address": "me@x.example"}
    assert res.out.splitlines()[0].split() == ["Name", "LimitBytes", "UsedBytes", "State", "ReleasesLimit",
                                               "(hourly)", "Incoming", "Digest", "DigestAddress"]
    assert res.out.splitlines()[1].split()[-3:] == ["on", "hourly", "me@x.example"]
    res = run("accounts", "edit", "-a", "alice", "--digest-address", "default", "--json")
    assert fake.calls[1].body == {"digest_address": ""}
    assert list(res.json) == ["name", "limit_bytes", "used_bytes", "state", "releases_limit", "incoming", "digest",
                              "digest_address"]
    run("accounts", "edit", "-a", "alice", "--digest-address=")
    assert fake.calls[2].body == {"digest_address": ""}

    fake.on("GET", "/accounts", {"items": [mine, {**account("bob"), "incoming": False, "digest": "default",
                                                   "digest_address": ""}], "max_count": 2})
    plain = run("accounts", "list")
    assert plain.out.splitlines()[0].split()[-1] == "(hourly)"  # the reference's table, unchanged
    res = run("accounts", "list", "--wide")
    assert res.out.splitlines()[2].split()[-4:] == ["off", "default", "(cPanel", "contact)"]
    res = run("accounts", "list", "--wide", "--json")
    assert res.json["items"][0] == {"name": "alice", "limit_bytes": 104857600, "used_bytes": 10, "state": "active",
                                    "releases_limit": 5, "incoming": True, "digest": "hourly",
                                    "digest_address": "me@x.example"}
    assert set(run("accounts", "list", "--json").json["items"][0]) == {"name", "limit_bytes", "used_bytes", "state",
                                                                       "releases_limit"}


def test_accounts_remove_purges_in_batches_until_nothing_remains(run: Run, fake: FakeTransport) -> None:
    left = [2300]

    def purge(call: Call) -> dict[str, Any]:
        batch = int(call.query["batch"])
        removed = min(batch, left[0])
        left[0] -= removed
        return {"name": "root", "removed": removed, "remaining": left[0]}

    fake.on("DELETE", "/accounts/root/emails", purge)
    res = run("accounts", "remove", "-a", "root")
    assert (res.code, res.out) == (0, "OK\n")
    assert len(fake.calls) == 5 and all(c.query == {"batch": "500"} for c in fake.calls)
    assert res.err == "purged 500/2300\npurged 1000/2300\npurged 1500/2300\npurged 2000/2300\npurged 2300/2300\n"


def test_accounts_remove_small_quarantine_is_quiet_and_a_stuck_one_stops(run: Run, fake: FakeTransport) -> None:
    fake.on("DELETE", "/accounts/alice/emails", {"name": "alice", "removed": 3, "remaining": 0})
    assert run("accounts", "remove", "-a", "alice").out == "OK\n"
    fake.on("DELETE", "/accounts/bob/emails", {"name": "bob", "removed": 0, "remaining": 7})
    res = run("accounts", "remove", "--name", "bob")
    assert res.code == 1 and res.err.endswith("ie-cli: error: purging account bob made no progress: 7 emails remain\n")


def test_whitelist_list_plain_and_json(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/whitelist/authuser", {"emails": ["1@example5.com", "pp@ppp.com"], "domains": []})
    assert run("whitelist", "authuser", "list").out == (
        "EMAILS\n1@example5.com\npp@ppp.com\n\nDOMAINS\nNo available data\n")
    assert run("whitelist", "authuser", "list", "--json").json == {
        "success": True, "emails": ["1@example5.com", "pp@ppp.com"], "domains": []}
    fake.on("GET", "/whitelist/recipient", {"emails": [], "domains": ["a.example"]})
    assert run("whitelist", "recipient", "list").out == "EMAILS\nNo available data\n\nDOMAINS\na.example\n"


def entries(call: Call) -> dict[str, Any]:
    return {"entries": [{"type": "email" if "@" in v else "domain", "value": v} for v in call.body["values"]]}


def test_whitelist_add_and_remove_keep_values_as_typed(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/whitelist/sender", entries).on("POST", "/whitelist/sender/remove", entries)
    res = run("whitelist", "sender", "add", "domain.com", "some_email@domain.com")
    assert res.out == ("Adding sender(s) to the whitelist:\n1. domain    domain.com\n"
                       "2. email     some_email@domain.com\nOK\n")
    run("whitelist", "sender", "add", "1.com", "10.20", "0001", "1e3", "a,b")
    assert fake.calls[-1].body == {"values": ["1.com", "10.20", "0001", "1e3", "a,b"]}
    res = run("whitelist", "sender", "remove", "domain.com")
    assert res.out == "Removing sender(s) from the whitelist:\n1. domain    domain.com\nOK\n"
    res = run("whitelist", "sender", "remove", "--json", "x.com")
    assert res.json == {"success": True, "entries": [{"type": "domain", "value": "x.com"}]}
    assert run("whitelist", "sender", "add").err == "ie-cli: error: give at least one email address or domain\n"


def test_quarantine_defaults_list_and_set(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/quarantine-defaults", {"limit_bytes": 104857600, "releases_limit": 5})
    fake.on("PATCH", "/quarantine-defaults", lambda call: {"limit_bytes": 104857600, "releases_limit": 5,
                                                           **call.body})
    assert run("quarantine-defaults", "list").out == (
        "Setting          IntValue\nlimit_bytes      104857600\nreleases_limit   5\n")
    assert run("quarantine-defaults", "list", "--json").json == {"limit_bytes": 104857600, "releases_limit": 5}
    res = run("quarantine-defaults", "set", "--releases-limit", "50", "--storage-capacity", "120")
    assert fake.calls[-1].body == {"releases_limit": 50, "limit_bytes": 125829120}
    assert res.out == "Setting          IntValue\nlimit_bytes      125829120\nreleases_limit   50\n"
    run("quarantine-defaults", "set", "-r", "-1", "-s", "-1")
    assert fake.calls[-1].body == {"releases_limit": -1, "limit_bytes": -1}
    assert run("quarantine-defaults", "set").code == 2
    assert run("quarantine-defaults", "set", "-s", "0").code == 2


def test_filter_settings_show_and_change(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/filter-settings", {"allow_winexec": False})
    fake.on("PATCH", "/filter-settings", lambda call: call.body)
    assert run("filter-settings").out == "Setting          Value\nallow_winexec    false\n"
    assert fake.calls[-1].method == "GET"
    res = run("filter-settings", "--allow-winexec", "true", "--json")
    assert fake.calls[-1] == Call("PATCH", "/api/v1/filter-settings", {}, {"allow_winexec": True})
    assert res.json == {"allow_winexec": True}
    assert run("filter-settings", "--allow-winexec=perhaps").code == 2


def test_audit_list_table_and_json(run: Run, fake: FakeTransport) -> None:
    when = time.mktime((2026, 1, 2, 3, 4, 5, 0, 0, -1))
    entry = {"id": "1-0", "time": when, "actor": {"role": "admin", "account": "root", "uid": 0, "token": None},
             "via": "unix", "interface": "ie-cli", "action": "email.release", "account": "alice",
             "target": "0001", "details": {}, "result": "ok"}
    fake.on("GET", "/audit", {"items": [entry], "max_count": 1})
    res = run("audit", "list", "-a", "alice", "--action", "email.release", "-s", "1d")
    assert fake.calls[0].query == {"account": "alice", "action": "email.release", "since": "1d", "limit": "50",
                                   "offset": "0"}
    header, row, _, count = res.out.splitlines()
    assert header.split() == ["Time", "Actor", "Via", "Action", "Account", "Target", "Result"]
    assert row.startswith("2026-01-02T03:04:05")
    assert "root (uid 0)" in row and "unix/ie-cli" in row and row.endswith("ok")
    assert count == "Max Count 1"
    assert run("audit", "list", "--json").json["items"] == [entry]


def test_version_needs_no_api(run: Run, fake: FakeTransport) -> None:
    from importlib.metadata import version

    assert run("version").out == version("mailward") + "\n"
    assert run("version", "--json").json == {"version": version("mailward")}
    assert fake.calls == []


def test_api_errors_are_one_line_with_the_api_message(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/whitelist/sender", error(403, "forbidden", "the whitelist is for the server administrator"))
    res = run("whitelist", "sender", "list")
    assert (res.code, res.out, res.err) == (1, "", "ie-cli: error: the whitelist is for the server administrator\n")
    from cli.api_client import Response

    fake.on("GET", "/filter-settings", Response(502, {}, b"<html>Bad Gateway</html>\n"))
    assert run("filter-settings").err == "ie-cli: error: the API answered HTTP 502: <html>Bad Gateway</html>\n"
    fake.on("GET", "/quarantine-defaults", Response(200, {}, b"not json"))
    assert "not JSON" in run("quarantine-defaults", "list").err


def test_help_is_printed_on_stdout_and_calls_nothing(run: Run, fake: FakeTransport) -> None:
    res = run("emails", "release", "--ids", "x", "--help")
    assert res.code == 0 and fake.calls == []
    assert "Usage:\n  ie-cli emails release [flags]" in res.out
    assert "-a, --account string" in res.out and "--ids string" in res.out
    res = run("-h")
    for group in ("accounts", "am", "audit", "emails", "filter-settings", "quarantine-defaults", "version",
                  "whitelist"):
        assert f"\n  {group} " in res.out
    res = run("whitelist", "sender", "add", "-h")
    assert "ie-cli whitelist sender add [flags] VALUES..." in res.out
