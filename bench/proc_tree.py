"""CPU time and memory of whole process trees, read from /proc: what a bench charges a service with.

A tree is a root process and every process descended from it (children of children included). /proc lists
processes, not threads, and a process's stat line already sums all its threads: each thread is counted once. A
child that exited and was reaped has its time in its parent's cutime/cstime, so a tree's total only grows, even
when a supervisor restarts its children.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class ProcInfo:
    """One process as /proc/<pid>/stat tells it."""

    pid: int
    ppid: int
    ticks: int  # utime + stime + cutime + cstime
    comm: str


#: Names a process's role for a breakdown: (pid, its stat) -> role.
RoleOf = Callable[[int, ProcInfo], str]


def read_stat(pid: int) -> ProcInfo | None:
    """One process's stat line; None if it is gone (or not readable)."""
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = data[data.index("(") + 1:data.rindex(")")]
    f = data[data.rindex(")") + 2:].split()  # f[i] is field i+3 of proc(5)
    if f[0] == "Z":
        return None  # a zombie's time is not its parent's yet, and not its own any more: counted once reaped
    return ProcInfo(pid, int(f[1]), sum(int(x) for x in f[11:15]), comm)


def all_processes() -> dict[int, ProcInfo]:
    """Every live process on the host."""
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            info = read_stat(int(name))
            if info is not None:
                out[info.pid] = info
    return out


def tree(roots: Iterable[int], procs: dict[int, ProcInfo] | None = None) -> dict[int, ProcInfo]:
    """The roots and all their descendants."""
    procs = all_processes() if procs is None else procs
    children: dict[int, list[int]] = {}
    for p in procs.values():
        children.setdefault(p.ppid, []).append(p.pid)
    out: dict[int, ProcInfo] = {}
    todo = [r for r in roots if r in procs]
    while todo:
        pid = todo.pop()
        if pid in out:
            continue
        out[pid] = procs[pid]
        todo.extend(children.get(pid, ()))
    return out


def cmdline(pid: int) -> str:
    """A process's command line, spaces between arguments ("" if gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


@dataclass(slots=True)
class TreeSnapshot:
    """CPU ticks of every process of some trees at one moment, with each process's role."""

    ticks: dict[int, int] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)


def snapshot(roots: Iterable[int], role: RoleOf = lambda pid, info: info.comm) -> TreeSnapshot:
    """CPU ticks of the trees under roots; role(pid, info) names each process's role for the breakdown."""
    snap = TreeSnapshot()
    for pid, info in tree(roots).items():
        snap.ticks[pid] = info.ticks
        snap.roles[pid] = role(pid, info)
    return snap


def cpu_ms(before: TreeSnapshot, after: TreeSnapshot) -> tuple[float, dict[str, float]]:
    """CPU ms the trees used between two snapshots, in all and by role.

    A process that appeared meanwhile counts from zero; one that exited and was reaped meanwhile is in its
    parent's cutime/cstime, with the ticks it had before the first snapshot counted again (only a restart during
    a run does that, and the benches report restarts).
    """
    roles: dict[str, float] = {}
    for pid, t in after.ticks.items():
        delta = t - before.ticks.get(pid, 0)
        role = after.roles[pid]
        roles[role] = roles.get(role, 0.0) + delta * 1000.0 / CLK_TCK
    return sum(roles.values()), dict(sorted(roles.items()))


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB ({} if it is gone)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(value.split()[0])
    except OSError:
        return {}
    return out


def tree_memory(roots: Iterable[int], role: RoleOf = lambda pid, info: info.comm) -> dict[str, dict[str, float]]:
    """Per role: the sum of the processes' resident memory now and the largest peak of one process, in MiB."""
    out: dict[str, dict[str, float]] = {}
    for pid, info in tree(roots).items():
        mem = memory_kib(pid)
        r = out.setdefault(role(pid, info), {"rss_mib": 0.0, "max_hwm_mib": 0.0, "processes": 0})
        r["rss_mib"] += mem.get("VmRSS", 0) / 1024
        r["max_hwm_mib"] = max(r["max_hwm_mib"], mem.get("VmHWM", 0) / 1024)
        r["processes"] += 1
    return out


def py_spy() -> str:
    """The venv's py-spy (for a bench's --py-spy option); SystemExit with what to do when it is not installed."""
    path = Path(sys.executable).with_name("py-spy")
    if not path.is_file():
        raise SystemExit(f"--py-spy needs py-spy in this venv, which has none: {path.parent}/pip install py-spy")
    return str(path)
