"""Who is calling (SO_PEERCRED on a real AF_UNIX socket, bearer tokens on TCP) and the one error shape of refusals."""

from __future__ import annotations

import dataclasses
import os
import secrets
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from flask import Flask

from api.app import create_app
from api.auth import bearer_token, socket_identify
from core import keys
from core.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationError
from core.identity.caller import Role, admin
from core.identity.cpanel import MemoryCpanelAccounts
from core.settings import Settings
from core.store.tokens import PREFIX, TokenStore
from tests.api.conftest import ApiEnv, Caller, StubReinjector
from tests.cpanel_tree import memory_accounts

ALICE_UID, STRANGER_UID = 1001, 1003
ERROR_KEYS = {"code", "status", "message", "errors"}


@pytest.fixture
def accounts() -> MemoryCpanelAccounts:
    """alice's system user has ALICE_UID; bob has none; nothing maps STRANGER_UID."""
    return memory_accounts({"alice": {"domain": "alice.example", "uid": ALICE_UID}, "bob": "bob.example"})


@pytest.fixture
def tokens(redis_client: redis.Redis) -> TokenStore:
    return TokenStore(redis_client)


def _connected_as(uid: int) -> socket.socket:
    """The server end of an AF_UNIX connection whose peer process runs as `uid` (SO_PEERCRED is the kernel's)."""
    if uid == os.getuid():
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        theirs.close()
        return ours
    if os.geteuid() != 0:
        pytest.skip("a peer with another uid needs root to switch to it")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(f"\0mailward-test-{secrets.token_hex(8)}")  # abstract name: no file permissions in the way
    listener.listen(1)
    pid = os.fork()
    if pid == 0:  # the child: become uid, connect, leave (the kernel keeps the credentials of connect time)
        try:
            os.setgid(uid)
            os.setuid(uid)
            peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            peer.connect(listener.getsockname())
            peer.close()
        finally:
            os._exit(0)
    listener.settimeout(10)
    try:
        conn, _ = listener.accept()
    finally:
        listener.close()
        os.waitpid(pid, 0)
    return conn


@pytest.fixture
def unix_peer() -> Iterator[Any]:
    """Make server-side sockets connected from a given uid; all closed afterwards."""
    made: list[socket.socket] = []

    def make(uid: int) -> socket.socket:
        made.append(_connected_as(uid))
        return made[-1]

    yield make
    for s in made:
        s.close()


