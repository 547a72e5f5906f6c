"""`ie-cli am`: stats, limit set, server-settings [set] against a fake API (exact outputs), then the real app."""

from __future__ import annotations

import pytest

from core.identity.caller import account, admin
from core.identity.sender_objects import sender_objects
from core.models import Sender
from tests.api.conftest import ApiEnv
from tests.cli.conftest import Call, FakeTransport, Run, api_runner, error

ACC, DOM, MAIL = ("11111111-1111-1111-1111-11111111111", "22222222-2222-2222-2222-222222222222",
                  "33333333-3333-3333-3333-333333333333")
#: What the API answers for the reference's example (its keys in its order, plus the API's max_count).
STATS = {"accounts": [{
    "domains": [{
        "account_id": ACC, "exclusion": False, "id": DOM, "limit": 0, "messages": 1, "name": "domain.com",
        "quarantined": 1, "rateLimited": False,
        "sender_emails": [{"account_id": ACC, "domain_id": DOM, "exclusion": False, "id": MAIL, "limit": 0,
                           "messages": 1, "name": "test@domain.com", "quarantined": 1, "rateLimited": False,
                           "whitelisted": False}],
        "whitelisted": False}],
    "exclusion": False, "id": ACC, "limit": 0, "messages": 1, "name": "domain", "quarantined": 1,
    "rateLimited": False, "scripts": None, "whitelisted": False}], "max_count": 1}
#: The reference's output of `ie-cli am stats` for that (four-space indent, its key order).
STATS_OUT = """{
    "accounts": [
        {
            "domains": [
                {
                    "account_id": "11111111-1111-1111-1111-11111111111",
                    "exclusion": false,
                    "id": "22222222-2222-2222-2222-222222222222",
                    "limit": 0,
                    "messages": 1,
                    "name": "domain.com",
                    "quarantined": 1,
                    "rateLimited": false,
                    "sender_emails": [
                        {
                            "account_id": "11111111-1111-1111-1111-11111111111",
                            "domain_id": "22222222-2222-2222-2222-222222222222",
                            "exclusion": false,
                            "id": "33333333-3333-3333-3333-333333333333",
                            "limit": 0,
                            "messages": 1,
                            "name": "test@domain.com",
                            "quarantined": 1,
                            "rateLimited": false,
                            "whitelisted": false
                        }
                    ],
                    "whitelisted": false
                }
            ],
            "exclusion": false,
            "id": "11111111-1111-1111-1111-11111111111",
            "limit": 0,
            "messages": 1,
            "name": "domain",
            "quarantined": 1,
            "rateLimited": false,
            "scripts": null,
            "whitelisted": false
        }
    ]
}
"""
SETTINGS = {"account": 0, "domain": 1, "limit_mode": 1, "script": 0, "sender_email": 0}


