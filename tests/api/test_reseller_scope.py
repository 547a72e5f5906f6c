"""Resellers through the API in-process (issue 19 item 1), on a fake cPanel tree and a real Redis.

The identity is resolved by the production code (api.auth.identity_of_uid and whm_identity over
core.identity.resellers.ResellerDirectory) from a uid the test plays the kernel for, and a WHM user the test plays the
WHM plugin for: reseller A sees and acts on the accounts it owns, never reseller B's, and changes only what root
lets resellers change. tests/functional/test_resellers.py does the same with real uids on a real serve.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from werkzeug.test import TestResponse

from api.app import create_app
from api.auth import WHM_USER_HEADER, identity_of_uid, whm_identity
from core.identity.caller import Identity
from core.identity.cpanel import CpanelAccounts
from core.identity.resellers import ResellerDirectory
from core.identity.sender_objects import SoType, sender_objects
from core.models import QuarantineRecord, ScriptHeader, Sender
from core.settings import Settings, load_settings
from core.store.limits import LimitStore
from core.store.spool import SpoolStore
from tests.api.conftest import StubReinjector
from tests.cli.conftest import FlaskTransport, Result
from tests.cpanel_tree import make_cpanel_tree

UID = {"res-a": 5001, "res-b": 5002, "boss": 5003, "cust-a1": 5011, "cust-a2": 5012, "cust-b1": 5021, "dave": 5031}
TREE = {
    "res-a": {"domain": "res-a.example", "uid": UID["res-a"], "reseller": ["list-accts", "create-acct"]},
    "res-b": {"domain": "res-b.example", "uid": UID["res-b"], "reseller": ["list-accts"]},
    "boss": {"domain": "boss.example", "uid": UID["boss"], "reseller": True},
    "cust-a1": {"domain": "a1.example", "uid": UID["cust-a1"], "owner": "res-a"},
    "cust-a2": {"domain": "a2.example", "uid": UID["cust-a2"], "owner": "res-a"},
    "cust-b1": {"domain": "b1.example", "uid": UID["cust-b1"], "owner": "res-b"},
    "dave": {"domain": "dave.example", "uid": UID["dave"]},
}
A_ACCOUNTS = ["cust-a1", "cust-a2", "res-a"]


class World:
    """The app, its stores, and callers by uid (optionally with the WHM plugin's header, as root)."""

    def __init__(self, app: Flask, settings: Settings, client: redis.Redis, resolve: Any) -> None:
        self.app, self.settings, self.client, self.resolve = app, settings, client, resolve
        self.svc = app.extensions["mailward.services"]
        self.spool = SpoolStore(settings.spool_dir)
        self.spool.ensure()

    def call(self, uid: int, method: str, path: str, *, whm: str = "", **kw: Any) -> TestResponse:
        environ = kw.setdefault("environ_base", {})
        environ["test.uid"] = uid
        if whm:
            kw.setdefault("headers", {})["X-Mailward-Whm-User"] = whm
        return self.app.test_client().open("/api/v1" + path, method=method, **kw)

    def as_(self, name: str, method: str, path: str, **kw: Any) -> TestResponse:
        return self.call(UID[name], method, path, **kw)

    def whm(self, user: str, method: str, path: str, **kw: Any) -> TestResponse:
        return self.call(0, method, path, whm=user, **kw)

    def who(self, name: str) -> Identity:
        return self.resolve({"test.uid": UID[name]})

    def hold(self, acct: str, reasons: tuple[str, ...] = ("spam",), subject: str = "held") -> str:
        raw = f"From: <x@{acct}.example>\r\nTo: <y@z.example>\r\nSubject: {subject}\r\n\r\nhi\r\n".encode()
        rec = QuarantineRecord(email_id=str(uuid.uuid4()), account=acct, received=time.time(),
                               sender=f"x@{acct}.example", recipients=["y@z.example"], subject=subject,
                               reasons=list(reasons), score=9.0, symbols=["GTUBE"], size=len(raw),
                               direction="outgoing")
        self.svc.quarantine.hold(self.spool.path(self.spool.write(raw)), rec)
        return rec.email_id


@pytest.fixture
def world(tmp_path: Path, redis_client: redis.Redis, settings: Settings) -> Iterator[World]:
    root = make_cpanel_tree(tmp_path / "cpanel", TREE)
    settings = load_settings(environ={"MAILWARD_STATE_DIR": str(settings.state_dir),
                                      "MAILWARD_REDIS_URL": settings.redis_url},
                             overrides={"cpanel": {"root": str(root)}})
    accounts = CpanelAccounts(root, check_interval=0.0)
    resellers = ResellerDirectory(accounts, root, check_interval=0.0)

    def resolve(environ: dict[str, Any]) -> Identity:
        if "mailward.test.identity" in environ:  # ie-cli through FlaskTransport: an identity resolved below
            return environ["mailward.test.identity"]
        return whm_identity(identity_of_uid(int(environ["test.uid"]), accounts, resellers), environ, resellers)

    app = create_app(settings, identify=resolve, reinjector=StubReinjector(), accounts=accounts, client=redis_client)
    yield World(app, settings, redis_client, resolve)


def _ids(r: TestResponse) -> set[str]:
    assert r.status_code == 200, r.json
    return {e["email_id"] for e in r.json["items"]}


def test_the_uid_of_a_reseller_is_that_reseller_and_its_customers_are_accounts(world: World) -> None:
    me = world.as_("res-a", "GET", "/whoami").json
    assert me == {"role": "reseller", "account": "res-a", "uid": UID["res-a"], "token": None, "via": "unix",
                  "accounts": A_ACCOUNTS, "may_change": list(world.settings.resellers.may_change)}
    assert world.as_("cust-a1", "GET", "/whoami").json["role"] == "account"
    # `all` makes a WHM login root-equivalent, never a uid: any script of its sites runs as that uid
    assert world.as_("boss", "GET", "/whoami").json["role"] == "reseller"
    assert world.as_("dave", "GET", "/whoami").json["role"] == "account"


def test_reseller_a_never_sees_or_touches_reseller_bs_accounts(world: World) -> None:
    a1, a2, own = world.hold("cust-a1"), world.hold("cust-a2"), world.hold("res-a")
    b1, dave = world.hold("cust-b1"), world.hold("dave")
    assert _ids(world.as_("res-a", "GET", "/emails?limit=100")) == {a1, a2, own}
    assert _ids(world.as_("res-a", "GET", "/emails?account=cust-a2")) == {a2}
    assert world.as_("res-a", "GET", "/emails").json["max_count"] == 3
    for named in ("cust-b1", "res-b", "dave", "root"):
        r = world.as_("res-a", "GET", f"/emails?account={named}")
        assert r.status_code == 403 and "may not see account" in r.json["message"], r.json
    for eid in (b1, dave):
        for method, path in (("GET", f"/emails/{eid}"), ("GET", f"/emails/{eid}/raw"),
                             ("POST", f"/emails/{eid}/release"), ("DELETE", f"/emails/{eid}")):
            assert world.as_("res-a", method, path).status_code == 404, (method, path)
    bulk = world.as_("res-a", "POST", "/emails/remove", json={"ids": [b1, dave, a1]}).json
    assert bulk["succeeded"] == 1 and [r["status"] for r in bulk["results"]] == ["not_found", "not_found", "removed"]
    assert world.as_("res-a", "DELETE", "/accounts/cust-b1/emails").status_code == 403
    assert world.svc.quarantine.get(b1).account == "cust-b1"  # untouched
    # the reseller releases its customers' spam (and uses none of their hourly releases)
    assert world.as_("res-a", "POST", f"/emails/{a2}/release").status_code == 200
    assert world.as_("res-a", "GET", "/accounts/cust-a2").json["releases_last_hour"] == 0
    # and a customer is still only itself
    assert _ids(world.as_("cust-a1", "GET", "/emails")) == set()  # a1 was removed above
    assert world.as_("cust-a1", "GET", "/emails?account=cust-a2").status_code == 403


def test_accounts_stats_and_audit_are_the_resellers_own(world: World) -> None:
    names = [a["name"] for a in world.as_("res-a", "GET", "/accounts").json["items"]]
    assert names == A_ACCOUNTS
    assert world.as_("res-a", "GET", "/accounts/cust-b1").status_code == 403
    limits = LimitStore(world.client, world.settings.limits)
    for acct in ("cust-a1", "cust-b1"):
        limits.admit(sender_objects(Sender(account=acct, email=f"me@{acct}.example")), 1)
    stats = world.as_("res-a", "GET", "/am/stats").json
    assert [a["name"] for a in stats["accounts"]] == ["cust-a1"]
    assert world.as_("res-a", "GET", "/am/stats?account_name=cust-b1").status_code == 403
    assert [a["name"] for a in world.call(0, "GET", "/am/stats").json["accounts"]] == ["cust-a1", "cust-b1"]
    top = world.as_("res-a", "GET", "/stats").json["top_senders"]
    assert [t["account"] for t in top] == ["cust-a1"]
    assert world.as_("res-a", "GET", "/stats?account=cust-b1").status_code == 403
    assert world.as_("res-a", "GET", "/audit?account=cust-b1").status_code == 403
    assert world.as_("res-a", "GET", "/audit?account=cust-a1").status_code == 200


def test_a_reseller_changes_only_what_root_allows_for_its_accounts(world: World) -> None:
    ok = world.as_("res-a", "PATCH", "/accounts/cust-a1", json={"releases_limit": 9, "state": "block"})
    assert ok.status_code == 200, ok.json
    assert (ok.json["releases_limit"], ok.json["state"]) == (9, "block")
    server = world.as_("res-a", "PATCH", "/accounts/cust-a1", json={"limit_bytes": 10**9})
    assert server.status_code == 403 and "limit_bytes is for the server administrator only" in server.json["message"]
    assert world.as_("res-a", "PATCH", "/accounts/cust-b1", json={"releases_limit": 9}).status_code == 403
    for path, body in (("/quarantine-defaults", {"releases_limit": 1}), ("/am/server-settings", {"domain": 1}),
                       ("/filter-settings", {"allow_winexec": True})):
        assert world.as_("res-a", "PATCH", path, json=body).status_code == 403, path
    assert world.as_("res-a", "GET", "/status").status_code == 403
    assert world.as_("res-a", "GET", "/webhooks").status_code == 403
    # the audit trail records the reseller as the actor
    entry = world.as_("res-a", "GET", "/audit?account=cust-a1&action=account.edit").json["items"][0]
    assert entry["actor"]["role"] == "reseller" and entry["actor"]["account"] == "res-a"


def test_the_whm_plugins_header_narrows_root_and_nobody_else(world: World) -> None:
    a1, b1 = world.hold("cust-a1"), world.hold("cust-b1")
    r = world.whm("res-a", "GET", "/whoami").json
    assert (r["role"], r["account"], r["via"], r["uid"]) == ("reseller", "res-a", "whm", None)
    assert _ids(world.whm("res-a", "GET", "/emails")) == {a1}
    assert world.whm("res-a", "GET", f"/emails/{b1}").status_code == 404
    assert _ids(world.whm("res-b", "GET", "/emails")) == {b1}
    assert world.whm("boss", "GET", "/whoami").json["role"] == "admin"  # `all`: root-equivalent in WHM
    assert world.whm("root", "GET", "/whoami").json == world.call(0, "GET", "/whoami").json
    for stranger in ("cust-a1", "nobody", "someone", "../etc"):
        r = world.whm(stranger, "GET", "/emails")
        assert r.status_code == 403 and "neither root nor a reseller" in r.json["message"], stranger
    # from any uid but root's the header means nothing: it never widens an account or a reseller
    assert world.call(UID["cust-a1"], "GET", "/whoami", whm="root").json["role"] == "account"
    assert world.call(UID["res-a"], "GET", "/whoami", whm="boss").json["role"] == "reseller"
    assert world.call(UID["res-a"], "GET", f"/emails/{b1}", whm="res-b").status_code == 404
    assert WHM_USER_HEADER == "HTTP_X_MAILWARD_WHM_USER"


def test_containment_stays_within_the_resellers_accounts(world: World) -> None:
    limits = LimitStore(world.client, world.settings.limits)
    a_script = sender_objects(Sender(account="cust-a1", email="me@a1.example",
                                     script=ScriptHeader(domain="a1.example", path="/x.php")))[-1]
    b_obj = sender_objects(Sender(account="cust-b1", email="me@b1.example"))[-1]
    limits.admit([*sender_objects(Sender(account="cust-a1", email="me@a1.example")), a_script], 1)
    limits.admit(sender_objects(Sender(account="cust-b1", email="me@b1.example")), 1)
    assert a_script.type is SoType.SCRIPT
    done = world.as_("res-a", "POST", "/am/contain", json={"id": a_script.id, "note": "hacked plugin"})
    assert done.status_code == 200, done.json
    assert (done.json["account_name"], done.json["by"], done.json["lift_by"], done.json["may_lift"]) == \
        ("cust-a1", f"uid {UID['res-a']} (reseller res-a)", "reseller", True)
    assert world.as_("res-a", "POST", "/am/contain", json={"id": b_obj.id}).status_code == 404
    assert world.as_("res-a", "POST", "/am/contain", json={"so_type": "sender_email", "account_name": "cust-b1",
                                                           "name": "me@b1.example"}).status_code == 404
    listed = world.as_("res-b", "GET", "/am/contained").json
    assert listed == {"items": [], "max_count": 0}
    assert world.as_("res-b", "POST", "/am/uncontain", json={"id": a_script.id}).status_code == 404
    # the customer sees its contained script, but may not lift what its reseller set
    row = world.as_("cust-a1", "GET", "/am/stats?contained=true").json["accounts"][0]["scripts"][0]
    assert row["contained"]["may_lift"] is False and row["contained"]["lift_by"] == "reseller"
    assert world.as_("cust-a1", "POST", "/am/uncontain", json={"id": a_script.id}).status_code == 403
    assert world.as_("res-a", "POST", "/am/uncontain", json={"id": a_script.id}).status_code == 200
    audit = world.call(0, "GET", "/audit?account=cust-a1").json["items"]
    assert [e["action"] for e in audit][:2] == ["am.uncontain", "am.contain"]


def test_root_decides_whether_resellers_may_contain_and_set_limits(world: World) -> None:
    obj = sender_objects(Sender(account="cust-a1", email="me@a1.example"))[-1]
    LimitStore(world.client, world.settings.limits).admit(sender_objects(Sender(account="cust-a1",
                                                                                email="me@a1.example")), 1)
    r = world.as_("res-a", "POST", "/am/limit", json={"id": obj.id, "limit": 5, "so_type": "sender_email"})
    assert r.status_code == 403 and "sender_limits" in r.json["message"]
    strict = load_settings(environ={"MAILWARD_STATE_DIR": str(world.settings.state_dir),
                                    "MAILWARD_REDIS_URL": world.settings.redis_url},
                           overrides={"cpanel": {"root": str(world.settings.cpanel_root)},
                                      "resellers": {"may_change": ["sender_limits"]}})
    app = create_app(strict, identify=world.resolve, reinjector=StubReinjector(),
                     accounts=CpanelAccounts(strict.cpanel_root, check_interval=0.0), client=world.client)
    other = World(app, strict, world.client, world.resolve)
    assert other.as_("res-a", "POST", "/am/limit", json={"id": obj.id, "limit": 5,
                                                         "so_type": "sender_email"}).status_code == 200
    r = other.as_("res-a", "POST", "/am/contain", json={"id": obj.id})
    assert r.status_code == 403 and "containment" in r.json["message"]
    assert other.as_("res-a", "PATCH", "/accounts/cust-a1", json={"releases_limit": 1}).status_code == 403


def test_ie_cli_as_a_reseller_has_the_same_scope(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    from cli.ie_cli import main

    a1, b1 = world.hold("cust-a1", subject="mine"), world.hold("cust-b1", subject="theirs")
    transport = FlaskTransport(world.app, world.who("res-a"))

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv), transport=transport)
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    listed = run("emails", "list", "--json")
    assert listed.code == 0, listed.err
    assert {e["email_id"] for e in listed.json["items"]} == {a1}
    res = run("emails", "list", "-a", "cust-b1")
    assert res.code == 1 and "may not see account cust-b1" in res.err
    res = run("emails", "release", "--ids", b1)
    assert res.code == 1 and f"email {b1} is not in the quarantine" in res.err
    assert run("accounts", "list", "--json").json["items"][0]["name"] == "cust-a1"