@pytest.fixture
def tcp_socket() -> Iterator[socket.socket]:
    """An AF_INET socket as gunicorn's TCP listener would hand over (never connected: only its family matters)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    yield s
    s.close()


# ---- socket_identify ---------------------------------------------------------------------------------------


def test_uid_0_on_the_unix_socket_is_the_admin(accounts: MemoryCpanelAccounts, tokens: TokenStore,
                                              unix_peer: Any) -> None:
    if os.getuid() != 0:
        pytest.skip("only root can be a uid-0 peer")
    who = socket_identify(accounts, tokens)({"gunicorn.socket": unix_peer(0)})
    assert who == admin(0)
    assert who.to_dict() == {"role": "admin", "account": "root", "uid": 0, "token": None, "via": "unix"}


def test_a_cpanel_accounts_uid_is_that_account(accounts: MemoryCpanelAccounts, tokens: TokenStore,
                                              unix_peer: Any) -> None:
    if os.getuid() != 0:  # without root the only peer uid we can produce is our own: map it
        accounts.uids[os.getuid()] = "alice"
    uid = ALICE_UID if os.getuid() == 0 else os.getuid()
    who = socket_identify(accounts, tokens)({"gunicorn.socket": unix_peer(uid)})
    assert who.role is Role.ACCOUNT and who.account == "alice" and who.uid == uid and who.via == "unix"


def test_any_other_uid_is_forbidden(accounts: MemoryCpanelAccounts, tokens: TokenStore, unix_peer: Any) -> None:
    uid = STRANGER_UID if os.getuid() == 0 else os.getuid()
    with pytest.raises(Forbidden, match=f"uid {uid} is neither root nor a cPanel account"):
        socket_identify(accounts, tokens)({"gunicorn.socket": unix_peer(uid)})


def test_no_gunicorn_socket_is_forbidden_whatever_the_request_says(accounts: MemoryCpanelAccounts,
                                                                   tokens: TokenStore) -> None:
    identify = socket_identify(accounts, tokens)
    for environ in ({}, {"gunicorn.socket": None}, {"gunicorn.socket": "unix:0"},
                    {"HTTP_AUTHORIZATION": "Bearer " + tokens.create("ci")}, {"REMOTE_USER": "root"}):
        with pytest.raises(Forbidden, match="cannot be identified"):
            identify(environ)


def test_tcp_needs_a_valid_bearer_token(accounts: MemoryCpanelAccounts, tokens: TokenStore,
                                        tcp_socket: socket.socket) -> None:
    identify = socket_identify(accounts, tokens)
    admin_secret = tokens.create("ops")
    alice_secret = tokens.create("alice-ci", "alice")
    who = identify({"gunicorn.socket": tcp_socket, "HTTP_AUTHORIZATION": f"Bearer {admin_secret}"})
    assert who.to_dict() == {"role": "admin", "account": "root", "uid": None, "token": "ops", "via": "tcp"}
    who = identify({"gunicorn.socket": tcp_socket, "HTTP_AUTHORIZATION": f"bearer  {alice_secret} "})
    assert who.to_dict() == {"role": "account", "account": "alice", "uid": None, "token": "alice-ci", "via": "tcp"}
    with pytest.raises(Unauthorized, match="Bearer"):
        identify({"gunicorn.socket": tcp_socket})
    for header in (f"Basic {admin_secret}", "Bearer", "Bearer " + PREFIX + "guess", "Bearer not-a-token",
                   "Bearer " + admin_secret[:-1]):
        with pytest.raises(Unauthorized):
            identify({"gunicorn.socket": tcp_socket, "HTTP_AUTHORIZATION": header})


def test_bearer_token_parsing() -> None:
    assert bearer_token({"HTTP_AUTHORIZATION": "Bearer abc"}) == "abc"
    assert bearer_token({"HTTP_AUTHORIZATION": "BEARER abc "}) == "abc"
    assert bearer_token({"HTTP_AUTHORIZATION": "Basic abc"}) == ""
    assert bearer_token({}) == ""


# ---- the token store -----------------------------------------------------------------------------------------


def test_tokens_create_list_revoke_resolve(tokens: TokenStore, redis_client: redis.Redis) -> None:
    admin_secret = tokens.create("ops")
    alice_secret = tokens.create("alice-ci", "alice")
    assert admin_secret.startswith(PREFIX) and alice_secret.startswith(PREFIX) and admin_secret != alice_secret
    listed = [t.to_dict() for t in tokens.list()]
    assert [(t["name"], t["account"], t["role"]) for t in listed] == [("alice-ci", "alice", "account"),
                                                                     ("ops", None, "admin")]
    assert all(t["created"] > 0 for t in listed)
    stored = repr(redis_client.hgetall(keys.api_tokens()))
    assert admin_secret not in stored and alice_secret not in stored, "only digests are kept"
    assert tokens.resolve(admin_secret).is_admin and tokens.resolve(alice_secret).account == "alice"
    with pytest.raises(Conflict):
        tokens.create("ops", "bob")
    for bad in ("", "-dash", "has space", "x" * 65):
        with pytest.raises(ValidationError):
            tokens.create(bad)
    with pytest.raises(ValidationError):
        tokens.create("evil", "../root")
    tokens.revoke("ops")
    with pytest.raises(Unauthorized, match="unknown or revoked"):
        tokens.resolve(admin_secret)
    assert tokens.resolve(alice_secret).account == "alice"
    with pytest.raises(NotFound):
        tokens.revoke("ops")
    for bad in ("", "no-prefix", PREFIX + "x" * 300):
        with pytest.raises(Unauthorized):
            tokens.resolve(bad)
    assert [t.name for t in tokens.list()] == ["alice-ci"]


# ---- the production resolver wired in create_app ------------------------------------------------------------


@pytest.fixture
def real_app(settings: Settings, redis_client: redis.Redis, accounts: MemoryCpanelAccounts) -> Flask:
    """create_app with its own resolver (socket_identify), as gunicorn serves it."""
    return create_app(settings, reinjector=StubReinjector(), accounts=accounts, client=redis_client)


def test_the_app_identifies_unix_and_tcp_callers_itself(real_app: Flask, unix_peer: Any,
                                                        tcp_socket: socket.socket, tokens: TokenStore) -> None:
    client = real_app.test_client()
    uid = ALICE_UID if os.getuid() == 0 else None
    if uid is not None:
        r = client.get("/api/v1/whoami", environ_base={"gunicorn.socket": unix_peer(uid)},
                       headers={"X-Mailward-Account": "bob", "Authorization": "Bearer x"})
        assert r.status_code == 200
        assert r.json == {"role": "account", "account": "alice", "uid": ALICE_UID, "token": None, "via": "unix"}
        r = client.get("/api/v1/whoami", environ_base={"gunicorn.socket": unix_peer(STRANGER_UID)})
        assert r.status_code == 403 and r.json["status"] == "forbidden"
    r = client.get("/api/v1/whoami")
    assert r.status_code == 403 and set(r.json) == ERROR_KEYS and r.json["code"] == 403
    r = client.get("/api/v1/whoami", environ_base={"gunicorn.socket": tcp_socket})
    assert r.status_code == 401 and r.json["status"] == "unauthorized" and set(r.json) == ERROR_KEYS
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    secret = tokens.create("whm-remote")
    r = client.get("/api/v1/whoami", environ_base={"gunicorn.socket": tcp_socket},
                   headers={"Authorization": f"Bearer {secret}"})
    assert r.json == {"role": "admin", "account": "root", "uid": None, "token": "whm-remote", "via": "tcp"}
    # the API's own description needs no identity
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200 and r.json["openapi"].startswith("3.")


# ---- one error shape -----------------------------------------------------------------------------------------


def _is_error(r: Any, code: int, word: str) -> None:
    assert r.status_code == code, (r.status_code, r.get_data(as_text=True))
    assert r.mimetype == "application/json"
    assert set(r.json) == ERROR_KEYS, r.json
    assert r.json["code"] == code and r.json["status"] == word
    assert isinstance(r.json["message"], str) and r.json["message"] and "\n" not in r.json["message"]
    assert isinstance(r.json["errors"], dict)


def test_every_refusal_has_the_one_error_shape(api_env: ApiEnv, alice: Caller) -> None:
    admin_ = api_env.admin
    _is_error(admin_("GET", "/emails/0001"), 400, "invalid_argument")
    _is_error(admin_("GET", "/emails?since=yesterday"), 400, "invalid_argument")
    _is_error(admin_("PATCH", "/filter-settings", data="{not json", content_type="application/json"),
              400, "invalid_argument")
    _is_error(alice("GET", "/status"), 403, "forbidden")
    _is_error(alice("GET", "/emails?account=bob"), 403, "forbidden")
    _is_error(admin_("GET", "/accounts/zed"), 404, "not_found")
    _is_error(admin_("GET", "/no-such-resource"), 404, "not_found")
    r = admin_("PUT", "/accounts/alice")
    _is_error(r, 405, "method_not_allowed")
    assert set(r.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "PATCH"}
    r = admin_("GET", "/emails/release")
    _is_error(r, 405, "method_not_allowed")
    assert "GET" not in r.headers["Allow"] and "POST" in r.headers["Allow"]
    eid = api_env.hold("alice")
    assert alice("POST", f"/emails/{eid}/release").status_code == 200
    _is_error(alice("POST", f"/emails/{eid}/release"), 409, "conflict")
    r = admin_("PATCH", "/accounts/alice", json={"limit_bytes": -7})
    _is_error(r, 422, "unprocessable_entity")
    assert r.json["errors"] == {"json": {"limit_bytes": [r.json["errors"]["json"]["limit_bytes"][0]]}}
    admin_("PATCH", "/accounts/alice", json={"releases_limit": 0})
    r = alice("POST", f"/emails/{api_env.hold('alice')}/release")
    _is_error(r, 429, "limit_exceeded")
    api_env.reinjector.fail = "sendmail exited 75: temporary failure"
    r = admin_("POST", f"/emails/{api_env.hold('alice')}/release")
    # core.mail.exim_reinject.ReinjectError is a ServiceUnavailable with its own word (README lists service_unavailable)
    _is_error(r, 503, "reinject_failed")
    assert "temporary failure" in r.json["message"]


def test_an_unexpected_failure_is_a_500_that_leaks_nothing(api_env: ApiEnv) -> None:
    eid = api_env.hold("alice")

    def broken(record: object, message: bytes) -> None:
        raise RuntimeError("secret internals /var/lib/x")

    api_env.reinjector.reinject = broken  # type: ignore[method-assign]
    r = api_env.admin("POST", f"/emails/{eid}/release")
    _is_error(r, 500, "internal_error")
    assert "secret" not in r.get_data(as_text=True)
    assert api_env.admin("GET", f"/emails/{eid}").json["status"] == "quarantined", "still held, claim released"


def _closed_port() -> int:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_redis_down_is_503(settings: Settings, accounts: MemoryCpanelAccounts, tcp_socket: socket.socket) -> None:
    # the app makes its own client (core.store.connection.connect), pointed at a port nobody listens on
    settings = dataclasses.replace(settings, redis_url=f"redis://127.0.0.1:{_closed_port()}/0")
    app = create_app(settings, identify=lambda environ: admin(0), reinjector=StubReinjector(), accounts=accounts)
    client = app.test_client()
    for method, path in (("GET", "/emails"), ("GET", "/accounts"), ("PATCH", "/quarantine-defaults"),
                         ("GET", "/whitelist/sender"), ("GET", "/audit")):
        r = client.open("/api/v1" + path, method=method, json={} if method == "PATCH" else None)
        _is_error(r, 503, "service_unavailable")
        assert "Redis" in r.json["message"]
    r = client.get("/api/v1/health")
    assert r.status_code == 503 and r.json["status"] == "degraded"
    assert [(c["name"], c["ok"]) for c in r.json["components"]][:2] == [("redis", False), ("workers", False)]
    # the token lookup itself needs Redis: a TCP caller gets 503, not a misleading 401
    tcp_app = create_app(settings, reinjector=StubReinjector(), accounts=accounts)
    r = tcp_app.test_client().get("/api/v1/whoami", environ_base={"gunicorn.socket": tcp_socket},
                                  headers={"Authorization": f"Bearer {PREFIX}whatever"})
    _is_error(r, 503, "service_unavailable")
