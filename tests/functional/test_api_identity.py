"""Who the API thinks you are, with real uids on the real socket of a running `mailward serve`.

Real system users (mwt-alice, mwt-bob: cPanel accounts; mwt-stranger: not) call the 0666 unix socket from
subprocesses running as their uids, so SO_PEERCRED is the kernel's answer, not a test double. Bearer tokens are
made with the real `mailward token` command and used on the optional TCP listener.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.store.tokens import TokenStore
from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import (
    GTUBE,
    Reply,
    SocketApi,
    SystemUser,
    hold_through_gateway,
    lab_dir,
    serve_for_everyone,
    serve_quarantine,
    serve_redis,
)
from workers.exim_lab import free_port
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

NOBODY = SystemUser("nobody", 65534, 65534)
#: Headers a confused or hostile client might hope an API trusts; none of them may change the identity.
SPOOFED_HEADERS = {"X-Mailward-Client": "whm", "X-Forwarded-User": "root", "X-Remote-User": "root",
                   "X-Mailward-Account": "mwt-bob", "Remote-User": "root", "X-Forwarded-For": "127.0.0.1"}


@dataclass
class World:
    """One serve, its accounts, what each account holds, and two bearer tokens."""

    serve: ServeProcess
    users: dict[str, SystemUser]
    tcp_port: int
    held: dict[str, list[str]]  # account -> email ids
    admin_token: str
    alice_token: str

    @property
    def socket(self) -> str:
        return self.serve.info["api_socket"]

    def api(self, who: str | SystemUser | None = None) -> SocketApi:
        """The unix socket as root (None), a test user (by name) or any SystemUser."""
        user = self.users[who] if isinstance(who, str) else who
        return SocketApi(self.socket, user)

    def tcp(self, method: str, path: str, token: str | None = None, headers: dict[str, str] | None = None,
            body: object = None) -> Reply:
        """One request on the TCP listener, with `Authorization: Bearer token` when token is given."""
        hdrs = dict(headers or {})
        if token is not None:
            hdrs["Authorization"] = f"Bearer {token}"
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        conn = http.client.HTTPConnection("127.0.0.1", self.tcp_port, timeout=30)
        try:
            conn.request(method, "/api/v1" + path, body=payload, headers=hdrs)
            answer = conn.getresponse()
            return Reply(answer.status, answer.read().decode("utf-8", "replace"))
        finally:
            conn.close()


def _mailward_token(serve: ServeProcess, *args: str) -> str:
    """Run the real `mailward token create ...` against serve's state; returns the printed secret."""
    argv = [sys.executable, "-m", "workers.service_cli", "token", "create", *args,
            "--state-dir", str(serve.state_dir), "--config", str(serve.config)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def world(system_users: dict[str, SystemUser]) -> Iterator[World]:
    alice, bob = system_users["mwt-alice"], system_users["mwt-bob"]
    tree_dir = Path(lab_dir("mailward-cpanel-"))
    try:
        tree = make_cpanel_tree(tree_dir / "cpanel", {
            "mwt-alice": {"domain": "alice.example", "uid": alice.uid},
            "mwt-bob": {"domain": "bob.example", "uid": bob.uid},
        })
        port = free_port()
        with serve_for_everyone({"cpanel.root": json.dumps(str(tree)),
                                 "api.tcp_listen": json.dumps(f"127.0.0.1:{port}")},
                                prefix="mailward-identity-") as serve:
            held = {
                "mwt-alice": [hold_through_gateway(serve, "mwt-alice", f"news{i}@alice.example",
                                                   ["to@customer.test"], f"alice offer {i}") for i in range(2)],
                "mwt-bob": [hold_through_gateway(serve, "mwt-bob", "shop@bob.example",
                                                 ["to@customer.test", "bcc@hidden.test"], "bob offer")],
                "root": [hold_through_gateway(serve, "", "someone@unknown.test", ["to@customer.test"],
                                              "nobody's offer")],
            }
            admin_token = _mailward_token(serve, "admin-ci")
            alice_token = _mailward_token(serve, "alice-ci", "--account", "mwt-alice")
            yield World(serve, system_users, port, held, admin_token, alice_token)
    finally:
        shutil.rmtree(tree_dir, ignore_errors=True)


def _ids(reply: Reply) -> set[str]:
    assert reply.status == 200, reply.text
    return {e["email_id"] for e in reply.json["items"]}


def _all_held(world: World) -> set[str]:
    return {i for ids in world.held.values() for i in ids}


def _error(reply: Reply, status: int, word: str) -> str:
    """Assert the API's one error shape; return its message."""
    assert reply.status == status, reply.text
    body = reply.json
    assert body["code"] == status and body["status"] == word and body["message"], body
    return str(body["message"])


# ---------------------------------------------------------------- the unix socket: uid -> identity


def test_whoami_answers_each_uid(world: World) -> None:
    alice, bob = world.users["mwt-alice"], world.users["mwt-bob"]
    assert world.api().get("/whoami").json == {"role": "admin", "account": "root", "uid": 0, "token": None,
                                               "via": "unix"}
    assert world.api("mwt-alice").get("/whoami").json == {"role": "account", "account": "mwt-alice",
                                                          "uid": alice.uid, "token": None, "via": "unix"}
    assert world.api("mwt-bob").get("/whoami").json == {"role": "account", "account": "mwt-bob", "uid": bob.uid,
                                                        "token": None, "via": "unix"}
    stranger = world.users["mwt-stranger"]
    msg = _error(world.api("mwt-stranger").get("/whoami"), 403, "forbidden")
    assert f"uid {stranger.uid} is neither root nor a cPanel account" in msg
    # nobody is in the tree's passwd, but it owns the `*` catch-all: never an account
    _error(world.api(NOBODY).get("/whoami"), 403, "forbidden")


def test_root_sees_every_account(world: World) -> None:
    api = world.api()
    everything = _ids(api.get("/emails?limit=1000"))
    assert _all_held(world) <= everything
    assert _ids(api.get("/emails?account=root&limit=1000")) == everything  # -a root: the whole quarantine
    assert _ids(api.get("/emails?account=mwt-bob")) == set(world.held["mwt-bob"])
    bob_id = world.held["mwt-bob"][0]
    detail = api.get(f"/emails/{bob_id}")
    assert detail.status == 200 and detail.json["account_name"] == "mwt-bob"
    assert detail.json["recipients"] == ["to@customer.test", "bcc@hidden.test"]
    accounts = {a["name"] for a in api.get("/accounts").json["items"]}
    assert {"mwt-alice", "mwt-bob", "root"} <= accounts


@pytest.mark.parametrize(("me", "other"), [("mwt-alice", "mwt-bob"), ("mwt-bob", "mwt-alice")])
def test_an_account_sees_only_its_own(world: World, me: str, other: str) -> None:
    mine, theirs = world.held[me][0], world.held[other][0]
    root_id = world.held["root"][0]
    replies = world.api(me).batch([{"method": "GET", "path": p} for p in (
        "/api/v1/emails?limit=1000",
        f"/api/v1/emails?account={me}",
        f"/api/v1/emails?account={other}",
        "/api/v1/emails?account=root",
        f"/api/v1/emails/{mine}",
        f"/api/v1/emails/{mine}/raw",
        f"/api/v1/emails/{theirs}",
        f"/api/v1/emails/{theirs}/raw",
        f"/api/v1/emails/{theirs}?account={other}",
        f"/api/v1/emails/{root_id}",
        "/api/v1/accounts",
        f"/api/v1/accounts/{other}",
        "/api/v1/audit?account=" + other,
    )])
    own, own_scoped, other_scope, root_scope, detail, raw, hidden, hidden_raw, named, root_mail, accounts, \
        other_account, other_audit = replies
    assert _ids(own) == set(world.held[me]) == _ids(own_scoped)
    assert {e["account_name"] for e in own.json["items"]} == {me}
    assert own.json["max_count"] == len(world.held[me])
    assert f"may not see account {other}" in _error(other_scope, 403, "forbidden")
    _error(root_scope, 403, "forbidden")  # "root" means everything only for the admin
    assert detail.status == 200 and detail.json["email_id"] == mine and GTUBE in detail.json["body"]
    assert raw.status == 200 and GTUBE in raw.text
    # another account's mail does not exist for this caller, whichever way it asks
    for reply in (hidden, hidden_raw, root_mail):
        _error(reply, 404, "not_found")
    _error(named, 403, "forbidden")
    assert [a["name"] for a in accounts.json["items"]] == [me]
    _error(other_account, 403, "forbidden")
    _error(other_audit, 403, "forbidden")


def test_nothing_in_the_request_widens_an_account(world: World) -> None:
    alice = world.api("mwt-alice")
    bob_id = world.held["mwt-bob"][0]
    spoofed = {**SPOOFED_HEADERS, "Authorization": f"Bearer {world.admin_token}"}  # a token means nothing here
    replies = alice.batch([
        {"method": "GET", "path": "/api/v1/whoami", "headers": spoofed},
        {"method": "GET", "path": "/api/v1/emails?limit=1000", "headers": spoofed},
        {"method": "GET", "path": f"/api/v1/emails/{bob_id}", "headers": spoofed},
        {"method": "POST", "path": "/api/v1/emails/release", "headers": spoofed,
         "body": {"ids": [bob_id], "account": "mwt-bob"}},
        {"method": "POST", "path": "/api/v1/emails/release", "headers": spoofed,
         "body": {"ids": [bob_id], "account": "root"}},
        {"method": "POST", "path": "/api/v1/emails/release", "headers": spoofed, "body": {"ids": [bob_id]}},
        {"method": "POST", "path": "/api/v1/emails/remove", "headers": spoofed, "body": {"ids": [bob_id]}},
        {"method": "POST", "path": f"/api/v1/emails/{bob_id}/release", "headers": spoofed},
        {"method": "DELETE", "path": f"/api/v1/emails/{bob_id}", "headers": spoofed},
        {"method": "DELETE", "path": "/api/v1/accounts/mwt-bob/emails", "headers": spoofed},
        {"method": "PATCH", "path": "/api/v1/accounts/mwt-alice", "headers": spoofed,
         "body": {"releases_limit": 1000}},
        {"method": "PATCH", "path": "/api/v1/quarantine-defaults", "headers": spoofed,
         "body": {"releases_limit": 1000}},
        {"method": "PATCH", "path": "/api/v1/filter-settings", "headers": spoofed, "body": {"allow_winexec": True}},
        {"method": "GET", "path": "/api/v1/whitelist/sender", "headers": spoofed},
        {"method": "POST", "path": "/api/v1/whitelist/sender", "headers": spoofed,
         "body": {"values": ["alice.example"]}},
        {"method": "GET", "path": "/api/v1/status", "headers": spoofed},
    ])
    (whoami, listing, show, bulk_named, bulk_root, bulk_plain, bulk_remove, one_release, one_delete, purge,
     edit_self, edit_defaults, edit_filters, whitelist_get, whitelist_add, status) = replies
    assert whoami.json["account"] == "mwt-alice" and whoami.json["role"] == "account"
    assert whoami.json["token"] is None and whoami.json["via"] == "unix"
    assert _ids(listing) == set(world.held["mwt-alice"])
    _error(show, 404, "not_found")
    for bulk, word in ((bulk_named, "forbidden"), (bulk_root, "forbidden"), (bulk_plain, "not_found"),
                       (bulk_remove, "not_found")):
        assert bulk.status == 200, bulk.text  # per-message failures do not change the HTTP status
        assert bulk.json["succeeded"] == 0 and bulk.json["failed"] == 1
        assert bulk.json["results"][0]["status"] == word, bulk.text
    _error(one_release, 404, "not_found")
    _error(one_delete, 404, "not_found")
    _error(purge, 403, "forbidden")
    for reply in (edit_self, edit_defaults, edit_filters, whitelist_get, whitelist_add, status):
        _error(reply, 403, "forbidden")
    # bob's mail is untouched, the defaults and filters unchanged
    store = serve_quarantine(world.serve)
    assert store.get(bob_id).account == "mwt-bob"
    root = world.api()
    assert root.get("/quarantine-defaults").json["releases_limit"] == 5
    assert root.get("/filter-settings").json == {"allow_winexec": False}
    assert root.get("/accounts/mwt-alice").json["releases_limit"] == 5
    # the refusals are audited against alice's uid, with the interface she claimed (recorded, never trusted)
    audit = root.get("/audit?action=email.release&limit=100").json["items"]
    mine = [e for e in audit if e["actor"]["uid"] == world.users["mwt-alice"].uid]
    assert mine and all(e["actor"]["role"] == "account" and e["actor"]["account"] == "mwt-alice" for e in mine)
    assert {e["interface"] for e in mine} == {"whm"}
    assert {e["result"] for e in mine} <= {"forbidden", "not_found"}


def test_an_account_acts_on_its_own_mail(world: World) -> None:
    email_id = hold_through_gateway(world.serve, "mwt-alice", "news@alice.example", ["to@customer.test"],
                                    "alice removes this")
    alice = world.api("mwt-alice")
    gone = alice.call("DELETE", f"/emails/{email_id}", headers={"X-Mailward-Client": "cpanel"})
    assert gone.status == 200, gone.text
    assert gone.json["status"] == "removed" and gone.json["account_name"] == "mwt-alice"
    _error(alice.get(f"/emails/{email_id}"), 404, "not_found")
    entry = world.api().get("/audit?action=email.remove&account=mwt-alice").json["items"][0]
    assert entry["target"] == email_id and entry["interface"] == "cpanel"
    assert entry["actor"] == {"role": "account", "account": "mwt-alice", "uid": world.users["mwt-alice"].uid,
                              "token": None}


@pytest.mark.parametrize("who", ["mwt-stranger", "nobody"])
def test_a_uid_that_is_no_account_gets_nothing(world: World, who: str) -> None:
    user = NOBODY if who == "nobody" else world.users[who]
    alice_id = world.held["mwt-alice"][0]
    spoofed = {**SPOOFED_HEADERS, "Authorization": f"Bearer {world.admin_token}"}
    requests = [{"method": m, "path": "/api/v1" + p, "headers": h, "body": b} for m, p, b in (
        ("GET", "/whoami", None),
        ("GET", "/version", None),
        ("GET", "/health", None),
        ("GET", "/emails", None),
        ("GET", "/emails?account=mwt-alice", None),
        ("GET", f"/emails/{alice_id}", None),
        ("GET", f"/emails/{alice_id}/raw", None),
        ("POST", f"/emails/{alice_id}/release", None),
        ("DELETE", f"/emails/{alice_id}", None),
        ("POST", "/emails/release", {"ids": [alice_id], "account": "mwt-alice"}),
        ("POST", "/emails/remove", {"ids": [alice_id]}),
        ("GET", "/accounts", None),
        ("GET", "/accounts/mwt-alice", None),
        ("DELETE", "/accounts/mwt-alice/emails", None),
        ("GET", "/quarantine-defaults", None),
        ("GET", "/filter-settings", None),
        ("GET", "/audit", None),
        ("GET", "/status", None),
    ) for h in ({}, spoofed)]
    replies = SocketApi(world.socket, user).batch(requests)
    for req, reply in zip(requests, replies, strict=True):
        assert reply.status == 403, (req, reply.text)
        assert reply.json["status"] == "forbidden" and f"uid {user.uid}" in reply.json["message"]
    # such a uid is refused as it connects (api/gunicorn_worker.py), so even the API's description is a 403 to it
    (spec,) = SocketApi(world.socket, user).batch([{"method": "GET", "path": "/api/v1/openapi.json"}])
    assert spec.status == 403 and spec.json["status"] == "forbidden" and f"uid {user.uid}" in spec.json["message"]
    assert serve_quarantine(world.serve).get(alice_id).account == "mwt-alice"


# ---------------------------------------------------------------- bearer tokens on the TCP listener


def test_admin_token_on_tcp_sees_everything(world: World) -> None:
    who = world.tcp("GET", "/whoami", world.admin_token).json
    assert who == {"role": "admin", "account": "root", "uid": None, "token": "admin-ci", "via": "tcp"}
    assert _all_held(world) <= _ids(world.tcp("GET", "/emails?limit=1000", world.admin_token))
    assert world.tcp("GET", "/emails?account=mwt-bob", world.admin_token).json["max_count"] == 1


def test_account_token_on_tcp_sees_its_own(world: World) -> None:
    token = world.alice_token
    assert world.tcp("GET", "/whoami", token).json == {"role": "account", "account": "mwt-alice", "uid": None,
                                                       "token": "alice-ci", "via": "tcp"}
    assert _ids(world.tcp("GET", "/emails?limit=1000", token, SPOOFED_HEADERS)) == set(world.held["mwt-alice"])
    _error(world.tcp("GET", "/emails?account=mwt-bob", token), 403, "forbidden")
    _error(world.tcp("GET", f"/emails/{world.held['mwt-bob'][0]}", token), 404, "not_found")
    _error(world.tcp("PATCH", "/quarantine-defaults", token, body={"releases_limit": 99}), 403, "forbidden")


def test_tcp_without_a_valid_token_is_unauthorized(world: World) -> None:
    store = TokenStore(serve_redis(world.serve))
    revoked = store.create("short-lived")
    assert world.tcp("GET", "/whoami", revoked).status == 200
    store.revoke("short-lived")
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Bearer mwt_not-a-real-token"},
                    {"Authorization": f"Bearer {revoked}"}, {"Authorization": f"Basic {world.admin_token}"},
                    {"Authorization": world.admin_token}, {**SPOOFED_HEADERS}):
        for path in ("/whoami", "/emails", "/health"):
            _error(world.tcp("GET", path, headers=headers), 401, "unauthorized")


def test_a_token_on_the_unix_socket_grants_nothing(world: World) -> None:
    bearer = {"Authorization": f"Bearer {world.admin_token}"}
    alice_bearer = {"Authorization": f"Bearer {world.alice_token}"}
    assert world.api("mwt-alice").get("/whoami", headers=bearer).json["account"] == "mwt-alice"
    _error(world.api("mwt-stranger").get("/emails", headers=bearer), 403, "forbidden")
    # and cannot narrow root either: the kernel's uid 0 decides
    assert world.api().get("/whoami", headers=alice_bearer).json["role"] == "admin"

