"""`mailward serve` end to end without Exim: real Redis, real Dramatiq workers, the real gateway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from core.models import AccountState, Envelope
from core.store.quarantine import QuarantineStore
from workers.scan_client import ScanReply, check_http, check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
CLEAN = (b"From: Alice <alice@shop.example>\r\nTo: bob@example.net\r\nSubject: invoice 42\r\n"
         b"Message-ID: <1@shop.example>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n"
         b"Hello Bob,\r\nthe invoice is attached to our portal. Regards, Alice\r\n")
SPAM = CLEAN.replace(b"Subject: invoice 42", b"Subject: test").replace(b"Hello Bob,", GTUBE.encode())
ENV = Envelope(sender="alice@shop.example", recipients=["bob@example.net", "secret-bcc@example.org"],
               queue_id="1rTEST-000001-AA", user="alice@shop.example", ip="192.0.2.1")


def _toml(state: Path, **extra: str) -> str:
    base = {"scan.listen": f'["127.0.0.1:0", "{state}/scan.sock"]', "scan.timeout": "4.0",
            "workers.processes": "1", "workers.threads": "2"}
    base.update(extra)
    sections: dict[str, list[str]] = {}
    top: list[str] = []
    for key, value in base.items():
        if "." in key:
            sec, name = key.split(".", 1)
            sections.setdefault(sec, []).append(f"{name} = {value}")
        else:
            top.append(f"{key} = {value}")
    return "\n".join(top + [f"[{s}]\n" + "\n".join(v) for s, v in sections.items()]) + "\n"


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state))
    proc.start()
    yield proc
    proc.stop()


def _held(state: Path) -> list[Path]:
    return sorted((state / "quarantine").glob("*/*.eml"))


def test_clean_spam_and_both_protocols(serve: ServeProcess) -> None:
    r = check_legacy(serve.tcp, CLEAN, ENV)
    assert r.action in ("no action", "add header")
    assert _held(serve.state_dir) == []
    r = check_legacy(serve.info["scan"][1], SPAM, ENV)  # the unix socket listener
    assert r.action == "quarantine" and "GTUBE" in r.symbols
    held = _held(serve.state_dir)
    assert len(held) == 1 and held[0].read_bytes() == SPAM  # stored byte-exact
    meta = json.loads(held[0].with_suffix(".json").read_text())
    assert meta["recipients"] == ENV.recipients and meta["reasons"] == ["spam"]
    assert meta["email_id"] == r.quarantine_id
    r = check_http(serve.tcp, SPAM, ENV)
    assert r.action == "quarantine" and "GTUBE" in r.symbols
    assert len(_held(serve.state_dir)) == 2
    assert list((serve.state_dir / "spool").iterdir()) == []  # nothing left behind


def test_exim_preamble_is_stripped_before_storing(serve: ServeProcess) -> None:
    framed = (b"From MAILER-DAEMON Sat Nov 21 10:00:00 2026\nX-Envelope-From: <alice@shop.example>\n"
              b"X-Envelope-To: <bob@example.net>\n" + SPAM.replace(b"\r\n", b"\n"))
    r = check_legacy(serve.tcp, framed, ENV)
    assert r.action == "quarantine"
    assert _held(serve.state_dir)[0].read_bytes() == SPAM.replace(b"\r\n", b"\n")


def test_parallel_scans(serve: ServeProcess) -> None:
    replies: list[ScanReply] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        r = check_legacy(serve.tcp, SPAM if i % 2 else CLEAN, ENV)
        with lock:
            replies.append(r)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.action == "quarantine" for r in replies) == 20
    assert len(_held(serve.state_dir)) == 20


@pytest.mark.parametrize(("mode", "expected"), [("open", "unscanned"), ("closed", "soft reject")])
def test_fail_mode_without_workers(tmp_path: Path, mode: str, expected: str) -> None:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state, fail_mode=f'"{mode}"', **{"workers.processes": "0",
                                                                         "scan.timeout": "1.0"}))
    proc.start()
    try:
        r = check_legacy(proc.tcp, SPAM, ENV)
        assert r.action == expected
        assert _held(state) == []
        assert "fail_mode_" + mode in proc.log()
    finally:
        proc.stop()


def test_worker_killed_mid_scan_loses_nothing(serve: ServeProcess) -> None:
    """A worker frozen with the job queued, then SIGKILLed: the restarted worker answers in time."""
    deadline = time.monotonic() + 20
    while not serve.worker_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    (victim,) = serve.worker_pids()
    os.kill(victim, signal.SIGSTOP)
    result: list[ScanReply] = []
    t = threading.Thread(target=lambda: result.append(check_legacy(serve.tcp, SPAM, ENV)))
    t.start()
    client = redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))
    queued = time.monotonic() + 10
    while not client.hlen("mailward:scan.msgs"):  # the job is in Redis; the frozen worker cannot take it
        assert time.monotonic() < queued, "the gateway never enqueued the scan"
        time.sleep(0.01)
    os.kill(victim, signal.SIGKILL)
    t.join(30)
    assert result, "gateway never answered"
    r = result[0]
    # Either the restarted worker scanned it within scan.timeout (quarantined once), or the gateway applied the
    # fail mode; in both cases nothing is lost and nothing is stored twice.
    held = _held(serve.state_dir)
    if r.action == "quarantine":
        assert len(held) == 1
    else:
        assert r.action == "unscanned" and held == []
    wait = time.monotonic() + 20
    while victim in serve.worker_pids() or not serve.worker_pids():
        assert time.monotonic() < wait, "worker was not restarted"
        time.sleep(0.05)
    assert check_legacy(serve.tcp, SPAM, ENV).action == "quarantine"


def test_sigterm_stops_everything(tmp_path: Path) -> None:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state))
    proc.start()
    children = proc.child_pids()
    assert len(children) >= 3  # redis + worker + api (gunicorn master and its workers)
    assert proc.stop() == 0
    assert proc.leftover == []
    assert not (state / "serve.json").exists()
    assert (state / "redis" / "appendonlydir").is_dir()  # the private Redis keeps an append-only file


def test_oversize_follows_setting(tmp_path: Path) -> None:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state, **{"scan.max_message_bytes": "1000", "scan.oversize_action": '"reject"'}))
    proc.start()
    try:
        big = SPAM + b"x" * 5000
        assert check_legacy(proc.tcp, big, ENV).action == "reject"
        assert check_legacy(proc.tcp, SPAM[:900], ENV).action == "quarantine"
    finally:
        proc.stop()


def test_redis_frozen_then_back(serve: ServeProcess) -> None:
    """Redis stops answering: the gateway applies the fail mode (open) instead of hanging; then recovers."""
    redis_pid = next(p for p in serve.child_pids()
                     if b"redis-server" in Path(f"/proc/{p}/cmdline").read_bytes())
    os.kill(redis_pid, signal.SIGSTOP)
    try:
        r = check_legacy(serve.tcp, SPAM, ENV, timeout=30)
        assert r.action == "unscanned"
    finally:
        os.kill(redis_pid, signal.SIGCONT)
    assert check_legacy(serve.tcp, SPAM, ENV).action == "quarantine"


def test_redis_killed_is_ridden_through_within_the_deadline(tmp_path: Path) -> None:
    """The private Redis dies (SIGKILL) just as a message comes in: serve restarts it, and the gateway, which
    could not even connect, retries within the scan deadline instead of applying the fail mode (issue 15 item 5).
    The product's default deadline (15 s), not this module's short one: a loaded machine needs more than 4 s to
    restart Redis and reconnect the worker, and the test is about retrying, not about how fast that is."""
    state = tmp_path / "state"
    serve = ServeProcess(state, _toml(state, **{"scan.timeout": "15.0"}))
    serve.start()
    try:
        assert check_legacy(serve.tcp, SPAM, ENV).action == "quarantine"  # warm
        redis_pid = next(p for p in serve.child_pids()
                         if b"redis-server" in Path(f"/proc/{p}/cmdline").read_bytes())
        os.kill(redis_pid, signal.SIGKILL)
        r = check_legacy(serve.tcp, SPAM, ENV, timeout=40)
        assert r.action == "quarantine", (r.action, serve.log()[-2000:])
        assert "private redis-server died; restarting it" in serve.log()
    finally:
        serve.stop()


def test_blocked_account_is_rejected(serve: ServeProcess) -> None:
    client = redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))
    store = QuarantineStore(serve.state_dir / "quarantine", client, default_limit_bytes=10**8,
                            default_releases_limit=5)
    store.set_account("root", state=AccountState.BLOCK)  # no cPanel files here: the sender falls back to root
    r = check_legacy(serve.tcp, CLEAN, ENV)
    assert r.action == "reject"
    assert "blocked" in " ".join(r.lines)


def _ping_as_nobody(address: str) -> str:
    host, _, port = address.rpartition(":")
    script = f'exec 3<>/dev/tcp/{host}/{port}; printf "PING RSPAMC/1.3\\r\\n\\r\\n" >&3; cat <&3'
    out = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", script],
                         capture_output=True, text=True, timeout=30)
    return out.stdout


def test_local_user_not_allowed_is_refused(serve: ServeProcess) -> None:
    """A local user (here nobody) cannot use the gateway to plant mail in a quarantine; root and Exim can."""
    assert "EX_ERROR" in _ping_as_nobody(serve.tcp)
    assert "refused scan request from uid=65534" in serve.log()
    assert check_legacy(serve.tcp, SPAM, ENV).action == "quarantine"  # this test runs as root


def test_any_local_user_when_configured(tmp_path: Path) -> None:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state, **{"scan.allowed_users": '["*"]'}))
    proc.start()
    try:
        assert "PONG" in _ping_as_nobody(proc.tcp)
    finally:
        proc.stop()
