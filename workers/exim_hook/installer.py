"""What every layout's installer shares: plan -> backup -> write -> check -> (restore on failure) -> reload.

A layout (debian.py, cpanel.py) says which files enable and disable would write (a Plan); Installer backs them up,
writes them atomically, runs the layout's check and restores the backup if anything fails. Imports only params.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workers.exim_hook.params import INCOMING_STATE, INCOMING_STATE_TEXT, EximHookError, HookParams


@dataclass(slots=True)
class HookResult:
    """What enable/disable did."""

    layout: str
    action: str
    changed: list[str] = field(default_factory=list)
    backup_dir: str = ""
    reloaded: bool = False
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"layout": self.layout, "action": self.action, "changed": list(self.changed),
                "backup_dir": self.backup_dir, "reloaded": self.reloaded, "notes": list(self.notes)}


@dataclass(slots=True)
class HookStatus:
    """Whether the hook is installed, active and consistent."""

    layout: str
    installed: bool
    active: bool
    consistent: bool
    parts: dict[str, bool] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    incoming: bool = False  # incoming filtration switched on (ie-config enable-incoming)

    def to_dict(self) -> dict[str, Any]:
        return {"layout": self.layout, "installed": self.installed, "active": self.active,
                "consistent": self.consistent, "parts": dict(self.parts), "problems": list(self.problems),
                "incoming": self.incoming}


Plan = dict[Path, str | None]  # path -> wanted text, or None to remove the file
Runner = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]


def run_command(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run argv (never through a shell), capturing text output."""
    return subprocess.run(list(argv), capture_output=True, text=True, check=False, timeout=300)


def read_file(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, mode)
        if path.exists():
            st = path.stat()
            os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fail_text(proc: subprocess.CompletedProcess[str]) -> str:
    text = (proc.stderr or proc.stdout or "").strip().splitlines()
    return text[-1] if text else f"exit code {proc.returncode}"


class Installer:
    """Shared machinery: plan -> backup -> write -> check -> (restore on failure) -> reload."""

    layout = ""

    def __init__(self, root: str | Path = "/", *, exim_binary: str = "/usr/sbin/exim",
                 backup_dir: str | Path | None = None, runner: Runner = run_command) -> None:
        self.root = Path(root)
        self.exim_binary = exim_binary
        self.backup_root = Path(backup_dir) if backup_dir else self.path("var/backups/mailward")
        self.run = runner
        self.incoming_state = self.path(INCOMING_STATE)

    def incoming_on(self) -> bool:
        """Whether incoming filtration is switched on (enable-incoming wrote the state file)."""
        return self.incoming_state.exists()

    def _incoming_text(self, params: HookParams | None) -> str | None:
        if params is None or not params.incoming_addresses:
            return None
        return INCOMING_STATE_TEXT

    def forget_incoming(self) -> HookResult:
        """Remove the incoming state file alone (the hook is not installed, so nothing else carries it)."""
        result = HookResult(self.layout, "disable-incoming")
        if not self._apply({self.incoming_state: None}, result, lambda: None):
            result.notes.append("incoming filtration is off: nothing changed")
        return result

    def _status(self, parts: dict[str, bool], active: bool, inactive_problem: str, params: HookParams | None,
                plan: Callable[[HookParams], Plan]) -> HookStatus:
        """The verdict both layouts share: partly installed, installed but not active (or the reverse), installed
        with other settings than params (plan: what enable would write), incoming switched on without the hook."""
        installed = all(parts.values())
        problems = []
        if any(parts.values()) and not installed:
            problems.append("partly installed: " + ", ".join(p for p, ok in parts.items() if not ok) + " missing")
        if installed != active:
            problems.append(inactive_problem)
        if installed and params is not None:
            try:
                stale = [str(p) for p, t in plan(params).items() if read_file(p) != t]
            except EximHookError as exc:
                problems.append(exc.message)
            else:
                if stale:
                    problems.append("installed with other settings: " + ", ".join(stale))
        incoming = self.incoming_on()
        if incoming and not installed:
            problems.append("incoming filtration is on but the hook is not installed: run ie-config enable")
        return HookStatus(self.layout, installed, active, not problems, parts, problems, incoming)

    def path(self, rel: str) -> Path:
        """A system path under this installer's root."""
        return self.root / rel.lstrip("/")

    def _exim_check(self, conf: Path) -> None:
        proc = self.run([self.exim_binary, "-C", str(conf), "-bV"])
        if proc.returncode != 0:
            raise EximHookError(f"exim rejected the configuration {conf}: {fail_text(proc)}")

    def _backup(self, paths: Sequence[Path]) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for n in range(1000):
            bdir = self.backup_root / (stamp if n == 0 else f"{stamp}.{n}")
            try:
                bdir.mkdir(parents=True, exist_ok=False)
                break
            except FileExistsError:
                continue
        else:
            raise EximHookError(f"cannot create a backup directory under {self.backup_root}")
        absent = []
        for p in paths:
            rel = self._rel(p)
            if p.exists():
                dest = bdir / "files" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, dest)
            else:
                absent.append(str(rel))
        (bdir / "absent.txt").write_text("".join(f"{a}\n" for a in absent), encoding="utf-8")
        return bdir

    def _rel(self, p: Path) -> Path:
        return p.relative_to(self.root) if p.is_relative_to(self.root) else Path(str(p).lstrip("/"))

    def _restore(self, bdir: Path, paths: Sequence[Path]) -> None:
        absent = set((bdir / "absent.txt").read_text(encoding="utf-8").split("\n"))
        for p in paths:
            rel = self._rel(p)
            if str(rel) in absent:
                p.unlink(missing_ok=True)
            else:
                src = bdir / "files" / rel
                if src.exists():
                    shutil.copy2(src, p)

    def _apply(self, plan: Plan, result: HookResult, check: Callable[[], None],
               extra_backup: Sequence[Path] = ()) -> bool:
        changes = {p: t for p, t in plan.items() if read_file(p) != t}
        if not changes:
            return False
        touched = [*changes, *[p for p in extra_backup if p not in changes]]
        bdir = self._backup(touched)
        result.backup_dir = str(bdir)
        try:
            for p, t in changes.items():
                if t is None:
                    p.unlink(missing_ok=True)
                else:
                    write_atomic(p, t)
            check()
        except BaseException as exc:
            self._restore(bdir, touched)
            self._after_restore()
            if isinstance(exc, EximHookError):
                raise EximHookError(f"{exc.message}; the previous files were restored from {bdir}") from None
            raise
        result.changed = sorted(str(p) for p in changes)
        return True

    def _after_restore(self) -> None:
        """Regenerate whatever derived config the restored files feed (layout specific)."""
