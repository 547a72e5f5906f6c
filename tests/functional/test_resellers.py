"""Resellers on a real `mailward serve` (issue 19 item 1): real uids on the API's unix socket, the WHM plugin's
proxy (its server side, run as root as cpsrvd runs it) and ie-cli.

The fake cPanel tree makes the real system users mwt-alice and mwt-bob resellers (ACL list-accts), each owning
customer accounts; mwt-stranger is a customer of mwt-alice with its own uid. Mail is held for each account through
the scan gateway. Reseller A must never see or touch reseller B's accounts, whichever door it uses.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import (
    Reply,
    SocketApi,
    SystemUser,
    hold_through_gateway,
    ie_cli,
    lab_dir,
    serve_for_everyone,
    serve_quarantine,
)
from whm_plugin.cgi_proxy import CgiConfig, handle
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

A_OWNS = ["cust-a", "mwt-alice", "mwt-stranger"]


@dataclass
class World:
    serve: ServeProcess
    tree: Path
    users: dict[str, SystemUser]
    held: dict[str, str]  # account -> one held email id

    @property
    def socket(self) -> str:
        return self.serve.info["api_socket"]

    def api(self, who: str | None = None) -> SocketApi:
        return SocketApi(self.socket, self.users[who] if who else None)

    def whm(self, user: str, method: str, api: str, body: object = None, **extra: str) -> Reply:
        """One request through the WHM plugin's CGI as cpsrvd runs it (root, REMOTE_USER set), to the real API."""
        data = json.dumps(body).encode() if body is not None else b""
        path, _, query = api.partition("?")
        env = {"REQUEST_METHOD": method, "QUERY_STRING": f"api={path}" + (f"&{query}" if query else ""),
               "REMOTE_USER": user,
               "cp_security_token": "/cpsess1234567890", "HTTP_X_REQUESTED_WITH": "mailward", **extra}
        if data:
            env.update(CONTENT_LENGTH=str(len(data)), CONTENT_TYPE="application/json")
        resp = handle(env, io.BytesIO(data), CgiConfig(api_socket=self.socket, cpanel_root=str(self.tree)))
        return Reply(resp.status, b"".join(resp.chunks()).decode())


@pytest.fixture(scope="module")
def world(system_users: dict[str, SystemUser]) -> Iterator[World]:
    alice, bob, stranger = (system_users[n] for n in ("mwt-alice", "mwt-bob", "mwt-stranger"))
    base = Path(lab_dir("mailward-resellers-"))
    try:
        tree = make_cpanel_tree(base / "cpanel", {
            "mwt-alice": {"domain": "alice.example", "uid": alice.uid, "reseller": ["list-accts"]},
            "mwt-bob": {"domain": "bob.example", "uid": bob.uid, "reseller": ["list-accts"]},
            "cust-a": {"domain": "cust-a.example", "owner": "mwt-alice"},
            "mwt-stranger": {"domain": "stranger.example", "uid": stranger.uid, "owner": "mwt-alice"},
            "cust-b": {"domain": "cust-b.example", "owner": "mwt-bob"},
        })
        with serve_for_everyone({"cpanel.root": json.dumps(str(tree))}, prefix="mailward-resellers-") as serve:
            held = {acct: hold_through_gateway(serve, acct, f"news@{acct}.example", ["to@customer.test"],
                                               f"{acct} offer")
                    for acct in ("cust-a", "mwt-alice", "mwt-stranger", "cust-b", "mwt-bob")}
            yield World(serve, tree, system_users, held)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _ids(reply: Reply) -> set[str]:
    assert reply.status == 200, reply.text
    return {e["email_id"] for e in reply.json["items"]}