def test_stats_prints_the_reference_document(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/am/stats", STATS)
    res = run("am", "stats")
    assert res.code == 0, res.err
    assert res.out == STATS_OUT
    assert fake.calls == [Call("GET", "/api/v1/am/stats", {"since": "1h", "limit": "25", "offset": "0"}, None)]


def test_stats_flags_become_the_query(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/am/stats", {"accounts": [], "max_count": 0})
    res = run("am", "stats", "--account-name=domain", "--since", "30d", "--domain", "domain.com", "--limit=5",
              "--offset", "10", "--script-name", "wp-mail.php", "--sender-email=test@domain.com")
    assert res.code == 0 and res.out == '{\n    "accounts": []\n}\n'
    assert fake.calls[0].query == {"since": "30d", "limit": "5", "offset": "10", "account_name": "domain",
                                   "domain": "domain.com", "script_name": "wp-mail.php",
                                   "sender_email": "test@domain.com"}


@pytest.mark.parametrize(("argv", "message"), [
    (("--since", "yesterday"), "--since: expected a duration like 100s, 5m, 24h or 30d, got 'yesterday'"),
    (("--limit", "-1"), "--limit: must be at least 0, got -1"),
    (("--offset", "ten"), "--offset: expected a whole number, got 'ten'"),
    (("--domain", " "), "--domain: must not be empty"),
    (("--account",), "unknown flag --account for 'ie-cli am stats' (see ie-cli am stats --help)"),
])
def test_stats_usage_errors(run: Run, fake: FakeTransport, argv: tuple[str, ...], message: str) -> None:
    res = run("am", "stats", *argv)
    assert (res.code, res.err) == (2, f"ie-cli: error: {message}\n") and fake.calls == []


def test_limit_set_prints_ok_and_sends_the_id_as_written(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/am/limit", {"id": ACC, "limit": 3})
    res = run("am", "limit", "set", f'--id={ACC}', "--limit=3", "--so-type=account")
    assert (res.code, res.out) == (0, "OK\n")
    assert fake.calls == [Call("POST", "/api/v1/am/limit", {}, {"id": ACC, "limit": 3, "so_type": "account"})]
    run("am", "limit", "set", "--id", "00000001", "--so-type", "Sender_Email")
    assert fake.calls[-1].body == {"id": "00000001", "limit": -1, "so_type": "sender_email"}, \
        "ids stay strings; no --limit is -1: back to the server default"


@pytest.mark.parametrize(("argv", "message"), [
    (("--limit=3", "--so-type=account"), "--id is required"),
    ((f"--id={ACC}", "--limit=3"), "--so-type is required"),
    ((f"--id={ACC}", "--so-type=mailbox"), "--so-type: expected one of account, domain, sender_email, script, "
                                           "got 'mailbox'"),
    ((f"--id={ACC}", "--so-type=domain", "--limit=-2"), "--limit: must be at least -1, got -2"),
    ((f"--id={ACC}", "--so-type=domain", "--limit=1e3"), "--limit: expected a whole number, got '1e3'"),
])
def test_limit_set_usage_errors(run: Run, fake: FakeTransport, argv: tuple[str, ...], message: str) -> None:
    res = run("am", "limit", "set", *argv)
    assert (res.code, res.err) == (2, f"ie-cli: error: {message}\n") and fake.calls == []


def test_limit_set_reports_the_api_error(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/am/limit", error(404, "not_found", f"no sender object with id {ACC}"))
    res = run("am", "limit", "set", f"--id={ACC}", "--limit=3", "--so-type=domain")
    assert (res.code, res.out, res.err) == (1, "", f"ie-cli: error: no sender object with id {ACC}\n")


def test_server_settings_prints_the_reference_keys_first(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/am/server-settings", SETTINGS)
    res = run("am", "server-settings")
    assert res.code == 0, res.err
    assert res.out == ('{\n    "account": 0,\n    "domain": 1,\n    "limit_mode": 1,\n    "script": 0,\n'
                       '    "sender_email": 0\n}\n')
    fake.on("GET", "/am/server-settings", {"dry_run": False, "daily_domain": 0, **dict(reversed(SETTINGS.items()))})
    keys = list(run("am", "server-settings").json)
    assert keys == ["account", "domain", "limit_mode", "script", "sender_email", "dry_run", "daily_domain"]
    assert [c.method for c in fake.calls] == ["GET", "GET"]


def test_server_settings_set_prints_the_new_settings(run: Run, fake: FakeTransport) -> None:
    fake.on("PATCH", "/am/server-settings", lambda call: {**SETTINGS, **call.body})
    res = run("am", "server-settings", "set", "--limit-mode=2", "--domain=100")
    assert res.code == 0, res.err
    assert res.out == ('New server settings is:\n{\n    "account": 0,\n    "domain": 100,\n    "limit_mode": 2,\n'
                       '    "script": 0,\n    "sender_email": 0\n}\n')
    assert fake.calls[-1].body == {"domain": 100, "limit_mode": 2}
    run("am", "server-settings", "set", "--limit-mode", "1", "--account", "0", "--sender-email=-1", "--dry-run",
        "false", "--daily-script", "40")
    assert fake.calls[-1].body == {"account": 0, "daily_script": 40, "limit_mode": 1, "dry_run": False}, \
        "-1 (as every flag's default) keeps a value"
    run("am", "server-settings", "set", "--dry-run")
    assert fake.calls[-1].body == {"dry_run": True}


@pytest.mark.parametrize(("argv", "message"), [
    (("--limit-mode=3",), "--limit-mode: expected 1 (by sender) or 2 (by number of recipients), got 3"),
    (("--domain=-5",), "--domain: must be at least -1, got -5"),
    (("--script=lots",), "--script: expected a whole number, got 'lots'"),
    (("--dry-run=maybe",), "--dry-run: expected true or false, got 'maybe'"),
    (("--json",), "unknown flag --json for 'ie-cli am server-settings set' (see ie-cli am server-settings set "
                  "--help)"),
])
def test_server_settings_set_usage_errors(run: Run, fake: FakeTransport, argv: tuple[str, ...],
                                          message: str) -> None:
    res = run("am", "server-settings", "set", *argv)
    assert (res.code, res.err) == (2, f"ie-cli: error: {message}\n") and fake.calls == []


def test_server_settings_alone_takes_no_flags_and_no_other_command(run: Run, fake: FakeTransport) -> None:
    res = run("am", "server-settings", "--domain=5")
    assert (res.code, res.err) == (2, "ie-cli: error: unknown flag --domain for 'ie-cli am server-settings' "
                                      "(see ie-cli am server-settings --help)\n")
    res = run("am", "server-settings", "show")
    assert res.code == 2 and "unknown command 'show'" in res.err and "(choose from set)" in res.err
    assert run("am", "server-settings", "_show").code == 2
    assert fake.calls == []


def test_help_screens(run: Run) -> None:
    res = run("am", "--help")
    assert res.code == 0
    assert res.out.startswith("This subcommand interacts with the Activity Monitor to return statistics, get/set "
                              "settings for the sender objects.\n")
    for line in ("  limit             The limit value of sender object can be applied on particular domain, sender",
                 "  server-settings   Operates by the server sender limit settings and allows to set default limit",
                 "  stats             stats (statistics) returns the aggregated view of senders objects with various",
                 "  -h, --help   help for am"):
        assert line in res.out.splitlines(), line
    assert run("am", "limit", "set", "--help").out == (
        "set limit for the sender object(s)\n\nUsage:\n  ie-cli am limit set [flags]\n\nFlags:\n"
        "  -h, --help             help for set\n"
        "      --id string        The id of sender object\n"
        "      --limit int        The limit value, 0 means unlimited (default -1)\n"
        "      --so-type string   supported values: [account domain sender_email script]\n")
    out = run("am", "server-settings", "--help").out
    assert "Usage:\n  ie-cli am server-settings [flags]\n  ie-cli am server-settings [command]\n" in out
    assert "Available Commands:\n  set   " in out and "_show" not in out
    out = run("am", "stats", "--help").out
    assert "      --account-name string   Account name to filter\n" in out and "(default 25)" in out
    assert '(default "1h")' in out
    assert "  am  " in run("--help").out


# ---- against the real API --------------------------------------------------------------------------------------


def test_am_through_the_api(api_env: ApiEnv, capsys: pytest.CaptureFixture[str]) -> None:
    limits = api_env.app.extensions["mailward.services"].limits
    alice_objs = sender_objects(Sender(account="alice", email="test@alice.example"))
    limits.admit(alice_objs, 1)
    limits.admit(sender_objects(Sender(account="bob", email="x@bob.example")), 1)
    root = api_runner(api_env, admin(0), capsys)
    as_alice = api_runner(api_env, account("alice", 1001), capsys)

    res = root("am", "stats", "--sender-email=test@alice.example")
    assert res.code == 0, res.err
    email = res.json["accounts"][0]["domains"][0]["sender_emails"][0]
    assert email["id"] == alice_objs[2].id and email["messages"] == 1 and list(res.json) == ["accounts"]
    assert [a["name"] for a in root("am", "stats").json["accounts"]] == ["alice", "bob"]

    res = root("am", "limit", "set", f"--id={email['id']}", "--limit=7", "--so-type=sender_email")
    assert (res.code, res.out) == (0, "OK\n"), res.err
    email = root("am", "stats", "--account-name", "alice").json["accounts"][0]["domains"][0]["sender_emails"][0]
    assert (email["limit"], email["exclusion"]) == (7, True)
    res = root("am", "limit", "set", f"--id={email['id']}", "--limit=7", "--so-type=domain")
    assert res.code == 1 and "is a sender_email, not a domain" in res.err

    res = root("am", "server-settings", "set", "--limit-mode=2", "--domain=100")
    assert res.code == 0, res.err
    assert res.out.startswith('New server settings is:\n{\n    "account": 0,\n    "domain": 100,\n'
                              '    "limit_mode": 2,\n    "script": 0,\n    "sender_email": 0,\n')
    assert as_alice("am", "server-settings").json["domain"] == 100

    assert [a["name"] for a in as_alice("am", "stats").json["accounts"]] == ["alice"]
    res = as_alice("am", "stats", "--account-name=bob")
    assert res.code == 1 and res.err == "ie-cli: error: account alice may not see account bob\n"
    res = as_alice("am", "limit", "set", f"--id={email['id']}", "--limit=0", "--so-type=sender_email")
    assert res.code == 1 and "for the server administrator only" in res.err
    res = as_alice("am", "server-settings", "set", "--domain=0")
    assert res.code == 1 and "for the server administrator only" in res.err
    actions = [e["action"] for e in api_env.admin("GET", "/audit").json["items"]]
    assert actions == ["am.server_settings", "am.limit"]
    assert api_env.admin("GET", "/audit").json["items"][0]["interface"] == "ie-cli"
