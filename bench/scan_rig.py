"""What the scan benches share (bench.scan, bench.incoming, bench.compare): the bench account, serve's settings
and readiness, progress on stderr, serve log problems, and a JSON-safe report.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from core.models import Action, Envelope
from workers.exim_lab import poll
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

ACCOUNT, ACCOUNT_DOMAIN = "shopuser", "example.com"  # the lab's first SMTP user is alice@example.com
CLIENT_HELO = "client.bench.test"
EXIM_SPAMD_TIMEOUT = 30  # Exim's tmo=, as core/defaults.toml's exim.spamd_timeout
LOG_PROBLEM = re.compile(r" (WARNING|ERROR|CRITICAL) |exited with")


def say(text: str) -> None:
    """Progress and notes go to stderr; stdout holds only the report."""
    print(text, file=sys.stderr, flush=True)


class Progress:
    """Thread-safe counter that reports on stderr at most every interval seconds."""

    def __init__(self, what: str, total: int, interval: float = 3.0) -> None:
        self.what, self.total, self.interval = what, total, interval
        self.done = 0
        self.started = self.last = time.monotonic()
        self.lock = threading.Lock()

    def step(self, n: int = 1) -> None:
        with self.lock:
            self.done += n
            now = time.monotonic()
            if now - self.last < self.interval and self.done < self.total:
                return
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            say(f"  {self.what}: {self.done}/{self.total} ({rate:.0f}/s)")


def lab_base_dir(prefix: str) -> Path:
    """A fresh directory under /tmp that Debian-exim can traverse (as tests/functional/conftest.lab_dir)."""
    path = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    os.chmod(path, 0o755)
    return Path(path)


def smtp_payload(raw: bytes) -> bytes:
    """What smtplib's data() puts on the wire: CRLF line ends, dot-stuffing, the final dot line."""
    q = re.sub(rb"\r\n|\n|\r", b"\r\n", raw)
    q = re.sub(rb"(?m)^\.", b"..", q)
    if not q.endswith(b"\r\n"):
        q += b"\r\n"
    return q + b".\r\n"


def serve_toml(cpanel_root: Path, processes: int, threads: int) -> str:
    """mailward serve settings: a loopback TCP listener, the worker pool, a cPanel tree for attribution."""
    return (f'[scan]\nlisten = ["127.0.0.1:0"]\n[workers]\nprocesses = {processes}\nthreads = {threads}\n'
            f'[cpanel]\nroot = "{cpanel_root}"\n')


def wait_serve_ready(serve: ServeProcess, processes: int, sender: str, rcpt: str, timeout: float = 60.0) -> None:
    """Poll until every worker logged `ready` and a probe scan gets a worker's verdict (not fail mode)."""
    needles = [f"worker {i} ready" for i in range(processes)]
    poll(lambda: all(n in serve.log() for n in needles), timeout, f"{processes} worker(s) ready in serve's log")
    probe = (b"From: <probe@example.com>\r\nTo: <x@example.net>\r\nSubject: probe\r\n"
             b"Message-ID: <probe@bench>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\nprobe\r\n")
    env = Envelope(sender=sender, recipients=[rcpt], user=sender, ip="127.0.0.1", helo=CLIENT_HELO)
    poll(lambda: check_legacy(serve.tcp, probe, env).action != Action.UNSCANNED.value, timeout,
         "a probe scan answered by a worker", interval=0.2)


def json_safe(obj: Any) -> Any:
    """The report with NaN turned into null (json.dumps would write NaN, which is not JSON)."""
    if isinstance(obj, float):
        return None if obj != obj else round(obj, 3)
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [json_safe(v) for v in obj]
    return obj


def serve_log_problems(text: str, limit: int = 8) -> list[str]:
    """Distinct warnings/errors of serve's log with counts; a traceback is named by its exception line."""
    seen: Counter[str] = Counter()
    first: dict[str, str] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            # the exception line is the first one after the indented frames
            exc = next((ln for ln in lines[i + 1:] if ln and not ln[0].isspace()), "?")
            body = f"traceback: {exc}"
        elif LOG_PROBLEM.search(line):
            body = line.split(" ", 2)[-1] if line[:4].isdigit() else line  # drop the date and time
        else:
            continue
        key = re.sub(r"<[^<>]* object at 0x[0-9a-f]+>", "<obj>", body)  # same event, other object
        key = re.sub(r"'[^']*'|0x[0-9a-f]+|\d+", "_", key)[:160]
        seen[key] += 1
        first.setdefault(key, body[:240])
    return [f"serve log ({n}x): {first[k]}" for k, n in seen.most_common(limit)]