def test_a_resellers_uid_sees_its_accounts_only(world: World) -> None:
    mine = {world.held[a] for a in A_OWNS}
    b_mail = world.held["cust-b"]
    who, listing, named, other, show, raw, release, delete, bulk, accounts, purge, stats = world.api("mwt-alice").batch(
        [{"method": m, "path": "/api/v1" + p, **({"body": b} if b is not None else {})} for m, p, b in (
            ("GET", "/whoami", None),
            ("GET", "/emails?limit=100", None),
            ("GET", "/emails?account=cust-a", None),
            ("GET", "/emails?account=cust-b", None),
            ("GET", f"/emails/{b_mail}", None),
            ("GET", f"/emails/{b_mail}/raw", None),
            ("POST", f"/emails/{b_mail}/release", None),
            ("DELETE", f"/emails/{b_mail}", None),
            ("POST", "/emails/remove", {"ids": [b_mail, world.held["mwt-bob"]]}),
            ("GET", "/accounts", None),
            ("DELETE", "/accounts/cust-b/emails", None),
            ("GET", "/am/stats?account_name=cust-b", None),
        )])
    assert who.json["role"] == "reseller" and who.json["accounts"] == A_OWNS
    assert who.json["uid"] == world.users["mwt-alice"].uid
    assert _ids(listing) == mine and _ids(named) == {world.held["cust-a"]}
    for reply, status in ((other, 403), (show, 404), (raw, 404), (release, 404), (delete, 404), (purge, 403),
                          (stats, 403)):
        assert reply.status == status, reply.text
    assert bulk.json["succeeded"] == 0 and {r["status"] for r in bulk.json["results"]} == {"not_found"}
    assert [a["name"] for a in accounts.json["items"]] == A_OWNS
    assert serve_quarantine(world.serve).get(b_mail).account == "cust-b"  # untouched
    # reseller B, the same way round; and A's customer with its own uid is only itself
    assert _ids(world.api("mwt-bob").get("/emails")) == {world.held["cust-b"], world.held["mwt-bob"]}
    assert _ids(world.api("mwt-stranger").get("/emails")) == {world.held["mwt-stranger"]}
    assert world.api("mwt-stranger").get("/emails?account=cust-a").status == 403


def test_the_whm_proxy_scopes_a_reseller_by_its_whm_login(world: World) -> None:
    a_mail, b_mail = world.held["cust-a"], world.held["cust-b"]
    who = world.whm("mwt-alice", "GET", "/whoami").json
    assert (who["role"], who["account"], who["via"], who["accounts"]) == ("reseller", "mwt-alice", "whm", A_OWNS)
    assert _ids(world.whm("mwt-alice", "GET", "/emails")) == {world.held[a] for a in A_OWNS}
    assert world.whm("mwt-alice", "GET", f"/emails/{b_mail}").status == 404
    assert world.whm("mwt-alice", "POST", f"/emails/{b_mail}/release").status == 404
    assert world.whm("mwt-alice", "GET", "/emails?account=cust-b").status == 403
    assert world.whm("mwt-alice", "PATCH", "/filter-settings", {"allow_winexec": True}).status == 403
    assert world.whm("mwt-alice", "PATCH", "/accounts/cust-b", {"releases_limit": 50}).status == 403
    # a header the browser sends is not what the proxy forwards: reseller B stays B
    spoofed = world.whm("mwt-bob", "GET", "/emails", HTTP_X_MAILWARD_WHM_USER="root")
    assert _ids(spoofed) == {b_mail, world.held["mwt-bob"]}
    assert world.whm("mwt-bob", "GET", f"/emails/{a_mail}").status == 404
    # root through the same proxy is the admin
    assert {a_mail, b_mail} <= _ids(world.whm("root", "GET", "/emails?limit=100"))
    # a WHM user who is no reseller is turned away by the plugin itself
    assert world.whm("cust-a", "GET", "/emails").status == 403


def test_ie_cli_as_a_resellers_uid(world: World) -> None:
    alice = world.users["mwt-alice"]
    listed = ie_cli(["emails", "list", "--json", "--limit", "100"], world.socket, alice)
    assert listed.returncode == 0, listed.stderr
    assert {e["email_id"] for e in json.loads(listed.stdout)["items"]} == {world.held[a] for a in A_OWNS}
    other = ie_cli(["emails", "list", "-a", "cust-b"], world.socket, alice)
    assert other.returncode == 1 and "may not see account cust-b" in other.stderr
    b_mail = world.held["cust-b"]
    refused = ie_cli(["emails", "remove", "--ids", b_mail], world.socket, alice)
    assert refused.returncode == 1 and f"email {b_mail} is not in the quarantine" in refused.stderr
    edit = ie_cli(["accounts", "edit", "-a", "cust-b", "--releases-limit", "40"], world.socket, alice)
    assert edit.returncode == 1, edit.stdout
    own = ie_cli(["accounts", "edit", "-a", "cust-a", "--releases-limit", "40"], world.socket, alice)
    assert own.returncode == 0, own.stderr
    assert world.api().get("/accounts/cust-a").json["releases_limit"] == 40
    assert world.api().get("/accounts/cust-b").json["releases_limit"] == 5
    assert serve_quarantine(world.serve).get(b_mail).account == "cust-b"
