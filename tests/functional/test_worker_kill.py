"""A worker killed in the middle of a scan costs one retry on another worker, not the gateway's deadline (issue 15.3).

The scan is held in the middle deterministically by a stand-in clamd that keeps one chosen connection unanswered;
the worker that took the job is the one whose Dramatiq ack set holds it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import socketserver
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.fake_engines import read_instream
from tests.functional.test_serve import ENV, SPAM
from workers.broker import consumer_id
from workers.scan_client import ScanReply, check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

#: The gateway's deadline here; well above a retry's cost, well below Dramatiq's heartbeat timeout (15 s).
SCAN_TIMEOUT_S = 8.0


class HoldingClamd(socketserver.ThreadingTCPServer):
    """A clamd that answers `stream: OK`, except that once armed it holds the next scan until released."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ClamdHandler)
        self.armed = threading.Event()
        self.holding = threading.Event()  # a scan is held: its worker is in the middle of it
        self.release = threading.Event()
        self.answered = 0
        self.held_peer = 0  # the held connection's client port
        self._lock = threading.Lock()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def take_hold(self) -> bool:
        """Whether this connection is the one to hold (the first after arming)."""
        with self._lock:
            if not self.armed.is_set():
                return False
            self.armed.clear()
            return True


class _ClamdHandler(socketserver.BaseRequestHandler):
    server: HoldingClamd

    def handle(self) -> None:
        try:
            read_instream(self.request)
            if self.server.take_hold():
                self.server.held_peer = self.client_address[1]
                self.server.holding.set()
                self.server.release.wait(60)
            self.request.sendall(b"stream: OK\0")
            self.server.answered += 1
        except OSError:
            pass  # the worker was killed while we held its scan


@pytest.fixture
def clamd() -> Iterator[HoldingClamd]:
    server = HoldingClamd()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def serve(tmp_path: Path, clamd: HoldingClamd) -> Iterator[ServeProcess]:
    state = tmp_path / "state"
    toml = (f'[scan]\nlisten = ["127.0.0.1:0"]\ntimeout = {SCAN_TIMEOUT_S}\ntime_budget_ms = 30000\n'
            '[workers]\nprocesses = 2\nthreads = 2\n'
            f'[engines.clamav]\nenabled = true\naddress = "{clamd.address}"\ntimeout_ms = 30000\n')
    proc = ServeProcess(state, toml)
    proc.start()
    yield proc
    proc.stop()


def _two_workers(serve: ServeProcess, timeout: float = 20.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while len(pids := serve.worker_pids()) != 2:
        assert time.monotonic() < deadline, f"workers not running: {pids}\n{serve.log()[-3000:]}"
        time.sleep(0.05)
    return pids


def _held(state: Path) -> list[Path]:
    return sorted((state / "quarantine").glob("*/*.eml"))


def _scan_in_background(serve: ServeProcess) -> tuple[threading.Thread, list[ScanReply], list[float]]:
    replies: list[ScanReply] = []
    answered_at: list[float] = []

    def scan() -> None:
        replies.append(check_legacy(serve.tcp, SPAM, ENV, timeout=60))
        answered_at.append(time.monotonic())

    t = threading.Thread(target=scan)
    t.start()
    return t, replies, answered_at


def _worker_holding_the_job(client: redis.Redis, pids: list[int]) -> int:
    host = socket.gethostname()
    holders = [pid for pid in pids if client.scard(f"mailward:__acks__.{consumer_id(host, pid)}.scan")]
    assert len(holders) == 1, holders
    return holders[0]


def _worker_connected_from(port: int) -> int:
    """The pid of the process whose TCP connection has this local port (the worker in the held scan)."""
    out = subprocess.run(["ss", "-Htnp", "state", "established", f"( sport = :{port} )"], capture_output=True,
                         text=True, check=True).stdout
    (pid,) = {int(p) for p in re.findall(r"pid=(\d+)", out)}
    return pid


def _warm(serve: ServeProcess, clamd: HoldingClamd) -> redis.Redis:
    pids = _two_workers(serve)
    for _ in range(4):  # both workers have started and scan (clamd answers every scan until armed)
        assert check_legacy(serve.tcp, SPAM, ENV).action == "quarantine"
    assert clamd.answered >= 4, "the scan never asked clamd: the test would not hold anything"
    for path in _held(serve.state_dir):
        path.unlink()
    assert serve.worker_pids() == pids
    return redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))


def test_worker_killed_mid_scan_is_retried_on_another_worker(serve: ServeProcess, clamd: HoldingClamd) -> None:
    _warm(serve, clamd)
    pids = _two_workers(serve)
    clamd.armed.set()
    t, replies, answered_at = _scan_in_background(serve)
    assert clamd.holding.wait(10), "no worker took the scan"
    victim = _worker_connected_from(clamd.held_peer)
    assert victim in pids
    killed = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    t.join(30)
    assert replies, "gateway never answered"
    # A real verdict from the surviving worker, not the fail mode after the deadline.
    assert replies[0].action == "quarantine", (replies[0].action, serve.log()[-3000:])
    assert answered_at[0] - killed < SCAN_TIMEOUT_S / 2
    assert len(_held(serve.state_dir)) == 1  # scanned once: the dead worker never got as far as holding it
    assert "requeued 1 unacknowledged job(s) of dead worker" in serve.log()
    # The supervisor restarts the dead worker quickly, since the other one was healthy throughout.
    deadline = time.monotonic() + 10
    while victim in (pids := serve.worker_pids()) or len(pids) != 2:
        assert time.monotonic() < deadline, f"worker not restarted: {pids}\n{serve.log()[-3000:]}"
        time.sleep(0.05)
    assert "restarting in 0.5s" in serve.log()
    assert check_legacy(serve.tcp, SPAM, ENV).action == "quarantine"


def test_a_stalled_worker_keeps_its_job(serve: ServeProcess, clamd: HoldingClamd) -> None:
    """Only an exit frees a job: a stopped (slow) worker's scan is not run a second time elsewhere."""
    client = _warm(serve, clamd)
    pids = _two_workers(serve)
    clamd.armed.set()
    t, replies, _ = _scan_in_background(serve)
    assert clamd.holding.wait(10), "no worker took the scan"
    slow = _worker_holding_the_job(client, pids)
    assert slow == _worker_connected_from(clamd.held_peer)  # the supervisor can name a worker's jobs by its pid
    os.kill(slow, signal.SIGSTOP)
    try:
        time.sleep(2.0)  # the supervisor ticks a few times meanwhile
        assert client.llen("mailward:scan") == 0
        assert _worker_holding_the_job(client, pids) == slow
    finally:
        os.kill(slow, signal.SIGCONT)
    clamd.release.set()
    t.join(30)
    assert replies and replies[0].action == "quarantine"
    assert len(_held(serve.state_dir)) == 1
    assert "unacknowledged job" not in serve.log()
    assert serve.worker_pids() == pids
