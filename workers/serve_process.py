"""Run a real `mailward serve` as a subprocess (tests, bench, demo) and always clean it up."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from workers.service import READY_FILE


class ServeProcess:
    """`mailward serve` with a private state dir and a TOML file written from keyword settings."""

    def __init__(self, state_dir: Path, toml: str = "", env: dict[str, str] | None = None,
                 wrap: Sequence[str] = ()) -> None:
        """wrap: an argv prefix that execs the rest (e.g. EximLab.namespace_argv() so releases reach a lab Exim)."""
        self.state_dir = state_dir
        self.wrap = list(wrap)
        self.config = state_dir.parent / f"{state_dir.name}.toml"
        self.config.write_text(toml)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MAILWARD_")}
        self.env.update(env or {})
        self.proc: subprocess.Popen | None = None
        self.info: dict = {}
        self.log_path = state_dir.parent / f"{state_dir.name}.log"
        self.leftover: list[int] = []

    def start(self, timeout: float = 60.0) -> dict:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        # a serve killed before it could clean up leaves its ready file: never take that one for this start's
        (self.state_dir / READY_FILE).unlink(missing_ok=True)
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [*self.wrap, sys.executable, "-m", "workers.service_cli", "serve", "--state-dir", str(self.state_dir),
             "--config", str(self.config)], env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        ready = self.state_dir / READY_FILE
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mailward serve exited with {self.proc.returncode}:\n{self.log()}")
            if ready.exists():
                self.info = json.loads(ready.read_text())
                return self.info
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"mailward serve not ready within {timeout:g}s:\n{self.log()}")

    @property
    def tcp(self) -> str:
        return next(a for a in self.info["scan"] if not a.startswith("/"))

    @staticmethod
    def _session_pids(sid: int) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--sid", str(sid)], capture_output=True, text=True)
        return [int(x) for x in out.stdout.split() if int(x) != sid]

    def child_pids(self) -> list[int]:
        """PIDs of processes in serve's session (its workers, API, Redis)."""
        assert self.proc is not None
        return self._session_pids(self.proc.pid)

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-f", "workers.worker_process", "-s", str(self.proc.pid)],  # type: ignore[union-attr]
                             capture_output=True, text=True)
        return [int(x) for x in out.stdout.split()]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 40.0) -> int | None:
        """SIGTERM and wait; SIGKILL the whole session if it hangs. Returns serve's exit code."""
        if self.proc is None:
            return None
        code = self.proc.poll()
        if code is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                code = self.proc.wait()
        self.leftover = self._session_pids(self.proc.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # anything left in the session
        self._log.close()
        self.proc = None
        return code
