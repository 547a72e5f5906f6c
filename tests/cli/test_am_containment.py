"""`ie-cli am contain|uncontain|contained` (issue 19 item 2): the calls and outputs against a fake API, then the app."""

from __future__ import annotations

import pytest

from core.identity.caller import account, admin
from core.identity.sender_objects import sender_objects
from core.models import ScriptHeader, Sender
from tests.api.conftest import ApiEnv
from tests.cli.conftest import Call, FakeTransport, Run, api_runner

SO_ID = "44444444-4444-4444-4444-444444444444"
ITEM = {"id": SO_ID, "so_type": "script", "name": "a.example/x.php", "account_name": "alice", "action": "hold",
        "since": 1700000000, "by": "uid 0 (admin)", "auto": False, "note": "", "holds": 0, "lift_by": "admin",
        "may_lift": True}


def test_contain_by_id_or_by_name(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/am/contain", ITEM)
    res = run("am", "contain", f"--id={SO_ID}", "--action=reject", "--note", "hacked plugin")
    assert (res.code, res.out) == (0, "OK\n"), res.err
    assert fake.calls[-1] == Call("POST", "/api/v1/am/contain", {},
                                  {"id": SO_ID, "action": "reject", "note": "hacked plugin"})
    res = run("am", "contain", "--so-type=script", "--account-name=alice", "--name=a.example/x.php", "--json")
    assert res.code == 0 and res.json == ITEM
    assert fake.calls[-1].body == {"so_type": "script", "account_name": "alice", "name": "a.example/x.php"}
    assert res.out.startswith('{\n    "id": ')  # the am commands' four-space JSON
    for bad in (["--so-type=account", "--account-name=alice", "--name=alice"], ["--action=drop", f"--id={SO_ID}"],
                [f"--id={SO_ID}", "--name=x"], []):
        assert run("am", "contain", *bad).code == 2, bad


def test_uncontain_and_the_listing(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/am/uncontain", {**ITEM, "may_lift": False})
    assert run("am", "uncontain", f"--id={SO_ID}").out == "OK\n"
    assert fake.calls[-1] == Call("POST", "/api/v1/am/uncontain", {}, {"id": SO_ID})
    assert run("am", "uncontain").code == 2
    fake.on("GET", "/am/contained", {"items": [ITEM], "max_count": 1})
    res = run("am", "contained", "--account-name=alice")
    assert res.code == 0 and res.json == {"contained": [ITEM]}
    assert fake.calls[-1] == Call("GET", "/api/v1/am/contained", {"limit": "10000", "account_name": "alice"}, None)


def test_containment_through_the_api(api_env: ApiEnv, capsys: pytest.CaptureFixture[str]) -> None:
    limits = api_env.app.extensions["mailward.services"].limits
    objs = sender_objects(Sender(account="alice", email="me@alice.example",
                                 script=ScriptHeader(domain="alice.example", path="/x.php")))
    limits.admit(objs, 1)
    limits.admit(sender_objects(Sender(account="bob", email="me@bob.example")), 1)
    root, alice = api_runner(api_env, admin(0), capsys), api_runner(api_env, account("alice", 1001), capsys)
    script = objs[-1]
    res = root("am", "contain", f"--id={script.id}", "--json")
    assert res.code == 0, res.err
    assert (res.json["name"], res.json["action"], res.json["lift_by"]) == ("alice.example/x.php", "hold", "admin")
    row = root("am", "stats", "--wide").json["accounts"][0]["scripts"][0]
    assert row["contained"]["id"] == script.id and row["contained"]["by"] == "uid 0 (admin)"
    assert [c["name"] for c in alice("am", "contained").json["contained"]] == ["alice.example/x.php"]
    res = alice("am", "uncontain", f"--id={script.id}")
    assert res.code == 1 and "can be lifted only by the server administrator" in res.err
    bob_mail = sender_objects(Sender(account="bob", email="me@bob.example"))[-1]
    res = alice("am", "contain", f"--id={bob_mail.id}")
    assert res.code == 1 and "no sender object" in res.err
    assert alice("am", "contain", "--so-type=sender_email", "--account-name=alice",
                 "--name=Me@Alice.example").code == 0  # an account contains its own address ...
    assert alice("am", "uncontain", f"--id={objs[2].id}").code == 0  # ... and lifts what it contained
    assert root("am", "uncontain", f"--id={script.id}").out == "OK\n"
    assert root("am", "contained").json == {"contained": []}


def test_release_policy_of_one_account(api_env: ApiEnv, capsys: pytest.CaptureFixture[str]) -> None:
    """`ie-cli emails release-policy -a NAME` shows and changes one account's own entries (issue 19 item 3)."""
    root, alice = api_runner(api_env, admin(0), capsys), api_runner(api_env, account("alice", 1001), capsys)
    res = root("emails", "release-policy", "-a", "alice", "--set", "virus=account", "--json")
    assert res.code == 0, res.err
    assert res.json["virus"] == "account" and res.json["contained"] == "reseller"
    assert alice("emails", "release-policy", "--account", "alice", "--json").json["virus"] == "account"
    assert root("emails", "release-policy", "--json").json["virus"] == "admin"  # the server's is unchanged
    eid = api_env.hold("alice", reasons=("virus",))
    assert alice("emails", "release", "--ids", eid).code == 0
    denied = alice("emails", "release-policy", "-a", "alice", "--set", "spam=admin")
    assert denied.code == 1 and "for the server administrator or its reseller" in denied.err
    assert alice("emails", "release-policy", "-a", "bob").code == 1