def test_release_by_reason_with_resellers_and_per_account_policies(world: World) -> None:
    contained, spam, virus = world.hold("cust-a1", ("contained",)), world.hold("cust-a1"), \
        world.hold("cust-a1", ("virus",))
    # what a page needs for a disabled button: per message, whether this caller may release it and why not
    rows = {e["email_id"]: e for e in world.as_("cust-a1", "GET", "/emails").json["items"]}
    assert rows[spam]["release_allowed"] is True and rows[spam]["release_refusal"] is None
    assert rows[contained]["release_allowed"] is False
    assert rows[contained]["release_refusal"] == (
        f"email {contained} was held for coming from a contained sender (script, address or domain) (contained): "
        "the release policy lets only its reseller or the server administrator release such mail; ask your hosting "
        "provider to review it")
    assert "only the server administrator" in rows[virus]["release_refusal"]
    assert world.as_("cust-a1", "GET", f"/emails/{contained}").json["release_allowed"] is False
    assert world.as_("cust-a1", "POST", f"/emails/{contained}/release").status_code == 403
    by_reseller = {e["email_id"]: e for e in world.as_("res-a", "GET", "/emails").json["items"]}
    assert by_reseller[contained]["release_allowed"] and not by_reseller[virus]["release_allowed"]
    assert world.as_("res-a", "POST", f"/emails/{virus}/release").status_code == 403
    assert world.as_("res-a", "POST", f"/emails/{contained}/release").status_code == 200
    assert all(e["release_allowed"] for e in world.call(0, "GET", "/emails").json["items"])

    # per-account policy: the reseller makes spam its own to release for cust-a1 (stricter: allowed) ...
    pol = world.as_("res-a", "PATCH", "/accounts/cust-a1/release-policy", json={"release_by": {"spam": "reseller"}})
    assert pol.status_code == 200, pol.json
    assert pol.json["release_by"]["spam"] == "reseller" and pol.json["own"] == {"spam": "reseller"}
    assert pol.json["server"]["spam"] == "account" and pol.json["may_change"] is True
    assert world.as_("cust-a2", "GET", "/accounts/cust-a2/release-policy").json["release_by"]["spam"] == "account"
    refused = world.as_("cust-a1", "POST", f"/emails/{spam}/release")
    assert refused.status_code == 403 and "only its reseller or the server administrator" in refused.json["message"]
    # ... but may not loosen what root decided, nor touch another reseller's account; the account may only look
    looser = world.as_("res-a", "PATCH", "/accounts/cust-a1/release-policy", json={"release_by": {"virus": "account"}})
    assert looser.status_code == 403 and "virus=admin" in looser.json["message"]
    assert world.as_("res-a", "PATCH", "/accounts/cust-b1/release-policy",
                     json={"release_by": {"spam": "admin"}}).status_code == 403
    mine = world.as_("cust-a1", "GET", "/accounts/cust-a1/release-policy")
    assert mine.status_code == 200 and mine.json["may_change"] is False
    assert world.as_("cust-a1", "PATCH", "/accounts/cust-a1/release-policy",
                     json={"release_by": {"spam": "account"}}).status_code == 403
    # root may loosen for one account, and "default" follows the server again
    assert world.call(0, "PATCH", "/accounts/cust-a1/release-policy",
                      json={"release_by": {"virus": "account", "spam": "default"}}).json["own"] == {"virus": "account"}
    assert world.as_("cust-a1", "POST", f"/emails/{spam}/release").status_code == 200
    assert world.as_("cust-a1", "POST", f"/emails/{virus}/release").status_code == 200
    assert world.call(0, "PATCH", "/accounts/cust-a1/release-policy",
                      json={"release_by": {"phishing": "account"}}).status_code == 422
