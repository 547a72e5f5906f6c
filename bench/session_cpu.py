"""CPU ticks of every process in one session (mailward serve leads its own), read from /proc.

A child that died and was reaped by a parent in the session has its time in that parent's cutime/cstime, so a
session's total only grows, even across restarts. Roles name serve's processes for a breakdown.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return data[data.rindex(")") + 2:].split()  # index i holds field i+3 of proc(5)


def _role(pid: int, serve_pid: int) -> str:
    if pid == serve_pid:
        return "serve+gateway"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "other"
    if "workers.worker_process" in cmd:
        return "workers"
    if "redis-server" in cmd:
        return "redis"
    if "gunicorn" in cmd:
        return "api"
    return "other"


@dataclass(slots=True)
class CpuSnapshot:
    """CPU ticks (own + reaped children) of every process in a session, by pid, with its role."""

    ticks: dict[int, int] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)

    def by_role(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for pid, t in self.ticks.items():
            out[self.roles[pid]] += t
        return out


def session_cpu(sid: int) -> CpuSnapshot:
    """utime+stime+cutime+cstime of every live process whose session is sid.

    A child that died and was reaped by a parent in the session has its time in that parent's cutime/cstime,
    so the sum only grows, even across restarts (the supervisor reaps and restarts its children).
    """
    snap = CpuSnapshot()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        f = _stat_fields(pid)
        if f is None or int(f[3]) != sid:  # field 6: session
            continue
        snap.ticks[pid] = sum(int(x) for x in f[11:15])  # fields 14-17: utime stime cutime cstime
        snap.roles[pid] = _role(pid, sid)
    return snap


def cpu_delta_ms(before: CpuSnapshot, after: CpuSnapshot) -> tuple[float, dict[str, float]]:
    """Total CPU ms used by the session between two snapshots, and per role."""
    b, a = before.by_role(), after.by_role()
    roles = {r: (a[r] - b[r]) * 1000.0 / CLK_TCK for r in sorted(set(a) | set(b))}
    return sum(roles.values()), roles
