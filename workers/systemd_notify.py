"""systemd's readiness protocol (sd_notify): tell the service manager when `mailward serve` is ready, reloading or
stopping. A no-op when not started by systemd (no NOTIFY_SOCKET)."""

from __future__ import annotations

import logging
import os
import socket
import time

log = logging.getLogger("mailward.serve")


class Notifier:
    """The NOTIFY_SOCKET systemd gave this process (taken out of the environment, so no child inherits it)."""

    def __init__(self, address: str | None) -> None:
        self.address = address

    @classmethod
    def from_environ(cls) -> Notifier:
        """Take NOTIFY_SOCKET out of os.environ: the workers, gunicorn and redis-server must not speak for serve."""
        return cls(os.environ.pop("NOTIFY_SOCKET", None) or None)

    def send(self, *fields: str) -> bool:
        """Send KEY=VALUE lines (READY=1, RELOADING=1, STOPPING=1, STATUS=...); False if there is no manager."""
        if not self.address:
            return False
        addr = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.connect(addr)
                sock.sendall("\n".join(fields).encode())
        except OSError as exc:
            log.warning("cannot notify systemd at %s: %s", self.address, exc)
            return False
        return True

    def ready(self, status: str = "") -> bool:
        return self.send("READY=1", *([f"STATUS={status}"] if status else []))

    def reloading(self) -> bool:
        return self.send("RELOADING=1", f"MONOTONIC_USEC={time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000}")

    def stopping(self) -> bool:
        return self.send("STOPPING=1")
