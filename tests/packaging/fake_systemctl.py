#!/usr/bin/python3
"""A stand-in `systemctl` for a root without systemd as PID 1: it runs a unit's ExecStart the way systemd would.

Copied into the package tests' Debian root as /usr/local/bin/systemctl (with /run/systemd/system made, so the
package scripts take their systemd path). For Mailward's unit it reads the installed unit file and applies, from it:
Environment=, RuntimeDirectory=/StateDirectory= (and modes), Type=notify (a NOTIFY_SOCKET; `start` returns when
READY=1 arrives, fails if the service exits first or TimeoutStartSec passes), ExecReload= (a HUP, then waits for
READY=1), KillMode=mixed stop (SIGTERM to the main process, SIGKILL to what is left after TimeoutStopSec), and
the hardening that matters to what the service runs: ProtectSystem=strict with ReadWritePaths= (a private mount
namespace with / read-only), PrivateTmp= and CapabilityBoundingSet= (setpriv; no NoNewPrivileges, as the unit).
Other units (exim4) go to their /etc/init.d script. Not emulated: cgroups, seccomp and the Protect*/Restrict*
settings that need systemd itself. Runs under the root's python3 (standard library only).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

UNIT_DIRS = [Path("/etc/systemd/system"), Path("/lib/systemd/system"), Path("/usr/lib/systemd/system")]
STATE = Path("/run/fake-systemd")
WANTS = Path("/etc/systemd/system/multi-user.target.wants")
CAPS = {"CAP_SETUID": "setuid", "CAP_SETGID": "setgid", "CAP_CHOWN": "chown", "CAP_FOWNER": "fowner",
        "CAP_DAC_OVERRIDE": "dac_override", "CAP_KILL": "kill", "CAP_DAC_READ_SEARCH": "dac_read_search",
        "CAP_NET_BIND_SERVICE": "net_bind_service"}


def unit_file(name: str) -> Path | None:
    for d in UNIT_DIRS:
        if (d / name).is_file():
            return d / name
    return None


def parse(path: Path) -> dict[str, list[str]]:
    """Service-section keys -> every value given (in order)."""
    out: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        out.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return out


def seconds(value: str) -> float:
    return float(value.rstrip("s")) if value.rstrip("s").replace(".", "").isdigit() else 90.0


def one(cfg: dict[str, list[str]], key: str, default: str = "") -> str:
    return cfg.get(f"Service.{key}", [default])[-1]


def main_pid(name: str) -> int | None:
    try:
        pid = int((STATE / f"{name}.pid").read_text())
    except (FileNotFoundError, ValueError):
        return None
    return pid if alive(pid) else None


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie (nobody reaps here) has exited


def notify_socket(name: str) -> socket.socket:
    path = STATE / f"{name}.notify"
    path.unlink(missing_ok=True)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    return sock


def wait_ready(sock: socket.socket, pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            msg = sock.recv(4096).decode()
        except TimeoutError:
            if not alive(pid):
                return False
            continue
        if "READY=1" in msg.split("\n"):
            return True
    return False


def sandbox_script(cfg: dict[str, list[str]], argv: list[str]) -> str:
    """sh commands building the unit's mount namespace, then exec'ing argv under its capability bounding set."""
    cmds = ["set -e"]
    rw: list[str] = []
    for value in cfg.get("Service.ReadWritePaths", []):
        for p in value.split():
            optional = p.startswith("-")
            p = p.lstrip("-")
            if os.path.exists(p):
                rw.append(p)
            elif not optional:
                raise SystemExit(f"ReadWritePaths: {p} does not exist")
    if one(cfg, "ProtectSystem") == "strict":
        cmds += [f"mount --bind {shlex.quote(p)} {shlex.quote(p)}" for p in rw]
        cmds += ["mount -o remount,bind,ro /", "mount -o remount,bind,ro /run"]
    if one(cfg, "PrivateTmp") == "yes":
        cmds += ["mount -t tmpfs -o mode=1777 tmpfs /tmp", "mount -t tmpfs -o mode=1777 tmpfs /var/tmp"]
    caps = one(cfg, "CapabilityBoundingSet").split()
    setpriv = []
    if caps:
        setpriv = ["setpriv", "--bounding-set", ",".join(["-all", *(f"+{CAPS[c]}" for c in caps)]), "--"]
    cmds.append("exec " + shlex.join([*setpriv, *argv]))
    return "; ".join(cmds)


def start(name: str) -> int:
    path = unit_file(name)
    if path is None:
        print(f"Unit {name} not found.", file=sys.stderr)
        return 5
    if main_pid(name):
        return 0
    cfg = parse(path)
    STATE.mkdir(parents=True, exist_ok=True)
    for kind, base in (("RuntimeDirectory", "/run"), ("StateDirectory", "/var/lib")):
        for d in one(cfg, kind).split():
            p = Path(base) / d
            p.mkdir(parents=True, exist_ok=True)
            p.chmod(int(one(cfg, f"{kind}Mode", "0755"), 8))
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
    for value in cfg.get("Service.Environment", []):
        for item in shlex.split(value):
            k, _, v = item.partition("=")
            env[k] = v
    notify = None
    if one(cfg, "Type") == "notify":
        notify = notify_socket(name)
        env["NOTIFY_SOCKET"] = str(STATE / f"{name}.notify")
    argv = shlex.split(one(cfg, "ExecStart"))
    log = open(STATE / f"{name}.log", "ab")  # noqa: SIM115 - handed to the service
    proc = subprocess.Popen(["unshare", "--mount", "--propagation", "private", "sh", "-c", sandbox_script(cfg, argv)],
                            env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, cwd="/")
    (STATE / f"{name}.pid").write_text(str(proc.pid))
    if notify is not None and not wait_ready(notify, proc.pid, seconds(one(cfg, "TimeoutStartSec", "90"))):
        print(f"Job for {name} failed: no READY=1 (see {STATE}/{name}.log)", file=sys.stderr)
        stop(name)
        return 1
    return 0


def stop(name: str) -> int:
    path = unit_file(name)
    cfg = parse(path) if path else {}
    pid = main_pid(name)
    if pid:
        os.kill(pid, signal.SIGTERM)  # KillMode=mixed: the main process first
        deadline = time.monotonic() + seconds(one(cfg, "TimeoutStopSec", "90"))
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if alive(pid):
            print(f"{name}: stop timed out; killing", file=sys.stderr)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)  # then whatever is left of it
    (STATE / f"{name}.pid").unlink(missing_ok=True)
    for d in one(cfg, "RuntimeDirectory").split():
        subprocess.run(["rm", "-rf", f"/run/{d}"], check=False)
    return 0


def reload(name: str) -> int:
    pid = main_pid(name)
    if not pid:
        print(f"{name} is not active, cannot reload.", file=sys.stderr)
        return 1
    sock = notify_socket(name)
    os.kill(pid, signal.SIGHUP)
    return 0 if wait_ready(sock, pid, 90) else 1


def init_script(name: str, action: str) -> int:
    script = Path("/etc/init.d") / name.removesuffix(".service")
    if not script.exists():
        print(f"Unit {name} not found.", file=sys.stderr)
        return 5
    return subprocess.run([str(script), action], check=False).returncode


def main(args: list[str]) -> int:
    args = [a for a in args if not a.startswith("-")]
    if not args:
        return 0
    verb, names = args[0], [n if "." in n else f"{n}.service" for n in args[1:]]
    if verb == "daemon-reload":
        return 0
    rc = 0
    for name in names:
        ours = name == "mailward.service"
        if verb == "enable":
            WANTS.mkdir(parents=True, exist_ok=True)
            link = WANTS / name
            if not link.is_symlink() and unit_file(name):
                link.symlink_to(unit_file(name))
        elif verb == "disable":
            (WANTS / name).unlink(missing_ok=True)
        elif verb == "is-enabled":
            rc |= 0 if (WANTS / name).is_symlink() else 1
        elif verb == "is-active":
            rc |= 0 if (main_pid(name) if ours else False) else 3
        elif verb in ("start", "stop", "restart", "reload", "try-restart"):
            if not ours:
                rc |= init_script(name, verb)
            elif verb == "start":
                rc |= start(name)
            elif verb == "stop":
                rc |= stop(name)
            elif verb == "reload":
                rc |= reload(name)
            else:
                stop(name)
                rc |= start(name)
        else:
            print(f"fake systemctl: {verb} is not emulated", file=sys.stderr)
            return 1
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
