"""`mailward serve` under systemd's protocol: READY=1 once it answers, SIGHUP (systemctl reload) re-reads the settings
file into new workers (a file that does not load is refused and the service goes on), STOPPING=1 on SIGTERM."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.models import Envelope
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
SPAM = (b"From: Alice <alice@shop.example>\r\nTo: bob@example.net\r\nSubject: test\r\n"
        b"Message-ID: <1@shop.example>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n" + GTUBE.encode() + b"\r\n")
ENV = Envelope(sender="alice@shop.example", recipients=["bob@example.net"], user="alice@shop.example")


def settings_text(state: Path, gtube: int) -> str:
    return (f'[scan]\nlisten = ["127.0.0.1:0"]\ntimeout = 6.0\n[workers]\nprocesses = 2\nthreads = 2\n'
            f"[scores]\nGTUBE = {gtube}\n")


class NotifySocket:
    """The datagram socket systemd would listen on (NOTIFY_SOCKET)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.2)
        self.seen: list[str] = []

    def wait_for(self, field: str, timeout: float = 60.0) -> list[str]:
        """Messages received until one holds field (e.g. READY=1); AssertionError at the deadline."""
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self.sock.recv(4096).decode()
            except TimeoutError:
                continue
            got.append(msg)
            self.seen.append(msg)
            if field in msg.split("\n"):
                return got
        raise AssertionError(f"no {field} within {timeout:g}s; got {got}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ServeProcess, NotifySocket]]:
    notify = NotifySocket(tmp_path / "notify.sock")
    state = tmp_path / "state"
    proc = ServeProcess(state, settings_text(state, 1000), env={"NOTIFY_SOCKET": str(notify.path)})
    try:
        proc.start()
        yield proc, notify
    finally:
        proc.stop()
        notify.sock.close()


def score(proc: ServeProcess) -> float:
    return check_legacy(proc.tcp, SPAM, ENV).score


def wait_score(proc: ServeProcess, want: float, timeout: float = 30.0) -> float:
    deadline = time.monotonic() + timeout
    got = score(proc)
    while got != want and time.monotonic() < deadline:
        time.sleep(0.2)
        got = score(proc)
    return got


def test_ready_reload_and_stop_follow_systemds_protocol(served: tuple[ServeProcess, NotifySocket]) -> None:
    proc, notify = served
    notify.wait_for("READY=1")
    assert proc.state_dir.joinpath("serve.json").exists()  # READY=1 comes once serve.json is written
    rest = score(proc) - 1000  # the other symbols' part of the score
    assert rest < 100
    workers_before = set(proc.worker_pids())
    main_pid = proc.proc.pid  # type: ignore[union-attr]

    proc.config.write_text(settings_text(proc.state_dir, 555))
    proc.proc.send_signal(1)  # type: ignore[union-attr]  # SIGHUP, what ExecReload sends
    msgs = notify.wait_for("READY=1")
    assert any("RELOADING=1" in m for m in msgs)
    assert wait_score(proc, 555 + rest) == 555 + rest
    assert proc.proc.pid == main_pid and proc.proc.poll() is None  # type: ignore[union-attr]
    assert not workers_before & set(proc.worker_pids())  # every worker was replaced

    # a settings file that no longer loads is refused: the service goes on with what it had
    proc.config.write_text("[scores]\nGTUBE = 'not a number'\n[nonsense\n")
    proc.proc.send_signal(1)  # type: ignore[union-attr]
    notify.wait_for("READY=1")
    assert "reload refused" in proc.log()
    assert score(proc) == 555 + rest and proc.proc.poll() is None  # type: ignore[union-attr]

    assert proc.stop() == 0
    notify.wait_for("STOPPING=1", timeout=5)
