"""Issue 15 item 1 on the real processes: the gateway's answer and the worker's effects always agree.

- A worker still scanning when the gateway gives up changes nothing: no hold, no limit count.
- A worker stopped (SIGSTOP) right after it moved a message into the quarantine: the gateway, past its deadline,
  answers with that hold instead of its fail mode.
- Jobs left in Redis by a killed `serve`: after the restart, workers drop them instead of acting on mail Exim
  already settled (its fail mode answered when the connection broke).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.identity.sender_objects import SoType, object_id
from core.models import Envelope
from core.settings import load_settings
from core.store.limits import LimitStore
from tests.fake_engines import silent_listener
from tests.functional.conftest import GTUBE, serve_quarantine, serve_redis
from workers.actors import SCAN_QUEUE
from workers.broker import NAMESPACE
from workers.exim_lab import poll
from workers.scan_client import ScanReply, check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

SPAM = (f"From: <alice@shop.example>\r\nTo: bob@example.net\r\nSubject: offer\r\nMessage-ID: <1@shop.example>\r\n"
        f"Date: Mon, 07 Dec 2026 10:00:00 +0000\r\n\r\n{GTUBE}\r\n").encode()


def _env(n: int) -> Envelope:
    return Envelope(sender="alice@shop.example", recipients=["bob@example.net"], queue_id=f"1rONCE-{n:06d}-AA",
                    user="alice@shop.example", ip="192.0.2.1")


def _toml(**values: str) -> str:
    base = {"scan.listen": '["127.0.0.1:0"]', "scan.timeout": "3.0", "scan.commit_grace": "2.0",
            "workers.processes": "1", "workers.threads": "1", **values}
    sections: dict[str, list[str]] = {}
    for key, value in base.items():
        section, _, name = key.rpartition(".")
        sections.setdefault(section, []).append(f"{name} = {value}")
    return "".join(f"[{s}]\n" + "\n".join(v) + "\n" for s, v in sections.items())


@pytest.fixture
def serves(tmp_path: Path) -> Iterator[list[ServeProcess]]:
    """Every serve a test starts (in order), stopped at teardown whatever happened."""
    started: list[ServeProcess] = []
    yield started
    for proc in started:
        proc.stop()


def _start(serves: list[ServeProcess], state: Path, **values: str) -> ServeProcess:
    proc = ServeProcess(state, _toml(**values))
    serves.append(proc)
    proc.start()
    return proc


def _account_window(serve: ServeProcess) -> int:
    """How much of its hourly limit root's account object (this unattributed mail's) has used."""
    limits = LimitStore(serve_redis(serve), load_settings(environ={}).limits)
    return limits.window_count(object_id(SoType.ACCOUNT, "root", "root"))


def _held(serve: ServeProcess) -> int:
    return serve_quarantine(serve).list(None)[1]


def test_a_worker_still_scanning_at_the_deadline_changes_nothing(tmp_path: Path,
                                                                 serves: list[ServeProcess]) -> None:
    with silent_listener() as hung:  # SpamAssassin that never answers: the scan outlives the gateway's deadline
        serve = _start(serves, tmp_path / "state", **{
            "engines.spamassassin.enabled": "true", "engines.spamassassin.address": f'"{hung}"',
            "engines.spamassassin.timeout_ms": "6000", "scan.time_budget_ms": "10000"})
        reply = check_legacy(serve.tcp, SPAM, _env(1), timeout=30)
        assert reply.action == "unscanned"  # fail open, after scan.timeout + commit grace at most
        poll(lambda: "dropped: the gateway stopped waiting" in serve.log(), 30, "the worker to finish and drop it")
    assert _held(serve) == 0  # not held behind the delivery Exim was told to make
    assert _account_window(serve) == 0  # and not counted against the sender's limits either


def test_a_worker_stopped_after_its_hold_is_answered_by_that_hold(tmp_path: Path,
                                                                  serves: list[ServeProcess]) -> None:
    serve = _start(serves, tmp_path / "state")
    (worker,) = serve.worker_pids()
    quarantine = serve.state_dir / "quarantine"
    replies: list[ScanReply] = []
    sender = threading.Thread(target=lambda: replies.append(check_legacy(serve.tcp, SPAM, _env(2), timeout=30)))
    sender.start()
    stopped = False
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not stopped:
            # the moment the message file lands in the quarantine, before the worker can post its verdict
            if quarantine.is_dir() and any(p.suffix == ".eml" for p in quarantine.rglob("*.eml")):
                os.kill(worker, signal.SIGSTOP)
                stopped = True
        assert stopped, "the worker never held the message"
        sender.join(30)
    finally:
        if stopped:
            os.kill(worker, signal.SIGCONT)
        sender.join(30)
    (reply,) = replies
    assert reply.action == "quarantine", serve.log()[-2000:]  # the hold, not the fail mode, past the deadline
    poll(lambda: _held(serve) == 1, 20, "the held message listed once the worker goes on")


def _spooled(state: Path) -> list[str]:
    spool = state / "spool"
    return sorted(p.name for p in spool.glob("*.eml")) if spool.is_dir() else []


def test_jobs_left_by_a_killed_serve_are_dropped_after_the_restart(tmp_path: Path,
                                                                   serves: list[ServeProcess]) -> None:
    state = tmp_path / "state"
    first = _start(serves, state, **{"workers.processes": "0", "scan.timeout": "20.0"})  # jobs queue up unscanned
    out: list[Any] = []
    senders = [threading.Thread(target=lambda n=n: out.append(_try_scan(first.tcp, n))) for n in range(3)]
    for t in senders:
        t.start()
    # The gateway spools a body, then enqueues its job: wait for the jobs in Redis, not only the spool files (a
    # kill between the two left fewer than three jobs, and the wait below for three skips ran out).
    queue = serve_redis(first)
    poll(lambda: len(_spooled(state)) == 3 and queue.llen(f"{NAMESPACE}:{SCAN_QUEUE}") == 3, 20,
         "three scans waiting in the spool and the queue")
    assert first.proc is not None
    os.killpg(first.proc.pid, signal.SIGKILL)  # the whole tree: gateway, API, Redis (its append-only file stays)
    for t in senders:
        t.join(30)
    assert all(isinstance(r, Exception) for r in out)  # Exim saw the connection break: its own fail mode answered
    first.stop()
    second = _start(serves, state)  # same state dir and Redis data, now with a worker
    # Each left-over job is dropped: its spool file went with the start-up sweep, or its claim lapsed.
    try:
        poll(lambda: second.log().count(" skipped: ") == 3 or _held(second) > 0, 30, "the three left-over jobs")
    except TimeoutError as exc:
        raise AssertionError(f"{exc}; spool {_spooled(state)}; serve log:\n{second.log()[-4000:]}") from None
    assert _held(second) == 0
    assert check_legacy(second.tcp, SPAM, _env(9)).action == "quarantine"  # the restarted serve scans as usual


def _try_scan(address: str, n: int) -> ScanReply | Exception:
    try:
        return check_legacy(address, SPAM, _env(n), timeout=40)
    except Exception as exc:  # the gateway died under it
        return exc
