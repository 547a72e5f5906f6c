"""Pieces the fault benches share (bench.worker_kills, bench.faults): a slow stand-in clamd that keeps scans in
flight, the processes of a `mailward serve` tree to kill, and figures read from serve's log."""

from __future__ import annotations

import os
import re
import signal
import socketserver
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from tests.fake_engines import read_instream
from workers.serve_process import ServeProcess

GTUBE = b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


class SlowClamd(socketserver.ThreadingTCPServer):
    """A clamd that answers every INSTREAM with `stream: OK` after a fixed delay (so kills land mid-scan)."""

    daemon_threads = True

    def __init__(self, delay_s: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.delay_s = delay_s

    def start(self) -> SlowClamd:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def engine_toml(self, delay_ms: int) -> str:
        """The [engines.clamav] section pointing serve at this clamd ("" when there is no delay)."""
        if delay_ms <= 0:
            return ""
        return (f'[engines.clamav]\nenabled = true\naddress = "127.0.0.1:{self.server_address[1]}"\n'
                f"timeout_ms = {delay_ms + 5000}\n")


class _Handler(socketserver.BaseRequestHandler):
    server: SlowClamd

    def handle(self) -> None:
        try:
            read_instream(self.request)
            time.sleep(self.server.delay_s)
            self.request.sendall(b"stream: OK\0")
        except OSError:
            pass  # its worker was killed


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def cmdline(pid: int) -> bytes:
    """A process's NUL-separated command line (b"" once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def redis_pids(serve: ServeProcess) -> list[int]:
    """serve's private redis-server processes."""
    return [p for p in serve.child_pids() if cmdline(p).split(b"\0")[0].split(b" ")[0].endswith(b"redis-server")]


def kill_and_restart(serve: ServeProcess, toml: str, env: dict[str, str] | None = None) -> ServeProcess:
    """SIGKILL the whole serve tree at once (gateway, workers, API, Redis), then start a new serve on the same state
    dir: scans in flight see their connection break (Exim's fail mode answers them); none may be held afterwards."""
    assert serve.proc is not None
    os.killpg(serve.proc.pid, signal.SIGKILL)
    serve.stop()
    fresh = ServeProcess(serve.state_dir, toml, env=env, wrap=serve.wrap)
    fresh.start()
    return fresh


def tree_rss_mb(serve: ServeProcess) -> float:
    """Resident memory of serve and every process in its session, in MiB."""
    assert serve.proc is not None
    total = 0
    for pid in [serve.proc.pid, *serve.child_pids()]:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


_LOG_TIME = r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})"


def redis_restart_ms(log: str) -> list[float]:
    """From serve's log: how long each private Redis restart took, from 'died' to the new server's ready line."""

    def when(stamp: str) -> float:
        return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp()

    events = re.findall(_LOG_TIME + r".*?(private redis-server died|private redis-server pid=)", log)
    out, died = [], None
    for stamp, what in events:
        if what.endswith("died"):
            died = when(stamp)
        elif died is not None:
            out.append((when(stamp) - died) * 1000)
            died = None
    return out
