"""ie-cli as a subprocess against a running `mailward serve`: outputs, JSON shapes, exit codes, per-uid scope.

Releases go to a recording stand-in for sendmail (run as the release user, like the real one), so these tests
need no Exim; tests/functional/test_release.py covers the real re-injection.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import (
    GTUBE,
    SocketApi,
    SystemUser,
    hold_through_gateway,
    ie_cli,
    lab_dir,
    serve_for_everyone,
    serve_quarantine,
)
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

#: The keys of Imunify's `emails list --json` items (scripts written for it expect exactly these).
LIST_KEYS = {"email_id", "size_bytes", "account_name", "recipients", "subject", "script_header"}
ACCOUNT_KEYS = {"name", "limit_bytes", "used_bytes", "state", "releases_limit"}
FAKE_SENDMAIL = """#!/bin/sh
# Stands in for sendmail in ie-cli tests: keeps the argv and the message it was given.
out={outbox}/$$
printf '%s\\n' "$@" > "$out.argv"
cat > "$out.eml"
"""


@dataclass
class Cli:
    """A serve, what it holds, and ie-cli pointed at its socket."""

    serve: ServeProcess
    users: dict[str, SystemUser]
    held: dict[str, list[str]]
    outbox: Path

    @property
    def socket(self) -> str:
        return self.serve.info["api_socket"]

    def run(self, *args: str, who: str | None = None) -> tuple[int, str, str]:
        """ie-cli args as root (or as a test user): (exit status, stdout, stderr)."""
        proc = ie_cli(list(args), self.socket, self.users[who] if who else None)
        return proc.returncode, proc.stdout, proc.stderr

    def ok(self, *args: str, who: str | None = None) -> str:
        """Run ie-cli, assert it succeeded without a word on stderr, return stdout."""
        code, out, err = self.run(*args, who=who)
        assert code == 0 and err == "", (args, code, out, err)
        return out

    def ok_json(self, *args: str, who: str | None = None) -> dict:
        return json.loads(self.ok(*args, "--json", who=who))

    def fails(self, code: int, *args: str, who: str | None = None) -> str:
        """Run ie-cli, assert it exits with code, nothing on stdout and one `ie-cli: error:` line; return it."""
        got, out, err = self.run(*args, who=who)
        assert got == code and out == "", (args, got, out, err)
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("ie-cli: error: "), err
        return lines[0]


@pytest.fixture(scope="module")
def cli(system_users: dict[str, SystemUser]) -> Iterator[Cli]:
    base = Path(lab_dir("mailward-cli-"))
    release = system_users["mwt-release"]
    outbox = base / "outbox"
    sendmail = base / "sendmail"
    try:
        outbox.mkdir()
        os.chown(outbox, release.uid, release.gid)  # the stand-in runs as the release user, like sendmail
        sendmail.write_text(FAKE_SENDMAIL.format(outbox=outbox))
        sendmail.chmod(0o755)
        tree = make_cpanel_tree(base / "cpanel", {
            "mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid},
            "mwt-bob": {"domain": "bob.example", "uid": system_users["mwt-bob"].uid},
        })
        settings = {"cpanel.root": json.dumps(str(tree)), "exim.release_user": '"mwt-release"',
                    "exim.sendmail": json.dumps(str(sendmail))}
        with serve_for_everyone(settings, prefix="mailward-cli-serve-") as serve:
            held = {
                "mwt-alice": [hold_through_gateway(serve, "mwt-alice", "news@alice.example",
                                                   ["to@customer.test", "bcc@hidden.test"], f"alice deal {i}")
                              for i in range(3)],
                "mwt-bob": [hold_through_gateway(serve, "mwt-bob", "shop@bob.example", ["to@customer.test"],
                                                 "bob deal")],
            }
            yield Cli(serve, system_users, held, outbox)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_version(cli: Cli) -> None:
    assert cli.ok("version") == version("mailward") + "\n"
    assert cli.ok_json("version") == {"version": version("mailward")}


def test_emails_list_text(cli: Cli) -> None:
    out = cli.ok("emails", "list")
    for email_id in cli.held["mwt-alice"] + cli.held["mwt-bob"]:
        assert f"Email_ID {email_id}" in out
    assert "Account_Name\t  mwt-bob" in out and "Subject        \t  bob deal" in out
    assert "Recipients\t      to@customer.test,bcc@hidden.test" in out
    last = out.rstrip("\n").splitlines()
    assert last[-2] == "-" * 107 and last[-1].split() == ["Max", "Count", str(out.count("Email_ID "))]


def test_emails_list_json_has_imunifys_keys(cli: Cli) -> None:
    data = cli.ok_json("emails", "list", "-a", "root", "--since", "1h")
    assert set(data) == {"items", "max_count"}
    assert data["max_count"] == len(data["items"]) >= 4
    assert all(set(item) == LIST_KEYS for item in data["items"])
    assert all(set(item["script_header"]) == {"raw", "domain", "path"} for item in data["items"])
    bob = cli.ok_json("emails", "list", "--account", "mwt-bob")
    assert [i["email_id"] for i in bob["items"]] == cli.held["mwt-bob"] and bob["max_count"] == 1
    page = cli.ok_json("emails", "list", "-l", "1")
    assert len(page["items"]) == 1 and page["max_count"] == data["max_count"]


def test_emails_list_as_an_account(cli: Cli) -> None:
    mine = cli.ok_json("emails", "list", who="mwt-alice")
    assert {i["account_name"] for i in mine["items"]} == {"mwt-alice"}
    assert set(cli.held["mwt-alice"]) >= {i["email_id"] for i in mine["items"]}
    line = cli.fails(1, "emails", "list", "-a", "mwt-bob", who="mwt-alice")
    assert "may not see account mwt-bob" in line
    assert "not in the quarantine" in cli.fails(1, "emails", "show", "--id", cli.held["mwt-bob"][0],
                                                who="mwt-alice")
    # a uid that is no account gets the API's refusal, in one line
    assert "neither root nor a cPanel account" in cli.fails(1, "emails", "list", who="mwt-stranger")


def test_emails_show(cli: Cli) -> None:
    email_id = cli.held["mwt-bob"][0]
    out = cli.ok("emails", "show", "--id", email_id)
    assert out.startswith(f"EmailID:                      {email_id}\n")
    for label, value in (("AccountName", "mwt-bob"), ("Sender", "shop@bob.example"), ("Subject", "bob deal"),
                         ("Recipients", "to@customer.test")):
        assert f"\n{label + ':':<29} {value}\n" in out
    # the reference's layout (issue 18 item 17): the verdict the held copy lacks, and the raw body in base64
    assert "\nX-ImunifyEmail-Filter-Action: quarantine\n" in out
    score = re.search(r"\nX-ImunifyEmail-Filter-Score: +([0-9.]+)\n", out)
    assert score and float(score.group(1)) >= 6, out
    body = out.rstrip("\n").rsplit("\nBody: ", 1)[1]
    assert GTUBE.encode() in base64.b64decode(body, validate=True)
    assert f"Body: {GTUBE}" in cli.ok("emails", "show", "--id", email_id, "--text")  # the readable form
    detail = cli.ok_json("emails", "show", "--id", email_id, "-a", "mwt-bob")
    assert detail["email_id"] == email_id and detail["account_name"] == "mwt-bob"
    assert ["Subject", "bob deal"] in detail["headers"] and GTUBE in detail["body"]
    raw = ie_cli(["emails", "show", "--id", email_id, "--raw"], cli.socket, text=False)
    store = serve_quarantine(cli.serve)
    assert raw.returncode == 0 and raw.stdout == store.read_message(store.get(email_id))  # byte for byte


def test_unknown_or_malformed_id_is_one_line_and_exit_1(cli: Cli) -> None:
    unknown = str(uuid.uuid4())
    line = cli.fails(1, "emails", "show", "--id", unknown)
    assert unknown in line and "not in the quarantine" in line
    assert "expected a UUID" in cli.fails(1, "emails", "show", "--id", "not-an-id")


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert "--limit" in cli.fails(2, "emails", "list", "--limit", "x")
    assert "--since" in cli.fails(2, "emails", "list", "--since", "yesterday")
    assert "--ids" in cli.fails(2, "emails", "release")
    cli.fails(2, "emails", "list", "--no-such-flag")
    cli.fails(2, "emails", "frobnicate")
    cli.fails(2, "accounts", "edit", "-a", "mwt-bob")  # nothing to change


def test_emails_release_and_remove(cli: Cli) -> None:
    to_release, to_remove = cli.held["mwt-alice"][1], cli.held["mwt-alice"][2]
    assert cli.ok("emails", "release", "--ids", to_release, who="mwt-alice") == "OK\n"
    (argv_file,) = cli.outbox.glob("*.argv")
    argv = argv_file.read_text().splitlines()
    assert argv[:2] == ["-oMr", "mailward-release"] and "-t" not in argv
    assert argv[-3:] == ["--", "to@customer.test", "bcc@hidden.test"]  # the Bcc recipient goes along
    assert GTUBE.encode() in argv_file.with_suffix(".eml").read_bytes()
    assert cli.ok("emails", "remove", "--ids", to_remove, "-a", "mwt-alice") == "OK\n"
    listed = {i["email_id"] for i in cli.ok_json("emails", "list", "-a", "mwt-alice")["items"]}
    assert to_release not in listed and to_remove not in listed and cli.held["mwt-alice"][0] in listed
    # a second release of the same id fails on its own line, then the summary; exit 1
    code, out, err = cli.run("emails", "release", "--ids", to_release)
    assert code == 1 and out == ""
    assert err.splitlines()[0].startswith(f"{to_release}: email {to_release} was already released")
    assert err.splitlines()[-1] == "ie-cli: error: 1 of 1 emails were not released"
    code, out, err = cli.run("emails", "remove", "--ids", f"{to_remove},{uuid.uuid4()}")
    assert code == 1 and len(err.splitlines()) == 3 and "2 of 2 emails were not removed" in err


def test_accounts_list_and_edit(cli: Cli) -> None:
    out = cli.ok("accounts", "list")
    header, *rows = out.rstrip("\n").splitlines()
    assert header.split() == ["Name", "LimitBytes", "UsedBytes", "State", "ReleasesLimit", "(hourly)"]
    names = [r.split()[0] for r in rows if r.strip() and not r.startswith("Max Count")]
    assert {"mwt-alice", "mwt-bob", "root"} <= set(names)
    assert rows[-1] == f"Max Count {len(names)}"
    data = cli.ok_json("accounts", "list")
    assert all(set(a) == ACCOUNT_KEYS for a in data["items"]) and data["max_count"] == len(names)
    assert cli.ok_json("accounts", "list", who="mwt-alice")["items"] == [
        a for a in data["items"] if a["name"] == "mwt-alice"]
    try:
        edited = cli.ok("accounts", "edit", "-a", "mwt-bob", "--releases-limit", "7", "--limit", "8096")
        assert edited.splitlines()[1].split() == ["mwt-bob", "8096", str(_used(data, "mwt-bob")), "active", "7"]
        blocked = cli.ok_json("accounts", "edit", "--name=mwt-bob", "--state=block")
        assert blocked["state"] == "block" and blocked["releases_limit"] == 7
        assert "administrator only" in cli.fails(1, "accounts", "edit", "-a", "mwt-alice", "--releases-limit",
                                                 "100", who="mwt-alice")
    finally:
        restored = cli.ok_json("accounts", "edit", "-a", "mwt-bob", "--state", "active", "--limit", "-1",
                               "--releases-limit", "-1")
    assert restored == {"name": "mwt-bob", "limit_bytes": 104857600, "used_bytes": _used(data, "mwt-bob"),
                        "state": "active", "releases_limit": 5}


def _used(accounts: dict, name: str) -> int:
    return next(a["used_bytes"] for a in accounts["items"] if a["name"] == name)


def test_quarantine_defaults(cli: Cli) -> None:
    assert cli.ok("quarantine-defaults", "list").splitlines() == [
        "Setting          IntValue", "limit_bytes      104857600", "releases_limit   5"]
    try:
        out = cli.ok("quarantine-defaults", "set", "--releases-limit", "50", "--storage-capacity", "120")
        assert out.splitlines()[1:] == ["limit_bytes      125829120", "releases_limit   50"]
        assert cli.ok_json("quarantine-defaults", "list", who="mwt-alice") == {"limit_bytes": 125829120,
                                                                                "releases_limit": 50}
        cli.fails(1, "quarantine-defaults", "set", "-r", "500", who="mwt-alice")
    finally:
        back = cli.ok_json("quarantine-defaults", "set", "-r", "-1", "-s", "-1")
    assert back == {"limit_bytes": 104857600, "releases_limit": 5}


def test_whitelist_sender(cli: Cli) -> None:
    added = cli.ok("whitelist", "sender", "add", "domain.com", "some_email@domain.com")
    assert added.splitlines() == ["Adding sender(s) to the whitelist:", "1. domain    domain.com",
                                  "2. email     some_email@domain.com", "OK"]
    try:
        assert cli.ok("whitelist", "sender", "list").splitlines() == [
            "EMAILS", "some_email@domain.com", "", "DOMAINS", "domain.com"]
        removed = cli.ok("whitelist", "sender", "remove", "domain.com")
        assert removed.splitlines() == ["Removing sender(s) from the whitelist:", "1. domain    domain.com", "OK"]
        assert cli.ok_json("whitelist", "sender", "list") == {"success": True, "emails": ["some_email@domain.com"],
                                                              "domains": []}
        assert cli.ok("whitelist", "authuser", "list").splitlines() == [
            "EMAILS", "No available data", "", "DOMAINS", "No available data"]
        cli.fails(1, "whitelist", "sender", "list", who="mwt-alice")
        cli.fails(2, "whitelist", "sender", "add")
    finally:
        cli.ok("whitelist", "sender", "remove", "some_email@domain.com", "domain.com")
    assert cli.ok_json("whitelist", "sender", "list") == {"success": True, "emails": [], "domains": []}


def test_filter_settings(cli: Cli) -> None:
    assert cli.ok("filter-settings").splitlines() == ["Setting          Value", "allow_winexec    false"]
    try:
        assert cli.ok_json("filter-settings", "--allow-winexec", "true") == {"allow_winexec": True}
        assert cli.ok_json("filter-settings", who="mwt-alice") == {"allow_winexec": True}
        assert "administrator only" in cli.fails(1, "filter-settings", "--allow-winexec=false", who="mwt-alice")
    finally:
        assert cli.ok_json("filter-settings", "--allow-winexec", "false") == {"allow_winexec": False}


def test_no_service_is_one_line_and_exit_1(cli: Cli) -> None:
    missing = str(cli.serve.state_dir / "no-such.sock")
    proc = ie_cli(["emails", "list"], missing)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.splitlines() == [f"ie-cli: error: cannot reach the Mailward API at {missing}: "
                                        "is `mailward serve` running?"]
    assert SocketApi(cli.socket).get("/health").status in (200, 503)  # the real one still answers
