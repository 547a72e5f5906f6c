"""A real `mailward serve`: the link-signing key is a root-only file, so whoever reads (or writes) Redis mints no
one-click link, and a link acts only as the account and message it names; serve refuses a Redis on another host
without a password, and runs on one with an ACL user (the scale-out set-up); webhook URLs with an embedded
loopback address are refused by the running API."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import shutil
import stat
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from core import keys
from core.models import QuarantineRecord
from core.notify.notification_tokens import TokenSigner, key_path, read_signing_key
from tests.functional.conftest import (
    SocketApi,
    lab_dir,
    serve_for_everyone,
    serve_quarantine,
    serve_redis,
    serve_toml,
)
from workers.exim_lab import free_port, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _forge(secret: bytes, email_id: str, action: str, account: str) -> str:
    """A token signed the way links are, with a secret of the attacker's choosing."""
    body = _b64(json.dumps({"i": f"forged-{uuid.uuid4().hex[:8]}", "e": email_id, "a": action, "u": account,
                            "x": int(time.time()) + 3600}, separators=(",", ":")).encode())
    return f"{body}.{_b64(hmac.new(secret, body.encode(), hashlib.sha256).digest())}"


def _hold(serve: ServeProcess, account: str, subject: str) -> str:
    """Put one message in serve's quarantine as a scan would (the gateway's own tests cover that path)."""
    spool = serve.state_dir / f"incoming-{uuid.uuid4().hex}.eml"
    spool.write_bytes(f"From: <a@shop.example>\r\nSubject: {subject}\r\n\r\nbody\r\n".encode())
    rec = QuarantineRecord(email_id=str(uuid.uuid4()), account=account, received=time.time(),
                           sender="a@shop.example", recipients=["b@x.example"], subject=subject, reasons=["spam"],
                           score=9.0, symbols=[], size=0)
    serve_quarantine(serve).hold(spool, rec)
    return rec.email_id


def _held(serve: ServeProcess, email_id: str) -> bool:
    return serve_redis(serve).exists(keys.quarantine_meta(email_id)) == 1


@pytest.fixture(scope="module")
def serve() -> Iterator[ServeProcess]:
    with serve_for_everyone({}, prefix="mailward-linkkey-") as running:
        yield running


def test_the_link_key_is_a_root_only_file_and_redis_mints_no_link(serve: ServeProcess) -> None:
    path = key_path(serve.state_dir)
    st = path.stat()
    assert stat.S_IMODE(st.st_mode) == 0o600 and st.st_uid == 0
    key = read_signing_key(path)
    client = serve_redis(serve)
    assert client.exists(keys.notify_secret()) == 0
    api = SocketApi(serve.info["api_socket"])

    # Someone who can read and write Redis signs a link with the secret it finds (or plants) there.
    alices = _hold(serve, "mwt-alice", "alice's held mail")
    client.set(keys.notify_secret(), "a" * 64, nx=True)
    secret = client.get(keys.notify_secret())
    assert secret is not None
    for account in ("root", "mwt-alice"):
        forged = api.post(f"/actions/{_forge(secret, alices, 'delete', account)}")
        assert forged.status == 403 and forged.json["status"] == "token_refused", forged.text
    assert _held(serve, alices)

    # Even a link signed with the real key acts only as its account, on its account's message.
    signer = TokenSigner(client, key=key, ttl_s=3600)
    as_root = api.post(f"/actions/{signer.issue(alices, 'delete', 'root')}")
    assert as_root.status == 404, as_root.text
    assert _held(serve, alices)
    own = api.post(f"/actions/{signer.issue(alices, 'delete', 'mwt-alice')}")
    assert own.status == 200 and own.json["status"] == "removed", own.text
    assert not _held(serve, alices)
    assert key.decode() not in serve.log()


def test_the_running_api_refuses_webhooks_to_embedded_loopback(serve: ServeProcess) -> None:
    api = SocketApi(serve.info["api_socket"])
    for literal in ("::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::"):
        r = api.post("/webhooks", {"url": f"http://[{literal}]:8080/hook"})
        assert r.status == 400 and "not a public address" in r.message, r.text
    listed = api.get("/webhooks")
    assert listed.status == 200 and listed.json["items"] == [], listed.text


def test_serve_refuses_a_redis_on_another_host_without_a_password() -> None:
    base = Path(lab_dir("mailward-redisauth-"))
    state = base / "state"
    url = "redis://203.0.113.7:6379/0"  # TEST-NET-3: nothing answers, and serve must not even try
    proc = ServeProcess(state, serve_toml({"redis_url": json.dumps(url), "scan.listen": '["127.0.0.1:0"]'}))
    try:
        with pytest.raises(RuntimeError) as refused:
            proc.start(timeout=60)
        text = str(refused.value)
        assert "redis_url" in text and "no password" in text and "ACL user" in text, text
        assert "cannot reach Redis" not in text
        assert not key_path(state).exists()
    finally:
        proc.stop()
        shutil.rmtree(base, ignore_errors=True)


def _global_ipv4() -> str:
    """One of this machine's own non-loopback IPv4 addresses ("" if it has none)."""
    out = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"], capture_output=True, text=True,
                         check=False).stdout
    for line in out.splitlines():
        fields = line.split()
        if "inet" in fields:
            return fields[fields.index("inet") + 1].split("/")[0]
    return ""


@pytest.fixture
def acl_redis() -> Iterator[tuple[str, int, str]]:
    """A real redis-server on a non-loopback address whose only user is an ACL user with a password."""
    host = _global_ipv4()
    if not host or shutil.which("redis-server") is None:
        pytest.skip("needs redis-server and a non-loopback IPv4 address")
    base = Path(lab_dir("mailward-aclredis-"))
    port, password = free_port(), uuid.uuid4().hex
    conf = base / "redis.conf"
    conf.write_text(f"bind {host}\nport {port}\nsave \"\"\nappendonly no\ndir {base}\nlogfile {base / 'redis.log'}\n"
                    f"user default off\nuser mailward on >{password} ~* &* +@all\n")
    conf.chmod(0o600)
    proc = subprocess.Popen(["redis-server", str(conf)], stdin=subprocess.DEVNULL)
    client = redis.Redis(host=host, port=port, username="mailward", password=password, socket_timeout=5)
    try:
        poll(lambda: _pings(client), 15, "the ACL redis-server to answer")
        yield host, port, password
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(base, ignore_errors=True)


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False


def test_serve_runs_on_a_remote_redis_with_an_acl_user(acl_redis: tuple[str, int, str]) -> None:
    host, port, password = acl_redis
    url = f"redis://mailward:{password}@{host}:{port}/0"
    with serve_for_everyone({"redis_url": json.dumps(url)}, prefix="mailward-aclserve-") as running:
        assert running.info["redis"] == "external"
        # 503 until the first worker heartbeat: /health says degraded with its status code now
        poll(lambda: SocketApi(running.info["api_socket"]).get("/health").status == 200, 30, "a healthy /health")
        client = redis.Redis(host=host, port=port, username="mailward", password=password, socket_timeout=5)
        try:
            assert client.dbsize() > 0  # serve, its workers and its API all use it
            assert client.exists(keys.notify_secret()) == 0
        finally:
            client.close()
        with pytest.raises(redis.RedisError):
            redis.Redis(host=host, port=port, socket_timeout=5).ping()  # nobody gets in without the password
        assert key_path(running.state_dir).exists()
        assert password not in running.log()
